//! The outline: the table shown as an indented tree beside the map (question → themes → ideas,
//! the unsorted notes last), for reading a big map, for the keyboard and for screen readers.
//!
//! A small tree of our own rather than a crate's: `egui_ltreeview` 0.10 supports egui 0.37 but
//! draws its rows inside one widget, so a screen reader hears neither the rows as tree items, nor
//! their level, nor whether a branch is folded, and the keyboard focus never moves from row to
//! row. Here every row is a focusable AccessKit tree item nested in its parent's group.
//!
//! Like every panel, it only says what the user asked for ([`OutlineIntent`]); the app selects,
//! folds, edits and drops through the document's one pipe, with the same operations as the map.

use super::canvas::DraftEnd;
use super::document::Document;
use super::style::{DROP_TARGET, FOLD_BADGE, SELECTION};
use crate::edit::ops::{self, DropTarget, Slot};
use crate::i18n::I18n;
use crate::model::{NodeId, NodeKind, Table};
use egui::{Key, Modifiers, Sense};
use std::collections::BTreeSet;

const ROW_HEIGHT: f32 = 22.0;
const INDENT: f32 = 16.0;
/// Width of the fold triangle at the start of a row.
const TOGGLE_WIDTH: f32 = 16.0;

/// What the user asked of the outline.
#[derive(Clone, Debug, PartialEq)]
pub enum OutlineIntent {
    Select {
        id: NodeId,
        additive: bool,
    },
    ToggleFold(NodeId),
    /// Double-click: type into the node, in its row.
    Edit(NodeId),
    /// Enter or Esc in the row's text field.
    EndDraft(DraftEnd),
    Drop {
        roots: Vec<NodeId>,
        slot: Slot,
    },
}

/// One row: a node, or the heading of the unsorted notes (`id` `None`).
#[derive(Clone, Debug)]
struct Row {
    id: Option<NodeId>,
    depth: usize,
    /// The row this one hangs under.
    parent: Option<usize>,
    kind: NodeKind,
    foldable: bool,
    folded: bool,
    /// How many nodes its fold hides.
    hidden: usize,
}

struct RowDrag {
    roots: Vec<NodeId>,
    slot: Option<Slot>,
}

#[derive(Default)]
pub struct Outline {
    /// A row had the keyboard last frame: F2 and typing edit in the row, arrows walk the tree.
    pub has_focus: bool,
    /// The node whose text is typed in its row (the document's draft, when typed here).
    editing: Option<NodeId>,
    /// The row that has (or is to get) the keyboard.
    focused: Option<NodeId>,
    focus_next_frame: bool,
    editor_focused: Option<NodeId>,
    /// The selection last shown: when the map changes it, the outline scrolls to it.
    last_selection: BTreeSet<NodeId>,
    /// The rows of (table question, revision).
    rows: Option<((NodeId, u64), Vec<Row>)>,
    drag: Option<RowDrag>,
}

/// A node's children in the order the outline, the screen reader and the presentation read
/// them: the question's branches in presentation order, other children in reading order.
pub(crate) fn ordered_children(table: &Table, id: NodeId) -> Vec<NodeId> {
    if id == table.question() {
        crate::layout::order::branch_order(table)
    } else {
        crate::layout::order::reading_order(table, &table.children(id))
    }
}

fn build_rows(table: &Table) -> Vec<Row> {
    let mut rows = Vec::new();
    push_branches(table, &mut rows, vec![(table.question(), 0, None)]);
    let unsorted = crate::layout::order::reading_order(table, &table.unsorted());
    if !unsorted.is_empty() {
        let heading = rows.len();
        rows.push(Row {
            id: None,
            depth: 0,
            parent: None,
            kind: NodeKind::Idea,
            foldable: false,
            folded: false,
            hidden: 0,
        });
        let stack = unsorted
            .into_iter()
            .rev()
            .map(|id| (id, 1, Some(heading)))
            .collect();
        push_branches(table, &mut rows, stack);
    }
    rows
}

