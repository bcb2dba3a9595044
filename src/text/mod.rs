//! Text measurement and wrapping with the bundled font, without egui.
//!
//! The canvas and every export (SVG, PNG, PDF) take their line breaks from here, so a note wraps
//! the same way on screen and on paper. Sizes are in canvas units (points at 100 % zoom).

mod fold;
pub mod indent;
mod join;
pub mod marks;
mod style;

pub use fold::{fold, fold_with_map};
pub use join::join_line;
pub use style::{LINE_HEIGHT, NodeStyle, TextBlock, layout_node_text};

use std::sync::OnceLock;

/// The bundled fonts (DejaVu Sans: full French typography, arrows, œ). Also embedded in exports.
pub const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
/// The family name the fonts declare, used by SVG export.
pub const FAMILY: &str = "DejaVu Sans";

/// Advance widths of one face, in ems, for the characters French text uses most; others are
/// looked up in the font on demand.
struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advances of U+0000..U+0180 (Latin, Latin-1, Latin Extended-A), in ems.
    latin: Vec<f32>,
    fallback: f32,
}

impl Metrics {
    fn load(bytes: &'static [u8]) -> Option<Metrics> {
        let face = ttf_parser::Face::parse(bytes, 0).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        let advance = |c: char| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map(|a| f32::from(a) / units_per_em)
        };
        let fallback = advance('n').unwrap_or(0.6);
        let latin = (0u32..0x180)
            .map(|u| char::from_u32(u).and_then(advance).unwrap_or(fallback))
            .collect();
        Some(Metrics {
            face,
            units_per_em,
            latin,
            fallback,
        })
    }

    fn advance(&self, c: char) -> f32 {
        if let Some(a) = self.latin.get(c as usize) {
            return *a;
        }
        self.face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .map(|a| f32::from(a) / self.units_per_em)
            .unwrap_or(self.fallback)
    }
}

fn metrics(bold: bool) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, BOLD_TTF)
    } else {
        (&REGULAR, REGULAR_TTF)
    };
    // The fonts are compiled in and tested (`fonts_parse`), so this cannot fail at run time.
    cell.get_or_init(|| Metrics::load(bytes).expect("bundled font parses"))
}

/// Width of a single line of text at `size`.
pub fn measure(text: &str, size: f32, bold: bool) -> f32 {
    let m = metrics(bold);
    text.chars().map(|c| m.advance(c)).sum::<f32>() * size
}

/// How far the font rises above the baseline at `size` (the hhea ascender, which egui also uses).
/// egui places text by the top of its row, SVG by the baseline: `baseline = top + ascent`.
pub fn ascent(size: f32, bold: bool) -> f32 {
    let m = metrics(bold);
    f32::from(m.face.ascender()) / m.units_per_em * size
}

/// How far the font reaches below the baseline at `size`, as a positive distance.
pub fn descent(size: f32, bold: bool) -> f32 {
    let m = metrics(bold);
    -f32::from(m.face.descender()) / m.units_per_em * size
}

/// The words of a line, with French high punctuation kept with its word: "faire ?" and
/// "« clé" never break at their space (French puts a space before ? ! : ; » and after «).
fn french_words(line: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut glue_next = false;
    for w in line.split(' ').filter(|w| !w.is_empty()) {
        let closing = w.starts_with(['?', '!', ':', ';', '»']) && w.chars().count() <= 3;
        match words.last_mut() {
            Some(prev) if closing || glue_next => {
                prev.push(' ');
                prev.push_str(w);
            }
            _ => words.push(w.to_owned()),
        }
        glue_next = w == "«";
    }
    words
}

/// Breaks `text` into lines no wider than `max_width` (except a single word that cannot fit,
/// which is broken between characters). Explicit line breaks are kept; spaces at a break vanish.
pub fn wrap(text: &str, size: f32, max_width: f32, bold: bool) -> Vec<String> {
    let m = metrics(bold);
    let space = m.advance(' ') * size;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end_matches('\r');
        let mut line = String::new();
        let mut width = 0.0;
        for word in french_words(paragraph) {
            let word = word.as_str();
            let w = measure(word, size, bold);
            let needed = if line.is_empty() {
                w
            } else {
                width + space + w
            };
            if needed <= max_width {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
                width = needed;
                continue;
            }
            if w <= max_width {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line.push_str(word);
                width = w;
                continue;
            }
            // A word longer than a whole line ("formations/renforcement", a URL) is broken anyway:
            // start it on the current line, after a slash or hyphen where possible, else between
            // characters where it overflows.
            if !line.is_empty() {
                line.push(' ');
                width += space;
            }
            for piece in word.split_inclusive(['/', '-']) {
                let pw = measure(piece, size, bold);
                if width + pw > max_width && !line.trim_end().is_empty() {
                    lines.push(std::mem::take(&mut line).trim_end().to_owned());
                    width = 0.0;
                }
                if pw <= max_width {
                    line.push_str(piece);
                    width += pw;
                    continue;
                }
                for c in piece.chars() {
                    let cw = m.advance(c) * size;
                    if width + cw > max_width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        width = 0.0;
                    }
                    line.push(c);
                    width += cw;
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_parse_and_cover_french_typography() {
        for bold in [false, true] {
            let m = metrics(bold);
            for c in "’«»…–→œéÉàçÇ".chars() {
                assert!(m.face.glyph_index(c).is_some(), "missing {c}");
            }
        }
    }

    #[test]
    fn wraps_at_spaces_and_keeps_breaks() {
        let lines = wrap(
            "Appui sur les ONG locales, sur les centres culturels",
            14.0,
            120.0,
            false,
        );
        assert!(lines.len() >= 3, "{lines:?}");
        assert!(lines.iter().all(|l| measure(l, 14.0, false) <= 120.0));
        assert_eq!(
            lines.join(" "),
            "Appui sur les ONG locales, sur les centres culturels"
        );
        assert_eq!(wrap("a\nb", 14.0, 500.0, false), vec!["a", "b"]);
    }

    #[test]
    fn breaks_long_compounds_after_a_slash() {
        let lines = wrap("formations/renforcement des capacités", 13.0, 130.0, false);
        assert_eq!(lines[0], "formations/");
        assert!(lines[1].starts_with("renforcement"), "{lines:?}");
    }

    #[test]
    fn a_long_compound_starts_on_the_current_line() {
        let text = "Proposer des échanges en termes de formations/renforcement des capacités";
        let lines = wrap(text, 14.0, 160.0, false);
        assert!(
            lines
                .iter()
                .all(|l| l.split(' ').count() > 1 || l.ends_with('/') || l.len() > 3),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.ends_with("de formations/")),
            "{lines:?}"
        );
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
    }

    #[test]
    fn french_punctuation_stays_with_its_word() {
        for width in [60.0, 90.0, 120.0, 200.0] {
            let lines = wrap(
                "Outils – comment faire ? Projets « clé en main » de la DAECT",
                14.0,
                width,
                false,
            );
            assert!(
                lines
                    .iter()
                    .all(|l| !l.starts_with('?') && !l.starts_with('»') && !l.ends_with('«')),
                "{lines:?}"
            );
        }
    }

    #[test]
    fn cuts_words_longer_than_a_line() {
        let url = "https://example.org/a/very/long/path/that/cannot/fit";
        let lines = wrap(url, 14.0, 80.0, false);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), url);
    }
}
