//! Merging another copy of the map into ours, as a [`Review`].
//!
//! When both copies carry one history (one was sent to the other, or both come from one file),
//! Loro joins them: moves, counters (votes add up), lists (tags) and texts merge, and every item
//! of the review is something their copy changed since the copies parted. Three things Loro
//! alone would get wrong are handled here:
//! - both copies rewrote one text: Loro interleaves the two character by character; the review
//!   shows both as a conflict instead (by default ours stays, theirs is kept beside it, tagged
//!   `conflict`);
//! - one copy deleted a theme the other added ideas under: Loro hides them with the theme; they
//!   are rescued into their table's Unsorted tray, the same way whichever copy merges;
//! - both copies gave one id to two nodes (counting from one counter): the node ours holds keeps
//!   it, the other gets a new one derived from its place in the history;
//! - one copy changed a note (its text, dots, tags…) the other deleted: Loro lets the deletion
//!   win; the review shows it as a conflict, the changed note kept by default.
//!
//! Without shared history (a plain `.ron` from before histories, two copies converted apart, a
//! history set aside or trimmed past their parting) the copies are compared by id: every
//! difference is an item, their additions ticked, and nothing of ours is replaced or deleted
//! without a tick.

use super::encode::Birth;
use super::read::{self, Read};
use super::review::{Change, Choice, Deleter, Field, Item, ItemKind, MergeMode, Review};
use super::schema::{self as s};
use super::{Replica, encode};
use crate::edit::Placed;
use crate::model::{Cafe, Node, NodeId, NodeKind, Table};
use loro::{ExportMode, LoroDoc, TreeID, VersionVector};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How a node is matched across copies: its tree node (three-way) or its id (two-way).
type Key = (u64, i64);

fn tkey(t: TreeID) -> Key {
    (t.peer, i64::from(t.counter))
}

fn ikey(id: NodeId) -> Key {
    (0, id.0 as i64)
}

/// Merges `theirs` into `ours`: what applying the review would change in ours.
pub fn merge(ours: &Cafe, theirs: &Cafe) -> Review {
    match three_way(ours, theirs) {
        Ok(review) => review,
        Err(reason) => two_way(ours, theirs, reason),
    }
}

/// What a copy's history gives the merge (ours: a fork to work on; theirs: the changes ours
/// lacks, exported), and where its nodes sit.
struct Held<T> {
    taken: T,
    /// Every version the copy's history holds.
    vv: VersionVector,
    nodes: HashMap<NodeId, TreeID>,
    tables: HashMap<NodeId, TreeID>,
    birth: Option<Arc<Birth>>,
}

fn held<T>(
    cafe: &Cafe,
    whose: &str,
    take: impl FnOnce(&LoroDoc) -> Result<T, String>,
) -> Result<Held<T>, String> {
    if let Some(why) = cafe.history.notice() {
        return Err(format!("{whose} copy's history was set aside: {why}"));
    }
    if !cafe.history.is_live() {
        return Err(format!("{whose} copy carries no history"));
    }
    cafe.history
        .with_replica(cafe, |r| {
            Ok(Held {
                taken: take(&r.doc)?,
                vv: r.doc.oplog_vv(),
                nodes: r.nodes.clone(),
                tables: r.tables.clone(),
                birth: r.birth.clone(),
            })
        })
        .unwrap_or_else(|| {
            Err(match cafe.history.notice() {
                Some(why) => format!("{whose} copy's history was set aside: {why}"),
                None => format!("{whose} copy carries no history"),
            })
        })
}

fn trimmed() -> String {
    "a history was trimmed after the copies parted: they are compared note by note".to_owned()
}

fn three_way(ours: &Cafe, theirs: &Cafe) -> Result<Review, String> {
    // A copy whose document was edited elsewhere rebuilds its history with the other's birth.
    theirs.history.borrow_birth(&ours.history);
    ours.history.borrow_birth(&theirs.history);
    // A history read from a file is imported when first needed: the two copies' imports are
    // the largest part of a merge and need nothing from each other, so theirs runs beside ours.
    std::thread::scope(|scope| {
        scope.spawn(|| encode::guarded(|| Ok(theirs.history.with_replica(theirs, |_| ()))));
        three_way_held(ours, theirs)
    })
}

fn three_way_held(ours: &Cafe, theirs: &Cafe) -> Result<Review, String> {
    let o = held(ours, "your", |doc| Ok(doc.fork()))?;
    // Of theirs, only the changes ours lacks: no fork of their whole history.
    let t = held(theirs, "their", |doc| {
        doc.export(ExportMode::updates(&o.vv))
            .map_err(|_| trimmed())
    })?;
    encode::guarded(|| joined(ours, theirs, o, t))
}

