//! The map canvas: paints the current table and turns pointer input into selections, camera
//! moves and [`Edit`]s (drag, drop, re-parent, rubber band, in-place text editing).
//!
//! Pan and zoom live here, per table, never in the document. Only the visible part is painted and,
//! zoomed far out, notes become coloured blocks with grey bars (level of detail).

mod cache;
pub(crate) mod paint;

use super::camera::{Camera, Glide};
use super::document::Document;
use crate::edit::ops::{self, DropTarget};
use crate::edit::{Edit, GestureId};
use crate::geom::{Point, Rect};
use crate::model::{NodeId, NodeKind, Table};
use crate::render::SceneStyle;
use cache::SceneCache;
use egui::{Key, Modifiers, PointerButton, Pos2, Sense};
use std::collections::{BTreeSet, HashMap};

/// How long camera glides and arrangement animations take, in seconds.
pub const GLIDE_SECONDS: f64 = 0.4;

/// Text being edited in place.
pub struct TextEditor {
    pub id: NodeId,
    pub text: String,
    /// Whether the node was just created for this edit (Tab, Enter, double-click on the canvas):
    /// then Esc, or committing an empty text, takes the creation back.
    pub fresh: bool,
    /// The undo step the creation and the typed text share.
    pub gesture: GestureId,
    focus_requested: bool,
}

/// Nodes being dragged.
struct NodeDrag {
    /// The dragged branches (their subtrees move with them).
    roots: Vec<NodeId>,
    /// Every node that moves.
    moving: BTreeSet<NodeId>,
    grab: Point,
    delta: Point,
    target: Option<DropTarget>,
}

/// Positions gliding from where they were to where the document now has them (after Arrange).
struct PositionAnim {
    from: HashMap<NodeId, Point>,
    start: f64,
}

/// What the canvas asks the app to do after the frame.
#[derive(Default)]
pub struct CanvasOutput {
    pub edits: Vec<(Edit, Option<GestureId>)>,
    /// Take back the last undo step (a fresh node abandoned with Esc).
    pub undo_fresh: bool,
    /// Double-click on empty canvas: a new unsorted note there.
    pub new_note_at: Option<Point>,
}

pub struct Canvas {
    pub selection: BTreeSet<NodeId>,
    cameras: HashMap<NodeId, Camera>,
    glide: Option<Glide>,
    drag: Option<NodeDrag>,
    /// Rubber band, from and to, in canvas units.
    band: Option<(Point, Point)>,
    pub editor: Option<TextEditor>,
    anim: Option<PositionAnim>,
    cache: SceneCache,
    /// The screen rect the canvas had last frame.
    pub view: egui::Rect,
    pub style: SceneStyle,
    next_gesture: u64,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            selection: BTreeSet::new(),
            cameras: HashMap::new(),
            glide: None,
            drag: None,
            band: None,
            editor: None,
            anim: None,
            cache: SceneCache::default(),
            view: egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1280.0, 800.0)),
            style: SceneStyle::EDITOR,
            next_gesture: 1,
        }
    }
}

/// Snaps a font size in pixels to steps of 1/12 octave, so zooming continuously does not fill
/// egui's font atlas with a new size every frame (text stays crisp: it is rasterised at the step).
pub fn snap_font_px(px: f32) -> f32 {
    let k = (px.max(1.0).log2() * 12.0).round();
    2f32.powf(k / 12.0)
}

/// Room kept around what zoom to fit shows, in screen points.
const FIT_MARGIN: f32 = 48.0;

/// The camera zoom to fit gives: the map, with the unsorted tray when it holds notes, as long
/// as notes stay legible (see [`Camera::fit_map_and_tray`]).
fn fit_camera(cache: &SceneCache, table: &Table, view: egui::Rect) -> Camera {
    let tray_notes: BTreeSet<NodeId> = crate::layout::tray_notes(table)
        .into_iter()
        .flat_map(|r| table.subtree(r))
        .collect();
    let map = cache
        .nodes
        .iter()
        .filter(|n| !tray_notes.contains(&n.id))
        .fold(Rect::NOTHING, |acc, n| acc.union(&n.rect));
    let tray = (cache.unsorted > 0).then(|| crate::layout::tray_rect(table));
    let text = crate::text::NodeStyle::of(NodeKind::Idea).font_size;
    Camera::fit_map_and_tray(&map, tray.as_ref(), view, FIT_MARGIN, 1.5, text)
}

impl Canvas {
    /// Forgets view state tied to a document (another one was opened).
    pub fn reset(&mut self) {
        *self = Canvas {
            view: self.view,
            style: self.style,
            next_gesture: self.next_gesture,
            ..Canvas::default()
        };
    }

