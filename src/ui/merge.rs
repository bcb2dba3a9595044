//! The review of a partner's copy, beside the map (File ▸ Merge a copy…): what the other copy
//! changed, table by table, each item with a tick; conflicts side by side with a choice. A
//! self-contained view: it changes the review in place and returns what the user decided; the
//! app turns "Apply" into one edit (one undo step) through the document.

use crate::i18n::I18n;
use crate::model::Cafe;
use crate::sync::review::Deleter;
use crate::sync::{Change, Choice, ItemKind, MergeMode, Review};
use std::path::PathBuf;

/// A merge under review, with the copy it came from.
pub struct MergeReview {
    pub from: PathBuf,
    pub review: Review,
}

/// What the user decided in the panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeIntent {
    Apply,
    Cancel,
}

impl MergeReview {
    /// Reads the other copy and compares it with ours. A bad history in it is no error: the
    /// comparison falls back to note by note, and says why.
    pub fn open(ours: &Cafe, path: PathBuf) -> Result<MergeReview, crate::io::FileError> {
        let theirs = crate::io::file::load(&path)?;
        let mut review = crate::sync::merge(ours, &theirs);
        if let Some(why) = theirs.history.notice() {
            review.notices.insert(0, why);
        }
        Ok(MergeReview { from: path, review })
    }
}

fn kind_key(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::TableAdded => "merge-kind-table-added",
        ItemKind::TableRemoved => "merge-kind-table-removed",
        ItemKind::Added => "merge-kind-added",
        ItemKind::Rescued => "merge-kind-rescued",
        ItemKind::Removed => "merge-kind-removed",
        ItemKind::Moved => "merge-kind-moved",
        ItemKind::Text => "merge-kind-text",
        ItemKind::TextConflict => "merge-kind-conflict",
        ItemKind::EditDeleted => "merge-kind-edit-deleted",
        ItemKind::Votes => "merge-kind-votes",
        ItemKind::Tags => "merge-kind-tags",
        ItemKind::Color => "merge-kind-color",
        ItemKind::Origin => "merge-kind-origin",
        ItemKind::Action => "merge-kind-action",
        ItemKind::Other => "merge-kind-other",
        ItemKind::Links => "merge-kind-links",
        ItemKind::Event => "merge-kind-event",
    }
}

/// The panel's content. Ticks and choices change the review in place; Apply and Cancel are
/// returned.
pub fn show(
    ui: &mut egui::Ui,
    m: &mut MergeReview,
    cafe: &Cafe,
    i18n: &I18n,
) -> Option<MergeIntent> {
    header(ui, m, i18n);
    let intent = buttons(ui, &mut m.review, i18n);
    ui.separator();
    if m.review.items.is_empty() {
        ui.label(i18n.tr("merge-nothing"));
    } else {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| items(ui, &mut m.review, cafe, i18n));
    }
    intent
}

/// Where the copy comes from, how it was compared, and what to know first.
fn header(ui: &mut egui::Ui, m: &MergeReview, i18n: &I18n) {
    ui.heading(i18n.tr("merge-title"));
    let name = m
        .from
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    ui.label(i18n.tr_args("merge-from", &[("file", name.into())]));
    match &m.review.mode {
        MergeMode::ThreeWay => {
            ui.label(i18n.tr("merge-three-way"));
        }
        MergeMode::TwoWay(why) => {
            ui.label(i18n.tr("merge-two-way"))
                .on_hover_text(why.as_str());
            ui.small(why.as_str());
        }
    }
    for n in &m.review.notices {
        ui.colored_label(ui.visuals().warn_fg_color, n.as_str());
    }
}

/// The count, Apply, Cancel and tick all.
fn buttons(ui: &mut egui::Ui, review: &mut Review, i18n: &I18n) -> Option<MergeIntent> {
    let mut intent = None;
    let ticked = review.items.iter().filter(|i| i.ticked).count();
    ui.label(i18n.tr_args(
        "merge-summary",
        &[
            ("count", review.items.len().into()),
            ("ticked", ticked.into()),
            ("conflicts", review.conflicts().into()),
        ],
    ));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(ticked > 0, egui::Button::new(i18n.tr("merge-apply")))
            .clicked()
        {
            intent = Some(MergeIntent::Apply);
        }
        if ui.button(i18n.tr("merge-cancel")).clicked() {
            intent = Some(MergeIntent::Cancel);
        }
        let all = ticked == review.items.len();
        let label = if all {
            "merge-untick-all"
        } else {
            "merge-tick-all"
        };
        if ui.button(i18n.tr(label)).clicked() {
            for i in &mut review.items {
                i.ticked = !all;
            }
        }
    });
    intent
}

