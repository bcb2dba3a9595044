//! Find and replace over the whole café: note text and speaker notes, case- and
//! accent-insensitive (see [`crate::text::fold`]).
//!
//! Searching happens at every keystroke, so the folded texts are kept in a [`FindIndex`] built
//! once per document revision; a query is then a plain substring scan (10,000 ideas in a
//! fraction of a frame, see `benches/find.rs`).

use super::Edit;
use crate::model::{Cafe, NodeId, Table};
use std::ops::Range;

/// Which text of a node matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Text,
    /// The speaker notes.
    Note,
}

/// One occurrence of the query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub table: usize,
    pub id: NodeId,
    pub field: Field,
    /// Where, in chars of the original text.
    pub chars: Range<usize>,
}

struct Entry {
    table: usize,
    id: NodeId,
    field: Field,
    folded: Vec<char>,
    /// Folded char → original char index.
    map: Vec<usize>,
    /// Length of the original, in chars.
    len: usize,
}

/// The café's texts folded for searching, in reading order: table by table, the question, then
/// the tree breadth-first (themes before their ideas), then the unsorted notes.
pub struct FindIndex {
    entries: Vec<Entry>,
}

impl FindIndex {
    pub fn new(cafe: &Cafe) -> FindIndex {
        let mut entries = Vec::new();
        for (ti, table) in cafe.tables.iter().enumerate() {
            for id in reading_order(table) {
                let Some(node) = table.node(id) else {
                    continue;
                };
                for (field, text) in [(Field::Text, &node.text), (Field::Note, &node.note)] {
                    if text.is_empty() {
                        continue;
                    }
                    let (folded, map) = crate::text::fold_with_map(text);
                    entries.push(Entry {
                        table: ti,
                        id,
                        field,
                        folded,
                        map,
                        len: text.chars().count(),
                    });
                }
            }
        }
        FindIndex { entries }
    }

    /// Every occurrence of `query`, in reading order; nothing for a blank query.
    pub fn find(&self, query: &str) -> Vec<Match> {
        let needle: Vec<char> = crate::text::fold(query).chars().collect();
        if needle.iter().all(|c| c.is_whitespace()) {
            return Vec::new();
        }
        let mut out = Vec::new();
        for e in &self.entries {
            let mut start = 0;
            while let Some(at) = position(e.folded.get(start..).unwrap_or(&[]), &needle) {
                let from = start + at;
                let to = from + needle.len();
                let first = e.map.get(from).copied().unwrap_or(e.len);
                // The match ends after the original char of its last folded char.
                let last = e.map.get(to - 1).map_or(e.len, |&i| i + 1);
                out.push(Match {
                    table: e.table,
                    id: e.id,
                    field: e.field,
                    chars: first..last,
                });
                start = to;
            }
        }
        out
    }
}

fn position(haystack: &[char], needle: &[char]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn reading_order(table: &Table) -> Vec<NodeId> {
    let mut out = table.subtree(table.question());
    for idea in table.unsorted() {
        out.extend(table.subtree(idea));
    }
    out
}

/// Replaces the given matches (all from one search of the current document) by `with`, as one
/// edit: one undo step however many nodes it touches. Matches that no longer fit their text are
/// skipped.
pub fn replace(cafe: &Cafe, matches: &[Match], with: &str) -> Option<Edit> {
    let mut by_field: Vec<(usize, NodeId, Field, Vec<Range<usize>>)> = Vec::new();
    for m in matches {
        match by_field
            .iter_mut()
            .find(|(t, id, f, _)| (*t, *id, *f) == (m.table, m.id, m.field))
        {
            Some((_, _, _, ranges)) => ranges.push(m.chars.clone()),
            None => by_field.push((m.table, m.id, m.field, vec![m.chars.clone()])),
        }
    }
    let mut edits = Vec::new();
    for (table, id, field, mut ranges) in by_field {
        let Some(node) = cafe.tables.get(table).and_then(|t| t.node(id)) else {
            continue;
        };
        let original = match field {
            Field::Text => &node.text,
            Field::Note => &node.note,
        };
        let chars: Vec<char> = original.chars().collect();
        ranges.sort_by_key(|r| r.start);
        let mut text = String::with_capacity(original.len());
        let mut at = 0;
        for r in ranges {
            if r.start < at || r.end > chars.len() || r.start > r.end {
                continue;
            }
            text.extend(chars.get(at..r.start).unwrap_or(&[]));
            text.push_str(with);
            at = r.end;
        }
        text.extend(chars.get(at..).unwrap_or(&[]));
        if text == *original {
            continue;
        }
        edits.push(match field {
            Field::Text => Edit::SetText { table, id, text },
            Field::Note => Edit::SetNote {
                table,
                id,
                note: text,
            },
        });
    }
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    fn cafe() -> (Cafe, NodeId, NodeId) {
        let (mut cafe, ids) = Cafe::sketch(
            "Quels évènements ?",
            &[
                (NodeKind::Theme, "Coopération", None),
                (
                    NodeKind::Idea,
                    "Des EVENEMENTS communs, des évènements",
                    Some(0),
                ),
            ],
        );
        cafe.tables[0].node_mut(ids[1]).unwrap().note = "cooperation culturelle".into();
        (cafe, ids[0], ids[1])
    }

    #[test]
    fn finds_without_case_or_accents_in_text_and_speaker_notes() {
        let (cafe, theme, idea) = cafe();
        let index = FindIndex::new(&cafe);
        let found = index.find("evenement");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].id, cafe.tables[0].question(), "question first");
        assert_eq!(found[1].id, idea);
        assert_eq!(found[1].chars, 4..13);
        let coop = index.find("cooperation");
        assert_eq!(
            coop.iter().map(|m| (m.id, m.field)).collect::<Vec<_>>(),
            [(theme, Field::Text), (idea, Field::Note)]
        );
        assert!(index.find("  ").is_empty());
    }

    #[test]
    fn replace_all_is_one_edit_keeping_the_rest_of_each_text() {
        let (mut cafe, _, idea) = cafe();
        let found = FindIndex::new(&cafe).find("évènement");
        let edit = replace(&cafe, &found, "rencontre").unwrap();
        crate::edit::apply(&mut cafe, edit).unwrap();
        let t = &cafe.tables[0];
        assert_eq!(t.question_node().text, "Quels rencontres ?");
        assert_eq!(
            t.node(idea).unwrap().text,
            "Des rencontreS communs, des rencontres"
        );
    }
}
