//! How an indented outline reads: one parser for paste, plain-text import and Markdown import,
//! so the same text builds the same tree wherever it comes in.
//!
//! - **Indentation** is the run of whitespace at the start of a line, in columns. A tab moves to
//!   the next multiple of [`TAB_WIDTH`] (as in Markdown and most editors); every other space
//!   character counts one column: the plain space, the no-break space (U+00A0) that word
//!   processors put before bullets, thin, em and ideographic spaces. So text copied from Word or
//!   LibreOffice indents the way it looks.
//! - **Markers** at the start of the text are not part of it: the bullets `-` `*` `+` `•` `◦`
//!   `‣` `▪` `–` and the numbers `1.` / `1)` (one to nine digits), each followed by whitespace or
//!   ending the line. `2024 was a year`, `-5 °C` and `*important*` keep their first character.
//! - **Blank lines** (nothing but whitespace) carry no text and change no depth.
//! - **Depth**: a line hangs under the nearest line above it that is indented less. Widths need
//!   not be consistent across the file (two spaces here, a tab there): only "less than the
//!   line above" matters, so the first line is always at depth 0 whatever its indentation.
//!
//! Everything here works on chars, never byte offsets, so any Unicode text is safe.

/// Columns a tab advances to (the next multiple of this).
pub const TAB_WIDTH: usize = 4;

/// Deepest outline CaféMap builds from text or an imported file. Real outlines are a handful of
/// levels deep; hundreds of levels is broken or hostile input, and a bound keeps every later walk
/// over the tree (layout, render, export) cheap and its recursion shallow.
pub const MAX_DEPTH: usize = 200;

/// The bullets a list item may start with.
pub const BULLETS: [char; 8] = ['-', '*', '+', '•', '◦', '‣', '▪', '–'];

/// Most digits a numbered marker has (`123456789.`); longer numbers are text, such as a year
/// or an amount.
const MAX_NUMBER_DIGITS: usize = 9;

/// The indentation of `line` in columns, and the rest of the line after it.
pub fn split_indent(line: &str) -> (usize, &str) {
    let mut width = 0;
    for (at, c) in line.char_indices() {
        if c == '\t' {
            width = (width / TAB_WIDTH + 1) * TAB_WIDTH;
        } else if c.is_whitespace() {
            width += 1;
        } else {
            return (width, line.get(at..).unwrap_or_default());
        }
    }
    (width, "")
}

/// The indentation of `line` in columns.
pub fn indent_width(line: &str) -> usize {
    split_indent(line).0
}

/// If `text` (already without indentation) starts with a list marker, the text after it
/// (empty for a marker alone); `None` if it does not.
pub fn strip_marker(text: &str) -> Option<&str> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest = if (1..=MAX_NUMBER_DIGITS).contains(&digits) {
        // ASCII digits are one byte each.
        text.get(digits..)?.strip_prefix(['.', ')'])?
    } else {
        text.strip_prefix(BULLETS)?
    };
    if rest.is_empty() {
        return Some("");
    }
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

/// One non-blank line of an outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutlineLine<'a> {
    /// 1-based line number in the text, for error messages.
    pub line: usize,
    /// 0 for the top level; at most one more than the line before.
    pub depth: usize,
    /// The text without indentation, marker and trailing whitespace. A marker alone (a line
    /// holding just `-`) is kept as the text, so no typed character is lost.
    pub text: &'a str,
}

/// The non-blank lines of an indented outline with their depths (see the module's rules). A
/// leading byte-order mark is ignored.
pub fn outline(text: &str) -> Vec<OutlineLine<'_>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Indentation of the open lines, shallowest first: the current line's ancestors.
    let mut open: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let (indent, body) = split_indent(raw);
        let body = body.trim_end();
        if body.is_empty() {
            continue;
        }
        while open.last().is_some_and(|&i| i >= indent) {
            open.pop();
        }
        out.push(OutlineLine {
            line: n + 1,
            depth: open.len(),
            text: strip_marker(body).filter(|t| !t.is_empty()).unwrap_or(body),
        });
        open.push(indent);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depths_and_texts(text: &str) -> Vec<(usize, &str)> {
        outline(text).iter().map(|l| (l.depth, l.text)).collect()
    }

    #[test]
    fn tabs_reach_the_next_stop_and_unicode_spaces_count_one() {
        assert_eq!(split_indent("\tx"), (4, "x"));
        assert_eq!(split_indent("  \tx"), (4, "x"));
        assert_eq!(split_indent("\t  \tx"), (8, "x"));
        assert_eq!(split_indent("\u{a0}\u{a0}• x"), (2, "• x"));
        assert_eq!(split_indent("\u{2003}\u{3000}x"), (2, "x"));
        assert_eq!(split_indent("   "), (3, ""));
        assert_eq!(split_indent("é"), (0, "é"));
    }

    #[test]
    fn markers_are_removed_but_look_alikes_are_text() {
        for (line, text) in [
            ("- a", Some("a")),
            ("*\tb", Some("b")),
            ("• c", Some("c")),
            ("◦ d", Some("d")),
            ("‣ e", Some("e")),
            ("– f", Some("f")),
            ("+ g", Some("g")),
            ("1. h", Some("h")),
            ("12) i", Some("i")),
            ("-", Some("")),
            ("3.", Some("")),
            ("-\u{a0}j", Some("j")),
            ("2024 was a year", None),
            ("1234567890. big", None),
            ("-5 °C", None),
            ("*important*", None),
            ("1.5 million", None),
            ("é", None),
        ] {
            assert_eq!(strip_marker(line), text, "{line:?}");
        }
    }

    #[test]
    fn depth_follows_the_nearest_shallower_line() {
        let text = "\u{feff}Thème A\n  - idée 1\n    détail\n  idée 2\nThème B\n\n\t• idée 3\n";
        assert_eq!(
            depths_and_texts(text),
            [
                (0, "Thème A"),
                (1, "idée 1"),
                (2, "détail"),
                (1, "idée 2"),
                (0, "Thème B"),
                (1, "idée 3"),
            ]
        );
        // Inconsistent widths: only "less indented than" counts; the first line is the top.
        assert_eq!(
            depths_and_texts("    A\n        B\n  C\n      D\nE"),
            [(0, "A"), (1, "B"), (0, "C"), (1, "D"), (0, "E")]
        );
        // A no-break space before a bullet indents like a space; a marker alone is kept.
        assert_eq!(
            depths_and_texts("Q\n\u{a0}\u{a0}• T\n\u{a0}\u{a0}\u{a0}\u{a0}-\n"),
            [(0, "Q"), (1, "T"), (2, "-")]
        );
    }

    #[test]
    fn line_numbers_count_blank_lines() {
        let lines = outline("a\n\n  \n\tb\r\nc");
        let numbers: Vec<usize> = lines.iter().map(|l| l.line).collect();
        assert_eq!(numbers, [1, 4, 5]);
        assert_eq!(lines[1].text, "b");
    }
}