fn joined(
    ours: &Cafe,
    theirs: &Cafe,
    o: Held<LoroDoc>,
    t: Held<Vec<u8>>,
) -> Result<Review, String> {
    let shared = o.vv.intersection(&t.vv);
    if shared.is_empty() {
        return Err("the two copies do not share a history (each was converted on its own)".into());
    }
    let merged = o.taken;
    s::fresh_peer(&merged);
    // Their changes cannot stand on ours when ours lacks their base (a history trimmed
    // since): `import` then leaves them pending.
    let status = merged.import(&t.taken).map_err(|_| trimmed())?;
    if status.pending.is_some() {
        return Err(trimmed());
    }
    // The common base: the joined history checked out where the copies parted (undoing only
    // what changed since, rather than forking the whole history there), then back.
    merged
        .checkout(&merged.vv_to_frontiers(&shared))
        .map_err(|_| trimmed())?;
    let base = read::read(&merged, &HashSet::new());
    merged.checkout_to_latest();
    let base = base?;
    let keep: HashSet<TreeID> = o.nodes.values().copied().collect();

    // Ids two nodes share, and ideas hidden under a theme the other copy deleted: put right
    // in the joined history itself, so that it holds what the review shows.
    let first = read::read(&merged, &keep)?;
    let tree = s::tree(&merged);
    let mut touched = false;
    for (node, id) in &first.renumbered {
        if let Ok(meta) = tree.get_meta(*node) {
            meta.insert(s::ID, id.0 as i64).map_err(|e| e.to_string())?;
            touched = true;
        }
    }
    let ours_view = View::of_tree(ours, &o.nodes, &o.tables);
    let theirs_view = View::of_tree(theirs, &t.nodes, &t.tables);
    let base_view = View::of_read(&base);
    let rescued = rescue(&tree, [&ours_view, &theirs_view], &base_view)?;
    touched |= !rescued.is_empty();
    let result = if touched {
        merged.commit();
        read::read(&merged, &keep)?
    } else {
        first
    };
    let merged_view = View::of_read(&result);
    let mut notices = result.repairs.clone();
    if !rescued.is_empty() {
        notices.push(format!(
            "{} note(s) added under a theme the other copy deleted were kept in Unsorted",
            rescued.len()
        ));
    }
    let items = Differ {
        ours: &ours_view,
        proposed: &merged_view,
        base: Some(&base_view),
        theirs: Some(&theirs_view),
        rescued: &rescued,
    }
    .items();
    let replica = Replica {
        doc: merged,
        shadow: result.cafe.without_history(),
        nodes: result.nodes.clone(),
        tables: result.tables.clone(),
        encoded: Default::default(),
        handed: None,
        // The joined history is ours with their changes: it holds our birth.
        birth: o.birth,
    };
    Ok(Review {
        mode: MergeMode::ThreeWay,
        items,
        notices,
        merged: Some(replica),
    })
}

/// Ideas hidden under a theme the other copy deleted, that a copy added or moved there: moved
/// into their table's Unsorted tray in the joined history (the same whichever copy merges).
/// Returns them with the deleted theme's text.
fn rescue(
    tree: &loro::LoroTree,
    sides: [&View; 2],
    base_view: &View,
) -> Result<HashMap<Key, String>, String> {
    let mut rescued: HashMap<Key, String> = HashMap::new();
    let [ours_view, theirs_view] = sides;
    let hidden = read::hidden_nodes(tree);
    let hidden_set: HashSet<TreeID> = hidden.iter().map(|(n, _)| *n).collect();
    let placed_by = |side: &View, k: Key| -> bool {
        side.id_of.contains_key(&k)
            && (!base_view.id_of.contains_key(&k) || base_view.place(k) != side.place(k))
    };
    // Topmost first: an idea added under a rescued idea comes along with it.
    let mut order: Vec<&(TreeID, TreeID)> = hidden.iter().collect();
    order.sort_by_key(|(n, p)| (hidden_set.contains(p), n.peer, n.counter));
    for (node, parent) in order {
        let k = tkey(*node);
        if !(placed_by(ours_view, k) || placed_by(theirs_view, k)) {
            continue;
        }
        if !tree.is_node_deleted(node).unwrap_or(false) {
            continue; // came along with its parent
        }
        let side = if ours_view.id_of.contains_key(&k) {
            ours_view
        } else {
            theirs_view
        };
        let alive = |r: &TreeID| tree.contains(*r) && !tree.is_node_deleted(r).unwrap_or(true);
        let root = side
            .place(k)
            .map(|(table, _)| (table.0, table.1))
            .and_then(|(peer, counter)| {
                let r = TreeID {
                    peer,
                    counter: i32::try_from(counter).ok()?,
                };
                Some(r).filter(alive)
            })
            .or_else(|| tree.roots().into_iter().find(alive));
        let Some(root) = root else { continue };
        tree.mov(*node, root).map_err(|e| e.to_string())?;
        if let Ok(meta) = tree.get_meta(*node)
            && s::int(&meta, s::KIND) != Some(s::KIND_IDEA)
        {
            meta.insert(s::KIND, s::KIND_IDEA)
                .map_err(|e| e.to_string())?;
        }
        let theme = tree
            .get_meta(*parent)
            .map(|m| s::text(&m))
            .unwrap_or_default();
        rescued.insert(k, theme);
    }
    Ok(rescued)
}

