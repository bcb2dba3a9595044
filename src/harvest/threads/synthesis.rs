//! The synthesis table: the accepted threads made into a table of their own, to present and
//! export like any other — a question the facilitator edits, one theme per thread, and under
//! each theme the thread's ideas as *references* to the originals (never copies), so that an
//! idea edited at its table reads the same in the synthesis.

use super::Thread;
use crate::edit::Edit;
use crate::model::{Cafe, Node, NodeId, NodeKind, NoteColor, Paper, Table};

/// The edit that adds the synthesis table after the café's tables, or `None` when no thread
/// has an idea left. One edit, so building the synthesis is one undo step.
pub fn synthesis_edit(cafe: &Cafe, question: &str, threads: &[Thread]) -> Option<Edit> {
    let table = synthesis_table(cafe, question, threads)?;
    Some(Edit::InsertTable {
        index: cafe.tables.len(),
        table: Box::new(table),
    })
}

/// The synthesis table itself, arranged.
pub fn synthesis_table(cafe: &Cafe, question: &str, threads: &[Thread]) -> Option<Table> {
    let mut table = cafe.new_table(question.trim());
    let q = table.question();
    let mut themes = 0;
    for thread in threads {
        // A reference always points at an original (references do not chain), once each.
        let mut originals: Vec<NodeId> = Vec::new();
        for &id in &thread.ideas {
            if let Some(original) = cafe.shown(id)
                && !originals.contains(&original.id)
            {
                originals.push(original.id);
            }
        }
        if originals.is_empty() {
            continue;
        }
        let theme = cafe.alloc_id();
        let color = NoteColor::Palette(Paper::nth(themes));
        themes += 1;
        table
            .insert(
                Node::new(theme, NodeKind::Theme, thread.label.trim()).with_color(Some(color)),
                Some(q),
            )
            .ok()?;
        for original in originals {
            let Some(node) = cafe.node(original) else {
                continue;
            };
            let mut reference = Node::new(cafe.alloc_id(), NodeKind::Idea, node.text.clone());
            reference.refers_to = Some(original);
            table.insert(reference, Some(theme)).ok()?;
        }
    }
    if themes == 0 {
        return None;
    }
    // Arranged as painted: a reference's box holds its badge line too.
    let mut painted = table.clone();
    for node in table.nodes() {
        if let Some(n) = painted.node_mut(node.id) {
            n.text = cafe.shown_text(node).into_owned();
        }
    }
    for (id, p) in crate::layout::arrange_table(&painted) {
        if let Some(n) = table.node_mut(id) {
            n.pos = p;
        }
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CafeInfo;

    fn cafe() -> (Cafe, Vec<NodeId>) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut table = cafe.new_table("Q1");
        let ideas: Vec<NodeId> = ["Impliquer les élus", "Former les élus", "Budget"]
            .into_iter()
            .map(|text| {
                let id = cafe.alloc_id();
                table
                    .insert(Node::new(id, NodeKind::Idea, text), None)
                    .unwrap();
                id
            })
            .collect();
        cafe.tables.push(table);
        (cafe, ideas)
    }

    #[test]
    fn one_theme_per_thread_with_references_to_the_originals() {
        let (mut cafe, ideas) = cafe();
        let threads = [
            Thread {
                label: " Élus ".into(),
                ideas: vec![ideas[0], ideas[1], ideas[0], NodeId(999)],
            },
            Thread {
                label: "Gone".into(),
                ideas: vec![NodeId(998)],
            },
        ];
        let Some(Edit::InsertTable { index, table }) = synthesis_edit(&cafe, "Synthèse", &threads)
        else {
            panic!("an InsertTable");
        };
        assert_eq!(index, 1);
        assert_eq!(table.question_node().text, "Synthèse");
        let themes = table.themes();
        assert_eq!(themes.len(), 1, "a thread with no idea left makes no theme");
        assert_eq!(table.node(themes[0]).unwrap().text, "Élus");
        let refs: Vec<Option<NodeId>> = table
            .children(themes[0])
            .iter()
            .map(|&r| table.node(r).unwrap().refers_to)
            .collect();
        assert_eq!(
            refs,
            [Some(ideas[0]), Some(ideas[1])],
            "once each, in order"
        );
        let text = &table.node(table.children(themes[0])[0]).unwrap().text;
        assert_eq!(
            text, "Impliquer les élus",
            "the text as it was, for a deleted original"
        );
        cafe.tables.push(*table);
        cafe.validate().unwrap();
    }

    #[test]
    fn a_reference_in_a_thread_points_at_its_original() {
        let (mut cafe, ideas) = cafe();
        let first = synthesis_table(
            &cafe,
            "S1",
            &[Thread {
                label: "Élus".into(),
                ideas: vec![ideas[0]],
            }],
        )
        .unwrap();
        let reference = first.children(first.themes()[0])[0];
        cafe.tables.push(first);
        let second = synthesis_table(
            &cafe,
            "S2",
            &[Thread {
                label: "Encore".into(),
                ideas: vec![reference, ideas[2]],
            }],
        )
        .unwrap();
        let refs: Vec<Option<NodeId>> = second
            .children(second.themes()[0])
            .iter()
            .map(|&r| second.node(r).unwrap().refers_to)
            .collect();
        assert_eq!(refs, [Some(ideas[0]), Some(ideas[2])]);
        cafe.tables.push(second);
        cafe.validate().unwrap();
    }
}