/// Rows for the branches on `stack` (depth first, the top of the stack first); a folded node's
/// branch stays closed.
fn push_branches(
    table: &Table,
    rows: &mut Vec<Row>,
    mut stack: Vec<(NodeId, usize, Option<usize>)>,
) {
    while let Some((id, depth, parent)) = stack.pop() {
        // A malformed table could loop; a tree never has more rows than nodes (and a heading).
        if rows.len() > table.len() {
            break;
        }
        let Some(node) = table.node(id) else { continue };
        let foldable = crate::edit::fold::can_fold(table, id);
        let folded = foldable && node.folded;
        let index = rows.len();
        rows.push(Row {
            id: Some(id),
            depth,
            parent,
            kind: node.kind,
            foldable,
            folded,
            hidden: if folded {
                crate::edit::fold::hidden_below(table, id)
            } else {
                0
            },
        });
        if !folded {
            for c in ordered_children(table, id).into_iter().rev() {
                stack.push((c, depth + 1, Some(index)));
            }
        }
    }
}

fn row_widget(id: Option<NodeId>) -> egui::Id {
    match id {
        Some(id) => egui::Id::unique(("outline-row", id.0)),
        None => egui::Id::unique("outline-unsorted"),
    }
}

/// The first line of a note, for its row.
fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
}

impl Outline {
    fn refresh(&mut self, table: &Table, revision: u64) -> &[Row] {
        let key = (table.question(), revision);
        if self.rows.as_ref().is_none_or(|(k, _)| *k != key) {
            self.rows = Some((key, build_rows(table)));
        }
        self.rows.as_ref().map(|(_, r)| r.as_slice()).unwrap_or(&[])
    }

