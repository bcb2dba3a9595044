//! Presentation mode driven like a facilitator in front of a room: F5, the clicker's PageDown and
//! PageUp, digits, B, Esc, the mouse. What the room sees is read back through AccessKit: the
//! nodes on screen are tree items labelled with their text, the one the step is about selected.

use crate::common::window::*;
use cafemap::i18n::Lang;
use cafemap::layout::order::outline_order;
use cafemap::model::{Cafe, NodeId};
use cafemap::ui::{CafeApp, Command, Document, StepKind};
use egui::{Key, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const SCREEN: egui::Vec2 = egui::vec2(1920.0, 1080.0);

fn harness_with(cafe: Cafe, step_dt: f32, max_steps: u64) -> Window {
    open_with(
        builder()
            .with_size(SCREEN)
            .with_step_dt(step_dt)
            .with_max_steps(max_steps),
        CafeApp::with_document(Lang::En, Document::new(cafe, None)),
    )
}

fn harness() -> Window {
    harness_with(cafemap::ui::example(), 0.25, 12)
}

/// The label of the node shown as the step's subject.
fn selected_on_screen(h: &Harness<'_, CafeApp>) -> Vec<String> {
    h.query_all_by(|n| n.role() == Role::TreeItem && n.is_selected() == Some(true))
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

fn on_screen(h: &Harness<'_, CafeApp>) -> usize {
    h.query_all_by_role(Role::TreeItem).count()
}

/// What the steps must be, from the map's own outline: the title, then per table its
/// question, each branch and its ideas in outline order, and the whole table (the question).
fn expected_focus(cafe: &Cafe) -> Vec<Option<NodeId>> {
    let mut out = vec![None];
    for t in &cafe.tables {
        out.extend(outline_order(t).into_iter().map(|(id, _)| Some(id)));
        out.push(Some(t.question()));
    }
    out
}

/// At rest on step `i`: the right subject, on screen, selected, and legible from the back.
fn check_step(h: &Harness<'_, CafeApp>, i: usize, focus: Option<NodeId>) {
    let p = h.state().presentation().expect("still presenting");
    assert_eq!(p.step_index(), i);
    assert_eq!(p.focus(), focus, "step {i}");
    assert!(p.is_settled(), "step {i}: the camera has arrived");
    let px = p.smallest_text_px();
    assert!(
        px >= SCREEN.y / 40.0,
        "step {i}: {px:.1}px text, below 1/40 of the screen height"
    );
    match focus {
        Some(id) => assert_eq!(selected_on_screen(h), vec![text_of(h, id)], "step {i}"),
        None => {
            let title = &cafe_of(h).info.title;
            assert!(h.query_by_label(title).is_some(), "the title is on screen");
            assert_eq!(on_screen(h), 0, "the title stands alone");
        }
    }
    let step = p.step().unwrap();
    if step.kind == StepKind::Question {
        assert_eq!(on_screen(h), 1, "step {i}: the question stands alone");
    }
    if step.kind == StepKind::Table {
        let t = &cafe_of(h).tables[step.table.unwrap()];
        assert_eq!(
            on_screen(h),
            outline_order(t).len(),
            "step {i}: the whole table is on screen"
        );
    }
}

#[test]
fn f5_walks_the_whole_example_forward_and_back() {
    let mut h = harness();
    let expected = expected_focus(cafe_of(&h));
    press(&mut h, Key::F5);
    assert_eq!(h.state().presentation().unwrap().len(), expected.len());
    // The clicker sends PageDown, the keyboard →, Space.
    let forward = [Key::PageDown, Key::ArrowRight, Key::Space];
    for (i, focus) in expected.iter().enumerate() {
        check_step(&h, i, *focus);
        press(&mut h, forward[i % 3]);
    }
    let last = expected.len() - 1;
    assert_eq!(
        h.state().presentation().unwrap().step_index(),
        last,
        "stays on the last step"
    );
    let back = [Key::PageUp, Key::ArrowLeft];
    for i in (0..=last).rev() {
        check_step(&h, i, expected[i]);
        press(&mut h, back[i % 2]);
    }
    assert_eq!(h.state().presentation().unwrap().step_index(), 0);
}

#[test]
fn the_camera_glides_for_400_ms_eased_and_then_the_window_rests() {
    let mut h = harness_with(cafemap::ui::example(), 1.0 / 60.0, 120);
    press(&mut h, Key::F5);
    // To the last idea of the first theme, then glide to the second theme.
    let first_theme = "Maintien des actions";
    for _ in 0..9 {
        press(&mut h, Key::PageDown);
    }
    assert_eq!(
        h.state().presentation().unwrap().step().unwrap().kind,
        StepKind::Branch
    );
    assert_eq!(
        h.state().presentation().unwrap().focus(),
        Some(id_of(&h, "Maintien du lien"))
    );
    // Back one step, then forward again, watching the first theme slide out frame by frame.
    press(&mut h, Key::PageUp);
    assert_rests(&mut h, "a presentation at rest");
    let x0 = h.get_by_label(first_theme).rect().center().x;
    h.key_press(Key::PageDown);
    h.step();
    let mut xs = vec![x0, h.get_by_label(first_theme).rect().center().x];
    let mut frames = 1;
    while !h.state().presentation().unwrap().is_settled() {
        assert!(h.ctx.has_requested_repaint(), "moving, it repaints");
        h.step();
        frames += 1;
        assert!(frames < 100, "the glide never ends");
        if let Some(n) = h.query_by_label(first_theme) {
            xs.push(n.rect().center().x);
        }
    }
    let seconds = frames as f32 / 60.0;
    assert!(
        (0.35..=0.5).contains(&seconds),
        "the glide took {seconds:.2}s"
    );
    // Eased in and out: slow start, fast middle, slow end.
    let steps: Vec<f32> = xs.windows(2).map(|w| (w[0] - w[1]).abs()).collect();
    let fastest = steps.iter().copied().fold(0.0, f32::max);
    assert!(fastest > 0.0, "the camera moved: {xs:?}");
    assert!(steps[0] < fastest / 3.0, "eases in: {steps:?}");
    assert!(
        *steps.last().unwrap() < fastest / 3.0,
        "eases out: {steps:?}"
    );
    // Settled: nothing asks for another frame.
    assert_rests(&mut h, "an idle presentation");
}

#[test]
fn digits_ends_black_screen_and_escape_back_where_we_are() {
    let mut h = harness();
    let focus = |h: &Harness<'_, CafeApp>| h.state().presentation().unwrap().focus();
    press(&mut h, Key::F5);
    press(&mut h, Key::Num3);
    assert_eq!(
        focus(&h),
        Some(cafe_of(&h).tables[2].question()),
        "3: table 3"
    );
    press(&mut h, Key::End);
    let p = h.state().presentation().unwrap();
    assert_eq!(p.step_index(), p.len() - 1);
    assert_eq!(p.step().unwrap().kind, StepKind::Table);
    press(&mut h, Key::Home);
    assert_eq!(h.state().presentation().unwrap().step_index(), 0);

    press(&mut h, Key::Num2);
    press(&mut h, Key::B);
    assert!(h.state().presentation().unwrap().is_blank());
    assert_eq!(on_screen(&h), 0, "a black screen shows nothing");
    press(&mut h, Key::PageDown);
    assert!(!h.state().presentation().unwrap().is_blank());
    assert_eq!(
        focus(&h),
        Some(cafe_of(&h).tables[1].question()),
        "the key only lifted the black"
    );
    press(&mut h, Key::Period);
    assert!(h.state().presentation().unwrap().is_blank(), ". blanks too");
    press(&mut h, Key::Period);

    press(&mut h, Key::PageDown);
    press(&mut h, Key::PageDown);
    let idea = focus(&h).unwrap();
    let t2 = &cafe_of(&h).tables[1];
    let theme = t2.parent(idea).unwrap();
    assert_eq!(
        t2.parent(theme),
        Some(t2.question()),
        "on the first idea of a theme"
    );
    press(&mut h, Key::Escape);
    assert!(h.state().presentation().is_none());
    h.run();
    assert_eq!(
        h.state().current_table(),
        1,
        "the editor shows the table we were on"
    );
    assert_eq!(
        h.state().selection().iter().copied().collect::<Vec<_>>(),
        vec![idea]
    );
    assert!(h.query_by_label(&text_of(&h, idea)).is_some());
}

#[test]
fn f5_on_a_selected_note_starts_there_and_the_mouse_still_works() {
    let mut h = harness();
    let text = "Faire venir les partenaires en France";
    click(&mut h, text);
    press(&mut h, Key::F5);
    let id = id_of(&h, text);
    let p = h.state().presentation().unwrap();
    assert_eq!(p.focus(), Some(id));
    assert_eq!(p.step().unwrap().kind, StepKind::Idea);

    // Click a note: the camera zooms to it; click it again: back to the step.
    let other = "Tisser un réseau de relations multi-acteurs";
    let before = h.get_by_label(other).rect();
    click(&mut h, other);
    let zoomed = h.get_by_label(other).rect();
    assert!(
        zoomed.width() > before.width() * 1.2,
        "{before:?} → {zoomed:?}"
    );
    click(&mut h, other);
    let back = h.get_by_label(other).rect();
    assert!((back.width() - before.width()).abs() < 1.0);

    // Pinch or Ctrl+wheel zooms around the pointer.
    h.hover_at(back.center());
    h.event(egui::Event::Zoom(1.5));
    h.run();
    assert!(h.get_by_label(other).rect().width() > back.width() * 1.3);

    press(&mut h, Key::L);
    assert!(h.state().presentation().unwrap().laser());
    press(&mut h, Key::L);
    assert!(!h.state().presentation().unwrap().laser());
    assert_rests(&mut h, "the presentation after the laser");
}

#[test]
fn the_side_panel_reorders_hides_and_keeps_speaker_notes_in_the_file() {
    let mut h = harness();
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, Command::PresentationPanel);
    h.run();
    let t0 = |h: &Harness<'_, CafeApp>| cafe_of(h).tables[0].clone();
    let first = outline_order(&t0(&h))[1].0;
    let second = t0(&h)
        .children(t0(&h).question())
        .into_iter()
        .find(|&c| c != first)
        .unwrap();

    // Move the first branch down: the presentation now starts with the other one.
    h.get_all_by_label("↓").next().unwrap().click();
    h.run();
    assert_eq!(t0(&h).theme_order, vec![second, first]);
    press(&mut h, Key::F5);
    press(&mut h, Key::PageDown);
    press(&mut h, Key::PageDown);
    assert_eq!(h.state().presentation().unwrap().focus(), Some(second));
    press(&mut h, Key::Escape);
    h.run();

    // Hide a note from the presentation, and write speaker notes on the question.
    let hidden = "Organiser les différentes assises en même temps";
    let steps_before = {
        press(&mut h, Key::F5);
        let n = h.state().presentation().unwrap().len();
        press(&mut h, Key::Escape);
        n
    };
    click(&mut h, hidden);
    click(&mut h, "Hide from the presentation");
    assert!(cafe_of(&h).node(id_of(&h, hidden)).unwrap().hidden);

    let q = cafe_of(&h).tables[0].question();
    let question = text_of(&h, q);
    click(&mut h, &question);
    h.get_by_role(Role::MultilineTextInput).click();
    h.run();
    h.get_by_role(Role::MultilineTextInput)
        .type_text("Rappeler le contexte");
    h.run();
    assert_eq!(cafe_of(&h).node(q).unwrap().note, "Rappeler le contexte");
    // One undo takes back the whole typing.
    press(&mut h, Key::Escape);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(cafe_of(&h).node(q).unwrap().note, "");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, Key::Z);
    h.run();
    assert_eq!(cafe_of(&h).node(q).unwrap().note, "Rappeler le contexte");

    press(&mut h, Key::F5);
    let p = h.state().presentation().unwrap();
    assert_eq!(p.len(), steps_before - 1, "the hidden note has no step");
    press(&mut h, Key::Escape);

    // All of it is in the saved file.
    let saved = cafemap::io::file::to_string(cafe_of(&h));
    let back = cafemap::io::file::from_str(&saved).unwrap();
    assert_eq!(back.tables[0].theme_order, vec![second, first]);
    assert!(back.node(id_of(&h, hidden)).unwrap().hidden);
    assert_eq!(back.node(q).unwrap().note, "Rappeler le contexte");
}

