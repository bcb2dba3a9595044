//! Indented plain text, as typed in any editor or copied from a word processor's outline:
//!
//! ```text
//! Question of table 1
//!     Theme
//!         Idea
//!             Idea under that idea
//! Question of table 2
//! ```
//!
//! Each unindented line opens a table; one level deeper is a theme, deeper still an idea.
//! Levels come from the indentation (tabs or spaces, any width, as long as it is consistent
//! within a branch). Bullet markers (`-`, `*`, `•`, `–`) are removed.

use super::Imported;
use super::outline::{Builder, MAX_DEPTH, Outline, too_deep};
use crate::io::FileError;
use crate::model::{Cafe, CafeInfo};

/// Parses an indented outline. Lines before any unindented one cannot happen (the shallowest
/// indentation of the file is level 0), so nothing is ever left out.
pub fn parse(text: &str) -> Result<Imported, FileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // (indent, outline) of the open branch, from the question down.
    let mut stack: Vec<(usize, Outline)> = Vec::new();
    let mut roots: Vec<Outline> = Vec::new();
    let base = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(indent_width)
        .min()
        .unwrap_or(0);
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let indent = indent_width(line).saturating_sub(base);
        // Close every open line indented as deep or deeper: they are not our parents.
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            close(&mut stack, &mut roots);
        }
        if stack.len() >= MAX_DEPTH {
            return Err(too_deep().at_line(n + 1));
        }
        stack.push((indent, Outline::new(strip_bullet(line.trim()))));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    let mut b = Builder::new(Cafe::new(CafeInfo::default()));
    for root in roots {
        b.add_table(root);
    }
    Ok(b.finish())
}

/// Pops the innermost open line and hangs it under its parent (or makes it a table).
fn close(stack: &mut Vec<(usize, Outline)>, roots: &mut Vec<Outline>) {
    let Some((_, o)) = stack.pop() else { return };
    match stack.last_mut() {
        Some((_, parent)) => parent.children.push(o),
        None => roots.push(o),
    }
}

/// Indentation in columns; a tab reaches the next multiple of 4.
pub(super) fn indent_width(line: &str) -> usize {
    let mut w = 0;
    for c in line.chars() {
        match c {
            ' ' | '\u{a0}' => w += 1,
            '\t' => w = (w / 4 + 1) * 4,
            _ => break,
        }
    }
    w
}

/// The text without a leading bullet (`- `, `* `, `+ `, `• `, `– `, `◦ `).
fn strip_bullet(line: &str) -> &str {
    for b in ["- ", "* ", "+ ", "• ", "– ", "◦ ", "▪ "] {
        if let Some(rest) = line.strip_prefix(b) {
            return rest.trim_start();
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_levels_with_tabs_or_spaces() {
        let imp =
            parse("Q1\n\tT1\n\t\tidea\n\t\t\tsub\n\tT2\nQ2\n  - T3\n      * idea 3\n").unwrap();
        let c = &imp.cafe;
        assert_eq!(c.counts(), (2, 3, 3));
        let t = &c.tables[1];
        assert_eq!(t.question_node().text, "Q2");
        let theme = t.themes()[0];
        assert_eq!(t.node(theme).map(|n| n.text.as_str()), Some("T3"));
        assert_eq!(t.children(theme).len(), 1);
        c.validate().unwrap();
    }

    #[test]
    fn whole_file_indented_is_relative() {
        let imp = parse("    Q\n        T\n").unwrap();
        assert_eq!(imp.cafe.counts(), (1, 1, 0));
    }

    #[test]
    fn refuses_absurd_depth() {
        let deep: String = (0..MAX_DEPTH + 5)
            .map(|i| format!("{}x\n", " ".repeat(i)))
            .collect();
        let e = parse(&deep).unwrap_err();
        assert!(e.reason.contains("levels deep"), "{e}");
        assert_eq!(e.line, Some(MAX_DEPTH + 1));
    }
}
