//! Live sessions: note-takers at each table feed one map over the venue's own network.
//!
//! Built on the map's Loro history (`crate::sync`) and the Loro project's WebSocket protocol,
//! without a protocol of our own:
//! - [`link`]: the join link `ws://HOST:PORT/ROOM?token=…`, and what a room name may be;
//! - [`rooms`]: the relay's rooms on disk: one Loro snapshot and one token per room, written
//!   atomically, names that can never leave the data folder;
//! - [`relay`]: `loro-websocket-server` with these rooms behind its load/save hooks and its
//!   handshake auth (`cafemap serve`, or in-process);
//! - [`client`]: the protocol spoken directly (`loro-protocol` over `tokio-tungstenite`): join,
//!   send the changes the relay lacks, take the relay's, `cafemap sync`;
//! - `guard`: the relay's front door, which cuts off a client sending a message over the
//!   protocol's 256 KiB, and answers joins with what the client lacks (`mirror`: a copy of
//!   each room, as the protocol has it: in fragments over 256 KiB);
//! - [`session`]: a window's connection on a thread of its own, reconnecting by itself;
//! - [`presence`]: who is in the room and at which table, through Loro's ephemeral store
//!   (the protocol's ephemeral room beside the map's); never written to the map;
//! - [`log`]: the relay's warnings (refused handshakes, malformed frames) on standard error.
//!
//! Offline first: a client's changes live in its file's history until the relay holds them;
//! each sync sends whatever the relay lacks, so a relay that lost its last changes (killed
//! between two saves) gets them back from the clients.

pub mod client;
mod guard;
pub mod link;
pub mod log;
mod mirror;
pub mod presence;
pub mod relay;
pub mod rooms;
pub mod session;

pub use link::Link;

/// 64 random bits, for what must differ from one laptop to the next (a presence key, batch
/// numbers); without a random source, the clock's nanoseconds still set two laptops apart.
fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        return nanos as u64;
    }
    u64::from_be_bytes(bytes)
}
