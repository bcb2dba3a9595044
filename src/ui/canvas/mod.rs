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
use crate::model::{Cafe, NodeId, NodeKind, Table};
use crate::render::SceneStyle;
use cache::SceneCache;
use egui::{Key, PointerButton, Pos2, Sense};
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// How long camera glides and arrangement animations take, in seconds.
pub const GLIDE_SECONDS: f64 = 0.4;

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

/// What becomes of the text being typed (the document's draft), asked by the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftEnd {
    /// Enter, or a click elsewhere: keep the text.
    Commit,
    /// Esc: drop the text typed; a brand-new note goes away.
    Cancel,
}

/// What the canvas asks the app to do after the frame.
#[derive(Default)]
pub struct CanvasOutput {
    pub edits: Vec<(Edit, Option<GestureId>)>,
    /// End the in-place editing; the app does it before anything else of this frame.
    pub end_draft: Option<DraftEnd>,
    /// Start editing this node (double-click).
    pub edit: Option<NodeId>,
    /// Double-click on empty canvas: a new unsorted note there.
    pub new_note_at: Option<Point>,
    /// Branches just dropped: the camera keeps them in sight once the drop is applied.
    pub dropped: Vec<NodeId>,
    /// A click on a note's dots: (note, dot kind, +1 or -1). Shift-click or right-click removes.
    pub vote: Option<(NodeId, usize, i64)>,
    /// The selection as clicks, bands and drags left it (`None`: unchanged).
    pub select: Option<BTreeSet<NodeId>>,
}

pub struct Canvas {
    cameras: HashMap<NodeId, Camera>,
    glide: Option<Glide>,
    drag: Option<NodeDrag>,
    /// Rubber band, from and to, in canvas units.
    band: Option<(Point, Point)>,
    /// The band adds to the selection (Shift or Ctrl was held when it started).
    band_adds: bool,
    /// The node whose in-place editor has been given the keyboard (once per draft).
    editor_focused: Option<NodeId>,
    /// The node being edited on this table, this frame (the document's draft, if here).
    pub(crate) editing: Option<NodeId>,
    /// How the node being edited looks with the text typed so far: its box grows (and wraps)
    /// as the text does, and the text field sits inside it.
    pub(crate) editing_visual: Option<crate::render::NodeVisual>,
    /// Nodes matching the find bar's query on this table, and the match shown.
    pub find_hits: BTreeSet<NodeId>,
    pub find_current: Option<NodeId>,
    /// Notes carrying the tag picked in the Tags panel (ringed).
    pub highlight: BTreeSet<NodeId>,
    /// Notes a filter leaves out (another round, another table of origin), drawn faded.
    pub faded: BTreeSet<NodeId>,
    /// The dot kind a click on a selected note's "+" adds, and its colour.
    pub dot_kind: (usize, crate::model::Rgb),
    /// Select the whole text when the editor opens (a placeholder, replaced by typing).
    select_all_on_open: bool,
    anim: Option<PositionAnim>,
    cache: SceneCache,
    /// The screen rect the canvas had last frame.
    pub view: egui::Rect,
    pub style: SceneStyle,
    next_gesture: u64,
    /// The node under the pointer (its fold handle shows).
    hovered: Option<NodeId>,
    /// The draft is typed into elsewhere (the outline): the canvas shows the text, not an editor.
    pub(crate) typing_elsewhere: bool,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            cameras: HashMap::new(),
            glide: None,
            drag: None,
            band: None,
            band_adds: false,
            editor_focused: None,
            editing: None,
            editing_visual: None,
            select_all_on_open: false,
            find_hits: BTreeSet::new(),
            find_current: None,
            highlight: BTreeSet::new(),
            faded: BTreeSet::new(),
            dot_kind: (0, crate::render::DEFAULT_DOT_COLORS[0]),
            anim: None,
            cache: SceneCache::default(),
            view: egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1280.0, 800.0)),
            style: SceneStyle::EDITOR,
            next_gesture: 1,
            hovered: None,
            typing_elsewhere: false,
        }
    }
}

