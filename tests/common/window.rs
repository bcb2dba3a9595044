//! The real window in egui_kittest: one way to open it, find a node by its text and drive a
//! frame. Nodes are found by what the user reads, never by position in a list.

use cafemap::i18n::Lang;
use cafemap::model::{Cafe, NodeId, Table};
use cafemap::ui::{CafeApp, Command, Document};
use egui::{Event, Key, Modifiers, Pos2};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, HarnessBuilder};

pub type Window = Harness<'static, CafeApp>;

/// The window's usual size in the tests: a laptop screen.
pub const SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// Ctrl as a Linux keyboard sends it: egui's text fields read `ctrl` (word by word), the
/// window's commands `command`.
pub const CTRL: Modifiers = Modifiers {
    ctrl: true,
    command: true,
    ..Modifiers::NONE
};

/// The usual harness settings: a laptop screen, and up to 12 frames for things to settle.
pub fn builder() -> HarnessBuilder<CafeApp> {
    Harness::builder().with_size(SIZE).with_max_steps(12)
}

/// Opens `app` in a harness built by `builder`, and lets the first frames run.
pub fn open_with(builder: HarnessBuilder<CafeApp>, app: CafeApp) -> Window {
    let mut h = builder.build_ui_state(|ui, app: &mut CafeApp| app.frame_ui(ui), app);
    h.run();
    h
}

/// Opens `app` with the usual settings.
pub fn open(app: CafeApp) -> Window {
    open_with(builder(), app)
}

/// The window in English on `cafe`, never saved.
pub fn window(cafe: Cafe) -> Window {
    open(CafeApp::with_document(Lang::En, Document::new(cafe, None)))
}

/// `app` with up to 40 frames to settle (camera glides, the outline following the map).
pub fn open_settled(app: CafeApp) -> Window {
    open_with(builder().with_max_steps(40), app)
}

/// The window in English on `cafe`, never saved, with up to 40 frames to settle.
pub fn window_settled(cafe: Cafe) -> Window {
    open_settled(CafeApp::with_document(Lang::En, Document::new(cafe, None)))
}

/// The window on the bundled example event.
pub fn example_window() -> Window {
    window(cafemap::ui::example())
}

/// The café as the window holds it.
pub fn cafe_of<'h>(h: &'h Harness<'_, CafeApp>) -> &'h Cafe {
    h.state().document().cafe()
}

/// The table shown.
pub fn table<'h>(h: &'h Harness<'_, CafeApp>) -> &'h Table {
    let app = h.state();
    &app.document().cafe().tables[app.current_table()]
}

/// The table and id of the node that reads `text`: the table shown first, then the others in
/// order. Panics (the test fails) when no node reads it.
pub fn find_node(h: &Harness<'_, CafeApp>, text: &str) -> (usize, NodeId) {
    let app = h.state();
    let tables = &app.document().cafe().tables;
    let current = app.current_table();
    std::iter::once(current)
        .chain((0..tables.len()).filter(|&i| i != current))
        .find_map(|i| {
            let t = tables.get(i)?;
            t.nodes().find(|n| n.text == text).map(|n| (i, n.id))
        })
        .unwrap_or_else(|| panic!("no node says {text:?}"))
}

/// The id of the node that reads `text` (see [`find_node`]).
pub fn id_of(h: &Harness<'_, CafeApp>, text: &str) -> NodeId {
    find_node(h, text).1
}

/// What node `id` reads now (empty once deleted).
pub fn text_of(h: &Harness<'_, CafeApp>, id: NodeId) -> String {
    cafe_of(h)
        .node(id)
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// Runs a command as the menus and the palette do, then lets the frames run.
pub fn command(h: &mut Harness<'_, CafeApp>, cmd: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().run(&ctx, cmd);
    h.run();
}

/// Lets the frames run, then checks that one more frame asks for no other: the window rests
/// while nothing happens (`what` says what is resting).
pub fn assert_rests(h: &mut Harness<'_, CafeApp>, what: &str) {
    h.run();
    h.step();
    assert!(!h.ctx.has_requested_repaint(), "{what} must not repaint");
}

/// Presses `key` alone.
pub fn press(h: &mut Harness<'_, CafeApp>, key: Key) {
    h.key_press(key);
    h.run();
}

/// Presses Ctrl (Cmd on a Mac) + `key`.
pub fn ctrl(h: &mut Harness<'_, CafeApp>, key: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, key);
    h.run();
}

/// In the note being typed: moves the caret `words` words back, then splits the note there
/// (Ctrl+Shift+M).
pub fn split_words_back(h: &mut Harness<'_, CafeApp>, words: usize) {
    for _ in 0..words {
        h.key_press_modifiers(CTRL, Key::ArrowLeft);
    }
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.run();
}

/// Types `text` where the keyboard focus is.
pub fn type_text(h: &mut Harness<'_, CafeApp>, text: &str) {
    h.event(Event::Text(text.into()));
    h.run();
}

/// Clicks the widget labelled `label`.
pub fn click(h: &mut Harness<'_, CafeApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// The centre of the widget labelled `label`, on screen.
pub fn center_of(h: &Harness<'_, CafeApp>, label: &str) -> Pos2 {
    h.get_by_label(label).rect().center()
}

/// Presses at `from`, moves in a few steps, releases at `to`.
pub fn drag(h: &mut Harness<'_, CafeApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for k in 1..=4 {
        let t = k as f32 / 4.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.drop_at(to);
    h.run();
}

/// Every node of every table, in table order.
pub fn all_nodes<'h>(
    h: &'h Harness<'_, CafeApp>,
) -> impl Iterator<Item = &'h cafemap::model::Node> + 'h {
    cafe_of(h).tables.iter().flat_map(|t| t.nodes())
}

/// The label of the nearest tree item above `node` in the accessibility tree (what a screen
/// reader announces as its parent).
pub fn tree_parent(node: &egui_kittest::Node<'_>) -> Option<String> {
    let mut cur = node.parent();
    while let Some(n) = cur {
        if n.accesskit_node().role() == egui::accesskit::Role::TreeItem {
            return n.accesskit_node().label();
        }
        cur = n.parent();
    }
    None
}

/// The item labelled `label` of the accessible tree labelled `tree` ("Outline", "Map of the
/// table").
pub fn tree_item<'h>(
    h: &'h Harness<'_, CafeApp>,
    tree: &'h str,
    label: &'h str,
) -> egui_kittest::Node<'h> {
    h.get_by(|n| {
        if n.role() != egui::accesskit::Role::TreeItem || n.label().as_deref() != Some(label) {
            return false;
        }
        let mut cur = n.parent();
        while let Some(p) = cur {
            if p.role() == egui::accesskit::Role::Tree {
                return p.label().as_deref() == Some(tree);
            }
            cur = p.parent();
        }
        false
    })
}

/// A file dropped on the window, read from disk when the window asks for its bytes.
#[derive(Debug)]
pub struct Dropped(pub std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
