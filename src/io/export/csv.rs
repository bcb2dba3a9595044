//! One row per idea, for spreadsheets and scripts (RFC 4180). The first ten columns are fixed,
//! in this order and with these English keys, so that scripts can rely on them; more may follow
//! (new ones after the last):
//!
//! `table,question,theme,idea,votes,tags,round,contributor,owner,due,origin_table,colour`
//!
//! - `table` is the number (from 1) of the table the idea sits on, `question` its question;
//!   `theme` is empty for an unsorted idea or one hanging directly off the question.
//! - `votes`: a plain count when the café names no dot kinds (`3`), else the kinds with dots by
//!   name, `priorité:3;faisable:1`; empty without votes. `tags` are `;`-separated, without `#`.
//! - `round`, `contributor`, `owner`, `due` as recorded (empty when not).
//! - `origin_table`: the number of the table the idea was written at (the same as `table`
//!   unless it was moved or referred to from elsewhere), so "ideas from table 3" is one filter.
//! - `colour` is the colour of the idea's branch on the map (palette name or `#rrggbb`), empty
//!   for an unsorted note.
//!
//! A reference in a synthesis table is written as the idea it shows (text, votes, tags…).
//! Rows follow the map's reading order, unsorted ideas last.

use super::{ExportOptions, reading_order, selected_tables, walk};
use crate::io::FileError;
use crate::io::import::marks::{tags_value, votes_value};
use crate::model::{Cafe, NodeId, NodeKind, Paper, Table};

/// The header row.
pub const COLUMNS: &str =
    "table,question,theme,idea,votes,tags,round,contributor,owner,due,origin_table,colour";

/// Excel, in a French locale especially, reads a CSV file as Windows-1252 unless it starts with
/// a UTF-8 byte-order mark: without it every accent of a French restitution comes out garbled.
/// LibreOffice and scripts ignore the mark.
const BOM: &str = "\u{feff}";

pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let mut out = String::from(BOM);
    out.push_str(COLUMNS);
    out.push_str("\r\n");
    for (index, table) in selected_tables(cafe, options)? {
        let question = &table.question_node().text;
        let mut ideas: Vec<NodeId> = walk(table, table.question())
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for u in reading_order(table, &table.unsorted()) {
            ideas.extend(walk(table, u).into_iter().map(|(id, _)| id));
        }
        for id in ideas {
            if table.node(id).is_none_or(|n| n.kind != NodeKind::Idea) {
                continue;
            }
            let Some(n) = cafe.shown(id) else {
                continue;
            };
            let theme = theme_text(table, id);
            let colour = colour_name(table, id);
            let origin = cafe
                .origin_table(n.id)
                .map_or(String::new(), |t| (t + 1).to_string());
            let row = [
                (index + 1).to_string(),
                field(question),
                field(&theme),
                field(&n.text),
                field(&votes_value(&n.votes, &cafe.dot_kinds)),
                field(&tags_value(&n.tags)),
                n.origin.round.map_or(String::new(), |r| r.to_string()),
                field(&n.origin.contributor),
                field(&n.owner),
                field(&n.due),
                origin,
                field(&colour),
            ];
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    Ok(out.into_bytes())
}

/// The colour of the idea's branch as drawn (a theme without a colour of its own still has
/// its palette colour on the map): palette name, else `#rrggbb`; empty for an unsorted note.
fn colour_name(table: &Table, id: NodeId) -> String {
    let Some(rgb) = crate::render::branch_color(table, id) else {
        return String::new();
    };
    match Paper::ALL.iter().find(|p| p.rgb() == rgb) {
        Some(p) => p.name().to_owned(),
        None => rgb.hex(),
    }
}

fn theme_text(table: &Table, id: NodeId) -> String {
    table
        .theme_of(id)
        .and_then(|t| table.node(t))
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

/// One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled.
/// A text a spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`, like the
/// bullet "- Appui…") is prefixed with an apostrophe, which spreadsheets show as plain text:
/// otherwise Excel shows `#NAME?`, and a shared file could smuggle in a formula.
pub fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r', ';']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_defuses_fields() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, \"b\"\nc"), "\"a, \"\"b\"\"\nc\"");
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("- x"), "'- x");
    }
}
