//! Indented plain text, as typed in any editor or copied from a word processor's outline:
//!
//! ```text
//! Question of table 1
//!     Theme
//!         Idea
//!             Idea under that idea
//! Question of table 2
//! ```
//!
//! Each top-level line opens a table; one level deeper is a theme, deeper still an idea. Levels,
//! bullets and numbers are read by [`crate::text::indent`], the same reading as paste, so pasting
//! a text and importing it build the same tree. The facilitator's marks are read as the typed
//! notes' importer reads them ([`super::marks`]): a line naming a round sets the round of the
//! lines after it, and `#tags`, `+3` or `●●`, an action's `@owner` and date go to the node.

use super::Imported;
use super::marks::{self, round_marker};
use super::outline::{Builder, MAX_DEPTH, Outline, too_deep};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo};
use crate::text::indent;

/// Parses an indented outline. The first line is a table's question whatever its indentation,
/// so nothing is ever left out.
pub fn parse(text: &str) -> Result<Imported, FileError> {
    // The open branch, from the question down: stack[d] is the line at depth d.
    let mut stack: Vec<Outline> = Vec::new();
    let mut roots: Vec<Outline> = Vec::new();
    let mut round = None;
    for line in indent::outline(text) {
        // A round marker below the top level is not a node: it sets the round of what follows.
        if line.depth > 0
            && let Some(r) = round_marker(line.text)
        {
            round = Some(r);
            continue;
        }
        while stack.len() > line.depth {
            close(&mut stack, &mut roots);
        }
        if stack.len() >= MAX_DEPTH {
            return Err(too_deep().at_line(line.line));
        }
        let (text, mut harvest) = marks::read(line.text);
        harvest.round = harvest.round.or(round).filter(|_| line.depth > 0);
        let mut outline = Outline::new(text);
        outline.harvest = harvest;
        stack.push(outline);
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    let mut b = Builder::new(Cafe::new(CafeInfo::default()));
    for root in roots {
        b.add_table(root);
    }
    Ok(b.finish())
}

/// Pops the innermost open line and hangs it under its parent (or makes it a table).
fn close(stack: &mut Vec<Outline>, roots: &mut Vec<Outline>) {
    let Some(o) = stack.pop() else { return };
    match stack.last_mut() {
        Some(parent) => parent.children.push(o),
        None => roots.push(o),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_with_tabs_or_spaces() {
        let imp =
            parse("Q1\n\tT1\n\t\tidea\n\t\t\tsub\n\tT2\nQ2\n  - T3\n      * idea 3\n").unwrap();
        let c = &imp.cafe;
        assert_eq!(c.counts(), (2, 3, 3));
        let t = &c.tables[1];
        assert_eq!(t.question_node().text, "Q2");
        let theme = t.themes()[0];
        assert_eq!(t.node(theme).map(|n| n.text.as_str()), Some("T3"));
        assert_eq!(t.children(theme).len(), 1);
        c.validate().unwrap();
    }

    #[test]
    fn reads_the_facilitators_marks_like_the_notes_importer() {
        let imp = parse(
            "Q\n\tT\n\t\tTour 2\n\t\tIdée A +2\n\t\tIdée B #eau\n\t\tIdée D #action @Paul (avant le 31/03)\n",
        )
        .unwrap();
        let t = &imp.cafe.tables[0];
        let node = |text: &str| t.nodes().find(|n| n.text == text).unwrap();
        assert_eq!(node("Idée A").votes.total(), 2);
        assert_eq!(node("Idée A").origin.round, Some(2));
        assert_eq!(node("Idée B").tags, ["eau"]);
        assert_eq!(
            (node("Idée D").owner.as_str(), node("Idée D").due.as_str()),
            ("Paul", "31/03")
        );
        assert_eq!(imp.cafe.counts(), (1, 1, 3));
    }

    #[test]
    fn whole_file_indented_is_relative() {
        let imp = parse("    Q\n        T\n").unwrap();
        assert_eq!(imp.cafe.counts(), (1, 1, 0));
    }

    #[test]
    fn refuses_absurd_depth() {
        let deep: String = (0..MAX_DEPTH + 5)
            .map(|i| format!("{}x\n", " ".repeat(i)))
            .collect();
        let e = parse(&deep).unwrap_err();
        assert!(e.reason.contains("levels deep"), "{e}");
        assert_eq!(e.line, Some(MAX_DEPTH + 1));
    }
}