/// Snaps a font size in pixels to steps of 1/12 octave, so zooming continuously does not fill
/// egui's font atlas with a new size every frame (text stays crisp: it is rasterised at the step).
pub fn snap_font_px(px: f32) -> f32 {
    let k = (px.max(1.0).log2() * 12.0).round();
    2f32.powf(k / 12.0)
}

/// Where a fold handle is drawn on screen: a pill with the count on a folded node, a small
/// circle otherwise; centred on the node's edge, facing away from its parent.
pub(crate) fn handle_rect(
    h: &cache::FoldHandle,
    cam: &Camera,
    view: egui::Rect,
    offset: Point,
) -> egui::Rect {
    let c = cam.to_screen(h.at + offset, view);
    let size = match h.hidden {
        Some(n) => egui::vec2(10.0 + 7.0 * n.to_string().len() as f32, 18.0),
        None => egui::vec2(12.0, 12.0),
    };
    egui::Rect::from_center_size(c, size)
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
    let tray = (cache.unsorted > 0).then_some(cache.tray);
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

    /// The next editor opens with its whole text selected, so that typing or pasting replaces
    /// it (a placeholder such as a new table's "New question?").
    pub fn select_all_when_editing(&mut self) {
        self.select_all_on_open = true;
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
        self.glide_between(cam, to, now);
    }

    /// A glide from `from` to `to`, unless the camera is already there.
    fn glide_between(&mut self, from: Camera, to: Camera, now: f64) {
        if to != from {
            self.glide = Some(Glide {
                from,
                to,
                start: now,
                duration: GLIDE_SECONDS,
            });
        }
    }

    /// Glides the camera of `table` so that `bounds` sit in the middle of the view, keeping the
    /// zoom unless they do not fit (a row picked in the outline).
    pub fn centre_on(&mut self, table: NodeId, bounds: Rect, now: f64) {
        let Some(cam) = self.cameras.get(&table).copied() else {
            return;
        };
        if bounds.is_empty() {
            return;
        }
        let visible = cam.visible(self.view.shrink(FIT_MARGIN));
        let to = if bounds.width() > visible.width() || bounds.height() > visible.height() {
            Camera::fit(&bounds, self.view, FIT_MARGIN, cam.zoom)
        } else {
            Camera {
                center: bounds.center(),
                zoom: cam.zoom,
            }
        };
        self.glide_between(cam, to, now);
    }

    /// The part of `table` the view shows, in canvas units (where the camera is, or will be
    /// once a glide ends).
    pub fn visible_area(&self, table: NodeId) -> Option<Rect> {
        let cam = match self.glide {
            Some(g) => g.to,
            None => self.cameras.get(&table).copied()?,
        };
        Some(cam.visible(self.view))
    }

    /// Whether the canvas shows `id` (a fold does not hide it), as of the last refresh.
    pub fn shows(&self, id: NodeId) -> bool {
        !self.cache.hidden.contains(&id)
    }

    /// Animates nodes from `from` to their current document positions.
    pub fn animate_from(&mut self, from: HashMap<NodeId, Point>, now: f64) {
        self.anim = Some(PositionAnim { from, start: now });
    }

    /// What "zoom to fit" shows: the whole map, and the unsorted tray when it holds notes (or,
    /// when that would make notes illegible, as much of the tray as fits beside the map).
    pub fn fit_bounds(&mut self, cafe: &Cafe, table: &Table, revision: u64) -> Rect {
        self.cache
            .refresh(cafe, table, revision, &self.style.clone());
        fit_camera(&self.cache, table, self.view).visible(self.view.shrink(FIT_MARGIN))
    }

    /// Bounds of some nodes as drawn.
    pub fn nodes_bounds(
        &mut self,
        cafe: &Cafe,
        table: &Table,
        revision: u64,
        ids: &BTreeSet<NodeId>,
    ) -> Rect {
        self.cache
            .refresh(cafe, table, revision, &self.style.clone());
        ids.iter()
            .filter_map(|id| self.cache.rect(*id))
            .fold(Rect::NOTHING, |a, r| a.union(&r))
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

    /// The fold handle under a screen point, if any.
    #[allow(clippy::too_many_arguments)]
    fn hit_handle(
        &self,
        selection: &BTreeSet<NodeId>,
        p: Pos2,
        table: &Table,
        cam: &Camera,
        view: egui::Rect,
        now: f64,
    ) -> Option<NodeId> {
        if cam.zoom < paint::CURVE_MIN_ZOOM {
            return None;
        }
        self.cache
            .fold_handles
            .iter()
            .filter(|h| {
                h.hidden.is_some() || selection.contains(&h.id) || self.hovered == Some(h.id)
            })
            .find(|h| {
                handle_rect(h, cam, view, self.offset_of(h.id, table, now))
                    .expand(3.0)
                    .contains(p)
            })
            .map(|h| h.id)
    }

    /// The faint "+" where a click adds the first dot of the current kind to a note (ideas and
    /// themes that have none of that kind yet).
    pub(crate) fn ghost_dot(
        &self,
        n: &crate::render::NodeVisual,
    ) -> Option<crate::render::Sticker> {
        let (kind, color) = self.dot_kind;
        if n.kind == NodeKind::Question || n.marks.dots.iter().any(|d| d.kind == kind) {
            return None;
        }
        let mut marks = n.marks.clone();
        marks.dots.push(crate::render::DotMark {
            kind,
            count: 1,
            color,
        });
        marks
            .stickers(n.rect, 1.0)
            .into_iter()
            .rfind(|s| s.role == crate::render::StickerRole::Dot(kind))
    }

    /// The note and dot kind whose dot (or selected note's "+") is under a canvas point.
    fn dot_hit(
        &self,
        selection: &BTreeSet<NodeId>,
        p: Point,
        table: &Table,
        now: f64,
    ) -> Option<(NodeId, usize)> {
        self.cache.nodes.iter().rev().find_map(|n| {
            let offset = self.offset_of(n.id, table, now);
            let ghost = selection
                .contains(&n.id)
                .then(|| self.ghost_dot(n))
                .flatten();
            n.stickers()
                .into_iter()
                .chain(ghost)
                .find_map(|s| match s.role {
                    crate::render::StickerRole::Dot(kind)
                        if s.rect.translate(offset).expand(1.5).contains(p) =>
                    {
                        Some((n.id, kind))
                    }
                    _ => None,
                })
        })
    }

    /// Shows the canvas for table `ti` of the document, with `selection` selected, and handles
    /// its pointer input. A changed selection comes back in [`CanvasOutput::select`].
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        selection: &BTreeSet<NodeId>,
        ti: usize,
        i18n: &crate::i18n::I18n,
    ) -> CanvasOutput {
        let mut out = CanvasOutput::default();
        self.follow_draft(doc, ti);
        let Some(table) = doc.cafe().tables.get(ti) else {
            return out;
        };
        let style = self.style;
        self.cache.read_references(doc.cafe(), doc.revision());
        self.cache
            .refresh(doc.cafe(), table, doc.revision(), &style);
        // Changed (copied) only when a click, band or drag changes it.
        let mut sel = self.unfolded_selection(table, selection);
        self.editing_visual = self.editing.and_then(|id| {
            let node = table.node(id)?;
            let text = &doc.draft()?.text;
            let block = crate::text::layout_node_text(node.kind, text);
            Some(crate::render::node_visual_in(
                doc.cafe(),
                table,
                node,
                &block,
            ))
        });
        let (view, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        self.view = view;
        let now = ui.input(|i| i.time);
        let mut cam = self.camera_this_frame(ui, table, view, now);

        let pointer_screen = response.interact_pointer_pos().or(response.hover_pos());
        let handle = pointer_screen.and_then(|p| self.hit_handle(&sel, p, table, &cam, view, now));
        let modifiers = ui.input(|i| i.modifiers);
        let f = PointerFrame {
            table,
            ti,
            view,
            now,
            pointer: pointer_screen.map(|p| cam.to_canvas(p, view)),
            additive: modifiers.shift || modifiers.command,
        };
        self.drag_input(ui, &response, &f, &mut cam, &mut sel, &mut out);
        self.click_input(&response, &f, handle, modifiers.shift, &mut sel, &mut out);

        self.cameras.insert(table.question(), cam);
        let painter = ui.painter_at(view);
        paint::paint(self, &sel, &painter, table, &cam, view, now, i18n);
        self.expose_to_accesskit(ui, &sel, table, &cam, view, i18n);
        self.show_editor(ui, doc, &cam, view, i18n, &mut out);
        if self.is_animating() {
            ui.ctx().request_repaint();
        }
        if let Cow::Owned(sel) = sel {
            out.select = Some(sel);
        }
        out
    }

    /// The node typed into on this table this frame (the document's draft, if here).
    fn follow_draft(&mut self, doc: &Document, ti: usize) {
        self.editing = doc.draft().filter(|d| d.table == ti).map(|d| d.id);
        self.typing_elsewhere = doc.draft().is_some_and(|d| d.in_outline);
        if self.editing.is_none() {
            self.editor_focused = None;
        }
    }

    /// What a fold hides cannot stay selected: its folded ancestor is selected instead.
    fn unfolded_selection<'s>(
        &self,
        table: &Table,
        selection: &'s BTreeSet<NodeId>,
    ) -> Cow<'s, BTreeSet<NodeId>> {
        let hidden = &self.cache.hidden;
        if !selection.iter().any(|id| hidden.contains(id)) {
            return Cow::Borrowed(selection);
        }
        Cow::Owned(
            selection
                .iter()
                .map(|&id| crate::edit::fold::visible_ancestor(table, hidden, id))
                .collect(),
        )
    }

    /// The table's camera this frame: fitted the first time the table is shown, following a
    /// glide; the wheel pans, Ctrl+wheel and pinch zoom around the pointer.
    fn camera_this_frame(
        &mut self,
        ui: &egui::Ui,
        table: &Table,
        view: egui::Rect,
        now: f64,
    ) -> Camera {
        let mut cam = *self
            .cameras
            .entry(table.question())
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
        cam
    }

    #[allow(clippy::too_many_arguments)]
    fn show_editor(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        cam: &Camera,
        view: egui::Rect,
        i18n: &crate::i18n::I18n,
        out: &mut CanvasOutput,
    ) {
        if self.editing.is_none() || out.end_draft.is_some() || self.typing_elsewhere {
            return;
        }
        // Enter commits, Shift+Enter is a new line, Esc cancels.
        if let Some(end) = super::draft_editor::end_keys(ui) {
            out.end_draft = Some(end);
            return;
        }
        let (Some(visual), (Some(ed), _)) = (self.editing_visual.as_ref(), doc.draft_mut()) else {
            return;
        };
        let rect = cam.rect_to_screen(&visual.rect, view);
        let px = snap_font_px(visual.font_size * cam.zoom);
        let font = egui::FontId::new(px, super::style::family(visual.bold));
        let pad = egui::vec2(visual.padding_x, visual.padding_y) * cam.zoom;
        let mut inner = rect.shrink2(pad);
        // Where the painted lines start, so the text does not jump when the editor opens.
        inner.min.y = rect.min.y + (visual.text_top() - visual.rect.min.y) * cam.zoom;
        let text_color = super::style::color(visual.text_color);
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(inner.expand(2.0)));
        // Caret and selection in the note's own ink, so both show on the dark question too.
        let visuals = child.visuals_mut();
        visuals.text_cursor.stroke.color = text_color;
        visuals.selection.bg_fill = text_color.gamma_multiply(0.3);
        visuals.selection.stroke.color = text_color;
        let id = ed.id;
        let opening = self.editor_focused != Some(id);
        let align = if visual.centered {
            egui::Align2::CENTER_TOP
        } else {
            egui::Align2::LEFT_TOP
        };
        super::draft_editor::DraftEditor::multiline(&mut ed.text)
            .look(|e| {
                e.font(font)
                    .frame(egui::Frame::NONE)
                    .text_color(text_color)
                    .desired_width(inner.width().max(40.0))
                    .desired_rows(1)
                    .align(align)
            })
            .caret(&mut ed.caret)
            .label(i18n.tr("editing-note"))
            .focus(
                opening,
                opening && std::mem::take(&mut self.select_all_on_open),
            )
            .show(&mut child);
        self.editor_focused = Some(id);
    }

    /// The map as a nested AccessKit tree, as screen readers (and UI tests) read it: the question,
    /// its themes inside it, their ideas inside them, then the unsorted notes; each item labelled
    /// with its text, with its level, and expanded or collapsed when it can fold. The legible
    /// nodes on screen are exposed, with their ancestors so that each sits under its parent.
    fn expose_to_accesskit(
        &self,
        ui: &mut egui::Ui,
        selection: &BTreeSet<NodeId>,
        table: &Table,
        cam: &Camera,
        view: egui::Rect,
        i18n: &crate::i18n::I18n,
    ) {
        let exposed = self.exposed_nodes(table, cam, view);
        if exposed.is_empty() {
            return;
        }
        let tree = ui.new_child(
            egui::UiBuilder::new()
                .id_salt("map-tree")
                .max_rect(view)
                .accessibility_role(egui::accesskit::Role::Tree)
                .accessibility_label(i18n.tr("map-tree")),
        );
        // The exposed unsorted notes (ideas without a parent), in reading order: only these are
        // sorted, not the thousands a tray can hold.
        let unsorted: Vec<NodeId> = exposed
            .iter()
            .copied()
            .filter(|&id| {
                table.parent(id).is_none()
                    && table.node(id).is_some_and(|n| n.kind == NodeKind::Idea)
            })
            .collect();
        let unsorted = crate::layout::order::reading_order(table, &unsorted);
        let mut roots = vec![Item::Node(table.question(), 1)];
        if !unsorted.is_empty() {
            roots.push(Item::Unsorted(unsorted));
        }
        let empty = i18n.tr("empty-note");
        // Depth first with a stack of groups rather than recursion: a deep map cannot overflow.
        let mut stack: Vec<(egui::Ui, std::vec::IntoIter<Item>)> = vec![(tree, roots.into_iter())];
        while let Some((ui, items)) = stack.last_mut() {
            let Some(item) = items.next() else {
                stack.pop();
                continue;
            };
            let Some(a) = self.accessible(item, table, &exposed, &empty, i18n) else {
                continue;
            };
            let widget = egui::Id::unique(("map-node", a.id.map_or(0, |i| i.0), a.id.is_none()));
            let r = cam.rect_to_screen(&a.rect, view);
            let r = if view.intersects(r) {
                r.intersect(view)
            } else {
                r
            };
            let resp = ui.interact(r, widget, Sense::hover());
            let selected = a.id.is_some_and(|id| selection.contains(&id));
            resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TreeItem, true, &a.label));
            ui.ctx().accesskit_node_builder(widget, |b| {
                b.set_level(a.level);
                b.set_selected(selected);
                if let Some(expanded) = a.expanded {
                    b.set_expanded(expanded);
                }
            });
            if !a.children.is_empty() {
                let group = ui.new_child(
                    egui::UiBuilder::new()
                        .id_salt(("map-group", widget))
                        .accessibility_parent(widget)
                        .accessibility_role(egui::accesskit::Role::Group),
                );
                stack.push((group, a.children.into_iter()));
            }
        }
    }

    /// The legible nodes on screen (at most a few hundred), with their ancestors.
    fn exposed_nodes(&self, table: &Table, cam: &Camera, view: egui::Rect) -> BTreeSet<NodeId> {
        const MAX_EXPOSED: usize = 600;
        let mut exposed: BTreeSet<NodeId> = BTreeSet::new();
        let legible = self.cache.nodes.iter().filter(|n| {
            let r = cam.rect_to_screen(&n.rect, view);
            view.intersects(r) && r.width() >= 12.0
        });
        for n in legible.take(MAX_EXPOSED) {
            let mut cur = Some(n.id);
            while let Some(c) = cur {
                if !exposed.insert(c) {
                    break;
                }
                cur = table.parent(c);
            }
        }
        exposed
    }

    /// How an item of the tree reads: its label, where it is, its level, whether it is
    /// expanded, and its exposed children.
    fn accessible(
        &self,
        item: Item,
        table: &Table,
        exposed: &BTreeSet<NodeId>,
        empty: &str,
        i18n: &crate::i18n::I18n,
    ) -> Option<Accessible> {
        Some(match item {
            Item::Node(id, level) => {
                let node = table.node(id)?;
                // A reference reads as the original it shows.
                let text = self.cache.shown_text(id).unwrap_or(&node.text);
                let label = if text.trim().is_empty() {
                    empty.to_owned()
                } else {
                    text.to_owned()
                };
                let children = crate::ui::outline::ordered_children(table, id)
                    .into_iter()
                    .filter(|c| exposed.contains(c))
                    .map(|c| Item::Node(c, level + 1))
                    .collect();
                Accessible {
                    id: Some(id),
                    label,
                    rect: self.cache.rect(id).unwrap_or(Rect::NOTHING),
                    level,
                    expanded: crate::edit::fold::can_fold(table, id).then_some(!node.folded),
                    children,
                }
            }
            Item::Unsorted(notes) => Accessible {
                id: None,
                label: i18n.tr_args("tray-label", &[("count", self.cache.unsorted.into())]),
                // The cache's: working the tray out again wraps every note's text.
                rect: self.cache.tray,
                level: 1,
                expanded: Some(true),
                children: notes.into_iter().map(|c| Item::Node(c, 2)).collect(),
            },
        })
    }
}

