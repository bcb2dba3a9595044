//! Records the café as a new change of its history: only what differs from what the history
//! last held (`Replica::shadow`), field by field, so that a partner's change to another field
//! of the same note merges with ours.

use super::Replica;
use super::schema::{self as s};
use crate::model::{Cafe, Node, NodeId, NodeKind, Table};
use loro::{LoroMap, LoroResult, LoroValue, TreeID, TreeParentId, UpdateOptions};
use std::collections::{HashMap, HashSet};

/// New nodes deeper than this are created at the top of the tree, filled in, and only then moved
/// under their parent. Loro checks every change to a note by climbing from it to the root, so
/// filling in a note where it belongs costs its depth: the birth of a 10,000-deep chain of ideas
/// would climb 50 million steps. A parked note costs one move more in the history; no map a
/// person makes is this deep.
pub(super) const PARK_BELOW: usize = 64;

/// Writes the difference between `cafe` and the history's state as one change; returns whether
/// there was one.
pub fn record(replica: &mut Replica, cafe: &Cafe) -> LoroResult<bool> {
    let mut w = Writer {
        changed: false,
        tree: s::tree(&replica.doc),
    };
    w.info(&replica.doc, &replica.shadow, cafe)?;
    let old_tables: HashMap<NodeId, &Table> = replica
        .shadow
        .tables
        .iter()
        .map(|t| (t.question(), t))
        .collect();
    let mut alive: HashSet<NodeId> = HashSet::new();
    let mut parked: Vec<(TreeID, TreeID)> = Vec::new();
    for table in &cafe.tables {
        let q = table.question();
        let table_node = match replica.tables.get(&q) {
            Some(&t) if w.tree.contains(t) && !w.tree.is_node_deleted(&t).unwrap_or(true) => t,
            _ => {
                let t = w.tree.create(TreeParentId::Root)?;
                w.tree.get_meta(t)?.insert(s::QUESTION, q.0 as i64)?;
                w.changed = true;
                replica.tables.insert(q, t);
                t
            }
        };
        let old = old_tables.get(&q).copied();
        w.table_fields(table_node, old, table)?;
        // Parents before children, so that a node is never moved under one of its descendants
        // (each parent already sits where it belongs).
        let mut queue: Vec<(NodeId, usize)> = vec![(q, 1)];
        queue.extend(table.unsorted().into_iter().map(|id| (id, 1)));
        let mut i = 0;
        while let Some(&(id, depth)) = queue.get(i) {
            i += 1;
            queue.extend(table.children(id).into_iter().map(|c| (c, depth + 1)));
            let Some(node) = table.node(id) else { continue };
            alive.insert(id);
            let parent = match table.parent(id) {
                Some(p) => match replica.nodes.get(&p) {
                    Some(&p) => p,
                    None => continue,
                },
                None => table_node,
            };
            let before = replica.shadow.node(id);
            // Alive: under the parent it should have (which is alive, being placed already),
            // else asked of Loro, which climbs to the root.
            let held = replica.nodes.get(&id).copied().filter(|t| {
                w.tree.contains(*t)
                    && (w.tree.parent(*t) == Some(TreeParentId::Node(parent))
                        || !w.tree.is_node_deleted(t).unwrap_or(true))
            });
            match held {
                Some(t) => {
                    if w.tree.parent(t) != Some(TreeParentId::Node(parent)) {
                        w.tree.mov(t, parent)?;
                        w.changed = true;
                    }
                    w.node_fields(t, before, node)?;
                }
                None if depth > PARK_BELOW => {
                    let t = w.tree.create(TreeParentId::Root)?;
                    replica.nodes.insert(id, t);
                    w.changed = true;
                    w.node_fields(t, None, node)?;
                    parked.push((t, parent));
                }
                None => {
                    let t = w.tree.create(parent)?;
                    replica.nodes.insert(id, t);
                    w.changed = true;
                    w.node_fields(t, None, node)?;
                }
            }
        }
    }
    // Deepest first: each parked node goes under a parent still parked at the top, or one at
    // most `PARK_BELOW` deep, so that Loro's climb to the root stays short.
    for (t, parent) in parked.into_iter().rev() {
        w.tree.mov(t, parent)?;
    }
    // Deletions last: a node moved out of a deleted theme has moved by now.
    w.delete_gone(replica, cafe, &alive)?;
    if w.changed {
        replica.doc.commit();
    }
    // Also without a change (positions closer than the history's step), so that the café is
    // not compared again.
    replica.shadow = cafe.without_history();
    replica.handed = None;
    Ok(w.changed)
}

struct Writer {
    changed: bool,
    tree: loro::LoroTree,
}

impl Writer {
    /// Deletes the nodes and tables the café no longer has.
    fn delete_gone(
        &mut self,
        replica: &mut Replica,
        cafe: &Cafe,
        alive: &HashSet<NodeId>,
    ) -> LoroResult<()> {
        self.delete_rows(&mut replica.nodes, |id| alive.contains(id))?;
        let questions: HashSet<NodeId> = cafe.tables.iter().map(|t| t.question()).collect();
        self.delete_rows(&mut replica.tables, |q| questions.contains(q))?;
        Ok(())
    }

