//! OPML 2.0: one top-level `<outline>` per table (its question), themes and ideas nested in
//! reading order. Extra attributes, which other outliners ignore and our importer reads back:
//! `_color` (a node's own colour, palette name or `#rrggbb`), `_note` (speaker notes),
//! `_kind="idea"` (an idea hanging directly off the question) and `_unsorted="true"` on the child
//! outline that holds the unsorted ideas. The harvest, with the values of the Freeplane export's
//! attributes: `_votes`, `_tags`, `_round`, `_contributor`, `_owner`, `_due`, `_origin_table`, and
//! the café's `_dot_kinds` on each table's outline. A synthesis reference names its original with
//! `_refers_to`, the original's `_id`. (OPML lets an outline carry any attribute; the underscore
//! is how outliners such as OmniOutliner mark their own, like `_note`.) The head holds the
//! café's subtitle and details the same way: `<_subtitle>`, `<_date>`, `<_place>`,
//! `<_facilitators>`, `<_organisers>`, `<_synonyms>` (see [`details`]).

use super::xml::{self, Charset, Item};
use super::{ExportOptions, selected_tables};
use crate::io::FileError;
use crate::io::import::details;
use crate::io::import::marks::{dot_kinds_value, tags_value, votes_value};
use crate::model::{Cafe, NodeId, NodeKind, Table};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesText, Event};
use std::collections::HashSet;

pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let unsorted = xml::unsorted_label(options.lang);
    xml::document(2, "OPML", |w| write(w, cafe, &tables, &unsorted))
}

fn write(
    w: &mut Writer<Vec<u8>>,
    cafe: &Cafe,
    tables: &[(usize, &Table)],
    unsorted: &str,
) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(xml::start(
        "opml",
        &[("version", "2.0")],
        Charset::Utf8,
    )))?;
    w.write_event(Event::Start(xml::start("head", &[], Charset::Utf8)))?;
    w.write_event(Event::Start(xml::start("title", &[], Charset::Utf8)))?;
    w.write_event(Event::Text(BytesText::from_escaped(xml::text(
        &cafe.info.title,
        Charset::Utf8,
    ))))?;
    w.write_event(Event::End(BytesEnd::new("title")))?;
    let subtitle =
        (!cafe.info.subtitle.trim().is_empty()).then(|| ("subtitle", cafe.info.subtitle.clone()));
    for (name, value) in subtitle.into_iter().chain(details::of(cafe)) {
        let element = format!("_{name}");
        w.write_event(Event::Start(xml::start(&element, &[], Charset::Utf8)))?;
        w.write_event(Event::Text(BytesText::from_escaped(xml::text(
            &value,
            Charset::Utf8,
        ))))?;
        w.write_event(Event::End(BytesEnd::new(element)))?;
    }
    w.write_event(Event::End(BytesEnd::new("head")))?;
    w.write_event(Event::Start(xml::start("body", &[], Charset::Utf8)))?;
    let dot_kinds = dot_kinds_value(&cafe.dot_kinds);
    // Originals of synthesis references carry their id, for the reference to name.
    let originals: HashSet<NodeId> = tables
        .iter()
        .flat_map(|(_, t)| t.nodes().filter_map(|n| n.refers_to))
        .collect();
    for &(index, table) in tables {
        let items = xml::table_items(table);
        xml::write_nested(w, &items, "outline", |w, item, has_children| {
            let tag = match item {
                Item::Tray => xml::start(
                    "outline",
                    &[("text", unsorted), ("_unsorted", "true")],
                    Charset::Utf8,
                ),
                Item::Node(id) => {
                    let Some(n) = table.node(id) else {
                        return Ok(false);
                    };
                    let color = n.color.map(|c| c.to_string());
                    let mut attrs: Vec<(&str, &str)> = vec![("text", n.text.as_str())];
                    if let Some(c) = &color {
                        attrs.push(("_color", c));
                    }
                    if !n.note.is_empty() {
                        attrs.push(("_note", n.note.as_str()));
                    }
                    if n.kind == NodeKind::Idea && table.parent(id) == Some(table.question()) {
                        attrs.push(("_kind", "idea"));
                    }
                    let origin = cafe
                        .written_elsewhere(n, index)
                        .map(|t| (t + 1).to_string());
                    let own_id = if originals.contains(&id) {
                        id.0.to_string()
                    } else {
                        String::new()
                    };
                    let refers_to = n.refers_to.map(|o| o.0.to_string()).unwrap_or_default();
                    let harvest = [
                        ("_votes", votes_value(&n.votes, &cafe.dot_kinds)),
                        ("_tags", tags_value(&n.tags)),
                        (
                            "_round",
                            n.origin.round.map(|r| r.to_string()).unwrap_or_default(),
                        ),
                        ("_contributor", n.origin.contributor.clone()),
                        ("_owner", n.owner.clone()),
                        ("_due", n.due.clone()),
                        ("_origin_table", origin.unwrap_or_default()),
                        ("_id", own_id),
                        ("_refers_to", refers_to),
                    ];
                    if id == table.question() {
                        attrs.push(("_dot_kinds", dot_kinds.as_str()));
                    }
                    attrs.extend(harvest.iter().map(|(k, v)| (*k, v.as_str())));
                    attrs.retain(|(k, v)| *k == "text" || !v.is_empty());
                    xml::start("outline", &attrs, Charset::Utf8)
                }
            };
            w.write_event(if has_children {
                Event::Start(tag)
            } else {
                Event::Empty(tag)
            })?;
            Ok(has_children)
        })?;
    }
    w.write_event(Event::End(BytesEnd::new("body")))?;
    w.write_event(Event::End(BytesEnd::new("opml")))?;
    Ok(())
}
