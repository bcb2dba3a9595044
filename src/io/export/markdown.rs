//! The restitution as a Markdown outline, in the shape our Markdown importer reads back:
//!
//! ```text
//! # Event title
//!
//! Subtitle
//!
//! ## A table's question
//!
//! - A theme
//!   - An idea
//!     - An idea under that idea
//!
//! An unsorted idea
//! ```
//!
//! Siblings are written in reading order (see [`super::reading_order`]). What Markdown cannot say
//! is simplified: a line break in a heading becomes a space, an idea hanging directly off the
//! question is written as a branch (it reads back as a theme), and the ideas below an unsorted
//! idea follow it as further unsorted lines.
//!
//! The harvest follows a note's text as the marks the importer reads (see
//! [`crate::text::marks`]): its `#tags`, for an action `@owner` and `(due …)` (`échéance`
//! in French), and its dots `●●●` (`+12` past ten). A café with named dot kinds writes them
//! apart, last: `[●●● priorité · ● faisable]`. An idea's round is a round marker (`Tour 2`) as
//! its own paragraph before the first idea of that round in reading order, indented with the
//! idea so that viewers show it inside the list; an idea without a round right after ideas
//! with one gets `Sans tour` (`No round`) before it.
//!
//! The café's details and dot kinds go in a YAML front matter, as Pandoc, Obsidian and GitHub
//! read it: `date`, `place`, `facilitators`, `organisers` (see
//! [`crate::io::import::details`]), `synonyms` and `dot_kinds`, each value written as JSON
//! (which YAML reads too), so that any text comes back as it was.
//!
//! Markdown viewers render HTML: every text goes through [`escape_html`], so a note reading
//! `<script>` shows as typed and runs nowhere (the importer reads the entities back).

use super::{ExportOptions, reading_order, selected_tables, walk};
use crate::i18n::Lang;
use crate::io::FileError;
use crate::io::import::details;
use crate::model::{Cafe, DotKind, Node, NodeId, NodeKind, Table, Votes};

/// Most votes written as dots; more are written `+N`, which reads better than a long row.
const MAX_DOTS: u32 = 10;

pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let mut out = front_matter(cafe);
    let info = &cafe.info;
    let title = escape_html(&one_line(&info.title));
    if !title.trim().is_empty() {
        out.push_str(format!("# {title}").trim_end());
        out.push_str("\n\n");
    }
    // The importer joins the lines of a paragraph and keeps paragraphs as lines.
    for line in info.subtitle.lines().filter(|l| !l.trim().is_empty()) {
        out.push_str(&escape_html(line.trim()));
        out.push_str("\n\n");
    }
    let mut w = Writer {
        out,
        kinds: &cafe.dot_kinds,
        lang: options.lang,
        round: None,
    };
    for (_, table) in tables {
        w.table(table);
    }
    let mut out = w.out;
    while out.ends_with("\n\n") {
        out.pop();
    }
    Ok(out.into_bytes())
}