    /// Arrows, Home and End walk the tree while a row has the keyboard: up and down a row,
    /// right unfolds or goes to the first child, left folds or goes to the parent. Run before the
    /// window's own shortcuts, which would otherwise take the arrows to walk the map.
    pub fn keys(
        &mut self,
        ctx: &egui::Context,
        table: &Table,
        revision: u64,
    ) -> Vec<OutlineIntent> {
        let Some(current) = self.focused else {
            return Vec::new();
        };
        let rows = self.refresh(table, revision).to_vec();
        let Some(at) = rows.iter().position(|r| r.id == Some(current)) else {
            return Vec::new();
        };
        let pressed = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
        let node_rows: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].id.is_some()).collect();
        let here = node_rows.iter().position(|&i| i == at).unwrap_or(0);
        let row = &rows[at];
        let target = if pressed(Key::ArrowDown) {
            node_rows.get(here + 1).copied()
        } else if pressed(Key::ArrowUp) {
            here.checked_sub(1).and_then(|h| node_rows.get(h).copied())
        } else if pressed(Key::Home) {
            node_rows.first().copied()
        } else if pressed(Key::End) {
            node_rows.last().copied()
        } else if pressed(Key::ArrowRight) {
            if row.folded {
                return vec![OutlineIntent::ToggleFold(current)];
            }
            rows.get(at + 1)
                .filter(|r| r.parent == Some(at))
                .map(|_| at + 1)
        } else if pressed(Key::ArrowLeft) {
            if row.foldable && !row.folded {
                return vec![OutlineIntent::ToggleFold(current)];
            }
            row.parent.filter(|&p| rows[p].id.is_some())
        } else {
            None
        };
        match target.and_then(|t| rows[t].id) {
            Some(id) => {
                self.focused = Some(id);
                self.focus_next_frame = true;
                vec![OutlineIntent::Select {
                    id,
                    additive: false,
                }]
            }
            None => Vec::new(),
        }
    }

    /// The panel for table `ti`; `selection` is the map's.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        ti: usize,
        selection: &BTreeSet<NodeId>,
        i18n: &I18n,
    ) -> Vec<OutlineIntent> {
        self.follow_draft(doc, ti);
        ui.heading(i18n.tr("outline-title"));
        ui.separator();
        let revision = doc.revision();
        let Some(table) = doc.cafe().tables.get(ti) else {
            return Vec::new();
        };
        let rows = self.refresh(table, revision).to_vec();
        let scroll_to = self.scroll_target(&rows, selection);
        let mut acc = RowsDone::default();
        let empty = i18n.tr("empty-note");
        let mut frame = RowsFrame {
            doc,
            ti,
            table,
            selection,
            rows: &rows,
            area: egui::Rect::NOTHING,
            drag_slot: self.drag.as_ref().and_then(|d| d.slot),
            tray_label: i18n.tr_args("tray-label", &[("count", table.unsorted().len().into())]),
            empty: &empty,
            i18n,
        };
        let scrolled = egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show_viewport(ui, |ui, viewport| {
                let (area, _) = ui.allocate_exact_size(
                    egui::vec2(ui.available_width(), rows.len() as f32 * ROW_HEIGHT),
                    Sense::hover(),
                );
                frame.area = area;
                if let Some(i) = scroll_to {
                    ui.scroll_to_rect(row_rect(area, i), None);
                }
                self.tree_ui(ui, viewport, scroll_to, &frame, &mut acc);
                // The text field of the row being typed into, over the rows below if it grows.
                acc.editor_at.map(|i| {
                    let rect = row_rect(area, i);
                    let left = rect.left() + 6.0 + rows[i].depth as f32 * INDENT + TOGGLE_WIDTH;
                    egui::Rect::from_min_max(egui::pos2(left, rect.top()), rect.max)
                })
            });
        let mut out = self.end_rows(acc);
        if let Some(at) = scrolled.inner {
            self.show_editor(ui, doc, at, scrolled.inner_rect, i18n, &mut out);
        }
        out
    }

    /// When the draft typed in a row ends (Enter, Esc, a click elsewhere), the keyboard goes
    /// back to its row.
    fn follow_draft(&mut self, doc: &Document, ti: usize) {
        let typed_here = doc
            .draft()
            .filter(|d| d.in_outline && d.table == ti)
            .map(|d| d.id);
        if let Some(id) = self.editing
            && typed_here != Some(id)
        {
            self.editor_focused = None;
            self.focused = Some(id);
            self.focus_next_frame = true;
        }
        self.editing = typed_here;
    }

    /// The row to scroll to: the first selected one when the map's selection changed, else the
    /// row about to get the keyboard.
    fn scroll_target(&mut self, rows: &[Row], selection: &BTreeSet<NodeId>) -> Option<usize> {
        let selection_changed = *selection != self.last_selection;
        self.last_selection = selection.clone();
        if selection_changed {
            rows.iter()
                .position(|r| r.id.is_some_and(|id| selection.contains(&id)))
        } else if self.focus_next_frame {
            rows.iter()
                .position(|r| r.id.is_some() && r.id == self.focused)
        } else {
            None
        }
    }

    /// The rows as an AccessKit tree: rows on screen are built, with their ancestors (so that
    /// each is nested in its parent for screen readers) and the row that is to get the keyboard.
    fn tree_ui(
        &mut self,
        ui: &mut egui::Ui,
        viewport: egui::Rect,
        scroll_to: Option<usize>,
        frame: &RowsFrame<'_>,
        acc: &mut RowsDone,
    ) {
        let rows = frame.rows;
        let first = (viewport.min.y / ROW_HEIGHT).floor().max(0.0) as usize;
        let last = ((viewport.max.y / ROW_HEIGHT).ceil() as usize + 1).min(rows.len());
        let editing = rows
            .iter()
            .position(|r| r.id.is_some() && r.id == self.editing);
        let built = rows_to_build(rows, (first..last).chain(scroll_to).chain(editing));
        let mut tree = ui.new_child(
            egui::UiBuilder::new()
                .id_salt("outline-tree")
                .max_rect(frame.area)
                .accessibility_role(egui::accesskit::Role::Tree)
                .accessibility_label(frame.i18n.tr("outline-title")),
        );
        // Groups open for the rows being nested: (row, its group).
        let mut groups: Vec<(usize, egui::Ui)> = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            if !built[i] {
                continue;
            }
            while groups.last().is_some_and(|(g, _)| Some(*g) != row.parent) {
                groups.pop();
            }
            let parent_ui = match groups.last_mut() {
                Some((_, group)) => group,
                None => &mut tree,
            };
            self.row_ui(ui, parent_ui, i, frame, acc);
            // A row whose children follow opens a group for them.
            if rows.get(i + 1).is_some_and(|next| next.parent == Some(i)) {
                let group = parent_ui.new_child(
                    egui::UiBuilder::new()
                        .id_salt(("outline-group", row_widget(row.id)))
                        .accessibility_parent(row_widget(row.id))
                        .accessibility_role(egui::accesskit::Role::Group),
                );
                groups.push((i, group));
            }
        }
    }

    /// What the rows gathered: a row drag moves its slot or drops there; the panel keeps the
    /// keyboard while a row or its text field has it.
    fn end_rows(&mut self, acc: RowsDone) -> Vec<OutlineIntent> {
        let RowsDone {
            mut out,
            has_focus,
            drag_update,
            drag_end,
            ..
        } = acc;
        if let Some(slot) = drag_update
            && let Some(d) = self.drag.as_mut()
        {
            d.slot = slot;
        }
        if drag_end
            && let Some(d) = self.drag.take()
            && let Some(slot) = d.slot
        {
            out.push(OutlineIntent::Drop {
                roots: d.roots,
                slot,
            });
        }
        self.has_focus = has_focus || self.editing.is_some();
        out
    }

    fn show_editor(
        &mut self,
        ui: &mut egui::Ui,
        doc: &mut Document,
        at: egui::Rect,
        clip: egui::Rect,
        i18n: &I18n,
        out: &mut Vec<OutlineIntent>,
    ) {
        // Enter commits, Shift+Enter is a new line, Esc cancels: as on the map.
        if let Some(end) = super::draft_editor::end_keys(ui) {
            out.push(OutlineIntent::EndDraft(end));
            return;
        }
        let (Some(draft), _) = doc.draft_mut() else {
            return;
        };
        let id = draft.id;
        let opening = self.editor_focused != Some(id);
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(at));
        child.set_clip_rect(clip);
        egui::Frame::new()
            .fill(child.visuals().extreme_bg_color)
            .stroke(egui::Stroke::new(1.0, SELECTION))
            .show(&mut child, |ui| {
                super::draft_editor::DraftEditor::multiline(&mut draft.text)
                    .look(|e| {
                        e.desired_rows(1)
                            .desired_width(at.width() - 8.0)
                            .frame(egui::Frame::NONE)
                    })
                    .caret(&mut draft.caret)
                    .label(i18n.tr("editing-note"))
                    .focus(opening, false)
                    .show(ui)
            });
        self.editor_focused = Some(id);
    }
}

