//! "Top ideas": every idea of the event ranked by the room's dots, filtered by table, theme and
//! dot kind; a click on a row shows the note on its table.

use super::{Intent, OriginFilter, dot_kind_name, one_line, votes_cell};
use crate::i18n::I18n;
use crate::model::{Cafe, NodeId, NodeKind, Votes};
use egui_extras::{Column, TableBuilder};

/// The Top ideas page's own filters (the origin filter is the window's, shared with the canvas).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopFilter {
    /// Only the ideas on this table.
    pub table: Option<usize>,
    /// Only the ideas under a theme of this name (the same theme often comes back at several
    /// tables), compared without case.
    pub theme: Option<String>,
    /// Rank by this dot kind's count instead of all dots.
    pub kind: Option<usize>,
}

/// One idea in the ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct IdeaRow {
    pub table: usize,
    pub id: NodeId,
    pub text: String,
    pub theme: String,
    pub votes: Votes,
    /// What it is ranked by: all its dots, or those of the kind filtered on.
    pub score: u32,
    /// Left out by the origin filter: listed, faded.
    pub faded: bool,
}

/// Every idea of the café that passes `top`, most dots first (ties: table, then id, so the
/// order is stable). References are left out: the idea they show is listed where it is.
pub fn rank(cafe: &Cafe, top: &TopFilter, origin: &OriginFilter) -> Vec<IdeaRow> {
    let mut rows = Vec::new();
    for (ti, table) in cafe.tables.iter().enumerate() {
        if top.table.is_some_and(|t| t != ti) {
            continue;
        }
        for node in table.nodes().filter(|n| n.kind == NodeKind::Idea) {
            if node.refers_to.is_some_and(|o| cafe.node(o).is_some()) {
                continue;
            }
            let theme = table
                .theme_of(node.id)
                .and_then(|t| table.node(t))
                .map(|t| t.text.clone())
                .unwrap_or_default();
            if let Some(want) = &top.theme
                && theme.trim().to_lowercase() != want.trim().to_lowercase()
            {
                continue;
            }
            let score = match top.kind {
                Some(k) => node.votes.of(k),
                None => node.votes.total(),
            };
            rows.push(IdeaRow {
                table: ti,
                id: node.id,
                text: node.text.clone(),
                theme,
                votes: node.votes,
                score,
                faded: !origin.passes(cafe, node.id),
            });
        }
    }
    rows.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.table.cmp(&b.table))
            .then(a.id.cmp(&b.id))
    });
    rows
}

/// The theme names of the café, each once (first spelling kept), in table order.
fn theme_names(cafe: &Cafe) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for table in &cafe.tables {
        for id in table.themes() {
            if let Some(t) = table.node(id) {
                let name = t.text.trim().to_owned();
                if !name.is_empty()
                    && !names
                        .iter()
                        .any(|n| n.to_lowercase() == name.to_lowercase())
                {
                    names.push(name);
                }
            }
        }
    }
    names
}

pub fn show(
    ui: &mut egui::Ui,
    cafe: &Cafe,
    top: &mut TopFilter,
    origin: &mut OriginFilter,
    i18n: &I18n,
) -> Vec<Intent> {
    egui::Grid::new("top-ideas-filters")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            filter_rows(ui, cafe, top, i18n);
            origin_filter_rows(ui, cafe, origin, i18n);
        });
    ui.add_space(4.0);
    let rows = rank(cafe, top, origin);
    if rows.is_empty() {
        ui.weak(i18n.tr("top-empty"));
        return Vec::new();
    }
    ui.weak(i18n.tr("top-hint"));
    ranking(ui, cafe, &rows, i18n)
}

/// The page's own filters: table, theme and (with several kinds) dot kind.
fn filter_rows(ui: &mut egui::Ui, cafe: &Cafe, top: &mut TopFilter, i18n: &I18n) {
    let all = i18n.tr("harvest-all");
    table_combo(
        ui,
        "top-table",
        "top-filter-table",
        &mut top.table,
        cafe,
        i18n,
    );
    let theme_label = top
        .theme
        .as_deref()
        .map_or(all.clone(), |t| one_line(t, 28));
    let themes = theme_names(cafe).into_iter().map(|name| {
        let label = one_line(&name, 40);
        (name, label)
    });
    choice_combo(
        ui,
        ("top-theme", &i18n.tr("top-filter-theme")),
        theme_label,
        (&mut top.theme, &all),
        themes,
    );
    if cafe.dot_kind_count() > 1 {
        let kind_name = |k| dot_kind_name(cafe, k, i18n);
        choice_combo(
            ui,
            ("top-kind", &i18n.tr("top-filter-kind")),
            top.kind.map_or(all.clone(), kind_name),
            (&mut top.kind, &all),
            (0..cafe.dot_kind_count()).map(|k| (k, kind_name(k))),
        );
    }
}

