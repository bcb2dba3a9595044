//! A live session for window tests: a relay on 127.0.0.1 port 0 serving a saved map, the window
//! joined to it, and another note-taker's edits made with the headless client (as `cafemap
//! sync` does). Waiting on the network is a bounded poll: frames run until the change shows,
//! or the test fails.

use super::window::*;
use cafemap::i18n::Lang;
use cafemap::io::file;
use cafemap::live::Link;
use cafemap::live::client::{block_on, sync_once};
use cafemap::live::relay::{Relay, Running};
use cafemap::live::rooms::Rooms;
use cafemap::model::Cafe;
use cafemap::ui::{CafeApp, Command, Document, LiveStatus};
use egui_kittest::Harness;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The most a poll waits for the network (each round runs the window's frames).
pub const ROUNDS: usize = 600;
const ROUND: Duration = Duration::from_millis(20);

/// A relay on 127.0.0.1, any free port, serving the map at `path` as a room (kept in
/// `dir/rooms`).
pub fn relay(dir: &Path, path: &Path) -> (Running, Link) {
    let rooms = Arc::new(Rooms::open(&dir.join("rooms")).unwrap());
    let (room, token) = rooms.add_map(path, &file::load(path).unwrap()).unwrap();
    let running = Relay::bind("127.0.0.1:0", rooms).unwrap().spawn().unwrap();
    let link = Link {
        host: running.addr.to_string(),
        room,
        token,
    };
    (running, link)
}

/// The window on the map at `path`, joined to the room with File ▸ Live session ▸ Join….
pub fn joined_window(path: &Path, link: &Link) -> Harness<'static, CafeApp> {
    let doc = Document::new(file::load(path).unwrap(), Some(path.to_owned()));
    let mut h = open_settled(CafeApp::with_document(Lang::En, doc));
    command(&mut h, Command::LiveJoin);
    type_text(&mut h, &link.url());
    click(&mut h, "Join");
    poll(&mut h, "the window joins", |h| {
        h.state().live_status() == Some(LiveStatus::Connected)
    });
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
