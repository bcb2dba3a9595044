//! A small, defensive XML reader for the OPML and FreeMind importers: the file becomes a tree of
//! elements, or one clear error.
//!
//! Safe on hostile files: quick-xml never fetches external entities nor expands declared ones,
//! and we refuse a DOCTYPE that declares entities at all (the "billion laughs" bomb), cap the
//! nesting depth, and resolve only the predefined entities and character references.

use super::outline::MAX_DEPTH;
use crate::io::FileError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

/// Elements may nest a little deeper than outlines: formats wrap nodes in `<map>`, `<body>`,
/// `<richcontent><html><body><p>`…
pub const MAX_ELEMENT_DEPTH: usize = MAX_DEPTH + 40;

#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Element(Element),
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Element {
    /// Local name (no namespace prefix), as written.
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Content>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements, in order.
    pub fn elements(&self) -> impl Iterator<Item = &Element> + '_ {
        self.children.iter().filter_map(|c| match c {
            Content::Element(e) => Some(e),
            Content::Text(_) => None,
        })
    }

    /// Child elements called `name`.
    pub fn elements_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements()
            .filter(move |e| e.name.eq_ignore_ascii_case(name))
    }
}

/// Parses a whole document whose root element must be called `name` (any case); `what`
/// names the format in the error, as in "not an OPML file".
pub fn parse_root(text: &str, name: &str, what: &str) -> Result<Element, FileError> {
    let root = parse(text)?;
    if !root.name.eq_ignore_ascii_case(name) {
        return Err(FileError::new(format!(
            "not {what}: it starts with <{}>, not <{name}>",
            root.name
        )));
    }
    Ok(root)
}

/// Parses a whole document; returns its root element.
pub fn parse(text: &str) -> Result<Element, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = Reader::from_str(text);
    let line_of = |pos: u64| {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(text.len());
        1 + text
            .as_bytes()
            .get(..pos)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader.read_event().map_err(|e| {
            FileError::new(format!("not well-formed XML: {e}"))
                .at_line(line_of(reader.error_position()))
        })?;
        let here = || line_of(reader.buffer_position());
        match event {
            Event::DocType(d) => {
                let decl = String::from_utf8_lossy(&d.into_inner()).to_ascii_uppercase();
                if decl.contains("<!ENTITY") {
                    return Err(FileError::new(
                        "refused: the file declares XML entities (a DOCTYPE with <!ENTITY>), which \
                         can hide an entity bomb; maps never need them",
                    )
                    .at_line(here()));
                }
            }
            Event::Start(s) => {
                if stack.len() >= MAX_ELEMENT_DEPTH {
                    return Err(FileError::new(format!(
                        "the XML is nested more than {MAX_ELEMENT_DEPTH} elements deep"
                    ))
                    .at_line(here()));
                }
                stack.push(element(&s).map_err(|e| e.at_line(here()))?);
            }
            Event::Empty(s) => {
                let e = element(&s).map_err(|e| e.at_line(here()))?;
                attach(&mut stack, &mut root, e);
            }
            Event::End(_) => {
                if let Some(e) = stack.pop() {
                    attach(&mut stack, &mut root, e);
                }
            }
            Event::Text(t) => {
                let s = t
                    .xml10_content()
                    .map_err(|e| FileError::new(format!("bad text: {e}")).at_line(here()))?;
                push_text(&mut stack, &s);
            }
            Event::CData(c) => {
                let s = c
                    .decode()
                    .map_err(|e| FileError::new(format!("bad text: {e}")).at_line(here()))?;
                push_text(&mut stack, &s);
            }
            Event::GeneralRef(r) => {
                // Unknown entities and broken character references (`&#xé9;`) are kept as
                // written, as in attribute values: the text is not lost, nor the whole file.
                let name = String::from_utf8_lossy(&r).into_owned();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => entity(&name).map_or_else(|| format!("&{name};"), str::to_owned),
                    Err(_) => format!("&{name};"),
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(FileError::new(format!(
            "the file ends inside <{}>: it is cut short or not XML",
            open.name
        )));
    }
    root.ok_or_else(|| FileError::new("the file holds no XML element"))
}

/// Entities we resolve besides character references: XML's five, and `&nbsp;` which HTML rich
/// text in FreeMind files uses.
fn entity(name: &str) -> Option<&'static str> {
    quick_xml::escape::resolve_xml_entity(name).or(match name {
        "nbsp" => Some("\u{a0}"),
        _ => None,
    })
}