/// The ranked ideas, one row each; a click on an idea asks to show it on its table.
fn ranking(ui: &mut egui::Ui, cafe: &Cafe, rows: &[IdeaRow], i18n: &I18n) -> Vec<Intent> {
    let mut out = Vec::new();
    TableBuilder::new(ui)
        .id_salt("top-ideas")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(28.0))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::auto().at_least(44.0))
        .column(Column::exact(30.0))
        .header(20.0, |mut header| {
            for key in [
                "top-col-rank",
                "top-col-idea",
                "top-col-dots",
                "top-col-table",
            ] {
                header.col(|ui| {
                    ui.strong(i18n.tr(key));
                });
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let i = row.index();
                let Some(r) = rows.get(i) else {
                    return;
                };
                let weak = |ui: &mut egui::Ui| {
                    if r.faded {
                        ui.multiply_opacity(0.35);
                    }
                };
                row.col(|ui| {
                    weak(ui);
                    ui.label(format!("{}", row_rank(rows, i)));
                });
                row.col(|ui| {
                    weak(ui);
                    let text = one_line(&r.text, 80);
                    let tip = if r.theme.is_empty() {
                        r.text.clone()
                    } else {
                        format!("{}\n— {}", r.text, r.theme)
                    };
                    if ui
                        .add(egui::Button::selectable(false, text))
                        .on_hover_text(tip)
                        .clicked()
                    {
                        out.push(Intent::Jump {
                            table: r.table,
                            id: r.id,
                        });
                    }
                });
                row.col(|ui| {
                    weak(ui);
                    votes_cell(ui, cafe, &r.votes);
                });
                row.col(|ui| {
                    weak(ui);
                    ui.label(format!("T{}", r.table + 1));
                });
            });
        });
    out
}

/// Rank as a sports table gives it: ties share the rank of the first of them.
fn row_rank(rows: &[IdeaRow], i: usize) -> usize {
    let score = rows.get(i).map_or(0, |r| r.score);
    rows.iter().position(|r| r.score == score).unwrap_or(i) + 1
}

/// The origin filter's two rows: round and table of origin (shared with the canvas).
pub fn origin_filter_rows(ui: &mut egui::Ui, cafe: &Cafe, origin: &mut OriginFilter, i18n: &I18n) {
    let all = i18n.tr("harvest-all");
    let rounds = OriginFilter::rounds(cafe);
    if !rounds.is_empty() {
        let round_label = |r: u32| i18n.tr_args("filter-round-n", &[("n", r.into())]);
        choice_combo(
            ui,
            ("filter-round", &i18n.tr("filter-round")),
            origin.round.map_or(all.clone(), round_label),
            (&mut origin.round, &all),
            rounds.into_iter().map(|r| (r, round_label(r))),
        );
    }
    let table = &mut origin.table;
    table_combo(
        ui,
        "filter-origin-table",
        "filter-origin-table",
        table,
        cafe,
        i18n,
    );
}

/// A "table" filter: all tables, or one of the café's.
fn table_combo(
    ui: &mut egui::Ui,
    salt: &str,
    label_key: &str,
    value: &mut Option<usize>,
    cafe: &Cafe,
    i18n: &I18n,
) {
    let all = i18n.tr("harvest-all");
    let table_label = |t: usize| i18n.tr_args("filter-table-n", &[("n", (t + 1).into())]);
    choice_combo(
        ui,
        (salt, &i18n.tr(label_key)),
        value.map_or(all.clone(), table_label),
        (value, &all),
        (0..cafe.tables.len()).map(|t| (t, table_label(t))),
    );
}

/// A filter as a labelled drop-down list: `all` (no filter, `None`) or one of the choices.
fn choice_combo<T: PartialEq>(
    ui: &mut egui::Ui,
    (salt, label): (&str, &str),
    selected: String,
    (value, all): (&mut Option<T>, &str),
    choices: impl Iterator<Item = (T, String)>,
) {
    labelled_combo(ui, salt, label, selected, |ui| {
        ui.selectable_value(value, None, all);
        for (choice, text) in choices {
            ui.selectable_value(value, Some(choice), text);
        }
    });
}

/// A label and a drop-down list named after it (screen readers and tests find it by the label,
/// not by the choice it shows).
fn labelled_combo(
    ui: &mut egui::Ui,
    salt: &str,
    label: &str,
    selected: String,
    choices: impl FnOnce(&mut egui::Ui),
) {
    ui.label(label);
    let r = egui::ComboBox::from_id_salt(salt)
        .selected_text(&selected)
        .show_ui(ui, choices)
        .response;
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
    ui.end_row();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CafeInfo, Node};

    #[test]
    fn ideas_are_ranked_by_dots_across_tables_and_filtered() {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut ids = Vec::new();
        for (q, votes) in [("Q1", [1u32, 4]), ("Q2", [3, 0])] {
            let mut t = cafe.new_table(q);
            let theme = cafe.alloc_id();
            let qid = t.question();
            t.insert(Node::new(theme, NodeKind::Theme, "Budget"), Some(qid))
                .unwrap();
            for v in votes {
                let id = cafe.alloc_id();
                let mut n = Node::new(id, NodeKind::Idea, format!("{q}-{v}"));
                n.votes = Votes::from_counts(&[v, 1]);
                n.origin.round = Some(v.min(2));
                t.insert(n, Some(theme)).unwrap();
                ids.push(id);
            }
            cafe.tables.push(t);
        }
        let rows = rank(&cafe, &TopFilter::default(), &OriginFilter::default());
        let texts: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["Q1-4", "Q2-3", "Q1-1", "Q2-0"]);
        let by_table = TopFilter {
            table: Some(1),
            ..TopFilter::default()
        };
        assert_eq!(rank(&cafe, &by_table, &OriginFilter::default()).len(), 2);
        let theme = TopFilter {
            theme: Some("budget ".into()),
            kind: Some(1),
            ..TopFilter::default()
        };
        assert!(
            rank(&cafe, &theme, &OriginFilter::default())
                .iter()
                .all(|r| r.score == 1)
        );
        let round2 = OriginFilter {
            round: Some(2),
            table: None,
        };
        let faded: Vec<bool> = rank(&cafe, &TopFilter::default(), &round2)
            .iter()
            .map(|r| r.faded)
            .collect();
        assert_eq!(faded, [false, false, true, true]);
        assert_eq!(row_rank(&rows, 1), 2);
    }
}
