//! Typed-up sticky notes: one note per paragraph, blank lines between. Every note lands in the
//! unsorted tray of a single table, ready to be dragged under themes.
//!
//! A note typed over several lines is joined with spaces, except after a word broken with a
//! hyphen ("mult-" / "secteurs" gives "mult-secteurs"). A file without any blank line is read
//! as one note per line.
//!
//! Harvest marks are read (see [`super::marks`]): a line naming a round ("Tour 2", "2e tour",
//! "Round 2") is not a note but sets the round of the notes after it, and stands alone even
//! inside a paragraph; `#tags`, a trailing `+3` or `●●●` and an action's `@owner` and
//! `(avant le …)` become the note's tags, votes, owner and due date.

use super::Imported;
use super::outline::{Builder, Outline};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo};
use crate::text::join_line;
use crate::text::marks::{parse_line, round_marker};

/// The question when the file name gives none.
pub const DEFAULT_QUESTION: &str = "Table 1";

/// Parses notes into a table called [`DEFAULT_QUESTION`].
pub fn parse(text: &str) -> Result<Imported, FileError> {
    parse_named(text, None)
}

/// Parses notes into a table whose question is `question` (the dispatcher passes the file stem).
pub fn parse_named(text: &str, question: Option<&str>) -> Result<Imported, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let question = question
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .unwrap_or(DEFAULT_QUESTION);
    let mut b = Builder::new(Cafe::new(CafeInfo::default()));
    let table = b.add_table(Outline::new(question));
    let mut round = None;
    for note in notes(text) {
        let marked = parse_line(&note);
        if let Some(r) = marked.round {
            round = Some(r);
            continue;
        }
        let mut outline = Outline::new(marked.text.clone());
        outline.harvest = marked.into();
        outline.harvest.round = round;
        b.add_unsorted(table, outline);
    }
    Ok(b.finish())
}

/// The notes of a text, in order; a round marker line is a note of its own.
pub fn notes(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    // Paragraphs exist when some blank line has text both before and after it.
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    let has_paragraphs = match (first, last) {
        (Some(f), Some(l)) => lines
            .get(f..l)
            .is_some_and(|inner| inner.iter().any(|l| l.is_empty())),
        _ => false,
    };
    if !has_paragraphs {
        return lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| (*l).to_owned())
            .collect();
    }
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if round_marker(line).is_some() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            out.push(line.to_owned());
            continue;
        }
        join_line(&mut current, line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_note_per_paragraph_with_mended_breaks() {
        let text = "Appui sur les ONG\nlocales\n\nAller vers du mult-\nsecteurs\n\n\nOutils -\ncomment faire ?\n";
        assert_eq!(
            notes(text),
            [
                "Appui sur les ONG locales",
                "Aller vers du mult-secteurs",
                "Outils - comment faire ?"
            ]
        );
    }

    #[test]
    fn lines_are_notes_without_blank_lines() {
        assert_eq!(notes("a\nb\r\nc"), ["a", "b", "c"]);
    }

    #[test]
    fn round_markers_tags_and_votes() {
        let text = "Avant tout #accueil\n\nTour 2\nDes bancs\npartout +3\n\nUn jardin ●●\n#jeunesse\n\n\
                    3e tour :\n\n#action Écrire à la mairie @Awa (avant le 31/03)\n";
        let imp = parse(text).unwrap();
        let t = &imp.cafe.tables[0];
        let notes: Vec<(String, u32, Vec<String>, Option<u32>)> = t
            .unsorted()
            .into_iter()
            .filter_map(|id| t.node(id))
            .map(|n| {
                (
                    n.text.clone(),
                    n.votes.total(),
                    n.tags.clone(),
                    n.origin.round,
                )
            })
            .collect();
        let tags = |t: &[&str]| t.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            notes,
            [
                ("Avant tout".to_owned(), 0, tags(&["accueil"]), None),
                ("Des bancs partout".to_owned(), 3, vec![], Some(2)),
                ("Un jardin".to_owned(), 2, tags(&["jeunesse"]), Some(2)),
                (
                    "Écrire à la mairie".to_owned(),
                    0,
                    tags(&["action"]),
                    Some(3)
                ),
            ]
        );
        let action = t.node(t.unsorted()[3]).unwrap();
        assert_eq!(
            (action.owner.as_str(), action.due.as_str()),
            ("Awa", "31/03")
        );
    }

    #[test]
    fn all_notes_are_unsorted_under_the_named_question() {
        let imp = parse_named("one\n\ntwo", Some("Atelier 3")).unwrap();
        let t = &imp.cafe.tables[0];
        assert_eq!(t.question_node().text, "Atelier 3");
        assert_eq!(t.unsorted().len(), 2);
        assert_eq!(
            parse("x").unwrap().cafe.tables[0].question_node().text,
            DEFAULT_QUESTION
        );
    }
}