fn two_way(ours: &Cafe, theirs: &Cafe, reason: String) -> Review {
    let ours_view = View::by_id(ours, None);
    let theirs_view = View::by_id(theirs, Some(ours));
    let items = Differ {
        ours: &ours_view,
        proposed: &theirs_view,
        base: None,
        theirs: None,
        rescued: &HashMap::new(),
    }
    .items();
    Review {
        mode: MergeMode::TwoWay(reason),
        items,
        notices: Vec::new(),
        merged: None,
    }
}

/// One copy as the diff sees it.
struct View<'a> {
    cafe: &'a Cafe,
    key_of: HashMap<NodeId, Key>,
    id_of: HashMap<Key, NodeId>,
    /// Each table's key, by its question's id, and back.
    table_key: HashMap<NodeId, Key>,
    question_of: HashMap<Key, NodeId>,
    /// Where each node sits: (its table's key, its parent's key or none for Unsorted).
    places: HashMap<Key, (Key, Option<Key>)>,
}

impl<'a> View<'a> {
    fn of_tree(
        cafe: &'a Cafe,
        nodes: &HashMap<NodeId, TreeID>,
        tables: &HashMap<NodeId, TreeID>,
    ) -> View<'a> {
        View::build(
            cafe,
            nodes.iter().map(|(id, t)| (*id, tkey(*t))).collect(),
            tables.iter().map(|(q, t)| (*q, tkey(*t))).collect(),
        )
    }

    fn of_read(r: &'a Read) -> View<'a> {
        View::of_tree(&r.cafe, &r.nodes, &r.tables)
    }

    /// Keys by id. With `ours`, a node whose id ours gives a node of another kind is another
    /// node (two copies counted from one counter): it gets a key of its own.
    fn by_id(cafe: &'a Cafe, ours: Option<&Cafe>) -> View<'a> {
        let mut key_of = HashMap::new();
        for t in &cafe.tables {
            for n in t.nodes() {
                let other = ours
                    .and_then(|o| o.node(n.id))
                    .is_some_and(|o| o.kind != n.kind);
                key_of.insert(
                    n.id,
                    if other {
                        (1, n.id.0 as i64)
                    } else {
                        ikey(n.id)
                    },
                );
            }
        }
        let tables = cafe
            .tables
            .iter()
            .map(|t| {
                (
                    t.question(),
                    key_of
                        .get(&t.question())
                        .copied()
                        .unwrap_or(ikey(t.question())),
                )
            })
            .collect();
        View::build(cafe, key_of, tables)
    }

    fn build(
        cafe: &'a Cafe,
        key_of: HashMap<NodeId, Key>,
        table_key: HashMap<NodeId, Key>,
    ) -> View<'a> {
        let id_of = key_of.iter().map(|(id, k)| (*k, *id)).collect();
        let question_of = table_key.iter().map(|(q, k)| (*k, *q)).collect();
        let mut places = HashMap::new();
        for t in &cafe.tables {
            let Some(&tk) = table_key.get(&t.question()) else {
                continue;
            };
            for n in t.nodes() {
                let Some(&k) = key_of.get(&n.id) else {
                    continue;
                };
                let parent = t.parent(n.id).and_then(|p| key_of.get(&p).copied());
                places.insert(k, (tk, parent));
            }
        }
        View {
            cafe,
            key_of,
            id_of,
            table_key,
            question_of,
            places,
        }
    }

    fn node(&self, k: Key) -> Option<&'a Node> {
        self.cafe.node(*self.id_of.get(&k)?)
    }

    fn place(&self, k: Key) -> Option<(Key, Option<Key>)> {
        self.places.get(&k).copied()
    }
}

/// Builds the items that take `ours` to `proposed` (the merge, or their copy).
struct Differ<'a, 'v> {
    ours: &'a View<'v>,
    proposed: &'a View<'v>,
    /// Three-way merges only.
    base: Option<&'a View<'v>>,
    theirs: Option<&'a View<'v>>,
    rescued: &'a HashMap<Key, String>,
}

fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s: String = one_line.chars().take(50).collect();
    if one_line.chars().count() > 50 {
        s.push('…');
    }
    format!("“{s}”")
}

fn kind_word(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Question => "question",
        NodeKind::Theme => "theme",
        NodeKind::Idea => "idea",
    }
}

/// Whether a note's content changed (what a partner wrote, not where it sits).
fn content_changed(before: &Node, after: &Node) -> bool {
    before.text != after.text
        || before.votes != after.votes
        || before.tags != after.tags
        || before.color != after.color
        || before.note != after.note
        || before.owner != after.owner
        || before.due != after.due
}

