//! Dot votes in the window: keys on the selection (several notes, one undo step per gesture),
//! clicks on a note's dots, named dot kinds and the kind the keys add.

use crate::common::sketch::{Sketch, idea};
use crate::common::window::*;
use cafemap::geom::Point;
use cafemap::model::{Cafe, NodeKind, Votes};
use cafemap::ui::{CafeApp, Command};
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const CTRL_SHIFT: Modifiers = Modifiers {
    ctrl: true,
    command: true,
    shift: true,
    ..Modifiers::NONE
};
const NOTES: [&str; 3] = ["Jardin partagé", "Repair café", "Fête des voisins"];

fn cafe() -> Cafe {
    let mut s = Sketch::new("", "Comment vivre ensemble ?");
    let theme = s.theme("Voisinage", (0.0, -220.0));
    for (i, text) in NOTES.iter().enumerate() {
        let mut n = idea(text).at(Point::new(-280.0 + 280.0 * i as f32, 200.0));
        n.votes = Votes::single(i as u32);
        s.add(n, Some(theme));
    }
    s.cafe()
}

fn votes(h: &Harness<'_, CafeApp>, text: &str) -> Votes {
    let id = id_of(h, text);
    h.state().document().cafe().node(id).unwrap().votes
}

fn select(h: &mut Harness<'_, CafeApp>, texts: &[&str]) {
    for (i, t) in texts.iter().enumerate() {
        let m = if i == 0 {
            Modifiers::NONE
        } else {
            Modifiers::SHIFT
        };
        h.get_by_label(t).click_modifiers(m);
        h.run();
    }
}

/// A click at a screen point (not on a widget of its own: the canvas hit-tests it).
fn click_at(h: &mut Harness<'_, CafeApp>, pos: Pos2, button: PointerButton, modifiers: Modifiers) {
    h.event(Event::PointerMoved(pos));
    h.event_modifiers(
        Event::PointerButton {
            pos,
            button,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.event_modifiers(
        Event::PointerButton {
            pos,
            button,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.run();
}

/// Where the first dot of a note is on screen: on its top edge, near its right corner.
fn first_dot(h: &Harness<'_, CafeApp>, text: &str) -> Pos2 {
    let rect = h.get_by_label(text).rect();
    let width = cafemap::text::layout_node_text(NodeKind::Idea, text).size.w;
    let zoom = rect.width() / width;
    Pos2::new(
        rect.right() - (6.0 + cafemap::render::DOT_SIZE / 2.0) * zoom,
        rect.top(),
    )
}

#[test]
fn dot_keys_vote_on_every_selected_note_and_undo_as_one_step() {
    let mut h = window(cafe());
    select(&mut h, &[NOTES[0], NOTES[2]]);
    for _ in 0..3 {
        h.key_press_modifiers(CTRL_SHIFT, Key::ArrowUp);
        h.run();
    }
    h.key_press_modifiers(CTRL_SHIFT, Key::ArrowDown);
    h.run();
    assert_eq!(votes(&h, NOTES[0]).total(), 2);
    assert_eq!(votes(&h, NOTES[2]).total(), 4);
    assert_eq!(votes(&h, NOTES[1]).total(), 1, "not selected, untouched");
    assert!(
        h.state().document().draft().is_none(),
        "the dot keys do not start typing into the note"
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(
        votes(&h, NOTES[0]).total(),
        0,
        "one undo takes the whole gesture back"
    );
    assert_eq!(votes(&h, NOTES[2]).total(), 2);
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(votes(&h, NOTES[0]).total(), 2);
}

#[test]
fn a_letter_typed_on_a_note_still_edits_it_and_plus_still_zooms() {
    let mut h = window(cafe());
    select(&mut h, &[NOTES[1]]);
    press(&mut h, Key::Plus);
    assert_eq!(votes(&h, NOTES[1]).total(), 1, "+ zooms, it does not vote");
    type_text(&mut h, "V");
    assert!(
        h.state().document().draft().is_some(),
        "typing edits the note"
    );
}

#[test]
fn clicking_a_notes_dots_adds_one_and_shift_or_right_click_takes_one_off() {
    let mut h = window(cafe());
    let dot = first_dot(&h, NOTES[2]);
    click_at(&mut h, dot, PointerButton::Primary, Modifiers::NONE);
    assert_eq!(votes(&h, NOTES[2]).total(), 3);
    click_at(&mut h, dot, PointerButton::Primary, Modifiers::SHIFT);
    assert_eq!(votes(&h, NOTES[2]).total(), 2);
    click_at(&mut h, dot, PointerButton::Secondary, Modifiers::NONE);
    assert_eq!(votes(&h, NOTES[2]).total(), 1);
    assert!(
        h.state().selection().is_empty(),
        "clicking the dots does not select the note"
    );
    ctrl(&mut h, Key::Z);
    assert_eq!(votes(&h, NOTES[2]).total(), 2, "each click is its own step");

    // A selected note without dots shows a "+" where its first dot goes.
    select(&mut h, &[NOTES[0]]);
    let plus = first_dot(&h, NOTES[0]);
    click_at(&mut h, plus, PointerButton::Primary, Modifiers::NONE);
    assert_eq!(votes(&h, NOTES[0]).total(), 1);
}

#[test]
fn named_dot_kinds_are_counted_apart_and_the_picked_kind_is_added() {
    let mut h = window(cafe());
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::DotKinds);
    h.run();
    h.get_by_label("1.").focus();
    h.run();
    h.get_by_label("1.").type_text("priorité");
    h.run();
    click(&mut h, "Add a kind");
    h.get_by_label("2.").focus();
    h.run();
    h.get_by_label("2.").type_text("faisable");
    h.run();
    click(&mut h, "OK");
    let kinds: Vec<String> = h
        .state()
        .document()
        .cafe()
        .dot_kinds
        .iter()
        .map(|k| k.name.clone())
        .collect();
    assert_eq!(kinds, ["priorité", "faisable"]);

    h.state_mut().run(&ctx, Command::NextDotKind);
    h.run();
    select(&mut h, &[NOTES[1]]);
    h.key_press_modifiers(CTRL_SHIFT, Key::ArrowUp);
    h.run();
    assert_eq!(votes(&h, NOTES[1]), Votes::from_counts(&[1, 1]));
    ctrl(&mut h, Key::Z);
    ctrl(&mut h, Key::Z);
    assert!(
        h.state().document().cafe().dot_kinds.is_empty(),
        "naming the kinds is undone like any edit"
    );
}
