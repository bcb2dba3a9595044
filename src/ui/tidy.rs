//! The Tidy review panel: what [`crate::harvest::tidy`] proposes for a pile of fragments, each
//! join, split, table, theme and the title with a checkbox, before anything changes. Small functions
//! over `&mut Ui`; the app turns the returned intent into one edit (one undo step).

use crate::harvest::tidy::{Proposal, Role, TidySource, fragments_of_notes, tray_notes};
use crate::i18n::I18n;
use crate::model::{Cafe, NodeId, NodeKind};
use std::collections::BTreeSet;

/// A proposal under review, with the fragments it was made from.
pub struct TidyReview {
    pub source: TidySource,
    pub proposal: Proposal,
}

/// What the user decided in the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TidyIntent {
    Apply,
    Cancel,
}

impl TidyReview {
    /// The proposal for `source`, or `None` when the rules find nothing to propose.
    pub fn new(source: TidySource) -> Option<TidyReview> {
        let proposal = source.propose();
        let anything = !proposal.joins().is_empty()
            || !proposal.splits().is_empty()
            || !proposal.tables.is_empty()
            || !proposal.themes.is_empty()
            || proposal.title.is_some();
        anything.then_some(TidyReview { source, proposal })
    }

    /// The "Tidy" command: the selected notes when two or more are ideas, else the unsorted tray.
    pub fn of_notes(cafe: &Cafe, table: usize, selection: &BTreeSet<NodeId>) -> Option<TidyReview> {
        let t = cafe.tables.get(table)?;
        let selected: Vec<NodeId> = selection
            .iter()
            .copied()
            .filter(|&id| t.node(id).is_some_and(|n| n.kind == NodeKind::Idea))
            .collect();
        let ids = if selected.len() >= 2 {
            selected
        } else {
            tray_notes(t)
        };
        TidyReview::new(fragments_of_notes(cafe, table, &ids)?)
    }

    /// Right after text was imported or pasted as the notes `notes` of `table`: the text's own
    /// lines are read (they keep the breaks and blank lines the notes lost).
    pub fn of_text(
        cafe: &Cafe,
        table: usize,
        text: &str,
        notes: Vec<NodeId>,
    ) -> Option<TidyReview> {
        if notes.len() < 2 {
            return None;
        }
        let untitled = cafe.info.title.trim().is_empty();
        TidyReview::new(TidySource::from_text(table, text, notes, untitled))
    }
}

/// The panel's content. Checkboxes change the proposal in place; Apply and Cancel are returned.
pub fn show(ui: &mut egui::Ui, review: &mut TidyReview, i18n: &I18n) -> Option<TidyIntent> {
    ui.heading(i18n.tr("tidy-title"));
    summary(ui, &review.proposal, review.source.fragments.len(), i18n);
    let intent = buttons(ui, &mut review.proposal, i18n);
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            title(ui, &mut review.proposal, i18n);
            tables(ui, &mut review.proposal, i18n);
            themes(ui, &mut review.proposal, i18n);
            joins(ui, review, i18n);
            splits(ui, &mut review.proposal, i18n);
        });
    intent
}

fn summary(ui: &mut egui::Ui, p: &Proposal, fragments: usize, i18n: &I18n) {
    ui.label(i18n.tr_args(
        "tidy-summary",
        &[
            ("fragments", fragments.into()),
            ("joins", p.joins().len().into()),
            ("tables", p.tables.len().into()),
            ("themes", p.themes.len().into()),
        ],
    ));
    ui.weak(i18n.tr("tidy-hint"));
}

fn buttons(ui: &mut egui::Ui, p: &mut Proposal, i18n: &I18n) -> Option<TidyIntent> {
    let mut intent = None;
    ui.horizontal(|ui| {
        if ui.button(i18n.tr("tidy-accept-all")).clicked() {
            p.accept_all();
        }
        if ui.button(i18n.tr("tidy-apply")).clicked() {
            intent = Some(TidyIntent::Apply);
        }
        if ui.button(i18n.tr("tidy-cancel")).clicked() {
            intent = Some(TidyIntent::Cancel);
        }
    });
    intent
}

/// A section heading, only when the section has items.
fn section(ui: &mut egui::Ui, i18n: &I18n, key: &str, count: usize) -> bool {
    if count == 0 {
        return false;
    }
    ui.add_space(6.0);
    ui.strong(i18n.tr_args(key, &[("count", count.into())]));
    true
}

