//! Sticky-note colours: a small named palette that stays distinguishable for colour-blind readers
//! (the Okabe–Ito set), plus free `#rrggbb` colours for maps imported from elsewhere.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// The named palette. Themes use the full colour; their ideas are drawn on a light tint of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Paper {
    Orange,
    Sky,
    Green,
    Yellow,
    Blue,
    Vermilion,
    Purple,
    Grey,
}

impl Paper {
    pub const ALL: [Paper; 8] = [
        Paper::Orange,
        Paper::Sky,
        Paper::Green,
        Paper::Yellow,
        Paper::Blue,
        Paper::Vermilion,
        Paper::Purple,
        Paper::Grey,
    ];

    /// Stable lower-case name, used in files and as the translation key suffix (`color-orange`).
    pub fn name(self) -> &'static str {
        match self {
            Paper::Orange => "orange",
            Paper::Sky => "sky",
            Paper::Green => "green",
            Paper::Yellow => "yellow",
            Paper::Blue => "blue",
            Paper::Vermilion => "vermilion",
            Paper::Purple => "purple",
            Paper::Grey => "grey",
        }
    }

    pub fn rgb(self) -> Rgb {
        match self {
            Paper::Orange => Rgb(0xE6, 0x9F, 0x00),
            Paper::Sky => Rgb(0x56, 0xB4, 0xE9),
            Paper::Green => Rgb(0x00, 0x9E, 0x73),
            Paper::Yellow => Rgb(0xF0, 0xE4, 0x42),
            Paper::Blue => Rgb(0x00, 0x72, 0xB2),
            Paper::Vermilion => Rgb(0xD5, 0x5E, 0x00),
            Paper::Purple => Rgb(0xCC, 0x79, 0xA7),
            Paper::Grey => Rgb(0x99, 0x99, 0x99),
        }
    }

    /// The palette colour for the n-th theme of a table, so neighbouring themes differ.
    pub fn nth(n: usize) -> Paper {
        Paper::ALL[n % Paper::ALL.len()]
    }
}

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Mix towards white: `amount` 0 keeps the colour, 1 gives white.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| {
            (c as f32 + (255.0 - c as f32) * amount)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// Mix towards black.
    pub fn shade(self, amount: f32) -> Rgb {
        let mix = |c: u8| (c as f32 * (1.0 - amount)).round().clamp(0.0, 255.0) as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }

    /// Relative luminance (WCAG), to pick black or white text on a fill.
    pub fn luminance(self) -> f32 {
        let lin = |c: u8| {
            let c = c as f32 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A node's colour as stored in the file: a palette name or `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteColor {
    Palette(Paper),
    Custom(Rgb),
}

impl NoteColor {
    pub fn rgb(self) -> Rgb {
        match self {
            NoteColor::Palette(p) => p.rgb(),
            NoteColor::Custom(c) => c,
        }
    }
}

impl fmt::Display for NoteColor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteColor::Palette(p) => f.write_str(p.name()),
            NoteColor::Custom(c) => f.write_str(&c.hex()),
        }
    }
}

/// Why a colour string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadColor(pub String);

impl fmt::Display for BadColor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown colour {:?} (expected a palette name or #rrggbb)",
            self.0
        )
    }
}

impl std::error::Error for BadColor {}

impl FromStr for NoteColor {
    type Err = BadColor;

    fn from_str(s: &str) -> Result<Self, BadColor> {
        let t = s.trim();
        if let Some(p) = Paper::ALL.iter().find(|p| p.name().eq_ignore_ascii_case(t)) {
            return Ok(NoteColor::Palette(*p));
        }
        let bad = || BadColor(s.to_owned());
        let hex = t.strip_prefix('#').ok_or_else(bad)?;
        // Digits are read as chars, never by byte offset: a file may hold "#€€" or "#aé€".
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()))
            .collect::<Option<_>>()
            .ok_or_else(bad)?;
        let rgb = match *digits.as_slice() {
            [r1, r2, g1, g2, b1, b2] => Rgb(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2),
            // #abc shorthand, as in HTML/CSS and some FreeMind files.
            [r, g, b] => Rgb(r * 17, g * 17, b * 17),
            _ => return Err(bad()),
        };
        Ok(NoteColor::Custom(rgb))
    }
}

impl Serialize for NoteColor {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for NoteColor {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_hex() {
        assert_eq!("Sky".parse(), Ok(NoteColor::Palette(Paper::Sky)));
        assert_eq!("#ff8000".parse(), Ok(NoteColor::Custom(Rgb(255, 128, 0))));
        assert_eq!("#f80".parse(), Ok(NoteColor::Custom(Rgb(255, 136, 0))));
        assert!("#ff80".parse::<NoteColor>().is_err());
        assert!("#é€0000".parse::<NoteColor>().is_err());
        // Multi-byte characters where the digits should be: refused, never a panic.
        for odd in [
            "#€€",
            "#aé€",
            "#€",
            "#ffé",
            "#ff00ﬀ",
            "#１２３",
            "#\0\0\0",
            "#+1+2+3",
        ] {
            assert!(odd.parse::<NoteColor>().is_err(), "{odd:?}");
        }
        assert!("mauve".parse::<NoteColor>().is_err());
    }

    #[test]
    fn display_round_trips() {
        for c in [
            NoteColor::Palette(Paper::Purple),
            NoteColor::Custom(Rgb(1, 2, 3)),
        ] {
            assert_eq!(c.to_string().parse(), Ok(c));
        }
    }
}
