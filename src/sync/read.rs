//! Turns a history document back into a café: the merge result, the common base, a copy's
//! state. Whatever two copies did concurrently, the result is a valid café: a node the tree
//! rules refuse where it landed (an idea turned theme by one copy and moved under a theme by
//! the other) is kept as an unsorted idea of its table, and two nodes carrying one id (two
//! copies counting from one counter) get distinct ids — the one ours holds keeps its id.

use super::schema::{self as s};
use crate::geom::Point;
use crate::model::{
    Cafe, CafeInfo, DotKind, MAX_NODE_ID, Node, NodeId, NodeKind, Origin, Table, Votes,
};
use loro::{LoroDoc, LoroMap, LoroTree, TreeID, TreeParentId};
use std::collections::{HashMap, HashSet};

/// A café read from a history, with where each node sits in the history's tree.
pub struct Read {
    pub cafe: Cafe,
    pub nodes: HashMap<NodeId, TreeID>,
    pub tables: HashMap<NodeId, TreeID>,
    /// Nodes that got a new id because another node held theirs: (tree node, new id). The
    /// merge writes them back into the history.
    pub renumbered: Vec<(TreeID, NodeId)>,
    /// Nodes kept elsewhere than the history put them, said in a sentence each.
    pub repairs: Vec<String>,
}

/// Reads the café a history holds. `keep_ids`: tree nodes whose ids win a clash of ids.
pub fn read(doc: &LoroDoc, keep_ids: &HashSet<TreeID>) -> Result<Read, String> {
    let tree = s::tree(doc);
    let map = s::cafe_map(doc);
    let (entries, mut roots) = entries(&tree)?;
    let (ids, renumbered) = ids(&entries, keep_ids);
    let mut children: HashMap<TreeID, Vec<TreeID>> = HashMap::new();
    for (t, e) in &entries {
        if let Some(p) = e.parent {
            children.entry(p).or_default().push(*t);
        }
    }
    for list in children.values_mut() {
        list.sort_unstable_by_key(|t| ids.get(t).copied().unwrap_or(0));
    }
    sort_tables(&map, &entries, &mut roots);
    let walk = Walk {
        entries,
        ids,
        children,
    };
    let mut out = Read {
        cafe: event(&map),
        nodes: HashMap::new(),
        tables: HashMap::new(),
        renumbered,
        repairs: Vec::new(),
    };
    let mut seen_questions = HashSet::new();
    for root in roots {
        if let Some(table) = walk.table(root, &mut seen_questions, &mut out) {
            out.cafe.tables.push(table);
        }
    }
    let _ = unchain_references(&mut out.cafe);
    let max = out.nodes.keys().map(|id| id.0).max().unwrap_or(0);
    out.cafe.set_next_id(max + 1);
    out.cafe
        .validate()
        .map_err(|e| format!("the history holds an invalid map ({e})"))?;
    Ok(out)
}

/// The event's fields, dot kinds and synonyms, in a café without tables yet.
fn event(map: &LoroMap) -> Cafe {
    let info_of = |k: &str| s::string(map, k);
    let mut cafe = Cafe::new(CafeInfo {
        title: info_of(s::INFO_KEYS[0]),
        subtitle: info_of(s::INFO_KEYS[1]),
        date: info_of(s::INFO_KEYS[2]),
        place: info_of(s::INFO_KEYS[3]),
        facilitators: info_of(s::INFO_KEYS[4]),
        organisers: info_of(s::INFO_KEYS[5]),
        lang: crate::i18n::Lang::from_code(&info_of(s::INFO_KEYS[6])),
    });
    if let Some(loro::LoroValue::List(kinds)) = s::value(map, s::DOT_KINDS) {
        for k in kinds.iter().take(crate::model::MAX_DOT_KINDS) {
            let pair = s::strings(k);
            if let [name, color] = pair.as_slice()
                && let Ok(c) = color.parse::<crate::model::NoteColor>()
            {
                cafe.dot_kinds.push(DotKind {
                    name: name.clone(),
                    color: c.rgb(),
                });
            }
        }
    }
    if let Some(loro::LoroValue::List(groups)) = s::value(map, s::SYNONYMS) {
        cafe.synonyms = groups.iter().map(s::strings).collect();
    }
    cafe
}

