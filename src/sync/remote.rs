//! What a live session (`crate::live`) needs from the history: the Loro updates another replica
//! lacks, and the café that updates from elsewhere lead to. The café stays the truth: its
//! latest state is recorded before anything is exported or imported.

use super::schema::{self as s};
use super::{Replica, Stamp, State, encode, read};
use crate::model::Cafe;
use crate::model::NodeKind;
use loro::event::{ContainerDiff, Diff, DiffEvent};
use loro::{ExportMode, Index, TreeID, VersionVector};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

/// Runs `f` on the café's history, recorded up to date (born now if the café had none).
fn with_history<R>(
    cafe: &Cafe,
    f: impl FnOnce(&mut Replica) -> Result<R, String>,
) -> Result<R, String> {
    with_history_vouched(cafe, None, f)
}

/// [`with_history`] for a café vouched for (see [`State::live_vouched`]).
fn with_history_vouched<R>(
    cafe: &Cafe,
    vouched: Option<Stamp>,
    f: impl FnOnce(&mut Replica) -> Result<R, String>,
) -> Result<R, String> {
    let mut state = cafe.history.lock();
    if matches!(*state, State::Off) {
        return Err("this map is kept without history, so it cannot join a live session".into());
    }
    if state.live_vouched(cafe, vouched).is_none() {
        *state = State::Live(Arc::new(Replica::born(cafe)));
    }
    let State::Live(replica) = &mut *state else {
        return Err("the history could not be started".into());
    };
    // A history still shared with the café's clones (its undo steps) is forked here, as any
    // recording would fork it.
    encode::guarded(|| f(Arc::make_mut(replica)))
}

/// The history's changes that a replica at `since` lacks (all of them for `None`).
pub fn updates_since(cafe: &Cafe, since: Option<&VersionVector>) -> Result<Vec<u8>, String> {
    with_history(cafe, |r| {
        let mode = match since {
            Some(vv) => ExportMode::updates(vv),
            None => ExportMode::all_updates(),
        };
        r.doc.export(mode).map_err(|e| e.to_string())
    })
}

/// What the history holds: its version vector.
pub fn version(cafe: &Cafe) -> Result<VersionVector, String> {
    with_history(cafe, |r| Ok(r.doc.oplog_vv()))
}

/// The version a Loro export (snapshot or updates) brings a replica up to.
pub fn version_of(blob: &[u8]) -> Result<VersionVector, String> {
    encode::guarded(|| {
        loro::LoroDoc::decode_import_blob_meta(blob, false)
            .map(|m| m.partial_end_vv)
            .map_err(|e| format!("not a Loro export ({e})"))
    })
}

/// Imports changes from other replicas into the café's history. Returns the café they lead
/// to, carrying this café's history, or `None` when they brought nothing new. Nodes the café
/// holds keep their ids; a node from elsewhere that took one of them gets a new id, written
/// into the history so that every replica ends up with the same ids.
pub fn absorb(cafe: &Cafe, updates: &[Vec<u8>]) -> Result<Option<Cafe>, String> {
    Ok(absorb_vouched(cafe, None, updates)?.map(|(out, _)| out))
}

/// [`absorb`], for a holder that keeps the café it is given: with it comes the stamp that
/// names it (see [`super::Replica::handed`]). Vouching with that stamp at the next absorb,
/// while the café is unchanged, spares comparing the whole café with the history; any other
/// café (or a wrong stamp) is compared and its differences recorded, as by [`absorb`].
pub fn absorb_vouched(
    cafe: &Cafe,
    vouched: Option<Stamp>,
    updates: &[Vec<u8>],
) -> Result<Option<(Cafe, Stamp)>, String> {
    let absorbed = with_history_vouched(cafe, vouched, |r| {
        let before = r.doc.oplog_vv();
        // What the import changes, as Loro reports it while applying it. Only asked of small
        // imports (a few notes changed): Loro's reports cost something, and a large import
        // (joining a room, a burst of new notes) changes the tree's shape and is read whole.
        let touched: Arc<Mutex<Touched>> = Arc::default();
        let small = updates.iter().map(Vec::len).sum::<usize>() <= WATCHED_BYTES;
        let subscription = small.then(|| {
            let touched = Arc::clone(&touched);
            r.doc.subscribe_root(Arc::new(move |e: DiffEvent| {
                let mut t = touched.lock().unwrap_or_else(|e| e.into_inner());
                for d in &e.events {
                    t.note(d);
                }
            }))
        });
        // One import for the lot: Loro then applies them to its state once, not once each.
        let imported = r.doc.import_batch(updates);
        drop(subscription);
        imported.map_err(|e| format!("a change from the session could not be read ({e})"))?;
        if r.doc.oplog_vv() == before {
            return Ok(None);
        }
        let touched = std::mem::take(&mut *touched.lock().unwrap_or_else(|e| e.into_inner()));
        if let Some(mut out) = notes_changed(r, &touched) {
            r.encoded = OnceLock::new();
            let stamp = Stamp::fresh();
            r.handed = Some(stamp);
            out.set_next_id(cafe.next_id().max(out.next_id()));
            out.use_random_ids();
            return Ok(Some((out, stamp)));
        }
        let keep: HashSet<TreeID> = r.nodes.values().copied().collect();
        let mut held = read::read(&r.doc, &keep)?;
        if !held.renumbered.is_empty() {
            let tree = s::tree(&r.doc);
            for (node, id) in &held.renumbered {
                if let Ok(meta) = tree.get_meta(*node) {
                    meta.insert(s::ID, id.0 as i64).map_err(|e| e.to_string())?;
                }
            }
            r.doc.commit();
            held = read::read(&r.doc, &keep)?;
        }
        r.shadow = held.cafe.without_history();
        r.nodes = held.nodes;
        r.tables = held.tables;
        r.encoded = OnceLock::new();
        let stamp = Stamp::fresh();
        r.handed = Some(stamp);
        let mut out = held.cafe;
        out.set_next_id(cafe.next_id().max(out.next_id()));
        // Several people add notes at once: ids drawn from a random point rarely meet.
        out.use_random_ids();
        Ok(Some((out, stamp)))
    })?;
    // The history is shared once its lock is let go (a clone takes the lock).
    Ok(absorbed.map(|(mut out, stamp)| {
        out.history = cafe.history.clone();
        (out, stamp)
    }))
}