/// What every row of one frame is shown with.
struct RowsFrame<'a> {
    doc: &'a Document,
    ti: usize,
    table: &'a Table,
    selection: &'a BTreeSet<NodeId>,
    rows: &'a [Row],
    /// Where the rows are laid out, one under the other.
    area: egui::Rect,
    drag_slot: Option<Slot>,
    tray_label: String,
    empty: &'a str,
    i18n: &'a I18n,
}

/// What the rows of one frame gathered.
#[derive(Default)]
struct RowsDone {
    out: Vec<OutlineIntent>,
    has_focus: bool,
    drag_update: Option<Option<Slot>>,
    drag_end: bool,
    /// The row whose text field is shown.
    editor_at: Option<usize>,
}

fn row_rect(area: egui::Rect, i: usize) -> egui::Rect {
    egui::Rect::from_min_size(
        area.min + egui::vec2(0.0, i as f32 * ROW_HEIGHT),
        egui::vec2(area.width(), ROW_HEIGHT),
    )
}

impl Outline {
    /// Row `i`: its widget (read by screen readers), the keyboard, the pointer, its look.
    fn row_ui(
        &mut self,
        ui: &egui::Ui,
        parent_ui: &mut egui::Ui,
        i: usize,
        f: &RowsFrame<'_>,
        acc: &mut RowsDone,
    ) {
        let RowsFrame {
            doc,
            ti,
            table,
            selection,
            rows,
            area,
            drag_slot,
            empty,
            i18n,
            ..
        } = *f;
        let row = &rows[i];
        let rect = row_rect(area, i);
        let widget = row_widget(row.id);
        let resp = parent_ui.interact(rect, widget, Sense::click_and_drag());
        let text = match row.id {
            Some(id) => node_text(doc, ti, id),
            None => f.tray_label.clone(),
        };
        let label = if text.trim().is_empty() {
            empty.to_owned()
        } else {
            text.clone()
        };
        let selected = row.id.is_some_and(|id| selection.contains(&id));
        expose_row(ui, &resp, row, &label, selected);
        acc.has_focus |= self.row_focus(ui, &resp, row);
        let toggle = egui::Rect::from_min_size(
            rect.min + egui::vec2(4.0 + row.depth as f32 * INDENT, 0.0),
            egui::vec2(TOGGLE_WIDTH, ROW_HEIGHT),
        );
        self.row_pointer(ui, &resp, row, toggle, (table, selection), &mut acc.out);
        if resp.dragged()
            && let (Some(d), Some(p)) = (self.drag.as_ref(), ui.input(|i| i.pointer.interact_pos()))
        {
            acc.drag_update = Some(slot_at(table, rows, area, p, &d.roots));
        }
        if resp.drag_stopped() {
            acc.drag_end = true;
        }
        if row.id.is_some() && row.id == self.editing {
            acc.editor_at = Some(i);
        }
        paint_row(
            ui,
            &RowLook {
                row,
                rect,
                toggle,
                resp: &resp,
                selected,
                drag_slot,
                text: (acc.editor_at != Some(i)).then_some(text.as_str()),
                empty,
                table,
            },
            i18n,
        );
    }
}