/// The items in groups: the event, then each table in our order (tables they added after).
fn items(ui: &mut egui::Ui, review: &mut Review, cafe: &Cafe, i18n: &I18n) {
    let mut groups: Vec<Option<crate::model::NodeId>> = Vec::new();
    for item in &review.items {
        if !groups.contains(&item.table) {
            groups.push(item.table);
        }
    }
    for group in groups {
        egui::CollapsingHeader::new(group_title(group, cafe, i18n))
            .id_salt(("merge-group", group.map(|q| q.0)))
            .default_open(true)
            .show(ui, |ui| {
                for (n, item) in review
                    .items
                    .iter_mut()
                    .enumerate()
                    .filter(|(_, i)| i.table == group)
                {
                    ui.push_id(("merge-item", n), |ui| item_row(ui, item, cafe, i18n));
                }
            });
    }
}

fn group_title(group: Option<crate::model::NodeId>, cafe: &Cafe, i18n: &I18n) -> String {
    let Some(q) = group else {
        return i18n.tr("merge-group-event");
    };
    match cafe.table_of(q) {
        Some(t) => {
            let question = cafe.node(q).map(|n| n.text.clone()).unwrap_or_default();
            i18n.tr_args(
                "merge-group-table",
                &[("number", (t + 1).into()), ("question", question.into())],
            )
        }
        None => i18n.tr("merge-group-new-table"),
    }
}

/// What an item changes, when its subject alone does not say it: the new text, the dots,
/// the tags, where it goes.
fn detail(change: &Change, cafe: &Cafe, i18n: &I18n) -> Option<String> {
    use crate::sync::Field;
    let quoted = |t: &str| format!("“{}”", one_line(t, 70));
    Some(match change {
        Change::Set { id, field } => match field {
            Field::Text(t) => format!("→ {}", quoted(t)),
            Field::Votes(v) => {
                let before = cafe.node(*id).map_or(0, |n| n.votes.total());
                format!("● {before} → {}", v.total())
            }
            Field::Tags(tags) => {
                let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
                format!("→ {}", tags.join(" "))
            }
            _ => return None,
        },
        Change::Move { parent, .. } => match parent.and_then(|p| cafe.node(p)) {
            Some(p) => format!("→ {}", quoted(&p.text)),
            None => format!("→ {}", i18n.tr("export-unsorted")),
        },
        // Where an addition goes, so that it can be judged in place.
        Change::Insert { nodes, .. } => {
            let first = nodes.first()?;
            let place = match first.parent {
                Some(p) => quoted(&cafe.node(p)?.text),
                None => i18n.tr("export-unsorted"),
            };
            match nodes.len() - 1 {
                0 => format!("→ {place}"),
                below => {
                    let below = i18n.tr_args("merge-with-below", &[("count", below.into())]);
                    format!("→ {place}, {below}")
                }
            }
        }
        _ => return None,
    })
}

/// Ours and theirs in two columns (left-aligned: a justified column spreads short texts).
fn side_by_side(ui: &mut egui::Ui, ours: &str, theirs: &str, i18n: &I18n) {
    ui.columns(2, |cols| {
        for (col, (head, text)) in cols
            .iter_mut()
            .zip([("merge-ours", ours), ("merge-theirs", theirs)])
        {
            col.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                ui.strong(i18n.tr(head));
                ui.label(text);
            });
        }
    });
}

/// `text` on one line, cut with an ellipsis past `max` characters.
pub fn one_line(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > max {
        line.chars().take(max - 1).collect::<String>() + "…"
    } else {
        line
    }
}

/// A text both sides rewrote: both texts side by side, and what to keep (keep both — theirs
/// beside ours, tagged `conflict` —, keep ours, keep theirs). Also the live session's conflict
/// on the note being typed ([`draft_conflict`]).
pub fn conflict_row(ui: &mut egui::Ui, ours: &str, theirs: &str, choice: &mut Choice, i18n: &I18n) {
    side_by_side(ui, ours, theirs, i18n);
    ui.horizontal(|ui| {
        ui.radio_value(choice, Choice::Both, i18n.tr("merge-keep-both"));
        ui.radio_value(choice, Choice::Ours, i18n.tr("merge-keep-ours"));
        ui.radio_value(choice, Choice::Theirs, i18n.tr("merge-keep-theirs"));
    });
}

