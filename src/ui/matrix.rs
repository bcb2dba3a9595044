//! The coverage matrix window: rows are the accepted threads (or the tables' themes), columns
//! the tables, each cell the number of ideas and their votes
//! ([`crate::harvest::threads::coverage`]). Clicking a cell lists its ideas, each a link to
//! the idea on its table; the matrix exports as CSV.

use crate::harvest::threads::coverage::{Coverage, Rows, coverage};
use crate::i18n::I18n;
use crate::model::{Cafe, NodeId};

/// The open matrix window.
pub struct MatrixView {
    pub rows: Rows,
    /// The cell whose ideas are listed: (row, column).
    pub selected: Option<(usize, usize)>,
    /// The matrix for (document revision, rows): rebuilt only when either changes.
    cache: Option<((u64, Rows), Coverage)>,
}

/// What the user asked for in the window.
#[derive(Clone, Debug, PartialEq)]
pub enum MatrixIntent {
    Jump(NodeId),
    ExportCsv,
    Close,
}

impl MatrixView {
    /// Threads when the café has a synthesis table, else themes.
    pub fn new(cafe: &Cafe) -> MatrixView {
        let threads = cafe
            .tables
            .iter()
            .any(crate::harvest::threads::coverage::is_synthesis);
        MatrixView {
            rows: if threads { Rows::Threads } else { Rows::Themes },
            selected: None,
            cache: None,
        }
    }

    /// The matrix of `cafe` at `revision`.
    pub fn coverage(&mut self, cafe: &Cafe, revision: u64) -> &Coverage {
        let rows = self.rows;
        let key = (revision, rows);
        if self.cache.as_ref().is_some_and(|(k, _)| *k != key) {
            self.cache = None;
        }
        &self
            .cache
            .get_or_insert_with(|| (key, coverage(cafe, rows)))
            .1
    }
}

/// The matrix as CSV (RFC 4180, with a BOM so spreadsheets read the accents): a header row
/// with each table's number and question, then per row its name and, for each table, the
/// number of ideas and their votes.
pub fn csv(cafe: &Cafe, m: &Coverage, rows: Rows, i18n: &I18n) -> String {
    use crate::io::export::csv::field;
    let mut out = String::from("\u{feff}");
    let mut header = vec![field(&i18n.tr(match rows {
        Rows::Threads => "matrix-rows-threads",
        Rows::Themes => "matrix-rows-themes",
    }))];
    for &t in &m.tables {
        let question = cafe
            .tables
            .get(t)
            .map_or("", |table| table.question_node().text.as_str());
        let name = format!("{} {}: {question}", i18n.tr("matrix-table"), t + 1);
        header.push(field(&format!("{name} ({})", i18n.tr("matrix-ideas"))));
        header.push(field(&format!("{name} ({})", i18n.tr("matrix-votes"))));
    }
    out.push_str(&header.join(","));
    out.push_str("\r\n");
    for (name, cells) in m.rows.iter().zip(&m.cells) {
        let mut row = vec![field(name)];
        for cell in cells {
            row.push(cell.ideas.len().to_string());
            row.push(cell.votes.to_string());
        }
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The window, while open. Returns what the user asked for.
pub fn show(
    ctx: &egui::Context,
    view: &mut MatrixView,
    cafe: &Cafe,
    revision: u64,
    i18n: &I18n,
) -> Option<MatrixIntent> {
    let mut intent = None;
    let mut open = true;
    egui::Window::new(i18n.tr("matrix-title"))
        .open(&mut open)
        // Below the tabs, over the map, clear of the menus.
        .default_pos(egui::pos2(320.0, 110.0))
        .default_size([720.0, 420.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let before = view.rows;
                ui.selectable_value(
                    &mut view.rows,
                    Rows::Threads,
                    i18n.tr("matrix-rows-threads"),
                );
                ui.selectable_value(&mut view.rows, Rows::Themes, i18n.tr("matrix-rows-themes"));
                if view.rows != before {
                    view.selected = None;
                }
                if ui.button(i18n.tr("matrix-export-csv")).clicked() {
                    intent = Some(MatrixIntent::ExportCsv);
                }
            });
            ui.weak(i18n.tr("matrix-hint"));
            let m = view.coverage(cafe, revision).clone();
            if m.rows.is_empty() {
                ui.label(i18n.tr(match view.rows {
                    Rows::Threads => "matrix-no-threads",
                    Rows::Themes => "matrix-no-themes",
                }));
                return;
            }
            if let Some(cell) = grid(ui, &m, view.selected, i18n) {
                view.selected = Some(cell);
            }
            if let Some(id) = cell_ideas(ui, cafe, &m, view.selected, i18n) {
                intent = Some(MatrixIntent::Jump(id));
            }
        });
    if !open {
        intent = Some(MatrixIntent::Close);
    }
    intent
}