#[test]
fn present_from_the_toolbar_and_in_french() {
    let app = CafeApp::with_document(Lang::Fr, Document::new(cafemap::ui::example(), None));
    let mut h = open_with(builder().with_size(SCREEN), app);
    click(&mut h, "Présenter");
    assert!(h.state().presentation().is_some());
    assert!(
        h.query_by_label("Présenter").is_none(),
        "no editing chrome while presenting"
    );
    press(&mut h, Key::Escape);
    assert!(h.state().presentation().is_none());
}

#[test]
fn a_theme_step_shows_whole_notes_under_the_question_as_header() {
    let mut h = harness();
    press(&mut h, Key::F5);
    let mut theme_steps = 0;
    loop {
        let p = h.state().presentation().expect("presenting");
        let step = p.step().unwrap();
        if matches!(step.kind, StepKind::Branch | StepKind::Idea) {
            theme_steps += 1;
            let question = cafe_of(&h).tables[step.table.unwrap()]
                .question_node()
                .text
                .clone();
            let header = h
                .query_by_label(&question)
                .unwrap_or_else(|| panic!("step {}: the question as header", p.step_index()));
            // The presentation fills the window but for the panel's margin.
            let band = header.rect();
            let screen = egui::Rect::from_min_max(
                egui::pos2(band.min.x, band.min.y),
                egui::pos2(band.max.x, SCREEN.y - band.min.y),
            );
            assert!(band.min.y <= 10.0, "the header is at the top: {band:?}");
            assert!(
                band.width() >= SCREEN.x - 20.0,
                "across the screen: {band:?}"
            );
            for item in h.query_all_by_role(Role::TreeItem) {
                let r = item.rect();
                let label = item.accesskit_node().label().unwrap_or_default();
                assert!(
                    screen.contains_rect(r) && r.min.y >= band.max.y - 0.5,
                    "step {}: {label:?} is cut ({r:?})",
                    p.step_index()
                );
                assert_ne!(label, question, "the question's own box is off screen");
            }
        }
        let i = p.step_index();
        if i + 1 == p.len() {
            break;
        }
        press(&mut h, Key::PageDown);
    }
    assert!(theme_steps > 30, "{theme_steps} theme steps checked");
}

