//! A café too big for one message: the relay (`loro-websocket-server` 0.1) sends a room's
//! state in one message, and the protocol caps a message at 256 KiB (about 2,000 ideas), so a
//! larger room could not be joined. A room of 10,000 ideas, joined by note-takers with a copy
//! of the map and by a client with nothing, all on 127.0.0.1 with port 0, bounded.

use crate::common::live::{ROUND, ROUNDS, bounded, has_note, relay};
use crate::common::sketch::Sketch;
use cafemap::io::file;
use cafemap::live::Link;
use cafemap::live::client::{Conn, Synced, block_on, holds, sync_once};
use cafemap::live::relay::{Relay, Running};
use cafemap::live::rooms::Rooms;
use cafemap::live::session::{Event, Session};
use cafemap::model::{Cafe, NodeKind};
use cafemap::sync::remote;
use loro_protocol::MAX_MESSAGE_SIZE;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const IDEAS: usize = 10_000;

/// A café of one table: `ideas` ideas under 20 themes, saved (with its history) to `path`.
fn big_cafe(path: &Path, ideas: usize) {
    let mut s = Sketch::new("Grand café", "Comment mieux vivre ensemble ?");
    let themes: Vec<_> = (0..20)
        .map(|i| s.theme(&format!("Thème {i}"), (400.0 * i as f32, 0.0)))
        .collect();
    for i in 0..ideas {
        let text = format!("Idée {i} : des bancs et de l’ombre près de l’école");
        s.idea(Some(themes[i % themes.len()]), &text, (i as f32, 100.0));
    }
    file::save(path, &s.cafe()).unwrap();
}

fn ideas(cafe: &Cafe) -> usize {
    (cafe.tables.iter().flat_map(|t| t.nodes()))
        .filter(|n| n.kind == NodeKind::Idea)
        .count()
}

/// Every note's text, sorted: what a reader compares.
fn texts(cafe: &Cafe) -> Vec<String> {
    let mut out: Vec<String> = (cafe.tables.iter().flat_map(|t| t.nodes()))
        .map(|n| n.text.clone())
        .collect();
    out.sort();
    out
}

/// The note-taker's copy at `path`, with a note reading `words` added when given, synced
/// with the room (as `cafemap sync` does) and saved.
fn sync(path: &Path, link: &Link, words: Option<&str>) -> Synced {
    let mut cafe = file::load(path).unwrap();
    if let Some(words) = words {
        let q = cafe.tables[0].question();
        let id = cafe.alloc_id();
        let note = cafemap::model::Node::new(id, NodeKind::Idea, words);
        cafe.tables[0].insert(note, Some(q)).unwrap();
    }
    let synced = block_on(sync_once(cafe, link)).unwrap().unwrap();
    file::save(path, &synced.cafe).unwrap();
    synced
}

/// A big café served in-process from `dir`, with a copy of its map for each of `names`.
fn serve_big(dir: &Path, names: &[&str]) -> (Running, Link, Vec<PathBuf>) {
    let base = dir.join("base.ron");
    big_cafe(&base, IDEAS);
    let (running, link) = relay(dir, &base, 0);
    let copies = (names.iter())
        .map(|n| {
            let to = dir.join(format!("{n}.ron"));
            std::fs::copy(&base, &to).unwrap();
            to
        })
        .collect();
    (running, link, copies)
}

#[test]
fn a_ten_thousand_idea_room_is_joined_by_copies_of_its_map_and_by_a_client_with_nothing() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let (running, link, copies) = serve_big(dir.path(), &["ana", "ben"]);
        let [ana, ben] = &copies[..] else {
            unreachable!()
        };

        // Ana writes a note: it goes out, and nothing else came.
        let a = sync(ana, &link, Some("Un jardin partagé"));
        assert!(a.sent && !a.received);
        // Ben writes his: he gets Ana's, and the room his.
        let b = sync(ben, &link, Some("Une fête des voisins"));
        assert!(b.sent && b.received);
        assert!(has_note(&b.cafe, "Un jardin partagé"));
        // Ana again: both hold the same café of 10,002 ideas.
        let a = sync(ana, &link, None);
        assert!(a.received && !a.sent);
        assert_eq!(ideas(&a.cafe), IDEAS + 2);
        assert_eq!(texts(&a.cafe), texts(&b.cafe));
        let room = remote::version(&a.cafe).unwrap();

        // A copy of the map joining is sent only what it lacks, and told the room's version.
        let (conn, joined) = block_on(Conn::join_since(&link, &room)).unwrap().unwrap();
        assert_eq!(joined.version, room);
        assert!(joined.state.len() < 4096, "{} bytes", joined.state.len());
        block_on(conn.close()).unwrap();

        // A client with nothing gets every change of the room (over 256 KiB: in fragments).
        let (conn, state) = block_on(Conn::join(&link)).unwrap().unwrap();
        assert!(state.len() > MAX_MESSAGE_SIZE, "{} bytes", state.len());
        let fresh = loro::LoroDoc::new();
        fresh.import(&state).unwrap();
        assert_eq!(fresh.oplog_vv(), room);
        block_on(conn.close()).unwrap();

        // No message went over the protocol's 256 KiB, either way.
        let largest = running.largest_message();
        assert!(largest <= MAX_MESSAGE_SIZE, "a message of {largest} bytes");
    })
}

