//! The Actions page: every idea tagged `action` across the tables, with who carries it and by
//! when; sortable by any column; a click shows the note, the pencil opens its owner and date.

use super::{Intent, one_line};
use crate::i18n::I18n;
use crate::model::{Cafe, NodeId};
use egui_extras::{Column, TableBuilder};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ActionColumn {
    Action,
    Owner,
    #[default]
    Due,
    Table,
}

/// The column the actions are sorted by, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ActionSort {
    pub column: ActionColumn,
    pub descending: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    pub table: usize,
    pub id: NodeId,
    pub text: String,
    pub owner: String,
    pub due: String,
}

/// The café's actions, sorted. Empty owners and dates sort last either way: an action nobody
/// carries yet is what the facilitator must chase, at the end of the list, not lost in it.
pub fn rows(cafe: &Cafe, sort: ActionSort) -> Vec<ActionRow> {
    let mut rows: Vec<ActionRow> = cafe
        .tables
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| t.nodes().map(move |n| (ti, n)))
        .filter(|(_, n)| n.is_action() && n.refers_to.is_none())
        .map(|(table, n)| ActionRow {
            table,
            id: n.id,
            text: n.text.clone(),
            owner: n.owner.trim().to_owned(),
            due: n.due.trim().to_owned(),
        })
        .collect();
    let key = |r: &ActionRow| -> (bool, String) {
        let field = match sort.column {
            ActionColumn::Action => r.text.to_lowercase(),
            ActionColumn::Owner => r.owner.to_lowercase(),
            ActionColumn::Due => r.due.clone(),
            ActionColumn::Table => format!("{:08}", r.table),
        };
        (field.is_empty(), field)
    };
    rows.sort_by(|a, b| {
        let (ea, ka) = key(a);
        let (eb, kb) = key(b);
        let by = if sort.descending {
            kb.cmp(&ka)
        } else {
            ka.cmp(&kb)
        };
        ea.cmp(&eb)
            .then(by)
            .then(a.table.cmp(&b.table))
            .then(a.id.cmp(&b.id))
    });
    rows
}

pub fn show(ui: &mut egui::Ui, cafe: &Cafe, sort: &mut ActionSort, i18n: &I18n) -> Vec<Intent> {
    let mut out = Vec::new();
    let rows = rows(cafe, *sort);
    if rows.is_empty() {
        ui.weak(i18n.tr("actions-empty"));
        return out;
    }
    TableBuilder::new(ui)
        .id_salt("actions")
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(110.0).clip(true))
        .column(Column::auto().at_least(60.0).clip(true))
        .column(Column::auto().at_least(60.0))
        .column(Column::exact(30.0))
        .column(Column::exact(24.0))
        .header(20.0, |mut header| sort_headers(&mut header, sort, i18n))
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                if let Some(r) = rows.get(row.index()) {
                    action_row(&mut row, r, i18n, &mut out);
                }
            });
        });
    out
}

/// The column headers: a click sorts by the column, a second click the other way.
fn sort_headers(header: &mut egui_extras::TableRow<'_, '_>, sort: &mut ActionSort, i18n: &I18n) {
    for (column, key) in [
        (ActionColumn::Action, "actions-col-action"),
        (ActionColumn::Owner, "actions-col-owner"),
        (ActionColumn::Due, "actions-col-due"),
        (ActionColumn::Table, "actions-col-table"),
    ] {
        header.col(|ui| {
            let arrow = match (sort.column == column, sort.descending) {
                (true, false) => " ▲",
                (true, true) => " ▼",
                _ => "",
            };
            let label = format!("{}{arrow}", i18n.tr(key));
            if ui
                .add(egui::Button::selectable(sort.column == column, label))
                .on_hover_text(i18n.tr("actions-sort-hint"))
                .clicked()
            {
                *sort = ActionSort {
                    column,
                    descending: sort.column == column && !sort.descending,
                };
            }
        });
    }
    header.col(|_| {});
}

/// One action: a click on its text shows the note; the pencil also opens its owner and date.
fn action_row(
    row: &mut egui_extras::TableRow<'_, '_>,
    r: &ActionRow,
    i18n: &I18n,
    out: &mut Vec<Intent>,
) {
    let jump = Intent::Jump {
        table: r.table,
        id: r.id,
    };
    row.col(|ui| {
        if ui
            .add(egui::Button::selectable(false, one_line(&r.text, 60)))
            .on_hover_text(&r.text)
            .clicked()
        {
            out.push(jump.clone());
        }
    });
    for field in [&r.owner, &r.due] {
        row.col(|ui| {
            if field.is_empty() {
                ui.weak("—");
            } else {
                ui.label(field);
            }
        });
    }
    row.col(|ui| {
        ui.label(format!("T{}", r.table + 1));
    });
    row.col(|ui| {
        let edit = ui
            .small_button("✎")
            .on_hover_text(i18n.tr("cmd-edit-action"));
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                i18n.tr_args(
                    "actions-edit-of",
                    &[("action", one_line(&r.text, 40).into())],
                ),
            )
        });
        if edit.clicked() {
            out.push(jump.clone());
            out.push(Intent::EditAction {
                table: r.table,
                id: r.id,
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CafeInfo, Node, NodeKind};

    #[test]
    fn actions_are_listed_across_tables_and_sorted_with_blanks_last() {
        let mut cafe = Cafe::new(CafeInfo::default());
        for (q, owner, due) in [("Q1", "Zoé", ""), ("Q2", "Ali", "2026-03-01")] {
            let mut t = cafe.new_table(q);
            let qid = t.question();
            let id = cafe.alloc_id();
            let mut n = Node::new(id, NodeKind::Idea, format!("Faire {q}"));
            n.tags = vec!["Action".into()];
            n.owner = owner.into();
            n.due = due.into();
            t.insert(n, Some(qid)).unwrap();
            let other = cafe.alloc_id();
            t.insert(
                Node::new(other, NodeKind::Idea, "pas une action"),
                Some(qid),
            )
            .unwrap();
            cafe.tables.push(t);
        }
        let by_due = rows(&cafe, ActionSort::default());
        assert_eq!(by_due.len(), 2);
        assert_eq!(by_due[0].owner, "Ali");
        let by_owner = rows(
            &cafe,
            ActionSort {
                column: ActionColumn::Owner,
                descending: true,
            },
        );
        assert_eq!(by_owner[0].owner, "Zoé");
    }
}
