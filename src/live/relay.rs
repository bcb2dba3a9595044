//! The relay: `loro-websocket-server` serving the [`Rooms`] of a data folder.
//!
//! - Handshake auth: the link's path names the room (the server's workspace), its `token`
//!   query must be the room's: a wrong or missing token, or a room the folder does not hold
//!   (`../../x` is never one), is refused with 401 before any frame is read.
//! - Join auth: the join request must name the same room and carry its token (the
//!   workspace and the room are one), for the document and its presence.
//! - Load/save hooks: a room's document is read from its snapshot when first joined and saved
//!   every [`SAVE_EVERY_MS`] when it changed, atomically and flushed to disk
//!   ([`Rooms::save`]) by a thread of its own: the crate holds the room while its save hook
//!   runs, and a disk that takes 30 ms to flush would stall every note-taker of the room.
//! - A frame the protocol cannot decode closes that connection, logged; the others go on. A
//!   message over the protocol's 256 KiB is cut off before the relay ([`guard`]).
//! - Joins are answered in the front ([`super::mirror`]): the crate sends a room's state in one
//!   message, which cannot carry a room over 256 KiB (about 2,000 ideas).

use super::guard::{self, Traffic};
use super::mirror::Mirror;
use super::rooms::Rooms;
use loro_websocket_server::protocol::{CrdtType, Permission};
use loro_websocket_server::{LoadedDoc, ServerConfig};
use std::net::SocketAddr;
use std::sync::Arc;

/// How often a changed room is written to disk.
pub const SAVE_EVERY_MS: u64 = 20;

/// A relay bound to its address, not yet serving.
pub struct Relay {
    listener: std::net::TcpListener,
    rooms: Arc<Rooms>,
}

/// A relay serving on a thread of its own (in-process: the window, tests, benches). Dropping
/// it stops the relay.
pub struct Running {
    pub addr: SocketAddr,
    traffic: Arc<Traffic>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Running {
    /// The largest message that went either way between the relay and its clients (the
    /// protocol's limit is 256 KiB).
    pub fn largest_message(&self) -> usize {
        self.traffic.largest()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Relay {
    pub fn bind(addr: &str, rooms: Arc<Rooms>) -> Result<Relay, String> {
        let listener = std::net::TcpListener::bind(addr)
            .map_err(|e| format!("cannot listen on {addr} ({e})"))?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("cannot listen on {addr} ({e})"))?;
        Ok(Relay { listener, rooms })
    }

    pub fn local_addr(&self) -> Result<SocketAddr, String> {
        self.listener.local_addr().map_err(|e| e.to_string())
    }

    /// Serves until the process ends (`cafemap serve`).
    pub fn run(self) -> Result<(), String> {
        let (_keep, stop) = tokio::sync::oneshot::channel();
        self.serve_until(stop, Arc::default())
    }

    /// Serves on a thread of its own until the returned handle is dropped.
    pub fn spawn(self) -> Result<Running, String> {
        let addr = self.local_addr()?;
        let (tx, rx) = tokio::sync::oneshot::channel();
        let traffic = Arc::new(Traffic::default());
        let counted = Arc::clone(&traffic);
        let thread = std::thread::Builder::new()
            .name("cafemap-relay".into())
            .spawn(move || {
                if let Err(e) = self.serve_until(rx, counted) {
                    eprintln!("relay: {e}");
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Running {
            addr,
            traffic,
            stop: Some(tx),
            thread: Some(thread),
        })
    }

    fn serve_until(
        self,
        stop: tokio::sync::oneshot::Receiver<()>,
        traffic: Arc<Traffic>,
    ) -> Result<(), String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        runtime.block_on(async move {
            let public =
                tokio::net::TcpListener::from_std(self.listener).map_err(|e| e.to_string())?;
            // The relay itself listens on loopback only, behind the guard's size check.
            let inner = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .map_err(|e| e.to_string())?;
            let inner_addr = inner.local_addr().map_err(|e| e.to_string())?;
            let server = loro_websocket_server::serve_incoming_with_config(
                inner,
                config(Arc::clone(&self.rooms)),
            );
            let mirror = Arc::new(Mirror::new(Arc::clone(&self.rooms)));
            tokio::select! {
                r = server => r.map_err(|e| e.to_string()),
                _ = guard::front(public, inner_addr, mirror, traffic) => Ok(()),
                _ = stop => Ok(()),
            }
        })
    }
}

fn config(rooms: Arc<Rooms>) -> ServerConfig<()> {
    let handshake = Arc::clone(&rooms);
    let join = Arc::clone(&rooms);
    let load = Arc::clone(&rooms);
    let writer = Writer::start(rooms);
    ServerConfig {
        handshake_auth: Some(Arc::new(move |room: &str, token: Option<&str>| {
            token.is_some_and(|t| handshake.admits(room, t))
        })),
        authenticate: Some(Arc::new(
            move |room: String, crdt: CrdtType, auth: Vec<u8>| {
                let token = String::from_utf8(auth).unwrap_or_default();
                let ok = matches!(crdt, CrdtType::Loro | CrdtType::LoroEphemeralStore)
                    && join.admits(&room, &token);
                Box::pin(async move { Ok(ok.then_some(Permission::Write)) })
            },
        )),
        on_load_document: Some(Arc::new(move |args| {
            // A connection is let into its workspace only: the room must be it.
            let loaded = if args.workspace == args.room {
                load.load(&args.room)
            } else {
                Err("the room is not the link's".into())
            };
            Box::pin(async move {
                loaded.map(|snapshot| LoadedDoc {
                    snapshot,
                    ctx: None,
                })
            })
        })),
        on_save_document: Some(Arc::new(move |args| {
            let queued = if args.workspace != args.room || args.crdt != CrdtType::Loro {
                Err("not a room of this relay".to_owned())
            } else {
                writer.queue(args.room, args.data)
            };
            Box::pin(async move { queued })
        })),
        save_interval_ms: Some(SAVE_EVERY_MS),
        default_permission: Permission::Write,
    }
}

/// Writes rooms' snapshots on a thread of its own, the latest of each room first come.
struct Writer {
    tx: std::sync::mpsc::Sender<(String, Vec<u8>)>,
}

impl Writer {
    fn start(rooms: Arc<Rooms>) -> Writer {
        let (tx, rx) = std::sync::mpsc::channel::<(String, Vec<u8>)>();
        let spawned = std::thread::Builder::new()
            .name("cafemap-relay-disk".into())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    // Snapshots queued meanwhile: only each room's latest is written.
                    let mut latest: std::collections::HashMap<String, Vec<u8>> =
                        std::collections::HashMap::new();
                    latest.insert(first.0, first.1);
                    latest.extend(rx.try_iter());
                    for (room, data) in latest {
                        if let Err(e) = rooms.save(&room, &data) {
                            tracing::error!(%room, "the room could not be saved: {e}");
                        }
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::error!("the rooms cannot be saved: {e}");
        }
        Writer { tx }
    }

    fn queue(&self, room: String, data: Vec<u8>) -> Result<(), String> {
        self.tx
            .send((room, data))
            .map_err(|_| "the rooms' writer has stopped".to_owned())
    }
}