fn element(s: &BytesStart<'_>) -> Result<Element, FileError> {
    let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in s.attributes() {
        let a = a.map_err(|e| FileError::new(format!("bad attribute in <{name}>: {e}")))?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let raw = std::str::from_utf8(&a.value)
            .map_err(|_| FileError::new(format!("the value of {key} in <{name}> is not UTF-8")))?;
        attrs.push((key, attr_value(raw)));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// An attribute value as XML reads it: literal tabs and line breaks are spaces, character
/// references and known entities are resolved. An unknown entity is kept as written (never
/// expanded, never fatal), so its text is not lost.
fn attr_value(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(['&', '\t', '\n', '\r']) {
        let Some((before, tail)) = rest.split_at_checked(i) else {
            break;
        };
        out.push_str(before);
        // "\r\n" is one line break, hence one space.
        if let Some(after) = tail
            .strip_prefix("\r\n")
            .or_else(|| tail.strip_prefix(['\t', '\n', '\r']))
        {
            out.push(' ');
            rest = after;
            continue;
        }
        let after_amp = tail.strip_prefix('&').unwrap_or(tail);
        match reference(after_amp) {
            Some((c, after)) => {
                out.push_str(&c);
                rest = after;
            }
            None => {
                out.push('&');
                rest = after_amp;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Longest reference name looked for after `&` (`#x10FFFF`, `nbsp`…): the `;` is searched for
/// only that far, so a value full of `&` is still read in linear time.
const MAX_REFERENCE_CHARS: usize = 32;

/// A character reference or known entity at the start of `s` (just after its `&`): what it
/// stands for and the text after its `;`.
fn reference(s: &str) -> Option<(String, &str)> {
    let (end, _) = s
        .char_indices()
        .take(MAX_REFERENCE_CHARS)
        .find(|&(_, c)| c == ';')?;
    let (name, after) = s.split_at_checked(end)?;
    let after = after.strip_prefix(';')?;
    let digit_char = |digits: &str, radix: u32| {
        // `from_str_radix` would take a sign ("&#+65;"); XML does not.
        digits
            .chars()
            .all(|c| c.is_digit(radix))
            .then(|| u32::from_str_radix(digits, radix).ok())
            .flatten()
            .and_then(char::from_u32)
            .map(String::from)
    };
    let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        digit_char(hex, 16)
    } else if let Some(dec) = name.strip_prefix('#') {
        digit_char(dec, 10)
    } else {
        entity(name).map(str::to_owned)
    };
    c.map(|c| (c, after))
}

fn attach(stack: &mut [Element], root: &mut Option<Element>, e: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Content::Element(e)),
        // A second top-level element is not XML; keep the first.
        None => {
            if root.is_none() {
                *root = Some(e);
            }
        }
    }
}

fn push_text(stack: &mut [Element], s: &str) {
    let Some(parent) = stack.last_mut() else {
        return;
    };
    if let Some(Content::Text(t)) = parent.children.last_mut() {
        t.push_str(s);
    } else {
        parent.children.push(Content::Text(s.to_owned()));
    }
}

/// The plain text of HTML rich content: paragraphs, list items and `<br>` become line breaks,
/// runs of spaces collapse as a browser shows them. Counts images in `images`.
pub fn html_text(e: &Element, images: &mut usize) -> String {
    let mut lines: Vec<String> = vec![String::new()];
    html_walk(e, &mut lines, images, 0);
    let lines: Vec<String> = lines.iter().map(|l| l.trim().to_owned()).collect();
    // Drop blank lines at both ends, keep inner ones.
    let start = lines
        .iter()
        .position(|l| !l.is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(start, |i| i + 1);
    lines
        .get(start..end)
        .map(|l| l.join("\n"))
        .unwrap_or_default()
}

fn html_walk(e: &Element, lines: &mut Vec<String>, images: &mut usize, depth: usize) {
    if depth > MAX_ELEMENT_DEPTH {
        return;
    }
    let name = e.name.to_ascii_lowercase();
    let block = matches!(
        name.as_str(),
        "p" | "div"
            | "li"
            | "tr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "blockquote"
            | "ul"
            | "ol"
    );
    match name.as_str() {
        "img" => *images += 1,
        "br" => lines.push(String::new()),
        "head" | "style" | "script" => return,
        _ => {}
    }
    if block && lines.last().is_some_and(|l| !l.trim().is_empty()) {
        lines.push(String::new());
    }
    for c in &e.children {
        match c {
            Content::Element(child) => html_walk(child, lines, images, depth + 1),
            Content::Text(t) => {
                let Some(line) = lines.last_mut() else {
                    continue;
                };
                for word in t.split([' ', '\t', '\n', '\r']) {
                    if word.is_empty() {
                        if !line.ends_with(' ') && !line.is_empty() {
                            line.push(' ');
                        }
                        continue;
                    }
                    line.push_str(word);
                    line.push(' ');
                }
                // `split` leaves a trailing space after the last word; keep it only if the text
                // itself ended in whitespace, so "<b>mult</b>-secteurs" stays one word.
                if !t.ends_with([' ', '\t', '\n', '\r']) && line.ends_with(' ') {
                    line.pop();
                }
            }
        }
    }
    if block {
        lines.push(String::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_and_text() {
        let root =
            parse("<?xml version=\"1.0\"?><a x=\"1&amp;2&#xa;3\"><b/>t&lt;u<![CDATA[<v>]]></a>")
                .unwrap();
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("x"), Some("1&2\n3"));
        assert_eq!(
            attr_value("a\r\nb\tc &unknown; &#233;&#xE9;&amp;lt; &"),
            "a b c &unknown; éé&lt; &"
        );
        assert_eq!(root.elements().count(), 1);
        assert_eq!(root.children.last(), Some(&Content::Text("t<u<v>".into())));
    }

    #[test]
    fn refuses_entity_declarations_and_broken_files() {
        let bomb = "<!DOCTYPE x [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;\">]><x>&b;</x>";
        let e = parse(bomb).unwrap_err();
        assert!(e.reason.contains("entities"), "{e}");
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").unwrap_err().reason.contains("ends inside"));
        assert!(parse("plain").is_err());
    }

    #[test]
    fn html_to_text() {
        let root = parse("<html><head><title>x</title></head><body><p>Hello  <b>big</b>\n world</p><p>two<br/>lines</p><img src=\"a.png\"/></body></html>").unwrap();
        let mut images = 0;
        assert_eq!(html_text(&root, &mut images), "Hello big world\ntwo\nlines");
        assert_eq!(images, 1);
    }
}