#[test]
fn the_action_chip_has_a_legend_while_an_action_is_on_screen() {
    let mut cafe = cafemap::ui::example();
    let t = &mut cafe.tables[0];
    let idea = outline_order(t)
        .into_iter()
        .map(|(id, _)| id)
        .find(|&id| {
            t.node(id)
                .is_some_and(|n| n.kind == cafemap::model::NodeKind::Idea)
        })
        .unwrap();
    let node = t.node_mut(idea).unwrap();
    node.tags = vec!["action".into()];
    let text = node.text.clone();
    let mut h = harness_with(cafe, 0.25, 12);
    press(&mut h, Key::F5);
    let legend = "#action an action to carry out after the café";
    let (mut with, mut without) = (0, 0);
    loop {
        let shown = h
            .query_all_by_role(Role::TreeItem)
            .any(|n| n.accesskit_node().label().as_deref() == Some(text.as_str()));
        let p = h.state().presentation().expect("presenting");
        assert_eq!(
            h.query_by_label(legend).is_some(),
            shown,
            "step {}: the legend shows exactly while the action is on screen",
            p.step_index()
        );
        if shown {
            with += 1;
        } else {
            without += 1;
        }
        let i = p.step_index();
        if i + 1 == p.len() {
            break;
        }
        press(&mut h, Key::PageDown);
    }
    assert!(
        with > 0 && without > 0,
        "{with} steps with it, {without} without"
    );
}