    pub fn new_gesture(&mut self) -> GestureId {
        self.next_gesture += 1;
        GestureId(self.next_gesture)
    }

    pub fn camera(&self, table: NodeId) -> Option<Camera> {
        self.cameras.get(&table).copied()
    }

    pub fn is_animating(&self) -> bool {
        self.glide.is_some() || self.anim.is_some()
    }

    /// Glides the camera of `table` to show `bounds` (canvas units).
    pub fn glide_to(&mut self, table: NodeId, bounds: Rect, now: f64, max_zoom: f32) {
        let to = Camera::fit(&bounds, self.view, FIT_MARGIN, max_zoom);
        let from = self.cameras.get(&table).copied().unwrap_or(to);
        self.cameras.insert(table, from);
        self.glide = Some(Glide {
            from,
            to,
            start: now,
            duration: GLIDE_SECONDS,
        });
    }

    pub fn zoom_by(&mut self, table: NodeId, factor: f32) {
        let view = self.view;
        if let Some(cam) = self.cameras.get_mut(&table) {
            cam.zoom_around(view.center(), factor, view);
        }
        self.glide = None;
    }

    pub fn set_zoom(&mut self, table: NodeId, zoom: f32) {
        let view = self.view;
        if let Some(cam) = self.cameras.get_mut(&table) {
            cam.zoom_around(view.center(), zoom / cam.zoom, view);
        }
        self.glide = None;
    }

    /// Pans just enough to bring `bounds` into view, if they are not already (new notes); zooms
    /// out only if they cannot fit at the current zoom.
    pub fn reveal(&mut self, table: NodeId, bounds: Rect, now: f64) {
        let Some(cam) = self.cameras.get(&table).copied() else {
            return;
        };
        let to = cam.reveal(&bounds, self.view, 0.0);
        if to != cam {
            self.glide = Some(Glide {
                from: cam,
                to,
                start: now,
                duration: GLIDE_SECONDS,
            });
        }
    }

    /// Animates nodes from `from` to their current document positions.
    pub fn animate_from(&mut self, from: HashMap<NodeId, Point>, now: f64) {
        self.anim = Some(PositionAnim { from, start: now });
    }

    /// What "zoom to fit" shows: the whole map, and the unsorted tray when it holds notes (or,
    /// when that would make notes illegible, as much of the tray as fits beside the map).
    pub fn fit_bounds(&mut self, table: &Table, revision: u64) -> Rect {
        self.cache.refresh(table, revision, &self.style.clone());
        fit_camera(&self.cache, table, self.view).visible(self.view.shrink(FIT_MARGIN))
    }

    /// Bounds of some nodes as drawn.
    pub fn nodes_bounds(&mut self, table: &Table, revision: u64, ids: &BTreeSet<NodeId>) -> Rect {
        self.cache.refresh(table, revision, &self.style.clone());
        ids.iter()
            .filter_map(|id| self.cache.rect(*id))
            .fold(Rect::NOTHING, |a, r| a.union(&r))
    }

    /// Opens the in-place editor on a node.
    pub fn edit_node(&mut self, id: NodeId, text: String, fresh: bool, gesture: GestureId) {
        self.selection = BTreeSet::from([id]);
        self.editor = Some(TextEditor {
            id,
            text,
            fresh,
            gesture,
            focus_requested: false,
        });
    }

    /// Where a node is drawn this frame (following a drag or an animation).
    fn offset_of(&self, id: NodeId, table: &Table, now: f64) -> Point {
        if let Some(d) = &self.drag
            && d.moving.contains(&id)
        {
            return d.delta;
        }
        if let Some(a) = &self.anim
            && let (Some(from), Some(node)) = (a.from.get(&id), table.node(id))
        {
            let t = (((now - a.start) / GLIDE_SECONDS) as f32).clamp(0.0, 1.0);
            let s = t * t * (3.0 - 2.0 * t);
            return (*from - node.pos) * (1.0 - s);
        }
        Point::ZERO
    }

    /// The topmost node under a canvas point, ignoring `skip`.
    fn hit(
        &self,
        p: Point,
        table: &Table,
        now: f64,
        skip: Option<&BTreeSet<NodeId>>,
    ) -> Option<NodeId> {
        self.cache
            .nodes
            .iter()
            .rev()
            .filter(|n| skip.is_none_or(|s| !s.contains(&n.id)))
            .find(|n| {
                n.rect
                    .translate(self.offset_of(n.id, table, now))
                    .contains(p)
            })
            .map(|n| n.id)
    }