/// Which rows to build: those asked for, with their ancestors (so that each is nested in its
/// parent for screen readers).
fn rows_to_build(rows: &[Row], wanted: impl Iterator<Item = usize>) -> Vec<bool> {
    let mut built = vec![false; rows.len()];
    for i in wanted {
        let mut cur = Some(i);
        while let Some(c) = cur.filter(|&c| c < rows.len() && !built[c]) {
            built[c] = true;
            cur = rows[c].parent;
        }
    }
    built
}

/// A node's text as its row shows it: the text being typed into it, if it is.
fn node_text(doc: &Document, ti: usize, id: NodeId) -> String {
    match doc.draft().filter(|d| d.id == id && d.table == ti) {
        Some(d) => d.text.clone(),
        None => doc
            .cafe()
            .tables
            .get(ti)
            .and_then(|t| t.node(id))
            .map(|n| n.text.clone())
            .unwrap_or_default(),
    }
}

/// The row as a screen reader reads it: a tree item with its level, selected or not, and
/// expanded or collapsed when it can fold.
fn expose_row(ui: &egui::Ui, resp: &egui::Response, row: &Row, label: &str, selected: bool) {
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TreeItem, true, label));
    let (level, foldable, folded) = (row.depth + 1, row.foldable, row.folded);
    let heading = row.id.is_none();
    ui.ctx().accesskit_node_builder(resp.id, |b| {
        b.set_level(level);
        b.set_selected(selected);
        if foldable || heading {
            b.set_expanded(!folded);
        }
    });
}

impl Outline {
    /// Keeps track of the row with the keyboard (its arrows are the outline's); gives it to the
    /// row asked for. Returns whether this row has it.
    fn row_focus(&mut self, ui: &egui::Ui, resp: &egui::Response, row: &Row) -> bool {
        let focused = resp.has_focus();
        if focused {
            self.focused = row.id;
            ui.memory_mut(|m| {
                m.set_focus_lock_filter(
                    resp.id,
                    egui::EventFilter {
                        horizontal_arrows: true,
                        vertical_arrows: true,
                        ..Default::default()
                    },
                )
            });
        }
        if self.focus_next_frame && row.id.is_some() && row.id == self.focused {
            resp.request_focus();
            self.focus_next_frame = false;
        }
        focused
    }