/// The front matter: the café's details and dot kinds, empty when it has none.
fn front_matter(cafe: &Cafe) -> String {
    let mut fields: Vec<(&str, String)> = details::of(cafe)
        .into_iter()
        .filter(|(name, _)| *name != details::SYNONYMS)
        .map(|(name, value)| (name, json(&value)))
        .collect();
    if !cafe.synonyms.is_empty() {
        fields.push((details::SYNONYMS, json(&cafe.synonyms)));
    }
    if !cafe.dot_kinds.is_empty() {
        let kinds: Vec<[String; 2]> = cafe
            .dot_kinds
            .iter()
            .map(|k| [k.name.clone(), k.color.hex()])
            .collect();
        fields.push((DOT_KINDS, json(&kinds)));
    }
    if fields.is_empty() {
        return String::new();
    }
    let mut out = String::from("---\n");
    for (name, value) in fields {
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push_str("---\n\n");
    out
}

/// The front matter's key for the dot kinds: `[["priorité", "#d55e00"], …]`.
pub const DOT_KINDS: &str = "dot_kinds";

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The tables being written, and the round the last marker started (`None`: no round yet, or
/// a `Sans tour` marker).
struct Writer<'a> {
    out: String,
    kinds: &'a [DotKind],
    lang: Lang,
    round: Option<u32>,
}

impl Writer<'_> {
    fn table(&mut self, table: &Table) {
        let out = &mut self.out;
        out.push_str(
            format!("## {}", escape_html(&one_line(&table.question_node().text))).trim_end(),
        );
        out.push_str("\n\n");
        let items = walk(table, table.question());
        for &(id, depth) in items.iter().skip(1) {
            self.item(table, id, depth - 1);
        }
        if items.len() > 1 {
            self.out.push('\n');
        }
        // Unsorted ideas are the plain lines under a question; each its own paragraph so that a
        // Markdown viewer shows them apart.
        for u in reading_order(table, &table.unsorted()) {
            for (id, _) in walk(table, u) {
                if let Some(n) = table.node(id) {
                    self.round_marker(n, "", "");
                    self.out.push_str(&escape_html(&plain_line(&n.text)));
                    self.out.push_str(&self.marks(n));
                    self.out.push_str("\n\n");
                }
            }
        }
    }

    /// A list item at `level` (0 = theme). Further lines of a multi-line text follow after a
    /// blank line, indented under the item: the importer joins them with a line break.
    fn item(&mut self, table: &Table, id: NodeId, level: usize) {
        let Some(node) = table.node(id) else { return };
        let indent = "  ".repeat(level);
        if level > 0 {
            self.round_marker(node, "\n", &indent);
        }
        let marks = self.marks(node);
        let out = &mut self.out;
        let mut lines = node.text.lines().map(str::trim).filter(|l| !l.is_empty());
        out.push_str(&indent);
        out.push('-');
        if let Some(first) = lines.next() {
            out.push(' ');
            out.push_str(&escape_html(first));
        }
        for more in lines {
            out.push_str("\n\n");
            out.push_str(&indent);
            out.push_str("  ");
            out.push_str(&escape_html(more));
        }
        // After the last line: the importer reads marks at the end of the joined text.
        out.push_str(&marks);
        out.push('\n');
    }

    /// A round marker paragraph before an idea of another round than the ideas before it (or of
    /// none, after ideas of one).
    fn round_marker(&mut self, node: &Node, before: &str, indent: &str) {
        if node.kind != NodeKind::Idea || self.round == node.origin.round {
            return;
        }
        self.round = node.origin.round;
        let marker = match (node.origin.round, self.lang) {
            (Some(round), Lang::En) => format!("Round {round}"),
            (Some(round), Lang::Fr) => format!("Tour {round}"),
            (None, Lang::En) => "No round".to_owned(),
            (None, Lang::Fr) => "Sans tour".to_owned(),
        };
        self.out.push_str(&format!("{before}{indent}{marker}\n\n"));
    }

    /// The marks written after a node's text (with a leading space), empty without a harvest.
    fn marks(&self, node: &Node) -> String {
        let mut parts: Vec<String> = node
            .tags
            .iter()
            .map(|t| format!("#{}", t.split_whitespace().collect::<Vec<_>>().join("-")))
            .collect();
        if node.is_action() {
            // A name is one word after `@`: spaces become `_`, read back as spaces.
            parts.extend(
                node.owner
                    .split(',')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(|o| format!("@{}", o.replace(' ', "_"))),
            );
            if !node.due.trim().is_empty() {
                let word = match self.lang {
                    Lang::En => "due",
                    Lang::Fr => "échéance",
                };
                parts.push(format!("({word} {})", node.due.trim()));
            }
        }
        if self.kinds.is_empty() && node.votes.counts().len() <= 1 {
            if let Some(dots) = dots(node.votes.total()) {
                parts.push(dots);
            }
        } else if let Some(by_kind) = dots_by_kind(&node.votes, self.kinds) {
            parts.push(by_kind);
        }
        parts.iter().map(|p| format!(" {p}")).collect()
    }
}

/// `n` votes as dots (`+N` past [`MAX_DOTS`]); `None` for none.
fn dots(n: u32) -> Option<String> {
    match n {
        0 => None,
        n if n <= MAX_DOTS => Some("●".repeat(n as usize)),
        n => Some(format!("+{n}")),
    }
}

/// Votes by named kind, `[●●● priorité · ● faisable]` (a kind without a name by its number);
/// `None` without votes. [`crate::io::import::markdown`] reads it back.
fn dots_by_kind(votes: &Votes, kinds: &[DotKind]) -> Option<String> {
    let entries: Vec<String> = votes
        .counts()
        .iter()
        .enumerate()
        .filter_map(|(i, &n)| {
            let name = kinds
                .get(i)
                .map_or_else(|| (i + 1).to_string(), |k| escape_html(&one_line(&k.name)));
            Some(format!("{} {name}", dots(n)?))
        })
        .collect();
    (!entries.is_empty()).then(|| format!("[{}]", entries.join(" · ")))
}

