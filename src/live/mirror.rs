//! The relay's answer to a join, within the Loro protocol. `loro-websocket-server` 0.1 answers
//! a join to a Loro room with the room's whole snapshot in one message, whatever version the
//! join says the client holds; and it drops that message, unsaid, when it is over the
//! protocol's 256 KiB (a room of about 2,000 ideas), so a larger room could not be joined.
//!
//! The guard (`super::guard`) sees every message on its way, so it keeps a copy of each room
//! joined (read from the room's snapshot, then every change a client sends it) and answers a
//! join itself, as the protocol has it:
//! - the crate's JoinResponseOk goes on carrying the room's version (the protocol's field for
//!   it, which the crate leaves empty);
//! - then the changes the client lacks: those after the version of its JoinRequest (all of
//!   them for a client with nothing), in one DocUpdate or, over 256 KiB, as a
//!   DocUpdateFragmentHeader and its DocUpdateFragments;
//! - the crate's own snapshot, when it fits and follows, brings nothing more and is dropped.
//!
//! Why the copy holds whatever the crate's room holds when it answers: both start from the same
//! snapshot, and the copy takes each change before the guard passes it on to the crate. What
//! comes after the join the crate sends on to the joined client itself.

use super::client::{holds, update_messages};
use super::rooms::Rooms;
use crate::sync::encode::guarded;
use loro::{ExportMode, LoroDoc, VersionVector};
use loro_protocol::{BatchId, CrdtType, ProtocolMessage};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The most a change sent in fragments may add up to, and its most fragments (the crate's).
const MAX_BATCH: u64 = 64 * 1024 * 1024;
const MAX_FRAGMENTS: u64 = 4096;

/// The copies of the rooms joined since the relay started.
pub struct Mirror {
    rooms: Arc<Rooms>,
    /// Each room's copy; `None`: its snapshot could not be read, so its joins are left to the
    /// crate for good (a copy read later could miss what the crate took meanwhile).
    docs: Mutex<HashMap<String, Option<LoroDoc>>>,
    /// Numbers the batches of fragments the guard sends (its own range: first byte 0xCA).
    next_batch: AtomicU64,
}

/// What the guard knows of one connection.
#[derive(Default)]
pub struct Conn {
    /// The room of the link (the crate's workspace).
    pub room: String,
    /// It joined its room (the crate lets in whoever the guard lets in: the room's token).
    joined: bool,
    /// Its joins to the Loro room not yet answered, in order: the version it holds, or `None`
    /// for a join the guard leaves to the crate.
    joins: VecDeque<Option<VersionVector>>,
    /// The version the guard just sent it: the crate's snapshot, if it comes next, is dropped.
    answered: Option<VersionVector>,
    /// Changes it sends in fragments, put back together.
    batches: HashMap<[u8; 8], Batch>,
}

struct Batch {
    total: u64,
    parts: Vec<Option<Vec<u8>>>,
}

impl Mirror {
    pub fn new(rooms: Arc<Rooms>) -> Mirror {
        Mirror {
            rooms,
            docs: Mutex::new(HashMap::new()),
            next_batch: AtomicU64::new(0),
        }
    }

    fn docs(&self) -> MutexGuard<'_, HashMap<String, Option<LoroDoc>>> {
        self.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A client's message, before the guard passes it on to the crate.
    pub fn up(&self, conn: &mut Conn, msg: &[u8]) {
        let Some(msg) = loro_protocol::try_decode(msg) else {
            return;
        };
        match msg {
            ProtocolMessage::JoinRequest {
                crdt: CrdtType::Loro,
                room_id,
                auth,
                version,
            } => {
                let token = String::from_utf8(auth).unwrap_or_default();
                let ours = room_id == conn.room
                    && self.rooms.admits(&room_id, &token)
                    && self.load(&room_id);
                conn.joined |= ours;
                let theirs = VersionVector::decode(&version).unwrap_or_default();
                conn.joins.push_back(ours.then_some(theirs));
            }
            ProtocolMessage::DocUpdate {
                crdt: CrdtType::Loro,
                room_id,
                updates,
            } if conn.joined && room_id == conn.room => self.import(&room_id, &updates),
            ProtocolMessage::DocUpdateFragmentHeader {
                crdt: CrdtType::Loro,
                room_id,
                batch_id,
                fragment_count,
                total_size_bytes,
            } if conn.joined
                && room_id == conn.room
                && (1..=MAX_FRAGMENTS).contains(&fragment_count)
                && total_size_bytes <= MAX_BATCH =>
            {
                let count = usize::try_from(fragment_count).unwrap_or(0);
                conn.batches.entry(batch_id.0).or_insert(Batch {
                    total: total_size_bytes,
                    parts: vec![None; count],
                });
            }
            ProtocolMessage::DocUpdateFragment {
                crdt: CrdtType::Loro,
                room_id,
                batch_id,
                index,
                fragment,
            } if conn.joined && room_id == conn.room => {
                let Some(batch) = conn.batches.get_mut(&batch_id.0) else {
                    return;
                };
                if let Some(slot) = usize::try_from(index)
                    .ok()
                    .and_then(|i| batch.parts.get_mut(i))
                {
                    *slot = Some(fragment);
                }
                if batch.parts.iter().all(Option::is_some) {
                    let Some(batch) = conn.batches.remove(&batch_id.0) else {
                        return;
                    };
                    let whole: Vec<u8> = batch.parts.into_iter().flatten().flatten().collect();
                    if whole.len() as u64 == batch.total
                        && let Some(updates) = super::client::updates_payload(&whole)
                    {
                        self.import(&room_id, &updates);
                    }
                }
            }
            _ => {}
        }
    }

    /// A message of the crate's, on its way to the client: what the client gets instead.
    pub fn down(&self, conn: &mut Conn, msg: Vec<u8>) -> Vec<Vec<u8>> {
        let answered = conn.answered.take();
        // Most messages are others' changes passing by, with no join waiting for an answer.
        if conn.joins.is_empty() && answered.is_none() {
            return vec![msg];
        }
        match loro_protocol::try_decode(&msg) {
            Some(ProtocolMessage::JoinResponseOk {
                crdt: CrdtType::Loro,
                room_id,
                permission,
                extra,
                ..
            }) => {
                let Some(Some(theirs)) = conn.joins.pop_front() else {
                    return vec![msg];
                };
                match self.answer(&room_id, &theirs) {
                    Ok((version, state)) => {
                        let ok = ProtocolMessage::JoinResponseOk {
                            crdt: CrdtType::Loro,
                            room_id: room_id.clone(),
                            permission,
                            version: version.encode(),
                            extra,
                        };
                        let batch = self.batch();
                        match (
                            loro_protocol::encode(&ok),
                            encode_all(&room_id, batch, state),
                        ) {
                            (Ok(ok), Ok(mut state)) => {
                                conn.answered = Some(version);
                                state.insert(0, ok);
                                state
                            }
                            (Err(e), _) | (_, Err(e)) => {
                                tracing::warn!(room = %room_id, "the join is left to the relay: {e}");
                                vec![msg]
                            }
                        }
                    }
                    Err(e) => {
                        tracing::warn!(room = %room_id, "the join is left to the relay: {e}");
                        vec![msg]
                    }
                }
            }
            Some(ProtocolMessage::JoinError {
                crdt: CrdtType::Loro,
                ..
            }) => {
                conn.joins.pop_front();
                vec![msg]
            }
            Some(ProtocolMessage::DocUpdate {
                crdt: CrdtType::Loro,
                updates,
                ..
            }) if answered.is_some_and(|sent| redundant(&sent, &updates)) => Vec::new(),
            _ => vec![msg],
        }
    }

    /// Reads the room's snapshot the first time it is joined; whether the room has a copy.
    fn load(&self, room: &str) -> bool {
        let mut docs = self.docs();
        if let Some(copy) = docs.get(room) {
            return copy.is_some();
        }
        let doc = LoroDoc::new();
        // The copy answers with changes, never with a state: detached, it keeps the history
        // alone (the document's state, the larger part, is never built).
        doc.detach();
        let read = match self.rooms.load(room) {
            Ok(Some(snapshot)) => {
                guarded(|| doc.import(&snapshot).map(|_| ()).map_err(|e| e.to_string()))
            }
            Ok(None) => Ok(()),
            Err(e) => Err(e),
        };
        if let Err(e) = &read {
            tracing::warn!(%room, "the room's joins are left to the relay: {e}");
        }
        let copy = read.is_ok().then_some(doc);
        let loaded = copy.is_some();
        docs.insert(room.to_owned(), copy);
        loaded
    }

    fn import(&self, room: &str, updates: &[Vec<u8>]) {
        if let Some(Some(doc)) = self.docs().get(room) {
            // As the crate does: a change that cannot be read is left out.
            for u in updates {
                let _ = guarded(|| doc.import(u).map_err(|e| e.to_string()));
            }
        }
    }

    /// The room's version and the changes a client at `theirs` lacks.
    fn answer(
        &self,
        room: &str,
        theirs: &VersionVector,
    ) -> Result<(VersionVector, Vec<u8>), String> {
        let docs = self.docs();
        let doc = docs.get(room).and_then(Option::as_ref);
        let doc = doc.ok_or("the room has no copy")?;
        let state = doc
            .export(ExportMode::updates(theirs))
            .map_err(|e| e.to_string())?;
        Ok((doc.oplog_vv(), state))
    }

    fn batch(&self) -> BatchId {
        let n = self.next_batch.fetch_add(1, Ordering::Relaxed);
        let mut id = n.to_be_bytes();
        id[0] = 0xCA;
        BatchId(id)
    }
}

/// The messages that carry `update` to a client: one, or a header and its fragments.
fn encode_all(room: &str, batch: BatchId, update: Vec<u8>) -> Result<Vec<Vec<u8>>, String> {
    update_messages(room, batch, update)?
        .iter()
        .map(loro_protocol::encode)
        .collect()
}

/// Whether these updates are a snapshot the client already has in full (it holds `sent`).
fn redundant(sent: &VersionVector, updates: &[Vec<u8>]) -> bool {
    let [blob] = updates else {
        return false;
    };
    guarded(|| LoroDoc::decode_import_blob_meta(blob, false).map_err(|e| e.to_string()))
        .is_ok_and(|m| m.mode.is_snapshot() && holds(sent, &m.partial_end_vv))
}
