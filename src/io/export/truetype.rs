//! A TrueType font cut down to the glyphs a document uses, for embedding in a PDF.
//!
//! Glyph ids stay the same (the PDF addresses glyphs by id): the outlines of unused glyphs are
//! simply left out of `glyf`, and the tables a PDF viewer does not read (character maps,
//! hinting, OpenType layout) are dropped. Components of composite glyphs (é = e + ´) are kept.
//! Every read is bounds-checked: a font that does not parse gives `None`, never a panic.

use std::collections::BTreeSet;

/// Tables kept: what a PDF viewer needs to draw the glyphs of a CIDFontType2 font.
const KEPT: [&[u8; 4]; 4] = [b"head", b"hhea", b"hmtx", b"maxp"];

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    let b = data.get(at..at + 2)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    let b = data.get(at..at + 4)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

/// The font's tables: tag → bytes.
fn tables(font: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count)
        .map(|i| {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = font.get(record..record + 4)?.try_into().ok()?;
            let offset = u32_at(font, record + 8)? as usize;
            let length = u32_at(font, record + 12)? as usize;
            Some((tag, font.get(offset..offset.checked_add(length)?)?))
        })
        .collect()
}

fn table<'a>(tables: &[([u8; 4], &'a [u8])], tag: &[u8; 4]) -> Option<&'a [u8]> {
    tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d)
}

/// Byte ranges of every glyph in `glyf`, from `loca`.
fn glyph_ranges(head: &[u8], loca: &[u8], glyphs: usize) -> Option<Vec<(usize, usize)>> {
    let long = u16_at(head, 50)? == 1;
    let offset = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, 4 * i).map(|o| o as usize)
        } else {
            u16_at(loca, 2 * i).map(|o| 2 * usize::from(o))
        }
    };
    (0..glyphs)
        .map(|i| Some((offset(i)?, offset(i + 1)?)))
        .collect()
}

/// The glyphs a composite glyph is made of (none for a simple glyph).
fn components(glyph: &[u8]) -> Vec<u16> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut out = Vec::new();
    let Some(contours) = u16_at(glyph, 0) else {
        return out;
    };
    if (contours as i16) >= 0 {
        return out;
    }
    let mut at = 10;
    while let (Some(flags), Some(id)) = (u16_at(glyph, at), u16_at(glyph, at + 2)) {
        out.push(id);
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += match () {
            _ if flags & SCALE != 0 => 2,
            _ if flags & XY_SCALE != 0 => 4,
            _ if flags & TWO_BY_TWO != 0 => 8,
            _ => 0,
        };
        if flags & MORE == 0 {
            break;
        }
    }
    out
}

/// `font` with only the outlines of `used` (and `.notdef`, and their components).
pub fn subset(font: &[u8], used: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let all = tables(font)?;
    let head = table(&all, b"head")?;
    let glyphs = usize::from(u16_at(table(&all, b"maxp")?, 4)?);
    let glyf = table(&all, b"glyf")?;
    let ranges = glyph_ranges(head, table(&all, b"loca")?, glyphs)?;
    let outline = |id: u16| {
        let (a, b) = *ranges.get(usize::from(id))?;
        glyf.get(a..b)
    };
    let mut keep: BTreeSet<u16> = BTreeSet::new();
    let mut todo: Vec<u16> = std::iter::once(0).chain(used.iter().copied()).collect();
    while let Some(id) = todo.pop() {
        if usize::from(id) < glyphs && keep.insert(id) {
            todo.extend(components(outline(id).unwrap_or_default()));
        }
    }
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for id in 0..glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let id = u16::try_from(id).ok()?;
        if keep.contains(&id) {
            new_glyf.extend_from_slice(outline(id)?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    // Long offsets in `loca`; no whole-font checksum (viewers do not check it).
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = KEPT
        .iter()
        .filter(|t| ***t != *b"head")
        .filter_map(|t| table(&all, t).map(|d| (**t, d.to_vec())))
        .collect();
    out_tables.push((*b"head", new_head));
    out_tables.push((*b"glyf", new_glyf));
    out_tables.push((*b"loca", new_loca));
    out_tables.sort_by_key(|(t, _)| *t);
    Some(assemble(&out_tables))
}

/// A font file from its tables (sorted by tag).
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let power = 1u16 << (15 - n.max(1).leading_zeros().min(15));
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&n.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&(power.trailing_zeros() as u16).to_be_bytes());
    out.extend_from_slice(&(n * 16 - power * 16).to_be_bytes());
    let mut offset = 12 + 16 * tables.len();
    for (tag, data) in tables {
        let checksum = data
            .chunks(4)
            .map(|c| {
                let mut word = [0u8; 4];
                word[..c.len()].copy_from_slice(c);
                u32::from_be_bytes(word)
            })
            .fold(0u32, u32::wrapping_add);
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().next_multiple_of(4);
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_used_glyphs_and_their_components_with_their_ids() {
        let full = ttf_parser::Face::parse(crate::text::REGULAR_TTF, 0).unwrap();
        let ids: BTreeSet<u16> = "Café é"
            .chars()
            .filter_map(|c| full.glyph_index(c))
            .map(|g| g.0)
            .collect();
        let bytes = subset(crate::text::REGULAR_TTF, &ids).unwrap();
        assert!(
            bytes.len() < crate::text::REGULAR_TTF.len() / 5,
            "{}",
            bytes.len()
        );
        let cut = ttf_parser::Face::parse(&bytes, 0).unwrap();
        assert_eq!(cut.number_of_glyphs(), full.number_of_glyphs());
        let bounds = |f: &ttf_parser::Face, c: char| {
            let id = full.glyph_index(c).unwrap();
            f.glyph_bounding_box(id)
        };
        for c in ['C', 'a', 'f', 'é'] {
            assert!(bounds(&cut, c).is_some(), "{c} is drawn");
            assert_eq!(bounds(&cut, c), bounds(&full, c));
        }
        assert!(bounds(&cut, 'z').is_none(), "an unused glyph is left out");
        assert!(subset(b"not a font", &ids).is_none());
    }
}