    /// What the pointer does on a row.
    fn row_pointer(
        &mut self,
        ui: &egui::Ui,
        resp: &egui::Response,
        row: &Row,
        toggle: egui::Rect,
        (table, selection): (&Table, &BTreeSet<NodeId>),
        out: &mut Vec<OutlineIntent>,
    ) {
        // Pointer: a click on the triangle folds; elsewhere it selects (Shift or
        // Ctrl adds); a double-click types in the row; a drag moves the branch.
        // (Not the click egui makes of Space or Enter on the focused row: those keys
        // fold and add a sibling.)
        let pointer_click =
            resp.clicked() && !ui.input(|i| i.key_pressed(Key::Space) || i.key_pressed(Key::Enter));
        if let Some(id) = row.id {
            let on_toggle = resp
                .interact_pointer_pos()
                .is_some_and(|p| toggle.contains(p));
            if resp.double_clicked() && !on_toggle {
                out.push(OutlineIntent::Edit(id));
            } else if pointer_click && on_toggle && row.foldable {
                out.push(OutlineIntent::ToggleFold(id));
            } else if pointer_click {
                let m = ui.input(|i| i.modifiers);
                out.push(OutlineIntent::Select {
                    id,
                    additive: m.shift || m.command,
                });
                self.focused = Some(id);
                resp.request_focus();
            }
            if resp.drag_started() && row.kind != NodeKind::Question {
                let roots = if selection.contains(&id) {
                    ops::selection_roots(table, selection)
                } else {
                    vec![id]
                };
                self.drag = Some(RowDrag { roots, slot: None });
            }
        }
    }
}

/// How one row looks this frame.
struct RowLook<'a> {
    row: &'a Row,
    rect: egui::Rect,
    /// The fold triangle's place at the start of the row.
    toggle: egui::Rect,
    resp: &'a egui::Response,
    selected: bool,
    drag_slot: Option<Slot>,
    /// The row's text, `None` while its text field is shown over it.
    text: Option<&'a str>,
    empty: &'a str,
    table: &'a Table,
}

/// Paints a row: selection or hover, keyboard focus, the drop mark, the fold triangle and
/// badge, the first line of its text.
fn paint_row(ui: &egui::Ui, look: &RowLook<'_>, i18n: &I18n) {
    let RowLook {
        row,
        rect,
        toggle,
        resp,
        selected,
        drag_slot,
        text,
        ..
    } = *look;
    let heading = row.id.is_none();
    let painter = ui.painter();
    if selected {
        painter.rect_filled(rect, 3.0, SELECTION.gamma_multiply(0.18));
    } else if resp.hovered() {
        painter.rect_filled(rect, 3.0, ui.visuals().widgets.hovered.weak_bg_fill);
    }
    if resp.has_focus() {
        painter.rect_stroke(
            rect.shrink(1.0),
            3.0,
            egui::Stroke::new(1.0, SELECTION),
            egui::StrokeKind::Inside,
        );
    }
    match drag_slot {
        Some(Slot::Into(t)) if row.id == Some(t) => {
            painter.rect_stroke(
                rect.shrink(1.0),
                3.0,
                egui::Stroke::new(2.0, DROP_TARGET),
                egui::StrokeKind::Inside,
            );
        }
        Some(Slot::Tray) if heading => {
            painter.rect_stroke(
                rect.shrink(1.0),
                3.0,
                egui::Stroke::new(2.0, DROP_TARGET),
                egui::StrokeKind::Inside,
            );
        }
        Some(Slot::Before(t)) | Some(Slot::After(t)) if row.id == Some(t) => {
            let y = if matches!(drag_slot, Some(Slot::Before(_))) {
                rect.top()
            } else {
                rect.bottom()
            };
            painter.hline(
                toggle.right()..=rect.right(),
                y,
                egui::Stroke::new(2.0, DROP_TARGET),
            );
        }
        _ => {}
    }
    let text_right = paint_fold(ui, look, i18n);
    if let Some(text) = text {
        paint_text(ui, look, text, text_right);
    }
}

