//! What a live session (`crate::live`) needs from the history: the Loro updates another replica
//! lacks, and the café that updates from elsewhere lead to. The café stays the truth: its
//! latest state is recorded before anything is exported or imported.

use super::schema::{self as s};
use super::{Replica, State, encode, read};
use crate::model::Cafe;
use loro::{ExportMode, TreeID, VersionVector};
use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

/// Runs `f` on the café's history, recorded up to date (born now if the café had none).
fn with_history<R>(
    cafe: &Cafe,
    f: impl FnOnce(&mut Replica) -> Result<R, String>,
) -> Result<R, String> {
    let mut state = cafe.history.lock();
    if matches!(*state, State::Off) {
        return Err("this map is kept without history, so it cannot join a live session".into());
    }
    if state.live(cafe).is_none() {
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
    let absorbed = with_history(cafe, |r| {
        let before = r.doc.oplog_vv();
        // One import for the lot: Loro then applies them to its state once, not once each.
        r.doc
            .import_batch(updates)
            .map_err(|e| format!("a change from the session could not be read ({e})"))?;
        if r.doc.oplog_vv() == before {
            return Ok(None);
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
        let mut out = held.cafe;
        out.set_next_id(cafe.next_id().max(out.next_id()));
        // Several people add notes at once: ids drawn from a random point rarely meet.
        out.use_random_ids();
        Ok(Some(out))
    })?;
    // The history is shared once its lock is let go (a clone takes the lock).
    Ok(absorbed.map(|mut out| {
        out.history = cafe.history.clone();
        out
    }))
}
