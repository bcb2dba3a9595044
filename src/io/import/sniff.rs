//! Guessing a file's format from its first bytes, for `.txt` files, pasted text and unknown
//! extensions.

use super::ImportFormat;
use crate::text::indent::indent_width;

/// The format the content looks like, or why it cannot be imported.
pub fn sniff(bytes: &[u8]) -> Result<ImportFormat, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let start = text.trim_start();
    if start.starts_with('<') {
        return match first_element(start) {
            Some(name) if name.eq_ignore_ascii_case("opml") => Ok(ImportFormat::Opml),
            Some(name) if name.eq_ignore_ascii_case("map") => Ok(ImportFormat::FreeMind),
            Some(name) => Err(format!(
                "XML starting with <{name}> is neither OPML nor a FreeMind map"
            )),
            None => Err("it looks like XML but holds no element".to_owned()),
        };
    }
    if start.starts_with('{') {
        return if start.contains("\"nodes\"") {
            Ok(ImportFormat::Canvas)
        } else {
            Err("JSON without \"nodes\" is not a JSON Canvas".to_owned())
        };
    }
    if text.trim().is_empty() {
        return Err("it is empty".to_owned());
    }
    if text.lines().any(|l| l.starts_with("## ")) {
        return Ok(ImportFormat::MarkdownOutline);
    }
    if looks_like_outline(text) {
        Ok(ImportFormat::TextOutline)
    } else {
        Ok(ImportFormat::Notes)
    }
}

/// An outline nests: many lines sit deeper than the line right above them. Text pasted from a
/// PDF has a stray indented line or two, and notes typed with an indented first line have a
/// blank line above it; neither makes a tree.
fn looks_like_outline(text: &str) -> bool {
    let mut nonblank = 0usize;
    let mut nested = 0usize;
    let mut above: Option<usize> = None;
    for line in text.lines() {
        if line.trim().is_empty() {
            above = None;
            continue;
        }
        nonblank += 1;
        let indent = indent_width(line);
        if above.is_some_and(|a| indent > a) {
            nested += 1;
        }
        above = Some(indent);
    }
    nested > 0 && nested * 4 >= nonblank
}

/// The name of the first element, skipping the XML declaration, comments and DOCTYPE.
fn first_element(mut s: &str) -> Option<&str> {
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix("<?") {
            s = rest.split_once("?>")?.1;
        } else if let Some(rest) = s.strip_prefix("<!--") {
            s = rest.split_once("-->")?.1;
        } else if let Some(rest) = s.strip_prefix("<!") {
            // DOCTYPE, possibly with an internal subset in brackets.
            let end = if rest
                .split('>')
                .next()
                .is_some_and(|head| head.contains('['))
            {
                "]>"
            } else {
                ">"
            };
            s = rest.split_once(end)?.1;
        } else {
            let rest = s.strip_prefix('<')?;
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(rest.len());
            return rest.get(..end).filter(|n| !n.is_empty());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_formats_apart() {
        let f = |s: &str| sniff(s.as_bytes());
        assert_eq!(
            f("<?xml version=\"1.0\"?>\n<!-- x --><opml version=\"2.0\">"),
            Ok(ImportFormat::Opml)
        );
        assert_eq!(
            f("\u{feff}<map version=\"freeplane 1.9.13\">"),
            Ok(ImportFormat::FreeMind)
        );
        assert_eq!(
            f("<!DOCTYPE map [<!ENTITY a \"b\">]><map>"),
            Ok(ImportFormat::FreeMind)
        );
        assert_eq!(f("{\"nodes\":[],\"edges\":[]}"), Ok(ImportFormat::Canvas));
        assert_eq!(f("Q\n\tT\n\t\tidea"), Ok(ImportFormat::TextOutline));
        assert_eq!(
            f("note one\nstill one\n\nnote two"),
            Ok(ImportFormat::Notes)
        );
        // Notes typed with an indented first line, and PDF text with a stray indent.
        let typed = "\tnote one\nstill one\n\n\tnote two\n";
        assert_eq!(f(typed), Ok(ImportFormat::Notes));
        let pdf = "Maintien des\n\n actions\nAppui sur\n\nles ONG\n\nlocales\n";
        assert_eq!(f(pdf), Ok(ImportFormat::Notes));
        assert_eq!(f("# E\n## Q\n- T"), Ok(ImportFormat::MarkdownOutline));
        assert!(f("<html>").is_err());
        assert!(f("{\"a\":1}").is_err());
        assert!(sniff(b"\xff\xfe").is_err());
        assert!(f("  \n").is_err());
    }
}