fn title(ui: &mut egui::Ui, p: &mut Proposal, i18n: &I18n) {
    let Some(item) = &p.title else { return };
    let text = |i: usize| p.notes.get(i).map(|n| n.text.clone()).unwrap_or_default();
    let title = item.title.map(text);
    let subtitle = item.subtitle.map(text);
    let headers: Vec<String> = item.headers.iter().map(|&i| text(i)).collect();
    if !section(ui, i18n, "tidy-section-title", 1) {
        return;
    }
    let label = [title, subtitle]
        .into_iter()
        .flatten()
        .chain(
            headers
                .iter()
                .map(|h| i18n.tr_args("tidy-header", &[("text", h.clone().into())])),
        )
        .collect::<Vec<_>>()
        .join(" — ");
    if let Some(item) = &mut p.title {
        ui.checkbox(&mut item.accepted, label);
    }
}

fn tables(ui: &mut egui::Ui, p: &mut Proposal, i18n: &I18n) {
    if !section(ui, i18n, "tidy-section-tables", p.tables.len()) {
        return;
    }
    let counts: Vec<usize> = (0..p.tables.len())
        .map(|k| {
            p.notes
                .iter()
                .filter(|n| n.table == Some(k) && !matches!(n.role, Role::Question(_)))
                .count()
        })
        .collect();
    for (k, table) in p.tables.iter_mut().enumerate() {
        let notes = counts.get(k).copied().unwrap_or(0);
        let label = i18n.tr_args(
            "tidy-table",
            &[
                ("number", (k + 1).into()),
                ("question", table.question.clone().into()),
                ("count", notes.into()),
            ],
        );
        ui.checkbox(&mut table.accepted, label);
    }
}

fn themes(ui: &mut egui::Ui, p: &mut Proposal, i18n: &I18n) {
    if !section(ui, i18n, "tidy-section-themes", p.themes.len()) {
        return;
    }
    let labels: Vec<String> = p
        .themes
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let text = p
                .notes
                .get(item.note)
                .map(|n| n.text.clone())
                .unwrap_or_default();
            let count = p
                .notes
                .iter()
                .filter(|n| n.theme == Some(k) && n.role == Role::Idea)
                .count();
            i18n.tr_args(
                "tidy-theme",
                &[("text", text.into()), ("count", count.into())],
            )
        })
        .collect();
    for (item, label) in p.themes.iter_mut().zip(labels) {
        ui.checkbox(&mut item.accepted, label);
    }
}

/// Each join previewed as the note will read; hovering shows the pieces it joins.
fn joins(ui: &mut egui::Ui, review: &mut TidyReview, i18n: &I18n) {
    let joins = review.proposal.joins();
    if !section(ui, i18n, "tidy-section-joins", joins.len()) {
        return;
    }
    for i in joins {
        let pieces: Vec<String> = review
            .proposal
            .notes
            .get(i)
            .map(|n| n.fragments.clone())
            .into_iter()
            .flatten()
            .filter_map(|f| review.source.fragments.get(f).map(|f| f.text.clone()))
            .collect();
        let Some(note) = review.proposal.notes.get_mut(i) else {
            continue;
        };
        let text = note.text.clone();
        ui.checkbox(&mut note.accepted, text)
            .on_hover_text(i18n.tr_args(
                "tidy-join-pieces",
                &[("pieces", pieces.join("  ·  ").into())],
            ));
    }
}

/// Each line holding two notes, previewed as the two notes it becomes; hovering shows the line.
fn splits(ui: &mut egui::Ui, p: &mut Proposal, i18n: &I18n) {
    let splits = p.splits();
    if !section(ui, i18n, "tidy-section-splits", splits.len()) {
        return;
    }
    for i in splits {
        let before = i
            .checked_sub(1)
            .and_then(|b| p.notes.get(b))
            .map(|n| n.text.clone())
            .unwrap_or_default();
        let Some(note) = p.notes.get_mut(i) else {
            continue;
        };
        let line = format!("{before} {}", note.text);
        let label = format!("{before}  ⁄  {}", note.text);
        if let Some(cut) = &mut note.cut {
            ui.checkbox(&mut cut.accepted, label)
                .on_hover_text(i18n.tr_args("tidy-split-pieces", &[("line", line.into())]));
        }
    }
}
