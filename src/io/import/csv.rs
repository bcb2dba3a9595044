//! CSV import: the columns our CSV export writes (see [`crate::io::export::csv`]), so that a
//! spreadsheet a partner edited comes back as the map it was.
//!
//! Columns are found by their header (any order, any case; unknown ones are skipped and named).
//! `idea` is required; `table`, `question`, `theme`, `votes`, `tags`, `round`, `contributor`,
//! `owner`, `due`, `origin_table` and `colour` are read when present. Rows sharing a `table`
//! number (else a `question`) make one table, in the order they first appear; rows sharing a
//! `theme` text hang under one theme; a row without a theme is an unsorted idea. A spreadsheet
//! saved in a French locale separates with `;`: the separator is read from the header line.
//! A CSV has one level of ideas: ideas nested under ideas come back under their theme.

use super::Imported;
use super::marks::{read_number, read_tags, read_votes};
use super::outline::{Builder, Hint, Outline};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo};
use std::collections::HashMap;

/// The columns read, as the export names them.
const KNOWN: [&str; 12] = [
    "table",
    "question",
    "theme",
    "idea",
    "votes",
    "tags",
    "round",
    "contributor",
    "owner",
    "due",
    "origin_table",
    "colour",
];

pub fn parse(text: &str) -> Result<Imported, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let separator = [',', ';', '\t']
        .into_iter()
        .max_by_key(|&s| first_line.matches(s).count())
        .unwrap_or(',');
    let mut rows = records(text, separator).into_iter();
    let header = rows
        .next()
        .ok_or_else(|| FileError::new("the file is empty"))?;
    let cols = Columns::of(&header);
    if cols.at("idea").is_none() {
        return Err(FileError::new(
            "no \"idea\" column: the first line should name the columns CaféMap writes \
             (table,question,theme,idea,votes,tags,…)",
        )
        .at_line(1));
    }
    let mut b = Builder::new(Cafe::new(CafeInfo::default()));
    for unknown in header
        .iter()
        .filter(|h| !h.trim().is_empty() && column_known(h).is_none())
    {
        b.skipped
            .note(format!("column \"{}\" skipped", unknown.trim()));
    }
    let mut tables = Tables::default();
    for row in rows {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |name: &str| cols.cell(&row, name);
        let idea = idea_of(&cell, &mut b);
        tables.add(&cell("table"), cell("question"), cell("theme"), idea);
    }
    tables.finish(&mut b);
    Ok(b.finish())
}

/// Where each known column is in the header (the first of that name).
struct Columns([Option<usize>; KNOWN.len()]);

impl Columns {
    fn of(header: &[String]) -> Columns {
        let mut cols = [None; KNOWN.len()];
        for (i, h) in header.iter().enumerate() {
            if let Some(k) = column_known(h)
                && let Some(slot) = cols.get_mut(k)
            {
                slot.get_or_insert(i);
            }
        }
        Columns(cols)
    }

    /// The index of the column the export names `name`, if the file has it.
    fn at(&self, name: &str) -> Option<usize> {
        KNOWN
            .iter()
            .position(|k| *k == name)
            .and_then(|i| self.0.get(i).copied().flatten())
    }

    /// The plain text of `row` in column `name` (empty when the file or the row has none).
    fn cell(&self, row: &[String], name: &str) -> String {
        plain(
            self.at(name)
                .and_then(|i| row.get(i))
                .map_or("", |s| s.as_str()),
        )
    }
}

/// One row's idea with the harvest marks its columns carry.
fn idea_of(cell: &dyn Fn(&str) -> String, b: &mut Builder) -> Outline {
    let mut idea = Outline::new(cell("idea"));
    idea.hint = Hint::Idea;
    let h = &mut idea.harvest;
    let votes = cell("votes");
    if let Some(v) = read_votes(&votes, &mut b.cafe.dot_kinds) {
        h.votes = v;
    } else if !votes.trim().is_empty() {
        b.skipped
            .count("unreadable votes skipped", "unreadable votes skipped");
    }
    h.tags = read_tags(&cell("tags"));
    h.round = read_number(&cell("round"));
    h.contributor = cell("contributor").trim().to_owned();
    h.owner = cell("owner").trim().to_owned();
    h.due = cell("due").trim().to_owned();
    h.origin_table = read_number(&cell("origin_table"));
    let colour = cell("colour");
    if !colour.trim().is_empty() {
        idea.color = b.color(colour.trim());
    }
    idea
}

