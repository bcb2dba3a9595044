//! Escaping shared by the XML exporters (OPML, Freeplane). quick-xml writes the structure; the
//! values are escaped here because node texts need more than quick-xml's default: line breaks
//! inside attributes must survive (as `&#xa;`, the way FreeMind and Freeplane write them), and
//! characters XML 1.0 forbids (most control characters) must not make the file unreadable.

use super::{reading_order, walk};
use crate::model::{NodeId, Table};
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::QName;
use std::borrow::Cow;
use std::io;

/// How much of the text to write as character references.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// UTF-8 as is (OPML declares UTF-8).
    Utf8,
    /// Everything outside ASCII as `&#x…;`: FreeMind reads files in the platform's encoding,
    /// so its own files (and Freeplane's) spell accents this way.
    Ascii,
}

/// Whether XML 1.0 allows the character at all.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// An XML document written by `write`, indented `indent` spaces a level, ending with a line
/// break; `what` names it in the error ("could not write {what}: …").
pub fn document(
    indent: usize,
    what: &str,
    write: impl FnOnce(&mut Writer<Vec<u8>>) -> io::Result<()>,
) -> Result<Vec<u8>, crate::io::FileError> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', indent);
    write(&mut w).map_err(|e| crate::io::FileError::new(format!("could not write {what}: {e}")))?;
    let mut bytes = w.into_inner();
    bytes.push(b'\n');
    Ok(bytes)
}

/// Escapes a value for a double-quoted attribute, keeping line breaks and tabs.
pub fn attr(s: &str, charset: Charset) -> String {
    escape(s, charset, true)
}

/// Escapes element text.
pub fn text(s: &str, charset: Charset) -> String {
    escape(s, charset, false)
}

fn escape(s: &str, charset: Charset, in_attr: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attr => out.push_str("&quot;"),
            '\n' if in_attr => out.push_str("&#xa;"),
            '\r' => out.push_str("&#xd;"),
            '\t' if in_attr => out.push_str("&#x9;"),
            c if !allowed(c) => {}
            c if charset == Charset::Ascii && !c.is_ascii() => {
                out.push_str(&format!("&#x{:x};", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// A start tag with attributes whose values are escaped with [`attr`].
pub fn start<'a>(name: &'a str, attrs: &[(&'a str, &str)], charset: Charset) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute(Attribute {
            key: QName(k.as_bytes()),
            value: Cow::Owned(attr(v, charset).into_bytes()),
        });
    }
    e
}

/// One entry of a table written as nested elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    Node(NodeId),
    /// The element holding the unsorted ideas, a child of the question.
    Tray,
}

/// A table in writing order with depths (question 0): the question's branches, then the tray
/// of unsorted ideas (if any) with each unsorted idea's own subtree.
pub fn table_items(table: &Table) -> Vec<(Item, usize)> {
    let mut items: Vec<(Item, usize)> = walk(table, table.question())
        .into_iter()
        .map(|(id, d)| (Item::Node(id), d))
        .collect();
    let unsorted = reading_order(table, &table.unsorted());
    if !unsorted.is_empty() {
        items.push((Item::Tray, 1));
        for u in unsorted {
            items.extend(
                walk(table, u)
                    .into_iter()
                    .map(|(id, d)| (Item::Node(id), d + 2)),
            );
        }
    }
    items
}

/// Writes pre-ordered items as nested `end_name` elements without recursion. `open` writes an
/// item's start tag (and any inner elements) knowing whether children follow, and returns
/// whether it left the element open (so that its end tag must follow its children).
pub fn write_nested<F>(
    w: &mut Writer<Vec<u8>>,
    items: &[(Item, usize)],
    end_name: &str,
    mut open: F,
) -> io::Result<()>
where
    F: FnMut(&mut Writer<Vec<u8>>, Item, bool) -> io::Result<bool>,
{
    let mut open_depths: Vec<usize> = Vec::new();
    for (i, &(item, depth)) in items.iter().enumerate() {
        while open_depths.last().is_some_and(|&d| d >= depth) {
            open_depths.pop();
            w.write_event(Event::End(BytesEnd::new(end_name)))?;
        }
        let has_children = items.get(i + 1).is_some_and(|&(_, d)| d > depth);
        if open(w, item, has_children)? {
            open_depths.push(depth);
        }
    }
    while open_depths.pop().is_some() {
        w.write_event(Event::End(BytesEnd::new(end_name)))?;
    }
    Ok(())
}

/// The label of the node that holds unsorted ideas in outline exports, in the export's language
/// (an explicit option, never the machine's locale, so every machine writes the same file).
pub fn unsorted_label(lang: crate::i18n::Lang) -> String {
    crate::i18n::I18n::new(lang).tr("export-unsorted")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_breaks_markup_and_forbidden_characters() {
        assert_eq!(
            attr("a\"b<c>&\nd\u{1}", Charset::Utf8),
            "a&quot;b&lt;c&gt;&amp;&#xa;d"
        );
        assert_eq!(attr("é→", Charset::Ascii), "&#xe9;&#x2192;");
        assert_eq!(text("x\ny", Charset::Utf8), "x\ny");
    }
}
