//! A client of the relay, speaking the Loro protocol (`loro-protocol`) over a WebSocket:
//! joins a room with its token, takes the room's state and every change sent to it, sends the
//! changes the relay lacks (cut into fragments above the protocol's 256 KiB a message).

use super::link::Link;
use crate::model::Cafe;
use crate::sync::remote;
use futures_util::{SinkExt, StreamExt};
use loro::VersionVector;
use loro_protocol::{BatchId, CrdtType, MAX_MESSAGE_SIZE, ProtocolMessage};
use std::collections::HashMap;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a step (connecting, joining, a confirmation) may take before the relay counts as
/// unreachable.
pub const STEP: Duration = Duration::from_secs(10);

/// The largest piece of a change sent in one message (room for the message's header).
const FRAGMENT: usize = MAX_MESSAGE_SIZE - 4096;

/// The most a change sent in fragments may add up to (the relay's own cap is 64 MiB).
const MAX_BATCH: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum LiveError {
    /// The relay cannot be reached, or the connection dropped.
    Offline(String),
    /// The relay refused the link (wrong or old token, unknown room).
    Refused,
    /// Something arrived that cannot be used.
    Bad(String),
}

impl std::fmt::Display for LiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiveError::Offline(why) => write!(f, "the relay cannot be reached ({why})"),
            LiveError::Refused => write!(
                f,
                "the relay refused this link (its token is wrong or the room is not there)"
            ),
            LiveError::Bad(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for LiveError {}

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// The numbers a client gives its batches of fragments: a first byte of 0, so that they never
/// meet the relay's own (first byte 0xCA, `live::mirror`).
const CLIENT_BATCHES: u64 = 0x00FF_FFFF_FFFF_FFFF;

/// Where a connection starts numbering its batches: at random, because a receiver files
/// fragments by batch number alone, and two note-takers who both started at 1 and sent large
/// changes at once would have their pieces mixed up.
fn first_batch() -> u64 {
    super::random_u64() & CLIENT_BATCHES
}

/// One connection to a room.
pub struct Conn {
    ws: Ws,
    link: Link,
    next_batch: u64,
    fragments: HashMap<[u8; 8], Batch>,
}

/// What others sent to the room.
#[derive(Debug)]
pub enum Incoming {
    /// Changes to the map (Loro updates).
    Changes(Vec<Vec<u8>>),
    /// Presence messages (the ephemeral store's).
    Presence(Vec<Vec<u8>>),
}

/// The room's state as a join brings it.
#[derive(Debug)]
pub struct Joined {
    /// Loro changes: the room's, or those after the version the join said we hold.
    pub state: Vec<u8>,
    /// The room's version.
    pub version: VersionVector,
}

struct Batch {
    total: u64,
    count: usize,
    parts: Vec<Option<Vec<u8>>>,
}

fn offline(e: impl std::fmt::Display) -> LiveError {
    LiveError::Offline(e.to_string())
}

impl Conn {
    /// Connects and joins the room; returns the connection and the room's state (Loro
    /// changes: every change of the room).
    pub async fn join(link: &Link) -> Result<(Conn, Vec<u8>), LiveError> {
        let (conn, joined) = Conn::join_since(link, &VersionVector::new()).await?;
        Ok((conn, joined.state))
    }

    /// Connects and joins the room as a replica at version `ours`: a relay that can (ours,
    /// see `super::mirror`) sends only the changes after it.
    pub async fn join_since(
        link: &Link,
        ours: &VersionVector,
    ) -> Result<(Conn, Joined), LiveError> {
        let connect = tokio_tungstenite::connect_async(link.url());
        let (ws, _) = match tokio::time::timeout(STEP, connect).await {
            Err(_) => return Err(LiveError::Offline("no answer".into())),
            Ok(Err(tokio_tungstenite::tungstenite::Error::Http(r))) if r.status() == 401 => {
                return Err(LiveError::Refused);
            }
            Ok(Err(e)) => return Err(offline(e)),
            Ok(Ok(ok)) => ok,
        };
        let mut conn = Conn {
            ws,
            link: link.clone(),
            next_batch: first_batch(),
            fragments: HashMap::new(),
        };
        let joined = conn.rejoin(ours).await?;
        Ok((conn, joined))
    }

    /// Asks the room for its state again, as a replica at version `ours` (on this connection:
    /// it answers after every change sent before, so it holds them).
    pub async fn rejoin(&mut self, ours: &VersionVector) -> Result<Joined, LiveError> {
        self.send(ProtocolMessage::JoinRequest {
            crdt: CrdtType::Loro,
            room_id: self.link.room.clone(),
            auth: self.link.token.clone().into_bytes(),
            version: ours.encode(),
        })
        .await?;
        let mut joined: Option<Option<VersionVector>> = None;
        loop {
            let msg = tokio::time::timeout(STEP, self.next_message())
                .await
                .map_err(|_| match joined {
                    // loro-websocket-server 0.1 alone (without our guard in front) sends a
                    // room's state in one message and drops it, unsaid, when it is over the
                    // protocol's 256 KiB.
                    Some(_) => LiveError::Bad(
                        "the relay let us in but sent no state: the room may be larger than \
                         the relay sends in one message (256 KiB)"
                            .into(),
                    ),
                    None => LiveError::Offline("the room did not answer".into()),
                })??;
            match msg {
                ProtocolMessage::JoinResponseOk {
                    crdt: CrdtType::Loro,
                    version,
                    ..
                } => {
                    // The relay's version, when it says it (an empty one says nothing).
                    let said = (!version.is_empty())
                        .then(|| VersionVector::decode(&version).ok())
                        .flatten();
                    joined = Some(said);
                }
                ProtocolMessage::JoinError {
                    crdt: CrdtType::Loro,
                    message,
                    ..
                } => {
                    return Err(LiveError::Bad(format!(
                        "the relay refused to join: {message}"
                    )));
                }
                ProtocolMessage::DocUpdate {
                    crdt: CrdtType::Loro,
                    mut updates,
                    ..
                } if updates.len() == 1 => {
                    let Some(said) = joined else {
                        continue;
                    };
                    let state = updates.pop().unwrap_or_default();
                    let version = match said {
                        Some(v) => v,
                        // A relay that sends the whole room: its state says its version.
                        None => remote::version_of(&state).map_err(LiveError::Bad)?,
                    };
                    return Ok(Joined { state, version });
                }
                _ => {}
            }
        }
    }

    /// The next changes others sent to the room (`None`: the relay closed the connection).
    /// Presence messages are skipped: see [`Self::next_incoming`].
    pub async fn next_updates(&mut self) -> Result<Option<Vec<Vec<u8>>>, LiveError> {
        loop {
            match self.next_incoming().await? {
                Some(Incoming::Changes(updates)) => return Ok(Some(updates)),
                Some(Incoming::Presence(_)) => {}
                None => return Ok(None),
            }
        }
    }

    /// The next changes or presence messages others sent to the room (`None`: the relay
    /// closed the connection).
    pub async fn next_incoming(&mut self) -> Result<Option<Incoming>, LiveError> {
        loop {
            match self.next_message().await {
                Ok(ProtocolMessage::DocUpdate {
                    crdt: CrdtType::Loro,
                    updates,
                    ..
                }) => return Ok(Some(Incoming::Changes(updates))),
                Ok(ProtocolMessage::DocUpdate {
                    crdt: CrdtType::LoroEphemeralStore,
                    updates,
                    ..
                }) => return Ok(Some(Incoming::Presence(updates))),
                Ok(_) => {}
                Err(LiveError::Offline(_)) => return Ok(None),
                Err(e) => return Err(e),
            }
        }
    }

    /// Joins the room's presence (the protocol's ephemeral room of the same name and token):
    /// the relay then sends who is there and passes on [`Self::send_presence`]. Its answer
    /// comes with the next messages; a relay without presence only refuses this join.
    pub async fn join_presence(&mut self) -> Result<(), LiveError> {
        self.send(ProtocolMessage::JoinRequest {
            crdt: CrdtType::LoroEphemeralStore,
            room_id: self.link.room.clone(),
            auth: self.link.token.clone().into_bytes(),
            version: Vec::new(),
        })
        .await
    }

    /// Sends a presence message ([`super::presence::Roster`]'s) to the room.
    pub async fn send_presence(&mut self, update: Vec<u8>) -> Result<(), LiveError> {
        if update.is_empty() {
            return Ok(());
        }
        self.send(ProtocolMessage::DocUpdate {
            crdt: CrdtType::LoroEphemeralStore,
            room_id: self.link.room.clone(),
            updates: vec![update],
        })
        .await
    }

    /// Sends a change (a Loro export), in fragments when it is large.
    pub async fn send_update(&mut self, update: Vec<u8>) -> Result<(), LiveError> {
        let room_id = self.link.room.clone();
        let batch_id = BatchId(self.next_batch.to_be_bytes());
        self.next_batch = self.next_batch.wrapping_add(1) & CLIENT_BATCHES;
        for msg in update_messages(&room_id, batch_id, update).map_err(LiveError::Bad)? {
            self.send(msg).await?;
        }
        Ok(())
    }

    pub async fn close(mut self) {
        let _ = self.ws.close(None).await;
    }

    async fn send(&mut self, msg: ProtocolMessage) -> Result<(), LiveError> {
        let bytes = loro_protocol::encode(&msg).map_err(LiveError::Bad)?;
        self.ws
            .send(Message::Binary(bytes.into()))
            .await
            .map_err(offline)
    }

    /// The next message of our room, fragments put back together.
    async fn next_message(&mut self) -> Result<ProtocolMessage, LiveError> {
        loop {
            let frame = match self.ws.next().await {
                None => return Err(LiveError::Offline("the connection closed".into())),
                Some(Err(e)) => return Err(offline(e)),
                Some(Ok(f)) => f,
            };
            let data = match frame {
                Message::Binary(data) => data,
                Message::Text(t) if t.as_str() == "ping" => {
                    let _ = self.ws.send(Message::Text("pong".into())).await;
                    continue;
                }
                Message::Close(_) => {
                    return Err(LiveError::Offline("the relay closed the connection".into()));
                }
                _ => continue,
            };
            let Some(msg) = loro_protocol::try_decode(&data) else {
                continue;
            };
            match msg {
                ProtocolMessage::DocUpdateFragmentHeader {
                    crdt: CrdtType::Loro,
                    batch_id,
                    fragment_count,
                    total_size_bytes,
                    ..
                } => {
                    let count = usize::try_from(fragment_count).unwrap_or(usize::MAX);
                    if count == 0 || count > 4096 || total_size_bytes > MAX_BATCH {
                        continue;
                    }
                    self.fragments.insert(
                        batch_id.0,
                        Batch {
                            total: total_size_bytes,
                            count,
                            parts: vec![None; count],
                        },
                    );
                }
                ProtocolMessage::DocUpdateFragment {
                    crdt: CrdtType::Loro,
                    batch_id,
                    index,
                    fragment,
                    room_id,
                } => {
                    let Some(batch) = self.fragments.get_mut(&batch_id.0) else {
                        continue;
                    };
                    if let Some(slot) = usize::try_from(index)
                        .ok()
                        .and_then(|i| batch.parts.get_mut(i))
                    {
                        *slot = Some(fragment);
                    }
                    if batch.parts.iter().flatten().count() == batch.count {
                        let Some(batch) = self.fragments.remove(&batch_id.0) else {
                            continue;
                        };
                        let whole: Vec<u8> = batch.parts.into_iter().flatten().flatten().collect();
                        if whole.len() as u64 != batch.total {
                            continue;
                        }
                        if let Some(updates) = updates_payload(&whole) {
                            return Ok(ProtocolMessage::DocUpdate {
                                crdt: CrdtType::Loro,
                                room_id,
                                updates,
                            });
                        }
                    }
                }
                m @ (ProtocolMessage::JoinResponseOk {
                    crdt: CrdtType::Loro | CrdtType::LoroEphemeralStore,
                    ..
                }
                | ProtocolMessage::JoinError {
                    crdt: CrdtType::Loro | CrdtType::LoroEphemeralStore,
                    ..
                }
                | ProtocolMessage::DocUpdate {
                    crdt: CrdtType::Loro | CrdtType::LoroEphemeralStore,
                    ..
                }) => return Ok(m),
                _ => {}
            }
        }
    }
}

/// The messages that send `update` (a Loro export) to a room: one DocUpdate, or over the
/// protocol's 256 KiB a DocUpdateFragmentHeader and its DocUpdateFragments (cut from the
/// protocol's list of updates, as the relay puts them back together).
pub(crate) fn update_messages(
    room: &str,
    batch_id: BatchId,
    update: Vec<u8>,
) -> Result<Vec<ProtocolMessage>, String> {
    let crdt = CrdtType::Loro;
    if update.len() <= FRAGMENT {
        return Ok(vec![ProtocolMessage::DocUpdate {
            crdt,
            room_id: room.to_owned(),
            updates: vec![update],
        }]);
    }
    let mut list = loro_protocol::BytesWriter::new();
    list.push_uleb128(1);
    list.push_var_bytes(&update);
    let payload = list.finalize();
    let pieces: Vec<&[u8]> = payload.chunks(FRAGMENT).collect();
    if pieces.len() > 4096 || payload.len() as u64 > MAX_BATCH {
        return Err("this change is larger than a relay takes (64 MiB)".into());
    }
    let mut out = vec![ProtocolMessage::DocUpdateFragmentHeader {
        crdt,
        room_id: room.to_owned(),
        batch_id,
        fragment_count: pieces.len() as u64,
        total_size_bytes: payload.len() as u64,
    }];
    out.extend(pieces.into_iter().enumerate().map(|(index, piece)| {
        ProtocolMessage::DocUpdateFragment {
            crdt,
            room_id: room.to_owned(),
            batch_id,
            index: index as u64,
            fragment: piece.to_vec(),
        }
    }));
    Ok(out)
}

/// A reassembled batch: the protocol's list of updates (a count, then each as var bytes).
pub(crate) fn updates_payload(buf: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut r = loro_protocol::BytesReader::new(buf);
    let n = usize::try_from(r.read_uleb128().ok()?).ok()?;
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(r.read_var_bytes().ok()?.to_vec());
    }
    (r.remaining() == 0).then_some(out)
}