fn describe(n: &Node) -> String {
    format!("{} {}", kind_word(n.kind), quote(&n.text))
}

impl Differ<'_, '_> {
    fn two_way(&self) -> bool {
        self.base.is_none()
    }

    /// Ours' id for a node of the proposal (new nodes keep theirs).
    fn our_id(&self, k: Key, theirs: NodeId) -> NodeId {
        self.ours.id_of.get(&k).copied().unwrap_or(theirs)
    }

    fn item(&self, table: Option<NodeId>, kind: ItemKind, text: String, change: Change) -> Item {
        // Two-way: only their additions are ticked; nothing of ours is replaced or deleted
        // without a tick (conflicts keep both texts).
        let ticked = !self.two_way()
            || matches!(
                kind,
                ItemKind::Added | ItemKind::TableAdded | ItemKind::TextConflict
            );
        let subject = self.subject(&change);
        Item {
            table,
            kind,
            text,
            subject,
            change,
            ticked,
            choice: Choice::Both,
        }
    }

    /// What an item is about, as the copies word it.
    fn subject(&self, change: &Change) -> String {
        let node = |id: &NodeId| {
            self.ours
                .cafe
                .node(*id)
                .or(self.proposed.cafe.node(*id))
                .map(|n| n.text.clone())
                .unwrap_or_default()
        };
        match change {
            Change::AddTable { table, .. } => table.question_node().text.clone(),
            Change::RemoveTable { question } | Change::Links { question, .. } => node(question),
            Change::ThemeOrder { question, .. } => node(question),
            Change::Insert { nodes, .. } => nodes
                .first()
                .map(|p| p.node.text.clone())
                .unwrap_or_default(),
            Change::Remove { id } | Change::Move { id, .. } | Change::Set { id, .. } => node(id),
            Change::TextConflict { ours, .. } => ours.clone(),
            Change::EditDeleted { text, .. } => text.clone(),
            Change::Info(info) => info.title.clone(),
            Change::DotKinds(_) | Change::Synonyms(_) | Change::TableOrder(_) => {
                self.proposed.cafe.info.title.clone()
            }
        }
    }

    fn items(&self) -> Vec<Item> {
        let mut items = Vec::new();
        self.event(&mut items);
        let mut covered: HashSet<Key> = self.edited_and_deleted(&mut items);
        self.tables_added(&mut covered, &mut items);
        self.tables_gone(&mut items);
        self.table_order(&mut items);
        self.nodes(&mut covered, &mut items);
        self.nodes_gone(&covered, &mut items);
        let (o, p) = (self.ours, self.proposed);
        items.sort_by_key(|i| {
            let t = i
                .table
                .and_then(|q| p.cafe.table_of(q).or(o.cafe.table_of(q)))
                .map_or(0, |t| t + 1);
            (t, i.kind)
        });
        items
    }

    /// Tables they added (with everything new in them).
    fn tables_added(&self, covered: &mut HashSet<Key>, items: &mut Vec<Item>) {
        let (o, p) = (self.ours, self.proposed);
        for (index, table) in p.cafe.tables.iter().enumerate() {
            let q = table.question();
            let Some(&tk) = p.table_key.get(&q) else {
                continue;
            };
            if o.question_of.contains_key(&tk) {
                continue;
            }
            let new_table = self.new_table(table, covered);
            items.push(self.item(
                Some(q),
                ItemKind::TableAdded,
                format!(
                    "table added: {} ({} notes)",
                    quote(&table.question_node().text),
                    new_table.len() - 1
                ),
                Change::AddTable {
                    index,
                    table: Box::new(new_table),
                },
            ));
        }
    }

    /// Tables they deleted.
    fn tables_gone(&self, items: &mut Vec<Item>) {
        let (o, p) = (self.ours, self.proposed);
        for table in &o.cafe.tables {
            let Some(&tk) = o.table_key.get(&table.question()) else {
                continue;
            };
            if !p.question_of.contains_key(&tk) {
                let text = if self.two_way() {
                    "table not in their copy"
                } else {
                    "table deleted"
                };
                items.push(self.item(
                    Some(table.question()),
                    ItemKind::TableRemoved,
                    format!("{text}: {}", quote(&table.question_node().text)),
                    Change::RemoveTable {
                        question: table.question(),
                    },
                ));
            }
        }
    }

    /// The tables both copies have, put in another order.
    fn table_order(&self, items: &mut Vec<Item>) {
        let (o, p) = (self.ours, self.proposed);
        let ours_order: Vec<Key> = o
            .cafe
            .tables
            .iter()
            .filter_map(|t| o.table_key.get(&t.question()).copied())
            .filter(|k| p.question_of.contains_key(k))
            .collect();
        let their_order: Vec<Key> = p
            .cafe
            .tables
            .iter()
            .filter_map(|t| p.table_key.get(&t.question()).copied())
            .filter(|k| o.question_of.contains_key(k))
            .collect();
        if ours_order != their_order {
            let order = p
                .cafe
                .tables
                .iter()
                .map(|t| {
                    let k = p.table_key.get(&t.question()).copied();
                    k.and_then(|k| o.question_of.get(&k).copied())
                        .unwrap_or(t.question())
                })
                .collect();
            items.push(self.item(
                None,
                ItemKind::Event,
                "tables put in another order".into(),
                Change::TableOrder(order),
            ));
        }
    }

