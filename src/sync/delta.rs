//! A text written as the runs of lines it shares with another text, and its own lines where it
//! has none: how a history's birth document travels beside the document a file holds, which is
//! that same document edited since (nothing but one run while the map is unchanged).
//!
//! A delta is a list of operations, each a kind byte then LEB128 numbers: `COPY start count`
//! (lines `start..start + count` of the other text) or `TEXT length bytes` (text of its own).
//! Lines keep their line ends, so the text comes back byte for byte.

use std::collections::HashMap;

const COPY: u8 = 0;
const TEXT: u8 = 1;

/// `text` as runs of the lines of `base` and text of its own. Linear in both: each line is
/// looked up once, and a run goes on while the next lines match.
pub fn delta(base: &str, text: &str) -> Vec<u8> {
    let base: Vec<&str> = base.split_inclusive('\n').collect();
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, line) in base.iter().enumerate() {
        at.entry(line).or_default().push(i);
    }
    let mut out = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut own = String::new();
    // Where the last run ended: a line found at several places is taken from the first place at
    // or after it, so that a run is picked up again after text the other one lacks.
    let mut after = 0;
    for line in text.split_inclusive('\n') {
        if let Some((start, count)) = run
            && base.get(start + count) == Some(&line)
        {
            run = Some((start, count + 1));
            continue;
        }
        if let Some((start, count)) = run {
            after = start + count;
        }
        let found = at.get(line).and_then(|places| {
            let i = places.partition_point(|&p| p < after);
            places.get(i).or(places.first()).copied()
        });
        match found {
            Some(place) => {
                flush(&mut out, &mut run, &mut own);
                run = Some((place, 1));
            }
            None => {
                if let Some((start, count)) = run.take() {
                    copy(&mut out, start, count);
                }
                own.push_str(line);
            }
        }
    }
    flush(&mut out, &mut run, &mut own);
    out
}

/// The text a delta made against `base` stands for; `None` when the delta does not fit `base`
/// (damaged, or made against another text) or would make more than `most` bytes (a few bytes
/// of delta can copy the whole base many times over).
pub fn apply(delta: &[u8], base: &str, most: usize) -> Option<String> {
    let base: Vec<&str> = base.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut rest = delta;
    while let Some((&kind, tail)) = rest.split_first() {
        rest = tail;
        match kind {
            COPY => {
                let start = number(&mut rest)?;
                let count = number(&mut rest)?;
                for line in base.get(start..start.checked_add(count)?)? {
                    if out.len() + line.len() > most {
                        return None;
                    }
                    out.push_str(line);
                }
            }
            TEXT => {
                let len = number(&mut rest)?;
                let (text, tail) = rest.split_at_checked(len)?;
                if out.len() + text.len() > most {
                    return None;
                }
                out.push_str(std::str::from_utf8(text).ok()?);
                rest = tail;
            }
            _ => return None,
        }
    }
    Some(out)
}

fn flush(out: &mut Vec<u8>, run: &mut Option<(usize, usize)>, own: &mut String) {
    if !own.is_empty() {
        out.push(TEXT);
        put(out, own.len());
        out.extend(own.as_bytes());
        own.clear();
    }
    if let Some((start, count)) = run.take() {
        copy(out, start, count);
    }
}

fn copy(out: &mut Vec<u8>, start: usize, count: usize) {
    out.push(COPY);
    put(out, start);
    put(out, count);
}

fn put(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn number(bytes: &mut &[u8]) -> Option<usize> {
    let mut n: usize = 0;
    for shift in (0..64).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(base: &str, text: &str) -> usize {
        let d = delta(base, text);
        assert_eq!(
            apply(&d, base, usize::MAX).as_deref(),
            Some(text),
            "{base:?} → {text:?}"
        );
        d.len()
    }

    #[test]
    fn a_text_comes_back_byte_for_byte_whatever_changed() {
        let base = "a\nb\nc\n    ),\nd\n    ),\ne";
        assert!(round_trip(base, base) <= 4, "one run");
        round_trip(base, "");
        round_trip("", "x\ny\n");
        round_trip(base, "a\nb\nNEW\nc\n    ),\nd\n    ),\ne");
        round_trip(base, "e\nd\n    ),\nc\nb\na\n");
        round_trip(base, "a\n    ),\n    ),\n    ),\ne\n");
        round_trip(base, "a\r\nb\nc");
        round_trip("é\nà\n", "à\né\n");
    }

    #[test]
    fn text_the_other_one_lacks_costs_only_itself() {
        let base: String = (0..1000).map(|i| format!("line {i}\n    ),\n")).collect();
        let mut text = base.clone();
        let middle = base.find("line 500\n").unwrap_or(0);
        text.insert_str(middle, "    ),\nsomething new\n    ),\n");
        let size = round_trip(&base, &text);
        assert!(size < 40, "{size} bytes");
    }

    #[test]
    fn a_damaged_delta_or_another_base_is_refused_not_misread() {
        let d = delta("a\nb\n", "a\nb\nc\n");
        assert_eq!(apply(&d, "a\n", 100), None);
        assert_eq!(apply(&[7, 1], "a\n", 100), None);
        assert_eq!(apply(&[COPY, 0xff, 0xff], "a\n", 100), None);
        assert_eq!(apply(&[TEXT, 5, b'a'], "a\n", 100), None);
        assert_eq!(
            apply(
                &[
                    COPY, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 1
                ],
                "a\n",
                100
            ),
            None
        );
        // A copy of the whole base over and over stops at the most it may make.
        let many: Vec<u8> = (0..1000).flat_map(|_| [COPY, 0, 2]).collect();
        assert_eq!(apply(&many, "a\nb\n", 100), None);
        assert!(apply(&many, "a\nb\n", 4000).is_some());
        // Any bytes at all: refused or read, never a panic.
        let mut seed = 0x2545_f491_u32;
        for len in 0..2000 {
            let bytes: Vec<u8> = (0..len % 24)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 17;
                    seed ^= seed << 5;
                    (seed % 7) as u8
                })
                .collect();
            let _ = apply(&bytes, "a\nb\n", 100);
        }
    }
}