    /// Removes from `rows` every entry whose key fails `keep`, deleting its tree node. A node
    /// whose parent goes too goes with it: only the tops of what goes are deleted (asking Loro
    /// whether each node is deleted climbs to the root, which a deep chain makes quadratic).
    fn delete_rows(
        &mut self,
        rows: &mut HashMap<NodeId, TreeID>,
        keep: impl Fn(&NodeId) -> bool,
    ) -> LoroResult<()> {
        let gone: Vec<NodeId> = rows.keys().filter(|k| !keep(k)).copied().collect();
        let gone_trees: HashSet<TreeID> =
            gone.iter().filter_map(|k| rows.get(k)).copied().collect();
        for k in gone {
            let Some(t) = rows.remove(&k) else { continue };
            let under_gone = matches!(
                self.tree.parent(t),
                Some(TreeParentId::Node(p)) if gone_trees.contains(&p)
            );
            if !under_gone
                && self.tree.contains(t)
                && !self.tree.is_node_deleted(&t).unwrap_or(true)
            {
                self.tree.delete(t)?;
                self.changed = true;
            }
        }
        Ok(())
    }

    fn set(&mut self, map: &LoroMap, key: &str, v: impl Into<LoroValue>) -> LoroResult<()> {
        map.insert(key, v)?;
        self.changed = true;
        Ok(())
    }

    /// Sets a field, or removes it when it is empty (empty fields take no room).
    fn set_or_clear(
        &mut self,
        map: &LoroMap,
        key: &str,
        v: Option<impl Into<LoroValue>>,
    ) -> LoroResult<()> {
        match v {
            Some(v) => self.set(map, key, v),
            None if map.get(key).is_some() => {
                map.delete(key)?;
                self.changed = true;
                Ok(())
            }
            None => Ok(()),
        }
    }

    fn info(&mut self, doc: &loro::LoroDoc, old: &Cafe, new: &Cafe) -> LoroResult<()> {
        let map = s::cafe_map(doc);
        let fields = |c: &Cafe| {
            let i = &c.info;
            [
                i.title.clone(),
                i.subtitle.clone(),
                i.date.clone(),
                i.place.clone(),
                i.facilitators.clone(),
                i.organisers.clone(),
                i.lang.map(|l| l.code().to_owned()).unwrap_or_default(),
            ]
        };
        for ((key, a), b) in s::INFO_KEYS.iter().zip(fields(old)).zip(fields(new)) {
            if a != b {
                self.set_or_clear(&map, key, Some(b).filter(|b| !b.is_empty()))?;
            }
        }
        if old.dot_kinds != new.dot_kinds {
            let kinds: Vec<LoroValue> = new
                .dot_kinds
                .iter()
                .map(|k| LoroValue::from(vec![k.name.clone(), k.color.hex()]))
                .collect();
            self.set(&map, s::DOT_KINDS, kinds)?;
        }
        if old.synonyms != new.synonyms {
            let groups: Vec<LoroValue> = new
                .synonyms
                .iter()
                .map(|g| LoroValue::from(g.clone()))
                .collect();
            self.set(&map, s::SYNONYMS, groups)?;
        }
        let order =
            |c: &Cafe| -> Vec<i64> { c.tables.iter().map(|t| t.question().0 as i64).collect() };
        if order(old) != order(new) {
            self.set(&map, s::ORDER, order(new))?;
        }
        Ok(())
    }

    fn table_fields(&mut self, t: TreeID, old: Option<&Table>, new: &Table) -> LoroResult<()> {
        let meta = self.tree.get_meta(t)?;
        if old.is_none_or(|o| o.theme_order != new.theme_order) {
            let order: Vec<i64> = new.theme_order.iter().map(|id| id.0 as i64).collect();
            if old.is_some() || !order.is_empty() {
                self.set(&meta, s::THEME_ORDER, order)?;
            }
        }
        let before: HashSet<(NodeId, NodeId)> = old
            .map(|o| o.links())
            .unwrap_or_default()
            .into_iter()
            .collect();
        let after = new.links();
        if after.len() != before.len() || after.iter().any(|l| !before.contains(l)) {
            let links = meta.ensure_mergeable_map(s::LINKS)?;
            let after_set: HashSet<&(NodeId, NodeId)> = after.iter().collect();
            for (a, b) in &before {
                if !after_set.contains(&(*a, *b)) {
                    links.delete(&s::link_key(a.0, b.0))?;
                }
            }
            for (a, b) in &after {
                if !before.contains(&(*a, *b)) {
                    links.insert(&s::link_key(a.0, b.0), true)?;
                }
            }
            self.changed = true;
        }
        Ok(())
    }