/// Text that Markdown viewers cannot take for HTML: `<` becomes `&lt;`, and a `&` that would
/// start an entity `&amp;` (so `&lt;` typed in a note stays `&lt;`); other text, `R&D` or `->`
/// included, is left as typed. [`crate::io::import::markdown::unescape_html`] reads it back.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' if s.get(i..).is_some_and(starts_entity) => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Whether `s` starts with something a browser reads as an entity: `&name;` or `&#…;`.
fn starts_entity(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('&') else {
        return false;
    };
    let body: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .collect();
    !body.is_empty() && rest.get(body.len()..).is_some_and(|r| r.starts_with(';'))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An unsorted idea as a plain line. A text that would read as a heading or a list item is
/// written with a leading backslash, Markdown's escape, so viewers show it as typed.
fn plain_line(s: &str) -> String {
    let line = one_line(s);
    let looks_like_markup = line.starts_with('#')
        || ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
        || ["-", "*", "+"].contains(&line.as_str());
    if looks_like_markup {
        format!("\\{line}")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CafeInfo, Node, NodeKind};

    #[test]
    fn writes_outline_with_multiline_items_and_unsorted_lines() {
        let mut cafe = Cafe::new(CafeInfo {
            title: "E".into(),
            subtitle: "s1\ns2".into(),
            ..CafeInfo::default()
        });
        let mut t = cafe.new_table("Q?");
        let q = t.question();
        let (th, i1, u) = (cafe.alloc_id(), cafe.alloc_id(), cafe.alloc_id());
        t.insert(Node::new(th, NodeKind::Theme, "T"), Some(q))
            .unwrap();
        t.insert(Node::new(i1, NodeKind::Idea, "line 1\nline 2"), Some(th))
            .unwrap();
        t.insert(Node::new(u, NodeKind::Idea, "loose"), None)
            .unwrap();
        cafe.tables.push(t);
        let md = String::from_utf8(export(&cafe, &ExportOptions::default()).unwrap()).unwrap();
        assert_eq!(
            md,
            "# E\n\ns1\n\ns2\n\n## Q?\n\n- T\n  - line 1\n\n    line 2\n\nloose\n"
        );
    }

    #[test]
    fn writes_dots_tags_and_actions_the_importer_reads_back() {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Q?");
        let q = t.question();
        let (th, i1, i2) = (cafe.alloc_id(), cafe.alloc_id(), cafe.alloc_id());
        t.insert(Node::new(th, NodeKind::Theme, "T"), Some(q))
            .unwrap();
        let mut idea = Node::new(i1, NodeKind::Idea, "Des bancs");
        idea.votes = crate::model::Votes::from_counts(&[2, 1]);
        idea.tags = vec!["jeunesse".into(), "vie locale".into()];
        t.insert(idea, Some(th)).unwrap();
        let mut action = Node::new(i2, NodeKind::Idea, "Écrire\nà la mairie");
        action.tags = vec!["action".into()];
        action.owner = "Awa Diop, Jean".into();
        action.due = "2026-03-31".into();
        action.votes = crate::model::Votes::single(12);
        t.insert(action, Some(th)).unwrap();
        cafe.tables.push(t);
        let options = ExportOptions {
            lang: Lang::Fr,
            ..ExportOptions::default()
        };
        let md = String::from_utf8(export(&cafe, &options).unwrap()).unwrap();
        // Two kinds of dots stay apart (unnamed kinds by their number).
        assert!(
            md.contains("- Des bancs #jeunesse #vie-locale [●● 1 · ● 2]\n"),
            "{md}"
        );
        assert!(
            md.contains("à la mairie #action @Awa_Diop @Jean (échéance 2026-03-31) +12\n"),
            "{md}"
        );
        let back = crate::io::import::markdown::parse(&md).unwrap().cafe;
        let t = &back.tables[0];
        let ideas = t.children(t.themes()[0]);
        let n = t.node(ideas[1]).unwrap();
        assert_eq!(n.text, "Écrire\nà la mairie");
        assert_eq!(
            (n.owner.as_str(), n.due.as_str()),
            ("Awa Diop, Jean", "2026-03-31")
        );
        assert_eq!(n.votes.of(0), 12);
        assert_eq!(t.node(ideas[0]).unwrap().tags, ["jeunesse", "vie-locale"]);
        assert_eq!(
            t.node(ideas[0]).unwrap().votes,
            crate::model::Votes::from_counts(&[2, 1])
        );
    }
}
