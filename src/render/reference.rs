//! References as painted. A reference (a note of the synthesis table, see
//! [`crate::model::Node::refers_to`]) shows the idea it stands for as that idea reads *now*: its
//! text, then a badge line with the table it sits at and its votes ("→ Table 2 · ● 3"); its dots
//! and tags are the original's ([`Cafe::shown`]). The one resolver of that text is
//! [`Cafe::shown_text`] (in the model, so the synthesis can size its boxes with it): every scene
//! ([`super::table_scene`]), hence the canvas, the SVG, PNG, PDF and HTML exports and the
//! report's figures, asks it; the text exports and the presentation read the café
//! [`shown_cafe`] gives, built from it.
//!
//! A reference whose original was deleted shows the text it was made with and a badge without
//! a table ("→ —"); undoing the deletion brings the original back, and the reference follows it
//! again.

use crate::model::{Cafe, Node, NodeId, Table};
use std::borrow::Cow;

/// [`Cafe::shown`] for a node of `table`: only a reference looks its original up across the
/// café. (Looking every node up across the café is quadratic in its tables: 20,000 tables made
/// the HTML map take seconds.)
pub fn shown_in<'a>(cafe: &'a Cafe, table: &'a Table, id: NodeId) -> Option<&'a Node> {
    let node = table.node(id)?;
    Some(node.refers_to.and_then(|o| cafe.node(o)).unwrap_or(node))
}

/// The café as partners read it: every reference's text as [`Cafe::shown_text`] gives it and its
/// original's votes, for the exports that write text (Markdown, OPML, CSV…) and the
/// presentation. Borrowed as it is when no table holds a reference (the usual case: no copy).
/// A reference whose original is gone stops being one in the copy, so painting the copy reads
/// the same as painting the café.
pub fn shown_cafe(cafe: &Cafe) -> Cow<'_, Cafe> {
    let any = cafe
        .tables
        .iter()
        .any(|t| t.nodes().any(|n| n.refers_to.is_some()));
    if !any {
        return Cow::Borrowed(cafe);
    }
    let mut shown = cafe.clone();
    for (table, copy) in cafe.tables.iter().zip(shown.tables.iter_mut()) {
        for node in table.nodes().filter(|n| n.refers_to.is_some()) {
            let original = node.refers_to.and_then(|o| cafe.node(o));
            let text = cafe.shown_text(node).into_owned();
            if let Some(n) = copy.node_mut(node.id) {
                n.text = text;
                match original {
                    Some(o) => n.votes = o.votes,
                    None => n.refers_to = None,
                }
            }
        }
    }
    Cow::Owned(shown)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CafeInfo, Node, NodeId, NodeKind, Votes};

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
        let shown = shown_cafe(&cafe);
        let n = shown.tables[1].node(reference).unwrap();
        assert_eq!(n.text, "Impliquer davantage les élus\n→ Table 1 · ● 3");
        assert_eq!(n.votes.total(), 3);
        let live = cafe.tables[1].node(reference).unwrap();
        assert_eq!(cafe.shown_text(live), n.text);
        // Painting the copy reads the same as painting the café.
        assert_eq!(shown.shown_text(n), n.text);
        // The painted café is a copy; the document keeps the reference's own text.
        assert_eq!(
            cafe.tables[1].node(reference).unwrap().text,
            "Impliquer les élus"
        );
    }

    #[test]
    fn a_reference_to_a_deleted_idea_shows_its_own_text() {
        let (mut cafe, idea, reference) = cafe();
        cafe.tables[0].remove(idea).unwrap();
        let shown = shown_cafe(&cafe);
        let n = shown.tables[1].node(reference).unwrap();
        assert_eq!(n.text, "Impliquer les élus\n→ —");
        assert_eq!(shown.shown_text(n), n.text, "no second badge");
    }

    #[test]
    fn cafes_without_references_are_not_copied() {
        let (cafe, ..) = cafe();
        assert!(matches!(shown_cafe(&cafe), Cow::Owned(_)));
        let mut plain = cafe.clone();
        plain.tables.pop();
        assert!(matches!(shown_cafe(&plain), Cow::Borrowed(_)));
    }
}