/// One table's rows: the question, themes in order with their ideas, unsorted ideas.
struct TableRows {
    question: String,
    themes: Vec<Outline>,
    unsorted: Vec<Outline>,
}

/// Tables in order of appearance (found by number, else question).
#[derive(Default)]
struct Tables {
    tables: Vec<TableRows>,
    table_index: HashMap<String, usize>,
    theme_index: HashMap<(usize, String), usize>,
}

impl Tables {
    /// Puts `idea` under its theme (unsorted without one) in the table of `number`, else of
    /// `question`.
    fn add(&mut self, number: &str, question: String, theme: String, idea: Outline) {
        let key = if number.trim().is_empty() {
            format!("q:{question}")
        } else {
            format!("n:{}", number.trim())
        };
        let tables = &mut self.tables;
        let t = *self.table_index.entry(key).or_insert_with(|| {
            tables.push(TableRows {
                question,
                themes: Vec::new(),
                unsorted: Vec::new(),
            });
            tables.len() - 1
        });
        let Some(rows) = tables.get_mut(t) else {
            return;
        };
        if theme.trim().is_empty() {
            rows.unsorted.push(idea);
            return;
        }
        let i = *self
            .theme_index
            .entry((t, theme.clone()))
            .or_insert_with(|| {
                let mut o = Outline::new(theme);
                // The branch colour every idea of the theme carries is the theme's.
                o.color = idea.color;
                rows.themes.push(o);
                rows.themes.len() - 1
            });
        if let Some(th) = rows.themes.get_mut(i) {
            th.children.push(idea);
        }
    }

    /// Every table into the builder, its unsorted ideas in a tray after the themes.
    fn finish(self, b: &mut Builder) {
        for rows in self.tables {
            let mut root = Outline::new(rows.question);
            root.children = rows.themes;
            if !rows.unsorted.is_empty() {
                let mut tray = Outline::new("");
                tray.hint = Hint::UnsortedTray;
                tray.children = rows.unsorted;
                root.children.push(tray);
            }
            b.add_table(root);
        }
    }
}

fn column_known(header: &str) -> Option<usize> {
    let h = header.trim();
    KNOWN
        .iter()
        .position(|k| h.eq_ignore_ascii_case(k))
        .or_else(|| h.eq_ignore_ascii_case("color").then_some(11))
}

/// A cell as typed: the apostrophe our export puts before a text a spreadsheet would run as a
/// formula (`'=…`, `'- …`) is taken off again.
fn plain(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest)
            if rest
                .trim_start_matches([' ', '\u{a0}'])
                .starts_with(['=', '+', '-', '@'])
                || rest.starts_with(['\t', '\r']) =>
        {
            rest.to_owned()
        }
        _ => cell.to_owned(),
    }
}

/// The records of an RFC 4180 text: fields split at `separator`, quoted fields may hold the
/// separator, quotes (doubled) and line breaks; CRLF or LF end a record. One pass, linear.
fn records(text: &str, separator: char) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            c if c == separator => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push(record);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields_and_both_separators() {
        let rows = records("a,\"b,\"\"c\"\"\nd\"\r\ne,f", ',');
        assert_eq!(rows, vec![vec!["a", "b,\"c\"\nd"], vec!["e", "f"]]);
        let rows = records("a;b\n", ';');
        assert_eq!(rows, vec![vec!["a", "b"]]);
    }

    #[test]
    fn builds_tables_themes_ideas_and_unsorted() {
        let csv = "table,question,theme,idea,votes,tags\n\
                   1,Q1,T,\"an idea, with a comma\",3,a;b\n\
                   1,Q1,,loose,,\n\
                   2,Q2,U,'=not a formula,,\n";
        let imported = parse(csv).unwrap();
        let cafe = &imported.cafe;
        assert_eq!(cafe.counts(), (2, 2, 3));
        let t = &cafe.tables[0];
        let theme = t.themes()[0];
        let idea = t.node(t.children(theme)[0]).unwrap();
        assert_eq!(idea.text, "an idea, with a comma");
        assert_eq!(idea.votes.total(), 3);
        assert_eq!(idea.tags, ["a", "b"]);
        assert_eq!(t.unsorted().len(), 1);
        let t2 = &cafe.tables[1];
        let idea = t2.node(t2.children(t2.themes()[0])[0]).unwrap();
        assert_eq!(idea.text, "=not a formula");
    }

    #[test]
    fn without_an_idea_column_it_says_what_it_needs() {
        let e = parse("name,age\nx,1\n").unwrap_err();
        assert!(e.reason.contains("\"idea\" column"), "{e}");
    }
}
