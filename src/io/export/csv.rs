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
use crate::model::{Cafe, NodeId, NodeKind, Paper, Rgb};
use crate::render::Branches;

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
        let mut ideas: Vec<(NodeId, usize)> = walk(table, table.question());
        for u in reading_order(table, &table.unsorted()) {
            ideas.extend(walk(table, u));
        }
        // Each node's theme and colour, top-down once (walking up from every row is quadratic
        // on a deep chain of ideas).
        let branches = Branches::of(table);
        let theme_of = table.theme_map();
        for (id, _) in ideas {
            let Some(here) = table.node(id).filter(|n| n.kind == NodeKind::Idea) else {
                continue;
            };
            // A reference is written as the idea it shows.
            let n = here.refers_to.and_then(|o| cafe.node(o)).unwrap_or(here);
            let theme = theme_of
                .get(&id)
                .and_then(|&t| table.node(t))
                .map_or("", |t| t.text.as_str());
            let colour = colour_name(branches.color(id));
            let origin = if n.id == here.id && n.origin.table.is_none() {
                Some(index)
            } else {
                cafe.origin_table(n.id)
            }
            .map_or(String::new(), |t| (t + 1).to_string());
            let row = [
                (index + 1).to_string(),
                field(question),
                field(theme),
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
fn colour_name(branch: Option<Rgb>) -> String {
    let Some(rgb) = branch else {
        return String::new();
    };
    match Paper::ALL.iter().find(|p| p.rgb() == rgb) {
        Some(p) => p.name().to_owned(),
        None => rgb.hex(),
    }
}

/// One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled.
/// A text a spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`, like the
/// bullet "- Appui…") is prefixed with an apostrophe, which spreadsheets show as plain text:
/// otherwise Excel shows `#NAME?`, and a shared file could smuggle in a formula.
/// Spaces before the sign do not help (` =1+1` is a formula to Excel too). Control characters
/// other than line breaks and tabs (a NUL from a broken file) are left out: spreadsheets cut the
/// cell or the file there.
pub fn field(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|&c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect();
    let formula = s
        .trim_start_matches([' ', '\u{a0}'])
        .starts_with(['=', '+', '-', '@']);
    let s = if formula || s.starts_with(['\t', '\r']) {
        format!("'{s}")
    } else {
        s
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
        for (text, written) in [
            ("plain", "plain"),
            ("a, \"b\"\nc", "\"a, \"\"b\"\"\nc\""),
            ("=SUM(A1)", "'=SUM(A1)"),
            ("- x", "'- x"),
            (" =1+1", "' =1+1"),
            ("a\0b", "ab"),
        ] {
            assert_eq!(field(text), written, "{text:?}");
        }
    }
}