    /// Nodes, table by table, parents before children: added, or changed.
    fn nodes(&self, covered: &mut HashSet<Key>, items: &mut Vec<Item>) {
        let (o, p) = (self.ours, self.proposed);
        for table in &p.cafe.tables {
            let q = table.question();
            let Some(&tk) = p.table_key.get(&q) else {
                continue;
            };
            let our_q = o.question_of.get(&tk).copied().unwrap_or(q);
            let mut ids = table.subtree(q);
            for u in table.unsorted() {
                ids.extend(table.subtree(u));
            }
            for id in ids {
                let (Some(&k), Some(n)) = (p.key_of.get(&id), table.node(id)) else {
                    continue;
                };
                if covered.contains(&k) {
                    continue;
                }
                match o.node(k) {
                    None => self.added(table, our_q, id, k, covered, items),
                    Some(old) => self.changed(table, our_q, old, n, k, items),
                }
            }
            self.links_and_order(table, our_q, items);
        }
    }

    /// Nodes they deleted (the topmost of each deleted subtree).
    fn nodes_gone(&self, covered: &HashSet<Key>, items: &mut Vec<Item>) {
        let (o, p) = (self.ours, self.proposed);
        for table in &o.cafe.tables {
            let Some(&tk) = o.table_key.get(&table.question()) else {
                continue;
            };
            if !p.question_of.contains_key(&tk) {
                continue;
            }
            for n in table.nodes() {
                let Some(&k) = o.key_of.get(&n.id) else {
                    continue;
                };
                if p.id_of.contains_key(&k) || covered.contains(&k) {
                    continue;
                }
                let parent_gone = table
                    .parent(n.id)
                    .and_then(|pid| o.key_of.get(&pid))
                    .is_some_and(|pk| !p.id_of.contains_key(pk));
                if parent_gone {
                    continue;
                }
                let what = if self.two_way() {
                    "not in their copy"
                } else {
                    "deleted"
                };
                let below = table.subtree(n.id).len() - 1;
                let more = if below > 0 {
                    format!(" (with {below} below it)")
                } else {
                    String::new()
                };
                items.push(self.item(
                    Some(table.question()),
                    ItemKind::Removed,
                    format!("{what}: {}{more}", describe(n)),
                    Change::Remove { id: n.id },
                ));
            }
        }
    }

    /// Three-way only: notes one copy changed and the other deleted (the topmost of each
    /// subtree), as conflicts. Returns our notes whose item this is, so that they are not
    /// listed as deleted too.
    fn edited_and_deleted(&self, items: &mut Vec<Item>) -> HashSet<Key> {
        let mut covered = HashSet::new();
        let (Some(base), Some(theirs)) = (self.base, self.theirs) else {
            return covered;
        };
        let gone = |k: &Key| !self.proposed.id_of.contains_key(k);
        // Changed in `side` since the copies parted, deleted in the other copy.
        let conflicted = |side: &View, other: &View, k: &Key| {
            !other.id_of.contains_key(k)
                && gone(k)
                && base
                    .node(*k)
                    .zip(side.node(*k))
                    .is_some_and(|(b, n)| content_changed(b, n))
        };
        for (side, other) in [(theirs, self.ours), (self.ours, theirs)] {
            for table in &side.cafe.tables {
                for n in table.nodes() {
                    let Some(k) = side.key_of.get(&n.id) else {
                        continue;
                    };
                    let above = |id: NodeId| {
                        side.key_of
                            .get(&id)
                            .is_some_and(|a| conflicted(side, other, a))
                    };
                    if !conflicted(side, other, k) {
                        continue;
                    }
                    let mut up = table.parent(n.id);
                    let mut topmost = true;
                    while let Some(p) = up {
                        topmost &= !above(p);
                        up = table.parent(p);
                    }
                    if !topmost {
                        continue;
                    }
                    let ours_side = std::ptr::eq(side, self.ours);
                    if ours_side {
                        let within = table
                            .parent(n.id)
                            .and_then(|p| side.key_of.get(&p))
                            .is_some_and(&gone);
                        if !within {
                            covered.insert(*k);
                        }
                        items.push(self.edit_deleted(table, n, Deleter::Theirs { within }));
                    } else {
                        let (nodes, links) = self.restored(table, n.id);
                        items.push(self.edit_deleted(table, n, Deleter::Ours { nodes, links }));
                    }
                }
            }
        }
        covered
    }

