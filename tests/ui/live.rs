//! File ▸ Live session in the window, against a relay on 127.0.0.1 port 0: another note-taker's
//! edit (made with the headless client, as `cafemap sync` does) shows in the window without
//! taking the selection or the note being typed; our own edits reach the room; the status bar
//! says when the relay is gone and how many changes wait, and they go out when it is back.
//! Presence: the status bar counts who is in the room and lists who is at which table, the
//! tabs count who is at each; a table's link opens the window on its table.
//! Waiting on the network is a bounded poll: frames run until the change shows, or fail; each
//! test as a whole is bounded too ([`bounded`]).

use crate::common::live::*;
use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::io::file;
use cafemap::live::Link;
use cafemap::live::relay::{Relay, Running};
use cafemap::live::rooms::Rooms;
use cafemap::model::{Cafe, Node, NodeKind};
use cafemap::ui::{CafeApp, Command, Document, LiveStatus};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A café saved with its history to `dir/cafe.ron`.
fn saved_cafe(dir: &Path) -> PathBuf {
    let mut s = Sketch::new("Café live", "Mobilité ?");
    let t = s.theme("Vélo", (200.0, 0.0));
    s.idea(Some(t), "Pistes cyclables", (300.0, 40.0));
    s.idea(Some(t), "Bus de nuit", (300.0, 140.0));
    let path = dir.join("cafe.ron");
    file::save(&path, &s.cafe()).unwrap();
    path
}

/// The relay started again on its folder and its address (the rooms as it saved them).
fn relay_again(dir: &Path, link: &Link) -> Running {
    let rooms = Arc::new(Rooms::open(&dir.join("rooms")).unwrap());
    Relay::bind(&link.host, rooms).unwrap().spawn().unwrap()
}

fn add_idea(cafe: &mut Cafe, text: &str) {
    let id = cafe.alloc_id();
    let node = Node::new(id, NodeKind::Idea, text).at(cafemap::geom::Point::new(600.0, 300.0));
    cafe.tables[0].insert(node, None).unwrap();
}

#[test]
fn a_remote_edit_shows_without_taking_the_selection_the_draft_or_the_camera() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = saved_cafe(dir.path());
        let theirs = dir.path().join("theirs.ron");
        std::fs::copy(&path, &theirs).unwrap();
        let (_relay, link) = relay(dir.path(), &path, 0);
        let mut h = joined_window(&path, &link);

        // Typing into "Bus de nuit", selected.
        click(&mut h, "Bus de nuit");
        let bus = id_of(&h, "Bus de nuit");
        press(&mut h, Key::F2);
        h.key_press(Key::End);
        type_text(&mut h, " le week-end");
        let question = table(&h).question();
        let camera = h.state().views.canvas.camera(question);

        // Another note-taker adds an idea and rewords the note being typed.
        remote_edit(&theirs, &link, |c| {
            add_idea(c, "Covoiturage");
            set_text(c, "Bus de nuit", "Bus de nuit (ligne 12)");
        });
        poll(&mut h, "the remote idea shows", |h| {
            has_note(cafe_of(h), "Covoiturage")
        });
        assert!(
            h.query_by_label("Covoiturage").is_some(),
            "shown on the map"
        );
        assert_eq!(
            h.state().selection().iter().copied().collect::<Vec<_>>(),
            [bus]
        );
        let draft = h.state().document().draft().expect("still typing");
        assert_eq!(draft.text, "Bus de nuit le week-end", "the draft is kept");
        assert_eq!(
            h.state().views.canvas.camera(question),
            camera,
            "camera still"
        );
        let notice = h.state().message().unwrap_or_default().to_owned();
        assert!(notice.contains("Bus de nuit (ligne 12)"), "{notice}");

        // Finishing the typing: our text wins, and goes to the room.
        press(&mut h, Key::Enter);
        assert_eq!(text_of(&h, bus), "Bus de nuit le week-end");
        reaches_the_room(&mut h, &theirs, &link, "Bus de nuit le week-end", |c| {
            has_note(c, "Bus de nuit le week-end")
        });

        // Undo takes back our typing only: the other note-taker's idea stays.
        ctrl(&mut h, Key::Z);
        assert!(
            has_note(cafe_of(&h), "Covoiturage"),
            "their idea is not ours to undo"
        );
        assert_ne!(
            text_of(&h, bus),
            "Bus de nuit le week-end",
            "our typing undone"
        );
    })
}

