//! Mutations of valid files for the malformed-input tests: multi-byte characters (é, €, emoji,
//! combining accents, NUL…) put inside strings, inside numbers, after a colour's `#` and
//! anywhere. Starting from valid files gets past the format checks into the code that reads the
//! content, which random bytes never reach. Deterministic: the same seed gives the same files.

/// What gets put in: 2- to 4-byte characters, a lone combining accent and one on a letter, an
/// emoji sequence with joiners, NUL, a byte-order mark, no-break and zero-width spaces, a
/// ligature whose upper case is two letters, the last code point, a line separator.
pub const PIECES: [&str; 14] = [
    "é",
    "€",
    "😀",
    "\u{301}",
    "e\u{301}",
    "👩\u{200d}👩\u{200d}👧",
    "\0",
    "\u{feff}",
    "\u{a0}",
    "\u{200b}",
    "ﬀ",
    "\u{10ffff}",
    "\u{2028}",
    "\"€",
];

/// A small deterministic generator (SplitMix64): tests must not depend on the run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// Where in a file mutations land, as char boundaries (byte offsets).
pub struct Spots {
    in_strings: Vec<usize>,
    in_numbers: Vec<usize>,
    after_hash: Vec<usize>,
    anywhere: Vec<usize>,
}

impl Spots {
    /// Finds the spots of `text`, quoted strings being what is between unescaped `"`.
    pub fn of(text: &str) -> Spots {
        let mut spots = Spots {
            in_strings: Vec::new(),
            in_numbers: Vec::new(),
            after_hash: Vec::new(),
            anywhere: Vec::new(),
        };
        let mut in_string = false;
        let mut escaped = false;
        let mut previous = ' ';
        for (at, c) in text.char_indices() {
            spots.anywhere.push(at);
            if in_string {
                spots.in_strings.push(at);
                if previous == '#' {
                    spots.after_hash.push(at);
                }
            } else if c.is_ascii_digit() || previous.is_ascii_digit() {
                spots.in_numbers.push(at);
            }
            match c {
                '\\' if in_string => escaped = !escaped,
                '"' if !escaped => in_string = !in_string,
                _ => escaped = false,
            }
            previous = c;
        }
        spots.anywhere.push(text.len());
        spots
    }

    /// One to three mutations of `text` (whose spots these are): each inserts a piece, or
    /// replaces the character at its spot with one.
    pub fn mutate(&self, text: &str, rng: &mut Rng) -> String {
        let mut at: Vec<usize> = (0..1 + rng.below(3))
            .filter_map(|_| {
                let list = match rng.below(10) {
                    0..=3 => &self.in_strings,
                    4..=6 => &self.in_numbers,
                    7 => &self.after_hash,
                    _ => &self.anywhere,
                };
                rng.pick(list).or_else(|| rng.pick(&self.anywhere)).copied()
            })
            .collect();
        // From the end, so that earlier spots stay where they were.
        at.sort_unstable_by(|a, b| b.cmp(a));
        at.dedup();
        let mut out = text.to_owned();
        for spot in at {
            let piece = rng.pick(&PIECES).copied().unwrap_or("é");
            let replaced = if rng.below(3) == 0 {
                out.get(spot..)
                    .and_then(|rest| rest.chars().next())
                    .map_or(0, char::len_utf8)
            } else {
                0
            };
            out.replace_range(spot..spot + replaced, piece);
        }
        out
    }
}
