//! OPML 2.0: one top-level `<outline>` per table (its question), themes and ideas nested in
//! reading order. Extra attributes, which other outliners ignore and our importer reads back:
//! `_color` (a node's own colour, palette name or `#rrggbb`), `_note` (speaker notes),
//! `_kind="idea"` (an idea hanging directly off the question) and `_unsorted="true"` on the child
//! outline that holds the unsorted ideas.

use super::xml::{self, Charset, Item};
use super::{ExportOptions, selected_tables};
use crate::io::FileError;
use crate::model::{Cafe, NodeKind, Table};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesText, Event};

pub fn export(cafe: &Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    write(&mut w, cafe, &tables, &xml::unsorted_label(options.lang))
        .map_err(|e| FileError::new(format!("could not write OPML: {e}")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
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
    w.write_event(Event::End(BytesEnd::new("head")))?;
    w.write_event(Event::Start(xml::start("body", &[], Charset::Utf8)))?;
    for (_, table) in tables {
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
