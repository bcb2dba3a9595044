//! References as painted. A reference (a note of the synthesis table, see
//! [`crate::model::Node::refers_to`]) shows the idea it stands for as that idea reads *now*:
//! its text, then a badge line with the table it sits at and its votes ("→ Table 2 · ● 3",
//! [`crate::harvest::threads::reference_text`]).
//! Everything that paints a table (the canvas, the presentation, the SVG, PNG and PDF
//! exports) paints the table as [`shown_table`] or [`shown_cafe`] give it, so an edit of the
//! original shows everywhere and no painter needs to know about references.
//!
//! A reference whose original was deleted shows the text it was made with and a badge without
//! a table ("→ —"); undoing the deletion brings the original back, and the reference follows it
//! again.

use crate::model::{Cafe, NodeId, Table};
use std::borrow::Cow;
use std::collections::HashMap;

use crate::harvest::threads::reference_text;

/// What every reference of the café shows, by id (the canvas wraps these texts instead of the
/// references' own).
pub fn shown_texts(cafe: &Cafe) -> HashMap<NodeId, String> {
    cafe.tables
        .iter()
        .flat_map(|t| t.nodes())
        .filter_map(|n| Some((n.id, reference_text(cafe, n)?)))
        .collect()
}

/// Table `index` as painted: its references show their originals (see the module's
/// documentation). Borrowed as it is when it holds no reference.
pub fn shown_table(cafe: &Cafe, index: usize) -> Option<Cow<'_, Table>> {
    let table = cafe.tables.get(index)?;
    if !table.nodes().any(|n| n.refers_to.is_some()) {
        return Some(Cow::Borrowed(table));
    }
    let mut shown = table.clone();
    for node in table.nodes().filter(|n| n.refers_to.is_some()) {
        let Some(text) = reference_text(cafe, node) else {
            continue;
        };
        let votes = node
            .refers_to
            .and_then(|o| cafe.node(o))
            .map_or(node.votes, |o| o.votes);
        if let Some(n) = shown.node_mut(node.id) {
            n.text = text;
            n.votes = votes;
        }
    }
    Some(Cow::Owned(shown))
}

/// The café as painted: every table as [`shown_table`] gives it. Borrowed as it is when no
/// table holds a reference (the usual case: no copy).
pub fn shown_cafe(cafe: &Cafe) -> Cow<'_, Cafe> {
    let any = cafe
        .tables
        .iter()
        .any(|t| t.nodes().any(|n| n.refers_to.is_some()));
    if !any {
        return Cow::Borrowed(cafe);
    }
    let mut shown = cafe.clone();
    for (i, table) in shown.tables.iter_mut().enumerate() {
        if let Some(Cow::Owned(t)) = shown_table(cafe, i) {
            *table = t;
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CafeInfo, Node, NodeKind, Votes};

    /// Table 1 holds an idea; table 2 a reference to it.
    fn cafe() -> (Cafe, NodeId, NodeId) {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut one = cafe.new_table("Q1");
        let idea = cafe.alloc_id();
        one.insert(Node::new(idea, NodeKind::Idea, "Impliquer les élus"), None)
            .unwrap();
        let mut synthesis = cafe.new_table("Synthèse");
        let reference = cafe.alloc_id();
        let mut node = Node::new(reference, NodeKind::Idea, "Impliquer les élus");
        node.refers_to = Some(idea);
        synthesis.insert(node, None).unwrap();
        cafe.tables.push(one);
        cafe.tables.push(synthesis);
        cafe.validate().unwrap();
        (cafe, idea, reference)
    }

    #[test]
    fn a_reference_shows_the_original_as_it_reads_now() {
        let (mut cafe, idea, reference) = cafe();
        let node = cafe.tables[0].node_mut(idea).unwrap();
        node.text = "Impliquer davantage les élus".into();
        node.votes = Votes::single(3);
        let shown = shown_table(&cafe, 1).unwrap();
        let n = shown.node(reference).unwrap();
        assert_eq!(n.text, "Impliquer davantage les élus\n→ Table 1 · ● 3");
        assert_eq!(n.votes.total(), 3);
        assert_eq!(shown_texts(&cafe).get(&reference), Some(&n.text));
        assert_eq!(shown_texts(&cafe).len(), 1);
        // The painted café is a copy; the document keeps the reference's own text.
        assert_eq!(
            shown_cafe(&cafe).tables[1].node(reference).unwrap().text,
            n.text
        );
        assert_eq!(
            cafe.tables[1].node(reference).unwrap().text,
            "Impliquer les élus"
        );
    }

    #[test]
    fn a_reference_to_a_deleted_idea_shows_its_own_text() {
        let (mut cafe, idea, reference) = cafe();
        cafe.tables[0].remove(idea).unwrap();
        let shown = shown_table(&cafe, 1).unwrap();
        assert_eq!(
            shown.node(reference).unwrap().text,
            "Impliquer les élus\n→ —"
        );
    }

    #[test]
    fn tables_without_references_are_not_copied() {
        let (cafe, ..) = cafe();
        assert!(matches!(shown_table(&cafe, 0), Some(Cow::Borrowed(_))));
        assert!(matches!(shown_table(&cafe, 1), Some(Cow::Owned(_))));
        let mut plain = cafe.clone();
        plain.tables.pop();
        assert!(matches!(shown_cafe(&plain), Cow::Borrowed(_)));
    }
}