#[test]
fn a_big_room_restarted_on_its_folder_is_joined_with_what_it_saved() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let (running, link, copies) = serve_big(dir.path(), &["ana", "ben"]);
        let [ana, ben] = &copies[..] else {
            unreachable!()
        };
        let a = sync(ana, &link, Some("Un jardin partagé"));
        // The relay saves a changed room within moments: once it did, it stops and starts
        // again on its folder (the same room, the same link).
        let data = dir.path().join("rooms");
        let rooms = Arc::new(Rooms::open(&data).unwrap());
        let ours = remote::version(&a.cafe).unwrap();
        let saved = || {
            let snapshot = rooms.load(&link.room).unwrap().unwrap();
            holds(&remote::version_of(&snapshot).unwrap(), &ours)
        };
        for _ in 0..ROUNDS {
            if saved() {
                break;
            }
            std::thread::sleep(ROUND);
        }
        assert!(saved(), "the relay did not save the room");
        drop(running);
        let again = Relay::bind(&link.host, rooms).unwrap().spawn().unwrap();
        let b = sync(ben, &link, None);
        assert!(has_note(&b.cafe, "Un jardin partagé"));
        assert_eq!(ideas(&b.cafe), IDEAS + 1);
        assert!(again.largest_message() <= MAX_MESSAGE_SIZE);
    })
}

#[test]
fn a_note_takers_window_on_a_copy_of_a_big_room_is_sent_only_what_it_lacks() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let (_running, link, copies) = serve_big(dir.path(), &["ana", "ben"]);
        let [ana, ben] = &copies[..] else {
            unreachable!()
        };
        let a = sync(ana, &link, Some("Un jardin partagé"));
        let room = remote::version(&a.cafe).unwrap();
        // Ben's window joins with his copy, which lacks Ana's note.
        let ours = remote::version(&file::load(ben).unwrap()).unwrap();
        let session = Session::start(link.clone(), ours, || {}).unwrap();
        let mut joined = None;
        for _ in 0..ROUNDS {
            joined = (session.events().into_iter())
                .find_map(|e| match e {
                    Event::Connected(j) => Some(j),
                    _ => None,
                })
                .or(joined);
            if joined.is_some() {
                break;
            }
            std::thread::sleep(ROUND);
        }
        let joined = joined.expect("the window joins");
        assert_eq!(joined.version, room);
        assert!(joined.state.len() < 4096, "{} bytes", joined.state.len());
        let ben = remote::absorb(&file::load(ben).unwrap(), &[joined.state]);
        assert!(has_note(&ben.unwrap().unwrap(), "Un jardin partagé"));
    })
}

#[test]
fn thousands_of_ideas_sent_at_once_go_in_fragments_and_reach_the_others() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("base.ron");
        big_cafe(&base, 0);
        let (running, link) = relay(dir.path(), &base, 0);
        let [ana, ben] = ["ana", "ben"].map(|n| {
            let to = dir.path().join(format!("{n}.ron"));
            std::fs::copy(&base, &to).unwrap();
            to
        });
        // Ana pastes 4,000 ideas: one change far over 256 KiB.
        let mut cafe = file::load(&ana).unwrap();
        let q = cafe.tables[0].question();
        for i in 0..4000 {
            let id = cafe.alloc_id();
            let text = format!("Idée collée {i} : un marché de producteurs le samedi matin");
            let note = cafemap::model::Node::new(id, NodeKind::Idea, text);
            cafe.tables[0].insert(note, Some(q)).unwrap();
        }
        let before = remote::version(&file::load(&ana).unwrap()).unwrap();
        let change = remote::updates_since(&cafe, Some(&before)).unwrap();
        assert!(change.len() > MAX_MESSAGE_SIZE, "{} bytes", change.len());
        file::save(&ana, &cafe).unwrap();
        let a = sync(&ana, &link, None);
        assert!(a.sent);
        // Ben gets them all.
        let b = sync(&ben, &link, None);
        assert_eq!(ideas(&b.cafe), 4000);
        assert_eq!(texts(&b.cafe), texts(&a.cafe));
        assert!(running.largest_message() <= MAX_MESSAGE_SIZE);
    })
}