    /// Their version of a note we deleted, with what hangs below it that we deleted too.
    fn restored(&self, table: &Table, id: NodeId) -> (Vec<Placed>, Vec<(NodeId, NodeId)>) {
        let Some(theirs) = self.theirs else {
            return (Vec::new(), Vec::new());
        };
        let parent = table.parent(id).map(|pid| {
            theirs
                .key_of
                .get(&pid)
                .map_or(pid, |pk| self.our_id(*pk, pid))
        });
        let mut nodes = Vec::new();
        let mut queue = vec![id];
        let mut i = 0;
        while let Some(&n) = queue.get(i) {
            i += 1;
            let Some(k) = theirs.key_of.get(&n) else {
                continue;
            };
            // Kept by us, or in the merge (rescued): not ours to bring back.
            if self.ours.id_of.contains_key(k) || self.proposed.id_of.contains_key(k) {
                continue;
            }
            let Some(node) = table.node(n) else { continue };
            nodes.push(Placed {
                node: node.clone(),
                parent: if n == id { parent } else { table.parent(n) },
            });
            queue.extend(table.children(n));
        }
        let inserted: HashSet<NodeId> = nodes.iter().map(|pl| pl.node.id).collect();
        let links = table
            .links()
            .into_iter()
            .filter(|(a, b)| inserted.contains(a) && inserted.contains(b))
            .collect();
        (nodes, links)
    }

    fn edit_deleted(&self, table: &Table, n: &Node, deleted_by: Deleter) -> Item {
        let side = if matches!(deleted_by, Deleter::Ours { .. }) {
            self.theirs.unwrap_or(self.proposed)
        } else {
            self.ours
        };
        let question = side
            .table_key
            .get(&table.question())
            .and_then(|tk| self.ours.question_of.get(tk))
            .copied()
            .unwrap_or(table.question());
        let text = match deleted_by {
            Deleter::Ours { .. } => format!(
                "conflict: their copy changed {}, which you deleted; kept",
                describe(n)
            ),
            Deleter::Theirs { .. } => format!(
                "conflict: you changed {}, which their copy deleted; kept",
                describe(n)
            ),
        };
        let mut item = self.item(
            Some(question),
            ItemKind::EditDeleted,
            text,
            Change::EditDeleted {
                question,
                id: n.id,
                text: n.text.clone(),
                deleted_by,
            },
        );
        item.ticked = true;
        item
    }

    fn event(&self, items: &mut Vec<Item>) {
        let (o, p) = (self.ours.cafe, self.proposed.cafe);
        if o.info != p.info {
            items.push(self.item(
                None,
                ItemKind::Event,
                format!("event details: {}", quote(&p.info.title)),
                Change::Info(p.info.clone()),
            ));
        }
        if o.dot_kinds != p.dot_kinds {
            let names: Vec<&str> = p.dot_kinds.iter().map(|k| k.name.as_str()).collect();
            items.push(self.item(
                None,
                ItemKind::Event,
                format!("dot kinds: {}", names.join(", ")),
                Change::DotKinds(p.dot_kinds.clone()),
            ));
        }
        if o.synonyms != p.synonyms {
            items.push(self.item(
                None,
                ItemKind::Event,
                format!("synonyms: {} groups", p.synonyms.len()),
                Change::Synonyms(p.synonyms.clone()),
            ));
        }
    }

    /// A table they added, with the nodes new to ours below its question.
    fn new_table(&self, table: &Table, covered: &mut HashSet<Key>) -> Table {
        let p = self.proposed;
        let mut out = Table::new(table.question_node().clone());
        if let Some(&k) = p.key_of.get(&table.question()) {
            covered.insert(k);
        }
        let mut queue: Vec<NodeId> = table.children(table.question());
        queue.extend(table.unsorted());
        let mut i = 0;
        while let Some(&id) = queue.get(i) {
            i += 1;
            let Some(&k) = p.key_of.get(&id) else {
                continue;
            };
            if self.ours.id_of.contains_key(&k) {
                continue; // one of ours moved here: a move of its own
            }
            let Some(n) = table.node(id) else { continue };
            if out.insert(n.clone(), table.parent(id)).is_ok() {
                covered.insert(k);
                queue.extend(table.children(id));
            }
        }
        for (a, b) in table.links() {
            let _ = out.add_link(a, b);
        }
        out.theme_order = table.theme_order.clone();
        out
    }