    fn node_fields(&mut self, t: TreeID, old: Option<&Node>, n: &Node) -> LoroResult<()> {
        if old == Some(n) {
            return Ok(());
        }
        let meta = self.tree.get_meta(t)?;
        let fresh = old.is_none();
        if old.is_none_or(|o| o.id != n.id) {
            self.set(&meta, s::ID, n.id.0 as i64)?;
        }
        if old.is_none_or(|o| o.kind != n.kind) {
            let kind = match n.kind {
                NodeKind::Question => s::KIND_QUESTION,
                NodeKind::Theme => s::KIND_THEME,
                NodeKind::Idea => s::KIND_IDEA,
            };
            self.set(&meta, s::KIND, kind)?;
        }
        let steps = s::position_steps;
        if old.is_none_or(|o| steps(o.pos.x) != steps(n.pos.x)) && (!fresh || steps(n.pos.x) != 0) {
            self.set(&meta, s::X, steps(n.pos.x))?;
        }
        if old.is_none_or(|o| steps(o.pos.y) != steps(n.pos.y)) && (!fresh || steps(n.pos.y) != 0) {
            self.set(&meta, s::Y, steps(n.pos.y))?;
        }
        if old.is_none_or(|o| o.text != n.text) && (!fresh || !n.text.is_empty()) {
            let text = meta.ensure_mergeable_text(s::TEXT)?;
            let options = UpdateOptions {
                timeout_ms: Some(200.0),
                use_refined_diff: false,
            };
            if text.update(&n.text, options).is_err() {
                // Too long to diff in time: replace it whole.
                text.delete(0, text.len_unicode())?;
                text.insert(0, &n.text)?;
            }
            self.changed = true;
        }
        for (k, key) in s::VOTES.iter().enumerate() {
            let before = old.map_or(0, |o| o.votes.of(k));
            let after = n.votes.of(k);
            if before != after {
                let counter = meta.ensure_mergeable_counter(key)?;
                counter.increment(f64::from(after) - f64::from(before))?;
                self.changed = true;
            }
        }
        if old.is_none_or(|o| o.tags != n.tags) && (!fresh || !n.tags.is_empty()) {
            let list = meta.ensure_mergeable_list(s::TAGS)?;
            sync_list(&list, &n.tags)?;
            self.changed = true;
        }
        if old.is_none_or(|o| o.color != n.color) {
            self.set_or_clear(&meta, s::COLOR, n.color.map(|c| c.to_string()))?;
        }
        let some_str = |v: &String| Some(v.clone()).filter(|v| !v.is_empty());
        if old.is_none_or(|o| o.note != n.note) {
            self.set_or_clear(&meta, s::NOTE, some_str(&n.note))?;
        }
        if old.is_none_or(|o| o.hidden != n.hidden) {
            self.set_or_clear(&meta, s::HIDDEN, Some(true).filter(|_| n.hidden))?;
        }
        if old.is_none_or(|o| o.folded != n.folded) {
            self.set_or_clear(&meta, s::FOLDED, Some(true).filter(|_| n.folded))?;
        }
        if old.is_none_or(|o| o.merged_from != n.merged_from) {
            let pieces = Some(n.merged_from.clone()).filter(|p| !p.is_empty());
            self.set_or_clear(&meta, s::MERGED_FROM, pieces)?;
        }
        if old.is_none_or(|o| o.origin.table != n.origin.table) {
            self.set_or_clear(&meta, s::ORIGIN_TABLE, n.origin.table.map(|q| q.0 as i64))?;
        }
        if old.is_none_or(|o| o.origin.round != n.origin.round) {
            self.set_or_clear(&meta, s::ROUND, n.origin.round.map(i64::from))?;
        }
        if old.is_none_or(|o| o.origin.contributor != n.origin.contributor) {
            self.set_or_clear(&meta, s::CONTRIBUTOR, some_str(&n.origin.contributor))?;
        }
        if old.is_none_or(|o| o.owner != n.owner) {
            self.set_or_clear(&meta, s::OWNER, some_str(&n.owner))?;
        }
        if old.is_none_or(|o| o.due != n.due) {
            self.set_or_clear(&meta, s::DUE, some_str(&n.due))?;
        }
        if old.is_none_or(|o| o.refers_to != n.refers_to) {
            self.set_or_clear(&meta, s::REFERS_TO, n.refers_to.map(|r| r.0 as i64))?;
        }
        Ok(())
    }
}

/// Makes a Loro list of strings hold `want`, keeping the items both share (so a concurrent
/// addition by another copy survives) and touching as little as it can.
fn sync_list(list: &loro::LoroList, want: &[String]) -> LoroResult<()> {
    let have: Vec<String> = s::strings(&list.get_value());
    // Remove what is no longer wanted (from the end, so indexes stay right).
    for (i, item) in have.iter().enumerate().rev() {
        if !want.contains(item) {
            list.delete(i, 1)?;
        }
    }
    let mut have: Vec<String> = s::strings(&list.get_value());
    for (i, item) in want.iter().enumerate() {
        if have.get(i) == Some(item) {
            continue;
        }
        if let Some(j) = have.iter().skip(i).position(|h| h == item).map(|j| j + i) {
            // Present further on: drop the items in between that come later in `want`.
            list.delete(i, j - i)?;
            have.drain(i..j);
        } else {
            list.insert(i, item.as_str())?;
            have.insert(i, item.clone());
        }
    }
    if have.len() > want.len() {
        list.delete(want.len(), have.len() - want.len())?;
    }
    Ok(())
}