/// The table of counts; returns the cell clicked.
fn grid(
    ui: &mut egui::Ui,
    m: &Coverage,
    selected: Option<(usize, usize)>,
    i18n: &I18n,
) -> Option<(usize, usize)> {
    use egui_extras::{Column, TableBuilder};
    let mut clicked = None;
    TableBuilder::new(ui)
        .striped(true)
        .max_scroll_height(260.0)
        .column(Column::auto().at_least(180.0).at_most(320.0).clip(true))
        .columns(Column::auto().at_least(72.0), m.tables.len())
        .column(Column::remainder())
        .header(22.0, |mut header| {
            header.col(|ui| {
                ui.strong(i18n.tr("matrix-row-header"));
            });
            for &t in &m.tables {
                header.col(|ui| {
                    ui.strong(format!("{} {}", i18n.tr("matrix-table"), t + 1));
                });
            }
            header.col(|ui| {
                ui.strong(i18n.tr("matrix-spread"));
            });
        })
        .body(|mut body| {
            for (r, name) in m.rows.iter().enumerate() {
                body.row(22.0, |mut row| {
                    row.col(|ui| {
                        ui.label(name);
                    });
                    for (c, cell) in m.cells[r].iter().enumerate() {
                        row.col(|ui| {
                            if cell.ideas.is_empty() {
                                ui.weak("·");
                                return;
                            }
                            let text = if cell.votes > 0 {
                                format!("{} (● {})", cell.ideas.len(), cell.votes)
                            } else {
                                cell.ideas.len().to_string()
                            };
                            let button = egui::Button::selectable(selected == Some((r, c)), text);
                            let response = ui.add(button).on_hover_text(i18n.tr_args(
                                "matrix-cell",
                                &[
                                    ("row", name.clone().into()),
                                    ("table", (m.tables[c] + 1).into()),
                                ],
                            ));
                            if response.clicked() {
                                clicked = Some((r, c));
                            }
                        });
                    }
                    row.col(|ui| {
                        ui.label(i18n.tr_args(
                            "matrix-spread-value",
                            &[("count", m.spread(r).into()), ("of", m.tables.len().into())],
                        ));
                    });
                });
            }
        });
    clicked
}

/// The ideas of the selected cell, each a link; returns the one clicked.
fn cell_ideas(
    ui: &mut egui::Ui,
    cafe: &Cafe,
    m: &Coverage,
    selected: Option<(usize, usize)>,
    i18n: &I18n,
) -> Option<NodeId> {
    let (r, c) = selected?;
    let cell = m.cells.get(r)?.get(c)?;
    ui.separator();
    ui.strong(i18n.tr_args(
        "matrix-cell",
        &[
            ("row", m.rows.get(r)?.clone().into()),
            ("table", (m.tables.get(c)? + 1).into()),
        ],
    ));
    let mut jump = None;
    for &id in &cell.ideas {
        let Some(node) = cafe.node(id) else { continue };
        let text = node.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if ui
            .link(text)
            .on_hover_text(i18n.tr("threads-jump"))
            .clicked()
        {
            jump = Some(id);
        }
    }
    jump
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harvest::threads::coverage::Cell;
    use crate::i18n::Lang;

    #[test]
    fn csv_has_ideas_and_votes_per_table_and_defuses_formulas() {
        let cafe = crate::ui::example();
        let m = Coverage {
            rows: vec!["=Appui, local".into()],
            tables: vec![0, 2],
            cells: vec![vec![
                Cell {
                    ideas: vec![NodeId(3), NodeId(4)],
                    votes: 5,
                },
                Cell::default(),
            ]],
        };
        let text = csv(&cafe, &m, Rows::Threads, &I18n::new(Lang::En));
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("Threads,"), "{}", lines[0]);
        assert!(lines[0].contains("Table 3: Les possibles collaborations"));
        assert_eq!(lines[1], "\"'=Appui, local\",2,5,0,0");
    }
}