    fn added(
        &self,
        table: &Table,
        our_q: NodeId,
        id: NodeId,
        k: Key,
        covered: &mut HashSet<Key>,
        items: &mut Vec<Item>,
    ) {
        let p = self.proposed;
        let parent = table
            .parent(id)
            .map(|pid| p.key_of.get(&pid).map_or(pid, |pk| self.our_id(*pk, pid)));
        let mut nodes = Vec::new();
        let mut queue = vec![id];
        let mut i = 0;
        while let Some(&n) = queue.get(i) {
            i += 1;
            let Some(&nk) = p.key_of.get(&n) else {
                continue;
            };
            if self.ours.id_of.contains_key(&nk) {
                continue;
            }
            let Some(node) = table.node(n) else { continue };
            covered.insert(nk);
            nodes.push(Placed {
                node: node.clone(),
                parent: if n == id { parent } else { table.parent(n) },
            });
            queue.extend(table.children(n));
        }
        let inserted: HashSet<NodeId> = nodes.iter().map(|pl| pl.node.id).collect();
        let links = table
            .links()
            .into_iter()
            .filter(|(a, b)| inserted.contains(a) || inserted.contains(b))
            .collect();
        let Some(n) = table.node(id) else { return };
        let under = parent
            .and_then(|pid| table.node(pid).or(self.ours.cafe.node(pid)))
            .map(|pn| format!(" under {}", quote(&pn.text)))
            .unwrap_or_else(|| " in Unsorted".to_owned());
        let more = if nodes.len() > 1 {
            format!(" (with {} below it)", nodes.len() - 1)
        } else {
            String::new()
        };
        let (kind, text) = match self.rescued.get(&k) {
            Some(theme) => (
                ItemKind::Rescued,
                format!(
                    "rescued: {}{more} was added under {}, which the other copy deleted; kept in Unsorted",
                    describe(n),
                    quote(theme)
                ),
            ),
            None => (
                ItemKind::Added,
                format!("added: {}{under}{more}", describe(n)),
            ),
        };
        items.push(self.item(
            Some(our_q),
            kind,
            text,
            Change::Insert {
                question: our_q,
                nodes,
                links,
            },
        ));
    }

    fn changed(
        &self,
        table: &Table,
        our_q: NodeId,
        old: &Node,
        new: &Node,
        k: Key,
        items: &mut Vec<Item>,
    ) {
        self.moved(table, our_q, old, new, k, items);
        self.fields(our_q, old, new, k, items);
    }

    /// Where it hangs, when that changed (a move, or a rescue).
    fn moved(
        &self,
        table: &Table,
        our_q: NodeId,
        old: &Node,
        new: &Node,
        k: Key,
        items: &mut Vec<Item>,
    ) {
        let (o, p) = (self.ours, self.proposed);
        let id = old.id;
        let t = Some(our_q);
        let what = describe(old);
        let here = o.place(k);
        let there = p.place(k);
        if here != there
            && let Some((_, parent_key)) = there
        {
            let parent = table
                .parent(new.id)
                .map(|pid| parent_key.map_or(pid, |pk| self.our_id(pk, pid)));
            let to = parent
                .and_then(|pid| table.node(pid).or(o.cafe.node(pid)))
                .map(|pn| format!("under {}", quote(&pn.text)))
                .unwrap_or_else(|| "to Unsorted".to_owned());
            let (kind, text) = match self.rescued.get(&k) {
                Some(theme) => (
                    ItemKind::Rescued,
                    format!(
                        "rescued: {what} was under {}, which the other copy deleted; kept in Unsorted",
                        quote(theme)
                    ),
                ),
                None => (ItemKind::Moved, format!("moved: {what} {to}")),
            };
            items.push(self.item(
                t,
                kind,
                text,
                Change::Move {
                    id,
                    question: our_q,
                    parent,
                },
            ));
        }
    }