/// What one sync did.
pub struct Synced {
    /// The café with the room's changes (the same café when there were none).
    pub cafe: Cafe,
    pub received: bool,
    /// Whether the relay lacked changes of ours (it now holds them).
    pub sent: bool,
}

/// Merges the café with the room both ways: takes the room's state, sends what the relay
/// lacks and waits until the relay holds it.
pub async fn sync_once(cafe: Cafe, link: &Link) -> Result<Synced, LiveError> {
    let before = remote::version(&cafe).map_err(LiveError::Bad)?;
    let (mut conn, joined) = Conn::join_since(link, &before).await?;
    let relay_vv = joined.version;
    if !shares_history(&relay_vv, &before) {
        return Err(LiveError::Bad(
            "this map is not the room's: they share no history (open the copy of the map the \
             relay was started with)"
                .into(),
        ));
    }
    let merged = remote::absorb(&cafe, &[joined.state]).map_err(LiveError::Bad)?;
    let received = merged.is_some();
    let cafe = merged.unwrap_or(cafe);
    let ours = remote::version(&cafe).map_err(LiveError::Bad)?;
    let sent = !holds(&relay_vv, &ours);
    if sent {
        let update = remote::updates_since(&cafe, Some(&relay_vv)).map_err(LiveError::Bad)?;
        conn.send_update(update).await?;
        // The relay answers a join after the changes sent before it: its version then shows
        // whether it took them.
        let again = conn.rejoin(&ours).await?;
        if !holds(&again.version, &ours) {
            return Err(LiveError::Bad(
                "the relay did not take our changes; they stay in the file for the next sync"
                    .into(),
            ));
        }
    }
    conn.close().await;
    Ok(Synced {
        cafe,
        received,
        sent,
    })
}

/// Whether two replicas come from one history (or one of them is empty): joining two
/// histories born apart would double every note.
pub fn shares_history(a: &VersionVector, b: &VersionVector) -> bool {
    a.is_empty() || b.is_empty() || !a.intersection(b).is_empty()
}

/// Whether a replica at `a` holds every change of `b`.
pub fn holds(a: &VersionVector, b: &VersionVector) -> bool {
    b.iter()
        .all(|(peer, &end)| a.get(peer).copied().unwrap_or(0) >= end)
}

/// Runs a future on a runtime of its own (the command line, tests).
pub fn block_on<F: std::future::Future>(f: F) -> Result<F::Output, LiveError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(offline)?;
    Ok(rt.block_on(f))
}
