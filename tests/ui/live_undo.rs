//! Undo and the note being typed when another note-taker edits the same map (a live session on
//! a relay on 127.0.0.1): undo takes back only my own change, and their change to the note I
//! am typing in waits beside my draft, as the merge review shows a conflict.

use crate::common::live::*;
use crate::common::sketch::Sketch;
use crate::common::window::*;
use cafemap::io::file;
use cafemap::live::Link;
use cafemap::live::relay::Running;
use cafemap::model::Cafe;
use cafemap::ui::CafeApp;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

/// A saved café with a theme and two ideas, served by a relay; the window joined to it, and
/// the other note-taker's copy (`theirs`).
struct Session {
    _dir: tempfile::TempDir,
    _relay: Running,
    link: Link,
    theirs: PathBuf,
    h: Harness<'static, CafeApp>,
}

fn session() -> Session {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Sketch::new("Café live", "Mobilité ?");
    let t = s.theme("Vélo", (200.0, 0.0));
    s.idea(Some(t), "Pistes cyclables", (300.0, 40.0));
    s.idea(Some(t), "Bus de nuit", (300.0, 140.0));
    let path = dir.path().join("cafe.ron");
    file::save(&path, &s.cafe()).unwrap();
    let theirs = dir.path().join("theirs.ron");
    std::fs::copy(&path, &theirs).unwrap();
    let (relay, link) = relay(dir.path(), &path, 0);
    let h = joined_window(&path, &link);
    Session {
        _dir: dir,
        _relay: relay,
        link,
        theirs,
        h,
    }
}

impl Session {
    /// Types `more` at the end of the note that reads `note`, and keeps typing (no Enter).
    fn type_after(&mut self, note: &str, more: &str) {
        click(&mut self.h, note);
        press(&mut self.h, Key::F2);
        self.h.key_press(Key::End);
        type_text(&mut self.h, more);
    }

    /// Waits until my copy is in the room, then the other note-taker changes it and the
    /// window shows the note reading `shown`.
    fn they_edit(&mut self, shown: &str, change: impl FnOnce(&mut Cafe)) {
        remote_edit(&self.theirs, &self.link, change);
        poll(&mut self.h, shown, |h| has_note(cafe_of(h), shown));
    }

    fn wait_for_room(&mut self, text: &str) {
        let (theirs, link) = (self.theirs.clone(), self.link.clone());
        reaches_the_room(&mut self.h, &theirs, &link, text, |c| has_note(c, text));
    }
}

#[test]
fn undo_takes_back_my_words_and_keeps_theirs_in_the_same_note() {
    let mut s = session();
    s.type_after("Bus de nuit", " le week-end");
    press(&mut s.h, Key::Enter);
    s.wait_for_room("Bus de nuit le week-end");
    s.they_edit("Ligne 12 : Bus de nuit le week-end", |c| {
        set_text(
            c,
            "Bus de nuit le week-end",
            "Ligne 12 : Bus de nuit le week-end",
        )
    });

    ctrl(&mut s.h, Key::Z);
    assert!(
        s.h.query_by_label("Ligne 12 : Bus de nuit").is_some(),
        "my words undone, theirs kept"
    );
    ctrl(&mut s.h, Key::Y);
    assert!(
        s.h.query_by_label("Ligne 12 : Bus de nuit le week-end")
            .is_some(),
        "redo brings my words back beside theirs"
    );
}

#[test]
fn undo_keeps_their_rewrite_of_my_words_and_says_so() {
    let mut s = session();
    s.type_after("Bus de nuit", " le week-end");
    press(&mut s.h, Key::Enter);
    s.wait_for_room("Bus de nuit le week-end");
    s.they_edit("Bus de nuit le samedi", |c| {
        set_text(c, "Bus de nuit le week-end", "Bus de nuit le samedi")
    });

    ctrl(&mut s.h, Key::Z);
    assert!(
        s.h.query_by_label("Bus de nuit le samedi").is_some(),
        "their rewrite stays"
    );
    let line = s.h.state().message().unwrap_or_default().to_owned();
    assert!(
        line.starts_with("Undone, except where others changed it since")
            && line.contains("“Bus de nuit le samedi” (their text overlaps yours)"),
        "{line}"
    );
}

#[test]
fn their_change_to_the_note_i_type_in_shows_beside_my_draft_and_enter_keeps_both() {
    let mut s = session();
    s.type_after("Bus de nuit", " le week-end");
    s.they_edit("Bus de nuit (ligne 12)", |c| {
        set_text(c, "Bus de nuit", "Bus de nuit (ligne 12)")
    });

    // The conflict row of the merge review: both texts, and the choice.
    assert!(
        s.h.query_by_label("Someone else changed this note")
            .is_some()
    );
    for label in ["Yours", "Theirs", "Keep both", "Keep yours", "Keep theirs"] {
        assert!(s.h.query_by_label(label).is_some(), "{label}");
    }
    assert!(
        s.h.query_by_label("Bus de nuit le week-end").is_some(),
        "my draft"
    );
    let draft = s.h.state().document().draft().expect("still typing");
    assert_eq!(draft.text, "Bus de nuit le week-end", "the draft is kept");

    // Enter with "Keep both" (as the review's default): mine in place, theirs beside it,
    // tagged `conflict`, as `cafemap merge` keeps both.
    press(&mut s.h, Key::Enter);
    assert!(
        s.h.query_by_label("Someone else changed this note")
            .is_none()
    );
    let cafe = cafe_of(&s.h);
    assert!(has_note(cafe, "Bus de nuit le week-end"));
    let copy = cafe
        .tables
        .iter()
        .flat_map(|t| t.nodes())
        .find(|n| n.text == "Bus de nuit (ligne 12)")
        .expect("theirs kept beside");
    assert_eq!(copy.tags, ["conflict"]);
    s.wait_for_room("Bus de nuit le week-end");
}

#[test]
fn taking_theirs_in_the_conflict_row_sets_my_draft_aside() {
    let mut s = session();
    s.type_after("Bus de nuit", " le week-end");
    s.they_edit("Bus de nuit (ligne 12)", |c| {
        set_text(c, "Bus de nuit", "Bus de nuit (ligne 12)")
    });

    click(&mut s.h, "Keep theirs");
    click(&mut s.h, "Apply");
    assert!(s.h.state().document().draft().is_none(), "typing ended");
    assert!(
        s.h.query_by_label("Someone else changed this note")
            .is_none()
    );
    let cafe = cafe_of(&s.h);
    assert!(has_note(cafe, "Bus de nuit (ligne 12)"));
    assert!(!has_note(cafe, "Bus de nuit le week-end"));
}

#[test]
fn keeping_mine_in_the_conflict_row_then_enter_writes_mine_alone() {
    let mut s = session();
    s.type_after("Bus de nuit", " le week-end");
    s.they_edit("Bus de nuit (ligne 12)", |c| {
        set_text(c, "Bus de nuit", "Bus de nuit (ligne 12)")
    });

    // A click on the card leaves the note being typed open: Enter still finishes it.
    click(&mut s.h, "Keep yours");
    assert!(s.h.state().document().draft().is_some(), "still typing");
    press(&mut s.h, Key::Enter);
    assert!(s.h.state().document().draft().is_none(), "typing ended");
    let cafe = cafe_of(&s.h);
    assert!(has_note(cafe, "Bus de nuit le week-end"));
    assert!(!has_note(cafe, "Bus de nuit (ligne 12)"), "theirs replaced");
}