    /// Shows the canvas for table `ti` of the document and handles its pointer input.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        ti: usize,
        i18n: &crate::i18n::I18n,
    ) -> CanvasOutput {
        let mut out = CanvasOutput::default();
        let Some(table) = doc.cafe.tables.get(ti) else {
            return out;
        };
        let tq = table.question();
        let style = self.style;
        self.cache.refresh(table, doc.revision(), &style);
        let (view, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        self.view = view;
        let now = ui.input(|i| i.time);

        // Camera: fit the table the first time it is shown; follow a glide.
        let mut cam = *self
            .cameras
            .entry(tq)
            .or_insert_with(|| fit_camera(&self.cache, table, view));
        if let Some(g) = self.glide {
            let (c, done) = g.at(now);
            cam = c;
            if done {
                self.glide = None;
            }
        }
        if self
            .anim
            .as_ref()
            .is_some_and(|a| now - a.start >= GLIDE_SECONDS)
        {
            self.anim = None;
        }

        // Wheel pans, Ctrl+wheel and pinch zoom around the pointer.
        if let Some(pointer) = ui
            .input(|i| i.pointer.hover_pos())
            .filter(|p| view.contains(*p))
        {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta()));
            if zoom != 1.0 {
                cam.zoom_around(pointer, zoom, view);
                self.glide = None;
            }
            if scroll != egui::Vec2::ZERO {
                cam.pan_by_screen(-scroll);
                self.glide = None;
            }
        }

        let pointer_canvas = response
            .interact_pointer_pos()
            .or(response.hover_pos())
            .map(|p| cam.to_canvas(p, view));
        let modifiers = ui.input(|i| i.modifiers);
        let additive = modifiers.shift || modifiers.command;

        // Dragging: nodes, a rubber band, or the view.
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
        {
            let p = cam.to_canvas(origin, view);
            let primary = response.dragged_by(PointerButton::Primary);
            match self.hit(p, table, now, None) {
                Some(id) if primary && self.editor.is_none() => {
                    if !self.selection.contains(&id) {
                        if !additive {
                            self.selection.clear();
                        }
                        self.selection.insert(id);
                    }
                    let mut roots = ops::selection_roots(table, &self.selection);
                    if roots.len() > 1 {
                        // The question drags its whole table alone, not with a selection.
                        roots.retain(|&r| r != tq);
                    }
                    let moving = ops::moving_set(table, &roots).into_iter().collect();
                    self.drag = Some(NodeDrag {
                        roots,
                        moving,
                        grab: p,
                        delta: Point::ZERO,
                        target: None,
                    });
                }
                None if primary && additive => self.band = Some((p, p)),
                _ => {}
            }
        }
        if response.dragged() {
            if let (Some(d), Some(p)) = (self.drag.as_mut(), pointer_canvas) {
                d.delta = p - d.grab;
            } else if let (Some(b), Some(p)) = (self.band.as_mut(), pointer_canvas) {
                b.1 = p;
            } else if self.drag.is_none() && self.band.is_none() {
                cam.pan_by_screen(response.drag_delta());
                self.glide = None;
            }
            if let (Some(p), Some(moving)) =
                (pointer_canvas, self.drag.as_ref().map(|d| d.moving.clone()))
            {
                let target = match self.hit(p, table, now, Some(&moving)) {
                    Some(id) => Some(DropTarget::Node(id)),
                    None if crate::layout::tray_rect(table).contains(p) => Some(DropTarget::Tray),
                    None => None,
                };
                if let Some(d) = self.drag.as_mut() {
                    d.target = target.filter(|t| ops::can_drop_on(table, &d.roots, *t));
                }
            }
        }
        if response.drag_stopped() {
            if let Some(d) = self.drag.take()
                && let Some(edit) = ops::drop_nodes(ti, table, &d.roots, d.delta, d.target)
            {
                out.edits.push((edit, None));
            }
            if let Some((a, b)) = self.band.take() {
                let band = Rect::from_points(a, b);
                if !modifiers.command && !modifiers.shift {
                    self.selection.clear();
                }
                for n in &self.cache.nodes {
                    if band.intersects(&n.rect) {
                        self.selection.insert(n.id);
                    }
                }
            }
        }

        // Clicks: select; double-click edits a node, or makes a new note on empty canvas.
        if let Some(p) = pointer_canvas {
            let hit = self.hit(p, table, now, None);
            if response.double_clicked() {
                match hit {
                    Some(id) => {
                        let text = table.node(id).map(|n| n.text.clone()).unwrap_or_default();
                        let g = self.new_gesture();
                        self.edit_node(id, text, false, g);
                    }
                    // The app, which allocates ids, makes the note.
                    None => out.new_note_at = Some(p),
                }
            } else if response.clicked() {
                self.commit_editor(doc, ti, &mut out);
                match hit {
                    Some(id) if additive && !self.selection.remove(&id) => {
                        self.selection.insert(id);
                    }
                    Some(_) if additive => {}
                    Some(id) => self.selection = BTreeSet::from([id]),
                    None if !additive => self.selection.clear(),
                    None => {}
                }
            }
        }

        self.cameras.insert(tq, cam);
        let painter = ui.painter_at(view);
        paint::paint(self, &painter, table, &cam, view, now, i18n);
        self.expose_to_accesskit(ui, table, &cam, view, i18n);
        self.show_editor(ui, doc, ti, &cam, view, i18n, &mut out);
        if self.is_animating() {
            ui.ctx().request_repaint();
        }
        out
    }

    /// Commits the in-place editor's text, if one is open.
    pub fn commit_editor(&mut self, doc: &Document, ti: usize, out: &mut CanvasOutput) {
        let Some(ed) = self.editor.take() else { return };
        let Some(node) = doc.cafe.tables.get(ti).and_then(|t| t.node(ed.id)) else {
            return;
        };
        if ed.fresh && ed.text.trim().is_empty() {
            out.undo_fresh = true;
        } else if ed.text != node.text {
            out.edits.push((
                Edit::SetText {
                    table: ti,
                    id: ed.id,
                    text: ed.text,
                },
                Some(ed.gesture),
            ));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn show_editor(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        ti: usize,
        cam: &Camera,
        view: egui::Rect,
        i18n: &crate::i18n::I18n,
        out: &mut CanvasOutput,
    ) {
        let Some(table) = doc.cafe.tables.get(ti) else {
            return;
        };
        let Some(ed) = self.editor.as_mut() else {
            return;
        };
        let Some(node) = table.node(ed.id) else {
            self.editor = None;
            return;
        };
        // Enter commits, Shift+Enter is a new line, Esc cancels.
        let (commit, cancel) = ui.input_mut(|i| {
            let mut commit = false;
            i.events.retain(|e| {
                let enter = matches!(e, egui::Event::Key { key: Key::Enter, pressed: true, modifiers, .. } if !modifiers.shift);
                commit |= enter;
                !enter
            });
            (commit, i.consume_key(Modifiers::NONE, Key::Escape))
        });
        if cancel {
            let fresh = ed.fresh;
            self.editor = None;
            out.undo_fresh = fresh;
            return;
        }
        if commit {
            self.commit_editor(doc, ti, out);
            return;
        }
        let block = crate::text::layout_node_text(node.kind, &ed.text);
        let visual = crate::render::node_visual(table, node, &block);
        let rect = cam.rect_to_screen(&visual.rect, view);
        let px = snap_font_px(visual.font_size * cam.zoom);
        let font = egui::FontId::new(px, super::style::family(visual.bold));
        let pad = egui::vec2(visual.padding_x, visual.padding_y) * cam.zoom;
        let inner = rect.shrink2(pad);
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(inner.expand(2.0)));
        let edit = egui::TextEdit::multiline(&mut ed.text)
            .font(font)
            .frame(egui::Frame::NONE)
            .text_color(super::style::color(visual.text_color))
            .desired_width(inner.width().max(40.0))
            .desired_rows(1)
            .align(if visual.centered {
                egui::Align2::CENTER_TOP
            } else {
                egui::Align2::LEFT_TOP
            });
        let r = child.add(edit);
        let label = i18n.tr("editing-note");
        ui.ctx()
            .accesskit_node_builder(r.id, |b| b.set_label(label));
        if !ed.focus_requested {
            r.request_focus();
            ed.focus_requested = true;
        }
    }

    /// Every legible visible node becomes an AccessKit tree item labelled with its text, so screen
    /// readers (and UI tests) find notes by what they say.
    fn expose_to_accesskit(
        &self,
        ui: &mut egui::Ui,
        table: &Table,
        cam: &Camera,
        view: egui::Rect,
        i18n: &crate::i18n::I18n,
    ) {
        let empty = i18n.tr("empty-note");
        const MAX_EXPOSED: usize = 600;
        let mut exposed = 0;
        for n in &self.cache.nodes {
            let r = cam.rect_to_screen(&n.rect, view);
            if !view.intersects(r) || r.width() < 12.0 {
                continue;
            }
            exposed += 1;
            if exposed > MAX_EXPOSED {
                break;
            }
            let Some(node) = table.node(n.id) else {
                continue;
            };
            let id = ui.scope_id().with(("node", n.id.0));
            let resp = ui.interact(r.intersect(view), id, Sense::hover());
            let label = if node.text.trim().is_empty() {
                empty.as_str()
            } else {
                node.text.as_str()
            };
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TreeItem, true, label));
            let selected = self.selection.contains(&n.id);
            ui.ctx().accesskit_node_builder(id, |b| {
                b.set_selected(selected);
                if node.kind == NodeKind::Question {
                    b.set_level(1);
                }
            });
        }
    }
}