/// The largest import whose changes are watched note by note (see `absorb`).
const WATCHED_BYTES: usize = 16 * 1024;

/// What an import changed: the tree nodes whose own fields changed, and whether it changed
/// anything else (the tree's shape, the event's fields, a container Loro could not place).
#[derive(Default)]
struct Touched {
    notes: HashSet<TreeID>,
    more: bool,
}

impl Touched {
    fn note(&mut self, d: &ContainerDiff) {
        // The deepest tree node on the container's path owns it (its fields map, or a text,
        // counter or list inside that map).
        let node = d.path.iter().rev().find_map(|(_, i)| match i {
            Index::Node(t) => Some(*t),
            _ => None,
        });
        match node {
            Some(t) if !d.is_unknown && !matches!(d.diff, Diff::Tree(_)) => {
                self.notes.insert(t);
            }
            _ => self.more = true,
        }
    }
}

/// The café after an import that only changed some notes' fields: the café the history held,
/// with just those notes read again (a remote change to one note at 1,000 ideas then costs one
/// note, not the whole café). `None` when the import changed more, or anything that a full
/// read would treat differently (an id, a kind, a table's own fields): the caller reads all.
/// The shadow is patched in place (and put back as it was on `None`), so that the café is
/// copied once, for the caller.
fn notes_changed(r: &mut Replica, touched: &Touched) -> Option<Cafe> {
    if touched.more || touched.notes.is_empty() {
        return None;
    }
    let mut before = Vec::new();
    let patched = patch_notes(r, touched, &mut before).is_some();
    let undone = match patched {
        true => read::unchain_references(&mut r.shadow),
        false => Vec::new(),
    };
    // Not validated again as a whole (a third of an absorb at 1,000 ideas): the shadow was a
    // valid café (read and checked, or recorded from the document), the notes read again keep
    // their ids, kinds and places, and the one rule their fields can break, a reference to a
    // reference, `unchain_references` has just restored.
    if patched {
        debug_assert_eq!(r.shadow.validate(), Ok(()));
        return Some(r.shadow.without_history());
    }
    // Put back as it was: the full read that follows starts from what the history held.
    for (ti, id, original) in undone {
        if let Some(n) = r.shadow.tables.get_mut(ti).and_then(|t| t.node_mut(id)) {
            n.refers_to = Some(original);
        }
    }
    for (ti, node) in before.into_iter().rev() {
        if let Some(n) = r
            .shadow
            .tables
            .get_mut(ti)
            .and_then(|t| t.node_mut(node.id))
        {
            *n = node;
        }
    }
    None
}

/// Reads the touched notes again into the shadow, keeping each one's former self in `before`
/// (its table, the node); `None` as soon as one cannot be read alone.
fn patch_notes(
    r: &mut Replica,
    touched: &Touched,
    before: &mut Vec<(usize, crate::model::Node)>,
) -> Option<()> {
    let tree = s::tree(&r.doc);
    let mut found = 0;
    for (id, t) in r.nodes.iter().filter(|(_, t)| touched.notes.contains(*t)) {
        found += 1;
        let meta = tree.get_meta(*t).ok()?;
        let ti = r.shadow.table_of(*id)?;
        let node = r.shadow.tables.get_mut(ti)?.node_mut(*id)?;
        let kind = match s::int(&meta, s::KIND) {
            Some(s::KIND_QUESTION) => NodeKind::Question,
            Some(s::KIND_THEME) => NodeKind::Theme,
            _ => NodeKind::Idea,
        };
        if s::int(&meta, s::ID) != Some(id.0 as i64) || kind != node.kind {
            return None;
        }
        before.push((ti, std::mem::replace(node, read::node_of(&meta, *id, kind))));
    }
    // A touched tree node the history does not know as a note: read all.
    (found == touched.notes.len()).then_some(())
}
