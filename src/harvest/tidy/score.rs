//! How well a tidied café matches a careful reading of the same text: the measure the tests and
//! `cargo bench --bench tidy` use. An outline is written as the `.outline.md` files are: `# `
//! title, `## ` a table's question, `- ` a theme, `  - ` an idea (other lines are ignored).
//!
//! An idea counts as **whole** when one idea note reads the same (whitespace aside: the
//! outlines mend spacing that PDF extraction broke), and as **placed** when that note also sits
//! under the right theme of the right table. A whole note in the wrong place costs a facilitator
//! as much as a broken one, so placed is the figure Tidy is judged on.

use crate::model::{Cafe, NodeId, NodeKind};
use std::collections::HashSet;

/// A theme of an outline and its ideas.
pub type Theme = (String, Vec<String>);

/// A careful reading: the title and each table's question with its themes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    pub title: String,
    pub tables: Vec<(String, Vec<Theme>)>,
}

impl Outline {
    pub fn parse(text: &str) -> Outline {
        let mut out = Outline::default();
        for line in text.lines() {
            if let Some(t) = line.strip_prefix("# ") {
                out.title = t.to_owned();
            } else if let Some(q) = line.strip_prefix("## ") {
                out.tables.push((q.to_owned(), Vec::new()));
            } else if let Some(theme) = line.strip_prefix("- ") {
                if let Some(t) = out.tables.last_mut() {
                    t.1.push((theme.to_owned(), Vec::new()));
                }
            } else if let Some(idea) = line.strip_prefix("  - ")
                && let Some(theme) = out.tables.last_mut().and_then(|t| t.1.last_mut())
            {
                theme.1.push(idea.to_owned());
            }
        }
        out
    }
}

/// The same characters once all whitespace is left out.
pub fn same(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| !c.is_whitespace())
        .eq(b.chars().filter(|c| !c.is_whitespace()))
}

/// The figures of one café.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    /// Ideas of the outline.
    pub ideas: usize,
    /// Ideas found as one whole idea note.
    pub ideas_whole: usize,
    /// Whole ideas that sit in the right table.
    pub ideas_in_table: usize,
    /// Whole ideas that also sit under the right theme of the right table.
    pub ideas_placed: usize,
    /// Idea notes in the café (what the facilitator has to check).
    pub idea_notes: usize,
    pub tables: usize,
    /// Questions of the outline found as a table's question (whitespace aside).
    pub tables_found: usize,
    /// Questions found word for word (no word left broken by a space).
    pub tables_exact: usize,
    pub themes: usize,
    /// Themes of the outline found as a theme node.
    pub themes_found: usize,
    /// The ideas not found whole (for whoever tunes the rules).
    pub missed: Vec<String>,
}

impl Score {
    /// Share of the outline's ideas placed right.
    pub fn placed(&self) -> f64 {
        ratio(self.ideas_placed, self.ideas)
    }
    /// Share of the outline's ideas found whole.
    pub fn whole(&self) -> f64 {
        ratio(self.ideas_whole, self.ideas)
    }
    /// Share of the café's idea notes that are whole and placed right.
    pub fn precision(&self) -> f64 {
        ratio(self.ideas_placed, self.idea_notes)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores `cafe` against `outline`. Each note matches one outline entry at most.
pub fn score(cafe: &Cafe, outline: &Outline) -> Score {
    let mut s = Score {
        tables: outline.tables.len(),
        idea_notes: cafe
            .tables
            .iter()
            .flat_map(|t| t.nodes())
            .filter(|n| n.kind == NodeKind::Idea)
            .count(),
        ..Score::default()
    };
    let mut used: HashSet<NodeId> = HashSet::new();
    for (question, themes) in &outline.tables {
        let table = cafe
            .tables
            .iter()
            .find(|t| same(&t.question_node().text, question));
        s.tables_found += usize::from(table.is_some());
        s.tables_exact += usize::from(table.is_some_and(|t| t.question_node().text == *question));
        for (theme, ideas) in themes {
            s.themes += 1;
            let theme_node = cafe.tables.iter().flat_map(|t| t.nodes()).find(|n| {
                n.kind == NodeKind::Theme && same(&n.text, theme) && !used.contains(&n.id)
            });
            if let Some(n) = theme_node {
                used.insert(n.id);
                s.themes_found += 1;
            }
            for idea in ideas {
                s.ideas += 1;
                let found = cafe.tables.iter().enumerate().find_map(|(k, t)| {
                    t.nodes()
                        .find(|n| {
                            n.kind == NodeKind::Idea && same(&n.text, idea) && !used.contains(&n.id)
                        })
                        .map(|n| (k, n.id))
                });
                let Some((k, id)) = found else {
                    s.missed.push(idea.clone());
                    continue;
                };
                used.insert(id);
                s.ideas_whole += 1;
                let Some(t) = cafe.tables.get(k) else {
                    continue;
                };
                let right_table = table.is_some_and(|q| q.question() == t.question());
                let right_theme = t
                    .theme_of(id)
                    .and_then(|th| t.node(th))
                    .is_some_and(|th| same(&th.text, theme));
                s.ideas_in_table += usize::from(right_table);
                s.ideas_placed += usize::from(right_table && right_theme);
            }
        }
    }
    s
}

/// The café as an outline in the `.outline.md` form (unsorted notes listed as `  ? ` under
/// each table), to see at a glance what a tidy did.
pub fn outline_of(cafe: &Cafe) -> String {
    let mut out = format!("# {}\n", cafe.info.title);
    for t in &cafe.tables {
        out.push_str(&format!("\n## {}\n", t.question_node().text));
        for theme in t.themes() {
            let text = t.node(theme).map_or("", |n| n.text.as_str());
            out.push_str(&format!("- {text}\n"));
            for idea in t.children(theme) {
                let text = t.node(idea).map_or("", |n| n.text.as_str());
                out.push_str(&format!("  - {text}\n"));
            }
        }
        for loose in t.unsorted() {
            let text = t.node(loose).map_or("", |n| n.text.as_str());
            out.push_str(&format!("  ? {text}\n"));
        }
    }
    out
}