/// Every live node's parent and fields, and the tables' roots.
fn entries(tree: &LoroTree) -> Result<(HashMap<TreeID, Entry>, Vec<TreeID>), String> {
    let mut entries: HashMap<TreeID, Entry> = HashMap::new();
    let mut roots: Vec<TreeID> = Vec::new();
    for n in tree.get_nodes(false) {
        let meta = tree.get_meta(n.id).map_err(|e| e.to_string())?;
        let parent = match n.parent {
            TreeParentId::Root => {
                roots.push(n.id);
                None
            }
            TreeParentId::Node(p) => Some(p),
            _ => continue,
        };
        entries.insert(n.id, Entry { parent, meta });
    }
    Ok((entries, roots))
}

/// Ids: every node keeps its own, unless another holds it (then the one `keep_ids` names, else
/// the older tree node, keeps it); the other gets a new one, derived from its tree node so
/// that merging a and b, or b and a, gives the same.
fn ids(
    entries: &HashMap<TreeID, Entry>,
    keep_ids: &HashSet<TreeID>,
) -> (HashMap<TreeID, u64>, Vec<(TreeID, NodeId)>) {
    let mut by_id: HashMap<u64, TreeID> = HashMap::new();
    let mut ids: HashMap<TreeID, u64> = HashMap::new();
    let mut renumbered = Vec::new();
    let mut sorted: Vec<TreeID> = entries.keys().copied().collect();
    sorted.sort_unstable_by_key(|t| (!keep_ids.contains(t), t.peer, t.counter));
    for t in &sorted {
        let Some(e) = entries.get(t) else { continue };
        if e.parent.is_none() {
            continue; // a table's root
        }
        let wanted = s::int(&e.meta, s::ID)
            .and_then(|i| u64::try_from(i).ok())
            .filter(|&i| i > 0 && i < MAX_NODE_ID);
        let id = match wanted.filter(|i| !by_id.contains_key(i)) {
            Some(i) => i,
            None => {
                let mut i = derived_id(*t);
                while by_id.contains_key(&i) {
                    i = if i + 1 >= MAX_NODE_ID / 2 {
                        1 << 40
                    } else {
                        i + 1
                    };
                }
                renumbered.push((*t, NodeId(i)));
                i
            }
        };
        by_id.insert(id, *t);
        ids.insert(*t, id);
    }
    (ids, renumbered)
}

/// Tables in the recorded order; tables one copy added and the order does not name yet come
/// after, by question id.
fn sort_tables(map: &LoroMap, entries: &HashMap<TreeID, Entry>, roots: &mut [TreeID]) {
    let order: Vec<i64> = s::value(map, s::ORDER)
        .map(|v| s::ints(&v))
        .unwrap_or_default();
    let question_of = |root: TreeID| -> Option<u64> {
        entries
            .get(&root)
            .and_then(|e| s::int(&e.meta, s::QUESTION))
            .and_then(|q| u64::try_from(q).ok())
    };
    roots.sort_unstable_by_key(|r| {
        let q = question_of(*r).unwrap_or(u64::MAX);
        let at = order
            .iter()
            .position(|&o| o as u64 == q)
            .unwrap_or(usize::MAX);
        (at, q, r.peer, r.counter)
    });
}

/// The history's tree, ready to be read table by table.
struct Walk {
    entries: HashMap<TreeID, Entry>,
    ids: HashMap<TreeID, u64>,
    children: HashMap<TreeID, Vec<TreeID>>,
}

