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
//! a text and importing it build the same tree. Themes and ideas carry their typed marks (`#tags`,
//! dots, an action's `@owner` and date: [`crate::text::marks`]), and a line that is only a round
//! marker (`Tour 2`) with nothing under it gives its round to the ideas after it.

use super::Imported;
use super::outline::{Builder, MAX_DEPTH, Outline, too_deep};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo};
use crate::text::{indent, marks};

/// Parses an indented outline. The first line is a table's question whatever its indentation,
/// so nothing is ever left out.
pub fn parse(text: &str) -> Result<Imported, FileError> {
    // The open branch, from the question down: stack[d] is the line at depth d.
    let mut stack: Vec<Outline> = Vec::new();
    let mut roots: Vec<Outline> = Vec::new();
    let lines = indent::outline(text);
    // The round of a table's ideas, from the last round marker line above them.
    let mut round = None;
    for (k, line) in lines.iter().enumerate() {
        while stack.len() > line.depth {
            close(&mut stack, &mut roots);
        }
        if stack.len() >= MAX_DEPTH {
            return Err(too_deep().at_line(line.line));
        }
        if stack.is_empty() {
            // A question: its text as typed, and a new table's rounds.
            round = None;
            stack.push(Outline::new(line.text));
            continue;
        }
        let marked = marks::parse_line(line.text);
        // A marker with nothing under it starts a round; one with lines under it is a theme.
        let leaf = lines.get(k + 1).is_none_or(|next| next.depth <= line.depth);
        if let Some(r) = marked.round
            && leaf
        {
            round = Some(r);
            continue;
        }
        let mut outline = Outline::new(marked.text.clone());
        outline.harvest = marked.into();
        if stack.len() >= 2 {
            outline.harvest.round = round;
        }
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
    fn marks_and_rounds_are_read_as_in_typed_notes() {
        let imp = parse(
            "Q #not-a-tag\n\tThème #jeunesse\n\t\tTour 2\n\t\tDes bancs partout +2\n\t\t\
             #action Écrire à la mairie @Awa (avant le 31/03)\n",
        )
        .unwrap();
        let t = &imp.cafe.tables[0];
        assert_eq!(t.question_node().text, "Q #not-a-tag");
        let theme = t.node(t.themes()[0]).unwrap();
        assert_eq!(
            (theme.text.as_str(), theme.tags.as_slice()),
            ("Thème", &["jeunesse".to_owned()][..])
        );
        let ideas: Vec<_> = t
            .children(theme.id)
            .into_iter()
            .filter_map(|id| t.node(id))
            .collect();
        assert_eq!(ideas.len(), 2, "the round marker is not a note");
        assert_eq!(
            (ideas[0].text.as_str(), ideas[0].votes.total()),
            ("Des bancs partout", 2)
        );
        assert_eq!(ideas[1].text, "Écrire à la mairie");
        assert_eq!(
            (ideas[1].owner.as_str(), ideas[1].due.as_str()),
            ("Awa", "31/03")
        );
        assert!(ideas.iter().all(|n| n.origin.round == Some(2)));
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