/// What the pointer handling of one frame reads.
struct PointerFrame<'t> {
    table: &'t Table,
    ti: usize,
    view: egui::Rect,
    now: f64,
    /// The pointer on the canvas, in canvas units.
    pointer: Option<Point>,
    /// Shift or Ctrl is held: clicks and bands add to the selection.
    additive: bool,
}

impl Canvas {
    /// Dragging: nodes, a rubber band, or the view.
    fn drag_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        f: &PointerFrame<'_>,
        cam: &mut Camera,
        sel: &mut Cow<'_, BTreeSet<NodeId>>,
        out: &mut CanvasOutput,
    ) {
        if response.drag_started()
            && let Some(origin) = ui.input(|i| i.pointer.press_origin())
        {
            let primary = response.dragged_by(PointerButton::Primary);
            let panning = ui.input(|i| i.key_down(Key::Space));
            self.start_drag(cam.to_canvas(origin, f.view), primary, panning, f, sel);
        }
        if response.dragged() {
            self.follow_drag(response, f, cam);
        }
        if response.drag_stopped() {
            self.end_drag(f, cam, sel, out);
        }
    }

    /// A drag starting at `p`: on a note it drags the selected branches (the note joins the
    /// selection first); on the wall, as in Miro or XMind, the primary button draws a rubber band
    /// (Space held, or the middle or right button, pans instead).
    fn start_drag(
        &mut self,
        p: Point,
        primary: bool,
        panning: bool,
        f: &PointerFrame<'_>,
        sel: &mut Cow<'_, BTreeSet<NodeId>>,
    ) {
        let table = f.table;
        match self.hit(p, table, f.now, None) {
            Some(id) if primary && self.editing.is_none() => {
                if !sel.contains(&id) {
                    let sel = sel.to_mut();
                    if !f.additive {
                        sel.clear();
                    }
                    sel.insert(id);
                }
                let mut roots = ops::selection_roots(table, sel);
                if roots.len() > 1 {
                    // The question drags its whole table alone, not with a selection.
                    roots.retain(|&r| r != table.question());
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
            None if primary && !panning => {
                self.band = Some((p, p));
                self.band_adds = f.additive;
            }
            _ => {}
        }
    }

    /// The pointer moved while dragging: the notes follow it (with the drop target under it),
    /// the band stretches, or the view pans.
    fn follow_drag(&mut self, response: &egui::Response, f: &PointerFrame<'_>, cam: &mut Camera) {
        if let (Some(d), Some(p)) = (self.drag.as_mut(), f.pointer) {
            d.delta = p - d.grab;
        } else if let (Some(b), Some(p)) = (self.band.as_mut(), f.pointer) {
            b.1 = p;
        } else if self.drag.is_none() && self.band.is_none() {
            cam.pan_by_screen(response.drag_delta());
            self.glide = None;
        }
        if let (Some(p), Some(moving)) = (f.pointer, self.drag.as_ref().map(|d| d.moving.clone())) {
            let target = match self.hit(p, f.table, f.now, Some(&moving)) {
                Some(id) => Some(DropTarget::Node(id)),
                None if self.cache.tray.contains(p) => Some(DropTarget::Tray),
                None => None,
            };
            if let Some(d) = self.drag.as_mut() {
                d.target = target.filter(|t| ops::can_drop_on(f.table, &d.roots, *t));
            }
        }
    }

    /// The drag ended: dragged notes are dropped (moved, or re-parented on the target); a band
    /// selects what it touches.
    fn end_drag(
        &mut self,
        f: &PointerFrame<'_>,
        cam: &Camera,
        sel: &mut Cow<'_, BTreeSet<NodeId>>,
        out: &mut CanvasOutput,
    ) {
        if let Some(d) = self.drag.take()
            && let Some(edit) = ops::drop_nodes(
                f.ti,
                f.table,
                &d.roots,
                d.delta,
                d.target,
                Some(cam.visible(f.view.shrink(FIT_MARGIN))),
            )
        {
            out.edits.push((edit, None));
            if d.target.is_some() {
                out.dropped = d.roots.clone();
            }
        }
        if let Some((a, b)) = self.band.take() {
            let band = Rect::from_points(a, b);
            // A plain band replaces the selection; Shift or Ctrl (held when it started) adds.
            let sel = sel.to_mut();
            if !self.band_adds {
                sel.clear();
            }
            for n in &self.cache.nodes {
                if band.intersects(&n.rect) {
                    sel.insert(n.id);
                }
            }
        }
    }

    fn click_input(
        &mut self,
        response: &egui::Response,
        f: &PointerFrame<'_>,
        handle: Option<NodeId>,
        shift: bool,
        sel: &mut Cow<'_, BTreeSet<NodeId>>,
        out: &mut CanvasOutput,
    ) {
        let (table, pointer) = (f.table, f.pointer);
        // Clicks: select; double-click edits a node, or makes a new note on empty canvas. A
        // click on a fold handle folds or unfolds its node; a click on a note's dots adds one
        // (Shift-click or right-click takes one off); both leave the selection as it is.
        self.hovered = pointer
            .and_then(|p| self.hit(p, table, f.now, None))
            .or(handle);
        let dot = pointer
            .filter(|_| self.editing.is_none() && handle.is_none())
            .and_then(|p| self.dot_hit(sel, p, table, f.now));
        if let Some(id) = handle.filter(|_| response.clicked() || response.double_clicked()) {
            if let Some(edit) = crate::edit::fold::toggle(f.ti, table, &BTreeSet::from([id])) {
                out.edits.push((edit, None));
            }
        } else if let Some((id, kind)) = dot
            && (response.clicked() || response.secondary_clicked())
        {
            let remove = response.secondary_clicked() || shift;
            out.vote = Some((id, kind, if remove { -1 } else { 1 }));
        } else if let Some(p) = pointer {
            let hit = self.hit(p, table, f.now, None);
            if response.double_clicked() {
                match hit {
                    Some(id) => out.edit = Some(id),
                    // The app, which allocates ids, makes the note.
                    None => out.new_note_at = Some(p),
                }
            } else if response.clicked() {
                if self.editing.is_some() {
                    out.end_draft = Some(DraftEnd::Commit);
                }
                let additive = f.additive;
                match hit {
                    Some(id) if additive && !sel.to_mut().remove(&id) => {
                        sel.to_mut().insert(id);
                    }
                    Some(_) if additive => {}
                    Some(id) => *sel = Cow::Owned(BTreeSet::from([id])),
                    None if !additive && !sel.is_empty() => *sel = Cow::Owned(BTreeSet::new()),
                    None => {}
                }
            }
        }
    }
}

/// One item of the map's accessible tree.
enum Item {
    /// A node at a level (the question is 1).
    Node(NodeId, usize),
    /// The unsorted notes exposed, under one item.
    Unsorted(Vec<NodeId>),
}

/// How one item of the map's accessible tree reads.
struct Accessible {
    /// The node, or `None` for the unsorted notes' item.
    id: Option<NodeId>,
    label: String,
    rect: Rect,
    level: usize,
    /// Expanded or collapsed, for what can fold.
    expanded: Option<bool>,
    children: Vec<Item>,
}