#[test]
fn offline_the_status_bar_counts_changes_waiting_and_they_go_out_on_reconnection() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = saved_cafe(dir.path());
        let theirs = dir.path().join("theirs.ron");
        std::fs::copy(&path, &theirs).unwrap();
        let (relay_up, link) = relay(dir.path(), &path, 0);
        let mut h = joined_window(&path, &link);

        drop(relay_up);
        poll(&mut h, "the window sees the relay gone", |h| {
            matches!(h.state().live_status(), Some(LiveStatus::Offline { .. }))
        });
        add_note(&mut h, "Navettes");
        assert!(
            h.query_by_label("Live · offline, 1 change waiting")
                .is_some(),
            "the status bar says what waits"
        );
        // The relay back on its address: the window reconnects by itself and sends it.
        let relay_up = relay_again(dir.path(), &link);
        poll(&mut h, "the window reconnects", |h| {
            h.state().live_status() == Some(LiveStatus::Connected)
        });
        reaches_the_room(&mut h, &theirs, &link, "Navettes", |c| {
            has_note(c, "Navettes")
        });

        // Offline again, saved and closed: the change is in the file's history. Opened again
        // while the relay is still down, the map joins, waits offline, and the change goes out
        // once the relay is back.
        drop(relay_up);
        poll(&mut h, "the relay gone again", |h| {
            matches!(h.state().live_status(), Some(LiveStatus::Offline { .. }))
        });
        add_note(&mut h, "Tramway");
        command(&mut h, Command::Save);
        assert!(!h.state().editor.is_dirty(), "saved");
        drop(h);
        let mut h = joining_window(&path, &link);
        poll(&mut h, "the window starts offline", |h| {
            matches!(h.state().live_status(), Some(LiveStatus::Offline { .. }))
        });
        assert!(h.query_by_label("Live · offline, trying again").is_some());
        assert!(has_note(cafe_of(&h), "Tramway"), "the map as last saved");
        let _relay = relay_again(dir.path(), &link);
        poll(&mut h, "the window connects", |h| {
            h.state().live_status() == Some(LiveStatus::Connected)
        });
        reaches_the_room(&mut h, &theirs, &link, "Tramway", |c| {
            has_note(c, "Tramway")
        });
    })
}

/// A new idea under "Vélo", typed.
fn add_note(h: &mut Harness<'_, CafeApp>, text: &str) {
    click(h, "Vélo");
    command(h, Command::AddChild);
    type_text(h, text);
    press(h, Key::Enter);
    assert!(has_note(cafe_of(h), text));
}

#[test]
fn start_opens_the_map_as_a_room_on_a_relay_in_the_window_and_shows_its_link() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = saved_cafe(dir.path());
        let theirs = dir.path().join("theirs.ron");
        std::fs::copy(&path, &theirs).unwrap();
        let doc = Document::new(file::load(&path).unwrap(), Some(path.clone()));
        let app = CafeApp::with_document(Lang::En, doc)
            .with_rooms_dir(dir.path().join("rooms"))
            .with_live_name("Awa");
        let mut h = open_settled(app);

        // File ▸ Live session ▸ Start…, on this computer, any free port.
        click(&mut h, "File");
        h.get_by_label("Live session").hover();
        h.run();
        click(&mut h, "Start a live session…");
        h.key_press_modifiers(CTRL, Key::A);
        type_text(&mut h, "127.0.0.1:0");
        click(&mut h, "Start");
        let shown = h
            .get_by_label_contains("ws://127.0.0.1:")
            .accesskit_node()
            .value()
            .unwrap_or_default();
        let link = Link::parse(&shown).unwrap();
        click(&mut h, "Copy");
        assert_eq!(h.state().message(), Some("Link copied."));
        // And a link per table, for each note-taker.
        let table_link = h.get_by_label("Copy table 1's link");
        assert!(
            format!("{:?}", table_link.accesskit_node()).contains("&table=1"),
            "its link shows on hover"
        );
        click(&mut h, "Copy table 1's link");
        assert_eq!(h.state().message(), Some("Link copied."));
        click(&mut h, "Close");
        poll(&mut h, "the window joins its own room", |h| {
            h.state().live_status() == Some(LiveStatus::Connected)
        });

        // A note-taker with the link gets what the window adds.
        add_note(&mut h, "Autopartage");
        reaches_the_room(&mut h, &theirs, &link, "Autopartage", |c| {
            has_note(c, "Autopartage")
        });
        command(&mut h, Command::LiveLeave);
        assert_eq!(h.state().live_status(), None);
        assert!(h.query_by_label_contains("Live ·").is_none());
    })
}

