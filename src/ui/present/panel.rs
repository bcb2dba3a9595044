//! The editor's "Presentation" side panel: whether the table is presented, the order of its
//! branches, which nodes are hidden, and the speaker notes of the selected node. It only returns
//! [`Edit`]s; the app applies them (the UI never changes the document in place).

use crate::edit::Edit;
use crate::i18n::I18n;
use crate::layout::order::branch_order;
use crate::model::{Cafe, Node, NodeId, Table};
use std::collections::BTreeSet;

#[derive(Default)]
pub struct PanelOutput {
    pub edits: Vec<Edit>,
    /// The speaker notes being typed: the app merges a typing session into one undo step.
    pub note: Option<Edit>,
    /// The notes field was left: the typing session is over.
    pub note_done: bool,
}

/// The panel's content for table `ti`.
pub fn show(
    ui: &mut egui::Ui,
    cafe: &Cafe,
    ti: usize,
    selection: &BTreeSet<NodeId>,
    reveal: &mut super::RevealOptions,
    i18n: &I18n,
) -> PanelOutput {
    let mut out = PanelOutput::default();
    let Some(table) = cafe.tables.get(ti) else {
        return out;
    };
    ui.heading(i18n.tr("present-panel-title"));
    reveal_options(ui, reveal, i18n);
    let question = table.question_node();
    let label = i18n.tr("present-table-shown");
    out.edits
        .extend(hidden_box(ui, ti, question, false, &label, None));
    ui.add_space(8.0);
    branch_order_ui(ui, table, ti, i18n, &mut out);
    ui.separator();
    let single = (selection.len() == 1)
        .then(|| selection.first().copied())
        .flatten()
        .and_then(|id| table.node(id));
    match single {
        Some(node) => selected_ui(ui, node, ti, i18n, &mut out),
        None => {
            ui.weak(i18n.tr("present-select-hint"));
        }
    }
    out
}

/// How the presentation reveals the table: fewest votes first, and a closing "top ideas" step.
fn reveal_options(ui: &mut egui::Ui, reveal: &mut super::RevealOptions, i18n: &I18n) {
    ui.checkbox(
        &mut reveal.fewest_votes_first,
        i18n.tr("present-fewest-votes-first"),
    )
    .on_hover_text(i18n.tr("present-fewest-votes-first-hint"));
    let mut closing = reveal.top_ideas.is_some();
    if ui
        .checkbox(&mut closing, i18n.tr("present-top-ideas-step"))
        .on_hover_text(i18n.tr("present-top-ideas-step-hint"))
        .changed()
    {
        reveal.top_ideas = closing.then(|| i18n.tr("harvest-tab-top"));
    }
}

/// A box for whether `node` is presented, ticked when it is hidden if `ticked_hides`, else
/// when it is shown; the edit that hides or shows it when clicked.
fn hidden_box(
    ui: &mut egui::Ui,
    ti: usize,
    node: &Node,
    ticked_hides: bool,
    label: &str,
    hint: Option<&str>,
) -> Option<Edit> {
    let mut ticked = node.hidden == ticked_hides;
    let mut r = ui.checkbox(&mut ticked, label);
    if let Some(hint) = hint {
        r = r.on_hover_text(hint);
    }
    r.changed().then_some(Edit::SetHidden {
        table: ti,
        id: node.id,
        hidden: ticked == ticked_hides,
    })
}

/// The themes in the order they are presented, each with ↑/↓ and whether it is shown.
fn branch_order_ui(
    ui: &mut egui::Ui,
    table: &Table,
    ti: usize,
    i18n: &I18n,
    out: &mut PanelOutput,
) {
    ui.strong(i18n.tr("present-order"));
    ui.weak(i18n.tr("present-order-hint"));
    let order = branch_order(table);
    let shown_tip = i18n.tr("present-shown");
    for (k, &id) in order.iter().enumerate() {
        let Some(node) = table.node(id) else {
            continue;
        };
        ui.horizontal(|ui| {
            let up = ui
                .add_enabled(k > 0, egui::Button::new("↑"))
                .on_hover_text(i18n.tr("present-move-up"));
            let down = ui
                .add_enabled(k + 1 < order.len(), egui::Button::new("↓"))
                .on_hover_text(i18n.tr("present-move-down"));
            let swap = if up.clicked() {
                Some(k - 1)
            } else if down.clicked() {
                Some(k + 1)
            } else {
                None
            };
            if let Some(j) = swap {
                let mut new = order.clone();
                new.swap(k, j);
                out.edits.push(Edit::SetThemeOrder {
                    table: ti,
                    order: new,
                });
            }
            out.edits
                .extend(hidden_box(ui, ti, node, false, "", Some(&shown_tip)));
            let mut text = egui::RichText::new(one_line(&node.text));
            if node.hidden {
                text = text.weak().strikethrough();
            }
            ui.add(egui::Label::new(text).truncate());
        });
    }
    if !table.theme_order.is_empty()
        && ui
            .button(i18n.tr("present-reset-order"))
            .on_hover_text(i18n.tr("present-reset-order-hint"))
            .clicked()
    {
        out.edits.push(Edit::SetThemeOrder {
            table: ti,
            order: Vec::new(),
        });
    }
}

/// The selected node: whether it is hidden, its speaker notes, and what a joined note was made
/// of (to check the join against the tablecloth).
fn selected_ui(ui: &mut egui::Ui, node: &Node, ti: usize, i18n: &I18n, out: &mut PanelOutput) {
    ui.add(egui::Label::new(egui::RichText::new(one_line(&node.text)).strong()).truncate());
    let label = i18n.tr("present-hidden");
    out.edits
        .extend(hidden_box(ui, ti, node, true, &label, None));
    ui.add_space(6.0);
    ui.label(i18n.tr("present-notes"));
    let mut note = node.note.clone();
    let r = ui.add(
        egui::TextEdit::multiline(&mut note)
            .id_salt(("speaker-notes", node.id.0))
            .hint_text(i18n.tr("present-notes-hint"))
            .desired_rows(8)
            .desired_width(f32::INFINITY),
    );
    if r.changed() {
        out.note = Some(Edit::SetNote {
            table: ti,
            id: node.id,
            note,
        });
    }
    if r.lost_focus() {
        out.note_done = true;
    }
    if !node.merged_from.is_empty() {
        ui.add_space(6.0);
        ui.label(i18n.tr("present-merged-from"));
        for piece in &node.merged_from {
            ui.weak(format!("· {}", one_line(piece)));
        }
    }
}

/// A node's text on one line, for a list.
fn one_line(text: &str) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() { "…".to_owned() } else { t }
}