/// In a live session, someone else changed the note being typed: the draft (ours) and their
/// text in the merge review's conflict row. True when the user asks to settle it now.
pub fn draft_conflict(
    ui: &mut egui::Ui,
    ours: &str,
    theirs: &str,
    choice: &mut Choice,
    i18n: &I18n,
) -> bool {
    ui.heading(i18n.tr("live-conflict-title"));
    ui.label(i18n.tr("live-conflict-body"));
    ui.separator();
    conflict_row(ui, ours, theirs, choice, i18n);
    ui.add_space(6.0);
    ui.button(i18n.tr("live-conflict-apply")).clicked()
}

fn item_row(ui: &mut egui::Ui, item: &mut crate::sync::Item, cafe: &Cafe, i18n: &I18n) {
    let label = format!(
        "{} — {}",
        i18n.tr(kind_key(item.kind)),
        one_line(&item.subject, 60)
    );
    ui.checkbox(&mut item.ticked, label)
        .on_hover_text(item.text.as_str());
    if let Some(detail) = detail(&item.change, cafe, i18n) {
        ui.indent("detail", |ui| ui.label(egui::RichText::new(detail).weak()));
    }
    if let Change::TextConflict { ours, theirs, .. } = &item.change {
        let (ours, theirs) = (ours.clone(), theirs.clone());
        ui.indent("conflict", |ui| {
            conflict_row(ui, &ours, &theirs, &mut item.choice, i18n)
        });
    }
    if let Change::EditDeleted {
        text, deleted_by, ..
    } = &item.change
    {
        // The changed note against the deletion, and whether to keep it.
        let (changed, deleted) = (text.clone(), i18n.tr("merge-deleted"));
        let (ours, theirs) = match deleted_by {
            Deleter::Ours { .. } => (deleted, changed),
            Deleter::Theirs { .. } => (changed, deleted),
        };
        let let_go = item.letting_go();
        ui.indent("edit-deleted", |ui| {
            side_by_side(ui, &ours, &theirs, i18n);
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut item.choice,
                    Choice::Both,
                    i18n.tr("merge-keep-changed"),
                );
                ui.radio_value(&mut item.choice, let_go, i18n.tr("merge-let-go"));
            });
        });
    }
    if item.kind == ItemKind::Rescued {
        ui.indent("rescued", |ui| {
            ui.small(i18n.tr("merge-rescued-hint"));
        });
    }
}

/// A question about a map's history, asked in a small dialog of our own (what a native file
/// dialog cannot hold).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryAsk {
    /// A map dropped on the window while one of ours is open: open it, or merge it in?
    Dropped(PathBuf),
    /// Save as… with "without history" ticked: the path chosen, waiting for a yes.
    SavePlain(PathBuf),
    /// File ▸ Trim history…: sure?
    Trim,
}

/// The answer to a [`HistoryAsk`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryAnswer {
    Open(PathBuf),
    Merge(PathBuf),
    SavePlain(PathBuf),
    Trim,
    Cancel,
}

/// The dialog for `ask`; the answer once given.
pub fn ask(ctx: &egui::Context, ask: &HistoryAsk, i18n: &I18n) -> Option<HistoryAnswer> {
    let mut answer = None;
    let name = |p: &PathBuf| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    egui::Modal::new(egui::Id::unique("history-ask")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        let (title, body, yes) = match ask {
            HistoryAsk::Dropped(p) => (
                i18n.tr("drop-map-title"),
                i18n.tr_args("drop-map-body", &[("file", name(p).into())]),
                vec![
                    (i18n.tr("drop-map-merge"), HistoryAnswer::Merge(p.clone())),
                    (i18n.tr("drop-map-open"), HistoryAnswer::Open(p.clone())),
                ],
            ),
            HistoryAsk::SavePlain(p) => (
                i18n.tr("save-plain-title"),
                i18n.tr_args("save-plain-body", &[("file", name(p).into())]),
                vec![(
                    i18n.tr("save-plain-yes"),
                    HistoryAnswer::SavePlain(p.clone()),
                )],
            ),
            HistoryAsk::Trim => (
                i18n.tr("trim-title"),
                i18n.tr("trim-body"),
                vec![(i18n.tr("trim-yes"), HistoryAnswer::Trim)],
            ),
        };
        ui.heading(title);
        ui.label(body);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            for (label, a) in yes {
                if ui.button(label).clicked() {
                    answer = Some(a);
                }
            }
            if ui.button(i18n.tr("merge-cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                answer = Some(HistoryAnswer::Cancel);
            }
        });
    });
    answer
}