/// A café of two tables saved with its history to `dir/cafe.ron`.
fn two_tables(dir: &Path) -> PathBuf {
    let mut s = Sketch::new("Café live", "Mobilité ?");
    s.theme("Vélo", (200.0, 0.0));
    s.next_table("Logement ?");
    s.theme("Loyers", (200.0, 0.0));
    let path = dir.join("cafe.ron");
    file::save(&path, &s.cafe()).unwrap();
    path
}

#[test]
fn the_status_bar_counts_who_is_there_and_lists_who_is_at_which_table() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = two_tables(dir.path());
        let (_relay, link) = relay(dir.path(), &path, 0);
        let q: Vec<_> = (file::load(&path).unwrap().tables.iter())
            .map(|t| t.question())
            .collect();
        let quiet = cafemap::live::presence::TIMEOUT;
        let mut bruno = Watcher::join(&link, "Bruno", q[1], quiet);
        let _chloe = Watcher::join(&link, "Chloé", q[0], quiet);

        // Join… asks for a name the first time.
        let doc = Document::new(file::load(&path).unwrap(), Some(path.clone()));
        let mut h = open_settled(CafeApp::with_document(Lang::En, doc));
        command(&mut h, Command::LiveJoin);
        type_text(&mut h, &link.url());
        click(&mut h, "Join");
        assert!(
            h.query_by_label_contains("Type your name").is_some(),
            "no name, no joining"
        );
        assert_eq!(h.state().live_status(), None);
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Your name")
            .click();
        h.run();
        type_text(&mut h, "Awa");
        click(&mut h, "Join");
        assert_eq!(h.state().live_name(), "Awa", "remembered");

        poll(&mut h, "three people counted", |h| {
            h.query_by_label("Live · connected · 3 people").is_some()
        });
        // The tabs count who is at each table.
        assert!(h.query_by_label("1 · Mobilité ?  ☺ 2").is_some());
        assert!(h.query_by_label("2 · Logement ?  ☺ 1").is_some());
        // The status bar opens the list of who is where.
        click(&mut h, "Live · connected · 3 people");
        for line in [
            "Awa (you) — table 1 · Mobilité ?",
            "Bruno — table 2 · Logement ?",
            "Chloé — table 1 · Mobilité ?",
        ] {
            assert!(h.query_by_label(line).is_some(), "{line}");
        }
        press(&mut h, Key::Escape);

        // Awa moves to table 2: the others see it.
        click(&mut h, "2 · Logement ?  ☺ 1");
        until(&mut [&mut bruno], "Awa seen at table 2", |w| {
            w.seen().contains(&("Awa".to_owned(), Some(q[1])))
        });
        poll(&mut h, "two at table 2", |h| {
            h.query_by_label("2 · Logement ?  ☺ 2").is_some()
        });

        // Bruno leaves: counted out at once.
        drop(bruno);
        poll(&mut h, "Bruno gone", |h| {
            h.query_by_label("Live · connected · 2 people").is_some()
        });

        // Leaving and joining again: the name is filled in already.
        command(&mut h, Command::LiveLeave);
        command(&mut h, Command::LiveJoin);
        type_text(&mut h, &link.url());
        click(&mut h, "Join");
        poll(&mut h, "joined again as Awa", |h| {
            h.query_by_label("Live · connected · 2 people").is_some()
        });
    })
}

#[test]
fn a_table_link_opens_the_window_on_its_table() {
    bounded(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = two_tables(dir.path());
        let (_relay, link) = relay(dir.path(), &path, 0);
        let q = file::load(&path).unwrap().tables[1].question();
        let mut facilitator =
            Watcher::join(&link, "Facilitator", q, cafemap::live::presence::TIMEOUT);

        let doc = Document::new(file::load(&path).unwrap(), Some(path.clone()));
        let mut h = open_settled(CafeApp::with_document(Lang::En, doc).with_live_name("Awa"));
        assert_eq!(table(&h).question_node().text, "Mobilité ?");
        command(&mut h, Command::LiveJoin);
        type_text(&mut h, &link.for_table(2));
        click(&mut h, "Join");
        poll(&mut h, "the window joins", |h| {
            h.state().live_status() == Some(LiveStatus::Connected)
        });
        assert_eq!(table(&h).question_node().text, "Logement ?", "on table 2");
        assert!(
            h.query_by_label("Logement ?").is_some(),
            "its question shown"
        );
        until(
            &mut [&mut facilitator],
            "the note-taker seen at table 2",
            |w| w.seen().contains(&("Awa".to_owned(), Some(q))),
        );
        // Closing the app says goodbye: the others see the note-taker gone at once.
        h.state_mut().shutdown();
        until(&mut [&mut facilitator], "the note-taker gone", |w| {
            !w.seen().iter().any(|(n, _)| n == "Awa")
        });
    })
}