impl Walk {
    /// The table under `root`, its nodes' places noted in `out`; `None` for a table whose
    /// question is gone or read already.
    fn table(&self, root: TreeID, seen: &mut HashSet<u64>, out: &mut Read) -> Option<Table> {
        let kids = self.children.get(&root).cloned().unwrap_or_default();
        let question = kids.iter().copied().find(|k| {
            self.entries
                .get(k)
                .is_some_and(|e| s::int(&e.meta, s::KIND) == Some(s::KIND_QUESTION))
        })?;
        let qid = *self.ids.get(&question)?;
        if !seen.insert(qid) {
            return None;
        }
        let qe = self.entries.get(&question)?;
        let mut table = Table::new(node_of(&qe.meta, NodeId(qid), NodeKind::Question));
        out.nodes.insert(NodeId(qid), question);
        out.tables.insert(NodeId(qid), root);
        let mut queue: Vec<(TreeID, Option<NodeId>)> = Vec::new();
        queue.extend(kids.iter().filter(|k| **k != question).map(|k| (*k, None)));
        for k in self.children.get(&question).into_iter().flatten() {
            queue.push((*k, Some(NodeId(qid))));
        }
        let mut i = 0;
        while let Some(&(t, parent)) = queue.get(i) {
            i += 1;
            if let Some(id) = self.place(&mut table, t, parent, out) {
                for k in self.children.get(&t).into_iter().flatten() {
                    queue.push((*k, Some(id)));
                }
            }
        }
        if let Some(root_meta) = self.entries.get(&root).map(|e| &e.meta) {
            table_fields(&mut table, root_meta);
        }
        Some(table)
    }

    /// Puts a node in its table under `parent`, or where the tree rules refuse it there, in
    /// Unsorted as an idea.
    fn place(
        &self,
        table: &mut Table,
        t: TreeID,
        parent: Option<NodeId>,
        out: &mut Read,
    ) -> Option<NodeId> {
        let (e, &id) = (self.entries.get(&t)?, self.ids.get(&t)?);
        let id = NodeId(id);
        let kind = match s::int(&e.meta, s::KIND) {
            Some(s::KIND_THEME) => NodeKind::Theme,
            _ => NodeKind::Idea,
        };
        let node = node_of(&e.meta, id, kind);
        if table.insert(node.clone(), parent).is_err() {
            let mut idea = node;
            idea.kind = NodeKind::Idea;
            table.insert(idea, None).ok()?;
            out.repairs
                .push(format!("“{}” was put in Unsorted", short(&e.meta)));
        }
        out.nodes.insert(id, t);
        Some(id)
    }
}

/// A table's links and presentation order, from its root's map.
fn table_fields(table: &mut Table, root_meta: &LoroMap) {
    if let Some(links) = s::child_map(root_meta, s::LINKS) {
        let mut keys: Vec<(u64, u64)> = links.keys().filter_map(|k| s::parse_link(&k)).collect();
        keys.sort_unstable();
        for (a, b) in keys {
            let _ = table.add_link(NodeId(a), NodeId(b));
        }
    }
    if let Some(v) = s::value(root_meta, s::THEME_ORDER) {
        table.theme_order = s::ints(&v)
            .into_iter()
            .filter_map(|i| u64::try_from(i).ok())
            .map(NodeId)
            .collect();
    }
}

/// A reference must show an original: two copies may each have made one of a pair a reference
/// to the other. The reference then shows its own text. Returns the references it undid (table,
/// node, what it referred to).
pub(super) fn unchain_references(cafe: &mut Cafe) -> Vec<(usize, NodeId, NodeId)> {
    let references: Vec<(usize, NodeId, NodeId)> = cafe
        .tables
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.nodes().filter_map(move |n| Some((i, n.id, n.refers_to?))))
        .collect();
    let mut undone = Vec::new();
    for (i, id, original) in references {
        let broken = original == id || cafe.node(original).is_some_and(|o| o.refers_to.is_some());
        if broken && let Some(n) = cafe.tables.get_mut(i).and_then(|t| t.node_mut(id)) {
            n.refers_to = None;
            undone.push((i, id, original));
        }
    }
    undone
}

struct Entry {
    parent: Option<TreeID>,
    meta: LoroMap,
}

