//! What the live tests of both binaries share: a bound on a whole test (a test on the network
//! fails rather than hangs); a relay on 127.0.0.1 port 0 serving a saved map, the window joined
//! to it, and another note-taker's edits made with the headless client (as `cafemap sync`
//! does); a headless participant watching the room's presence. Waiting on the network is a
//! bounded poll: frames run until the change shows, or the test fails.

use super::window::*;
use cafemap::i18n::Lang;
use cafemap::io::file;
use cafemap::live::Link;
use cafemap::live::client::{block_on, sync_once};
use cafemap::live::presence::{Person, Presence};
use cafemap::live::relay::{Relay, Running};
use cafemap::live::rooms::Rooms;
use cafemap::live::session::{Event, Session};
use cafemap::model::Cafe;
use cafemap::model::NodeId;
use cafemap::ui::{CafeApp, Command, Document, LiveStatus};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The most a live test may take, whatever it waits on.
pub const TEST_LIMIT: Duration = Duration::from_secs(120);

/// One round of a bounded poll, and how many rounds at most.
pub const ROUND: Duration = Duration::from_millis(20);
pub const ROUNDS: usize = 600;

/// Runs `body` on a thread of its own; the test fails if it is not done within [`TEST_LIMIT`]
/// (its panics are the test's).
pub fn bounded<T: Send + 'static>(body: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    let runner = std::thread::spawn(move || {
        let out = body();
        let _ = tx.send(());
        out
    });
    match rx.recv_timeout(TEST_LIMIT) {
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("the test did not finish within {TEST_LIMIT:?}")
        }
        _ => match runner.join() {
            Ok(out) => out,
            Err(panic) => std::panic::resume_unwind(panic),
        },
    }
}

/// A participant without a window (a note-taker's session, headless): who they see.
pub struct Watcher {
    pub session: Session,
    pub people: Vec<Person>,
    pub connected: bool,
}

impl Watcher {
    /// Joins the room as `name` on the table of `table`; others are dropped after `timeout`
    /// without news.
    pub fn join(link: &Link, name: &str, table: NodeId, timeout: Duration) -> Watcher {
        let session = Session::start_with(link.clone(), timeout, || {}).unwrap();
        let w = Watcher {
            session,
            people: Vec::new(),
            connected: false,
        };
        w.sit(name, table);
        w
    }

    /// Tells the room this participant is at the table of `table`.
    pub fn sit(&self, name: &str, table: NodeId) {
        self.session.present(Presence {
            name: name.into(),
            table: Some(table),
        });
    }

    /// Takes in what happened.
    pub fn read(&mut self) {
        for e in self.session.events() {
            match e {
                Event::People(p) => self.people = p,
                Event::Connected(_) => self.connected = true,
                Event::Offline(_) | Event::Refused => self.connected = false,
                Event::Updates(_) => {}
            }
        }
    }

    /// Who this participant sees, as (name, table), by name.
    pub fn seen(&self) -> Vec<(String, Option<NodeId>)> {
        (self.people.iter())
            .map(|p| (p.name.clone(), p.table))
            .collect()
    }
}

/// Polls the watchers (bounded) until `done` holds for each.
pub fn until(watchers: &mut [&mut Watcher], what: &str, done: impl Fn(&Watcher) -> bool) {
    for _ in 0..ROUNDS {
        for w in watchers.iter_mut() {
            w.read();
        }
        if watchers.iter().all(|w| done(w)) {
            return;
        }
        std::thread::sleep(ROUND);
    }
    let seen: Vec<_> = watchers.iter().map(|w| w.seen()).collect();
    panic!("{what}: not within {ROUNDS} rounds; seen {seen:?}");
}

/// A relay on 127.0.0.1 (port 0, any free one, unless given) serving the map at `path` as a
/// room (kept in `dir/rooms`).
pub fn relay(dir: &Path, path: &Path, port: u16) -> (Running, Link) {
    let rooms = Arc::new(Rooms::open(&dir.join("rooms")).unwrap());
    let (room, token) = rooms.add_map(path, &file::load(path).unwrap()).unwrap();
    let running = Relay::bind(&format!("127.0.0.1:{port}"), rooms)
        .unwrap()
        .spawn()
        .unwrap();
    let link = Link {
        host: running.addr.to_string(),
        room,
        token,
    };
    (running, link)
}

/// The window on the map at `path`, joined to the room with File ▸ Live session ▸ Join….
pub fn joined_window(path: &Path, link: &Link) -> Harness<'static, CafeApp> {
    let mut h = joining_window(path, link);
    poll(&mut h, "the window joins", |h| {
        h.state().live_status() == Some(LiveStatus::Connected)
    });
    poll(&mut h, "the window sees itself in the room", |h| {
        h.query_by_label("Live · connected · 1 person").is_some()
    });
    h
}

/// The window on the map at `path`, as "Awa", asked to join (File ▸ Live session ▸ Join…).
pub fn joining_window(path: &Path, link: &Link) -> Harness<'static, CafeApp> {
    let doc = Document::new(file::load(path).unwrap(), Some(path.to_owned()));
    let mut h = open_settled(CafeApp::with_document(Lang::En, doc).with_live_name("Awa"));
    command(&mut h, Command::LiveJoin);
    type_text(&mut h, &link.url());
    click(&mut h, "Join");
    h
}

/// Runs frames until `done`, within [`ROUNDS`] rounds.
pub fn poll(
    h: &mut Harness<'_, CafeApp>,
    what: &str,
    done: impl Fn(&Harness<'_, CafeApp>) -> bool,
) {
    for _ in 0..ROUNDS {
        h.step();
        if done(h) {
            h.run();
            return;
        }
        std::thread::sleep(ROUND);
    }
    panic!("{what}: not within {ROUNDS} rounds");
}

/// Another note-taker's copy at `path`: `change` made to it, then synced with the room.
pub fn remote_edit(path: &Path, link: &Link, change: impl FnOnce(&mut Cafe)) -> Cafe {
    let mut cafe = file::load(path).unwrap();
    change(&mut cafe);
    let synced = block_on(sync_once(cafe, link)).unwrap().unwrap();
    file::save(path, &synced.cafe).unwrap();
    synced.cafe
}

/// Runs the window's frames until the other note-taker's copy, synced, satisfies `done`.
pub fn reaches_the_room(
    h: &mut Harness<'_, CafeApp>,
    theirs: &Path,
    link: &Link,
    what: &str,
    done: impl Fn(&Cafe) -> bool,
) {
    for _ in 0..ROUNDS {
        h.step();
        if done(&remote_edit(theirs, link, |_| {})) {
            return;
        }
        std::thread::sleep(ROUND);
    }
    panic!("{what}: did not reach the room");
}

/// Whether some note of `cafe` reads `text`.
pub fn has_note(cafe: &Cafe, text: &str) -> bool {
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes())
        .any(|n| n.text == text)
}

/// Rewrites the note that reads `from`.
pub fn set_text(cafe: &mut Cafe, from: &str, to: &str) {
    for t in &mut cafe.tables {
        let id = t.nodes().find(|n| n.text == from).map(|n| n.id);
        if let Some(n) = id.and_then(|id| t.node_mut(id)) {
            n.text = to.to_owned();
        }
    }
}