/// The fold triangle (with its tooltip) and, on a folded row, the badge counting what it
/// hides; returns where the row's text must end.
fn paint_fold(ui: &egui::Ui, look: &RowLook<'_>, i18n: &I18n) -> f32 {
    let RowLook {
        row,
        rect,
        toggle,
        resp,
        table,
        ..
    } = *look;
    let painter = ui.painter();
    let ink = ui.visuals().text_color();
    if row.foldable {
        let c = toggle.center();
        let s = 4.0;
        let points = if row.folded {
            vec![
                c + egui::vec2(-s * 0.6, -s),
                c + egui::vec2(s * 0.9, 0.0),
                c + egui::vec2(-s * 0.6, s),
            ]
        } else {
            vec![
                c + egui::vec2(-s, -s * 0.6),
                c + egui::vec2(s, -s * 0.6),
                c + egui::vec2(0.0, s * 0.9),
            ]
        };
        painter.add(egui::Shape::convex_polygon(points, ink, egui::Stroke::NONE));
        let tip = if row.folded {
            i18n.tr_args("outline-unfold", &[("count", row.hidden.into())])
        } else {
            let below = row
                .id
                .map_or(0, |id| crate::edit::fold::hidden_below(table, id));
            i18n.tr_args("outline-fold", &[("count", below.into())])
        };
        if resp.hover_pos().is_some_and(|p| toggle.contains(p)) {
            let _ = resp.clone().on_hover_text(tip);
        }
    }
    let mut text_right = rect.right() - 4.0;
    if row.folded {
        let count = row.hidden.to_string();
        let w = 12.0 + 7.0 * count.len() as f32;
        let pill = egui::Rect::from_center_size(
            egui::pos2(rect.right() - 6.0 - w / 2.0, rect.center().y),
            egui::vec2(w, 16.0),
        );
        painter.rect_filled(pill, 8.0, FOLD_BADGE);
        painter.text(
            pill.center(),
            egui::Align2::CENTER_CENTER,
            count,
            egui::FontId::proportional(11.0),
            egui::Color32::WHITE,
        );
        text_right = pill.left() - 4.0;
    }
    text_right
}

/// The first line of the row's text (or the empty note's placeholder), cut to fit.
fn paint_text(ui: &egui::Ui, look: &RowLook<'_>, text: &str, text_right: f32) {
    let (row, toggle) = (look.row, look.toggle);
    let heading = row.id.is_none();
    let ink = ui.visuals().text_color();
    let shown = if text.trim().is_empty() {
        look.empty
    } else {
        first_line(text)
    };
    let mut job = egui::text::LayoutJob::single_section(
        shown.to_owned(),
        egui::TextFormat {
            font_id: egui::FontId::new(
                13.5,
                super::style::family(
                    matches!(row.kind, NodeKind::Question | NodeKind::Theme) || heading,
                ),
            ),
            color: if text.trim().is_empty() || heading {
                ui.visuals().weak_text_color()
            } else {
                ink
            },
            ..Default::default()
        },
    );
    job.wrap = egui::text::TextWrapping::truncate_at_width((text_right - toggle.right()).max(10.0));
    let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
    ui.painter().galley(
        egui::pos2(
            toggle.right() + 2.0,
            look.rect.center().y - galley.size().y / 2.0,
        ),
        galley,
        ink,
    );
}

/// Where rows dragged to screen point `p` would go: onto the middle of a row, under it; onto
/// its top or bottom quarter, before or after it; onto the unsorted heading, into the tray.
fn slot_at(
    table: &Table,
    rows: &[Row],
    area: egui::Rect,
    p: egui::Pos2,
    roots: &[NodeId],
) -> Option<Slot> {
    if !area.contains(p) {
        return None;
    }
    let i = ((p.y - area.top()) / ROW_HEIGHT).floor() as usize;
    let row = rows.get(i)?;
    let Some(id) = row.id else {
        return ops::can_drop_on(table, roots, DropTarget::Tray).then_some(Slot::Tray);
    };
    let frac = (p.y - area.top()) / ROW_HEIGHT - i as f32;
    let moving = ops::moving_set(table, roots);
    if moving.contains(&id) {
        return None;
    }
    let beside = id != table.question() && roots.iter().all(|&r| r != table.question());
    if beside && frac < 0.25 {
        Some(Slot::Before(id))
    } else if beside && frac > 0.75 {
        Some(Slot::After(id))
    } else {
        ops::can_drop_on(table, roots, DropTarget::Node(id)).then_some(Slot::Into(id))
    }
}