/// A new id for a node whose id another node holds: derived from its tree node (the same in
/// every copy), in the upper half of the id range copies draw from.
fn derived_id(t: TreeID) -> u64 {
    use std::hash::{Hash, Hasher};
    // A fixed hash (not `RandomState`): every copy must derive the same id.
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    t.peer.hash(&mut h);
    t.counter.hash(&mut h);
    (1 << 51) | (h.finish() & ((1 << 51) - 1))
}

struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn short(meta: &LoroMap) -> String {
    let t = s::text(meta);
    let mut out: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    if out.chars().count() > 40 {
        out = out.chars().take(39).collect::<String>() + "…";
    }
    out
}

pub(super) fn node_of(meta: &LoroMap, id: NodeId, kind: NodeKind) -> Node {
    let pos = |k: &str| s::int(meta, k).map_or(0.0, |v| v as f32 / s::POSITION_STEPS);
    let mut node = Node::new(id, kind, s::text(meta)).at(Point::new(pos(s::X), pos(s::Y)));
    node.color = s::value(meta, s::COLOR).and_then(|v| match v {
        loro::LoroValue::String(c) => c.parse().ok(),
        _ => None,
    });
    let counts: Vec<u32> = s::VOTES
        .iter()
        .map(|k| s::counter(meta, k).round().clamp(0.0, f64::from(u32::MAX)) as u32)
        .collect();
    node.votes = Votes::from_counts(&counts);
    if let Some(list) = s::list(meta, s::TAGS) {
        // Both copies adding the same tag keep it once.
        let mut seen = HashSet::new();
        node.tags = s::strings(&list.get_value())
            .into_iter()
            .filter(|t| seen.insert(t.clone()))
            .collect();
    }
    node.note = s::string(meta, s::NOTE);
    node.hidden = s::boolean(meta, s::HIDDEN);
    node.folded = s::boolean(meta, s::FOLDED);
    node.merged_from = s::value(meta, s::MERGED_FROM)
        .map(|v| s::strings(&v))
        .unwrap_or_default();
    let small_id = |k: &str| {
        s::int(meta, k)
            .and_then(|v| u64::try_from(v).ok())
            .filter(|&v| v < MAX_NODE_ID)
            .map(NodeId)
    };
    node.origin = Origin {
        table: small_id(s::ORIGIN_TABLE),
        round: s::int(meta, s::ROUND).and_then(|r| u32::try_from(r).ok()),
        contributor: s::string(meta, s::CONTRIBUTOR),
    };
    node.owner = s::string(meta, s::OWNER);
    node.due = s::string(meta, s::DUE);
    node.refers_to = small_id(s::REFERS_TO).filter(|&r| r != id);
    node
}

/// Tree nodes that sit under a deleted node without having been deleted themselves: a copy
/// added or moved them under a theme the other copy deleted. (Nodes deleted on purpose hang
/// off the deleted root.)
pub fn hidden_nodes(tree: &LoroTree) -> Vec<(TreeID, TreeID)> {
    let nodes = tree.get_nodes(true);
    let parents: HashMap<TreeID, TreeParentId> = nodes.iter().map(|n| (n.id, n.parent)).collect();
    // Whether each node sits under the deleted root, each ancestor chain walked once (a deep
    // chain of ideas stays linear).
    let mut deleted: HashMap<TreeID, bool> = HashMap::new();
    for n in &nodes {
        let mut path = Vec::new();
        let mut at = n.id;
        let answer = loop {
            if let Some(&d) = deleted.get(&at) {
                break d;
            }
            path.push(at);
            match parents.get(&at) {
                Some(TreeParentId::Node(p)) if path.len() <= parents.len() => at = *p,
                Some(TreeParentId::Deleted) => break true,
                _ => break false,
            }
        };
        for t in path {
            deleted.insert(t, answer);
        }
    }
    let mut out: Vec<(TreeID, TreeID)> = nodes
        .iter()
        .filter_map(|n| match n.parent {
            TreeParentId::Node(p) if deleted.get(&n.id) == Some(&true) => Some((n.id, p)),
            _ => None,
        })
        .collect();
    out.sort_unstable_by_key(|(t, _)| (t.peer, t.counter));
    out
}