    /// Each field that differs: its kind, text, dots, tags, colour, origin, action…
    fn fields(&self, our_q: NodeId, old: &Node, new: &Node, k: Key, items: &mut Vec<Item>) {
        let id = old.id;
        let t = Some(our_q);
        let what = describe(old);
        if old.kind != new.kind {
            items.push(self.item(
                t,
                ItemKind::Other,
                format!("{what} became a {}", kind_word(new.kind)),
                Change::Set {
                    id,
                    field: Field::Kind(new.kind),
                },
            ));
        }
        if old.text != new.text {
            self.text(id, k, old, new, items, t);
        }
        let mut set = |kind: ItemKind, text: String, field: Field| {
            items.push(self.item(t, kind, text, Change::Set { id, field }));
        };
        if old.votes != new.votes {
            set(
                ItemKind::Votes,
                format!(
                    "votes on {what}: {} → {}",
                    old.votes.total(),
                    new.votes.total()
                ),
                Field::Votes(new.votes),
            );
        }
        if old.tags != new.tags {
            let tags = |n: &Node| {
                n.tags
                    .iter()
                    .map(|t| format!("#{t}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            set(
                ItemKind::Tags,
                format!("tags of {what}: {}", tags(new)),
                Field::Tags(new.tags.clone()),
            );
        }
        if old.color != new.color {
            let c = new.color.map_or("inherited".to_owned(), |c| c.to_string());
            set(
                ItemKind::Color,
                format!("colour of {what}: {c}"),
                Field::Color(new.color),
            );
        }
        if old.origin != new.origin {
            set(
                ItemKind::Origin,
                format!("origin of {what}"),
                Field::Origin(new.origin.clone()),
            );
        }
        if old.owner != new.owner || old.due != new.due {
            set(
                ItemKind::Action,
                format!("action {what}: {} {}", new.owner, new.due),
                Field::Action {
                    owner: new.owner.clone(),
                    due: new.due.clone(),
                },
            );
        }
        self.other_fields(our_q, old, new, items);
    }

    /// The fields the review groups as "changed": speaker notes, shown, folded, pieces, place.
    fn other_fields(&self, our_q: NodeId, old: &Node, new: &Node, items: &mut Vec<Item>) {
        let (id, t, what) = (old.id, Some(our_q), describe(old));
        let mut set = |kind: ItemKind, text: String, field: Field| {
            items.push(self.item(t, kind, text, Change::Set { id, field }));
        };
        if old.note != new.note {
            set(
                ItemKind::Other,
                format!("speaker notes of {what}"),
                Field::Note(new.note.clone()),
            );
        }
        if old.hidden != new.hidden {
            let h = if new.hidden {
                "hidden from"
            } else {
                "shown in"
            };
            set(
                ItemKind::Other,
                format!("{what} {h} the presentation"),
                Field::Hidden(new.hidden),
            );
        }
        if old.folded != new.folded {
            let f = if new.folded { "folded" } else { "unfolded" };
            set(
                ItemKind::Other,
                format!("{what} {f}"),
                Field::Folded(new.folded),
            );
        }
        if old.merged_from != new.merged_from {
            set(
                ItemKind::Other,
                format!("pieces {what} was joined from"),
                Field::MergedFrom(new.merged_from.clone()),
            );
        }
        let steps = |v: f32| (v * s::POSITION_STEPS).round() as i64;
        if steps(old.pos.x) != steps(new.pos.x) || steps(old.pos.y) != steps(new.pos.y) {
            set(
                ItemKind::Other,
                format!("{what} moved on the map"),
                Field::Pos(new.pos),
            );
        }
    }

    fn text(
        &self,
        id: NodeId,
        k: Key,
        old: &Node,
        new: &Node,
        items: &mut Vec<Item>,
        t: Option<NodeId>,
    ) {
        let theirs_text = match (self.base, self.theirs) {
            (Some(base), Some(theirs)) => {
                let b = base.node(k).map(|n| n.text.as_str());
                let th = theirs.node(k).map(|n| n.text.as_str());
                match (b, th) {
                    // Both rewrote it (and not alike): a conflict.
                    (Some(b), Some(th)) if b != old.text && b != th && th != old.text => {
                        Some(th.to_owned())
                    }
                    _ => None,
                }
            }
            _ => Some(new.text.clone()),
        };
        match theirs_text {
            Some(theirs) => items.push(self.item(
                t,
                ItemKind::TextConflict,
                format!(
                    "conflict: {} was rewritten in both copies: ours {}, theirs {}",
                    kind_word(old.kind),
                    quote(&old.text),
                    quote(&theirs)
                ),
                Change::TextConflict {
                    id,
                    ours: old.text.clone(),
                    theirs,
                },
            )),
            None => items.push(self.item(
                t,
                ItemKind::Text,
                format!("text: {} → {}", quote(&old.text), quote(&new.text)),
                Change::Set {
                    id,
                    field: Field::Text(new.text.clone()),
                },
            )),
        }
    }

    fn links_and_order(&self, table: &Table, our_q: NodeId, items: &mut Vec<Item>) {
        let (o, p) = (self.ours, self.proposed);
        let Some(ours_table) = o.cafe.table_of(our_q).and_then(|i| o.cafe.tables.get(i)) else {
            return;
        };
        let to_ours = |id: NodeId| p.key_of.get(&id).map_or(id, |k| self.our_id(*k, id));
        let theirs: HashSet<(NodeId, NodeId)> = table
            .links()
            .into_iter()
            .map(|(a, b)| (to_ours(a), to_ours(b)))
            .collect();
        let ours: HashSet<(NodeId, NodeId)> = ours_table.links().into_iter().collect();
        let mut add: Vec<_> = theirs.difference(&ours).copied().collect();
        let mut remove: Vec<_> = ours.difference(&theirs).copied().collect();
        add.sort_unstable();
        remove.sort_unstable();
        if !add.is_empty() || !remove.is_empty() {
            items.push(self.item(
                Some(our_q),
                ItemKind::Links,
                format!("links: {} added, {} removed", add.len(), remove.len()),
                Change::Links {
                    question: our_q,
                    add,
                    remove,
                },
            ));
        }
        let order: Vec<NodeId> = table.theme_order.iter().map(|&id| to_ours(id)).collect();
        if order != ours_table.theme_order {
            items.push(self.item(
                Some(our_q),
                ItemKind::Other,
                "order of the themes in the presentation".into(),
                Change::ThemeOrder {
                    question: our_q,
                    order,
                },
            ));
        }
    }
}
