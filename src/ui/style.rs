//! Fonts and colours of the window, and conversions from the render layer's plain colours.

use crate::model::Rgb;
use egui::{Color32, FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// The family name under which the bundled bold face is registered.
pub const BOLD: &str = "cafemap-bold";

/// Installs the bundled DejaVu Sans (regular and bold) in front of egui's fonts, so that
/// ’ « » … – → œ and every accent render, on screen exactly as in exports.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".into(),
        Arc::new(FontData::from_static(crate::text::REGULAR_TTF)),
    );
    fonts.font_data.insert(
        "dejavu-bold".into(),
        Arc::new(FontData::from_static(crate::text::BOLD_TTF)),
    );
    let proportional = fonts.families.entry(FontFamily::Proportional).or_default();
    proportional.insert(0, "dejavu".into());
    let fallbacks = proportional.clone();
    fonts.families.insert(
        FontFamily::Name(BOLD.into()),
        std::iter::once("dejavu-bold".to_owned())
            .chain(fallbacks)
            .collect(),
    );
    ctx.set_fonts(fonts);
}

pub fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

pub fn family(bold: bool) -> FontFamily {
    if bold {
        FontFamily::Name(BOLD.into())
    } else {
        FontFamily::Proportional
    }
}

/// Selection accent (a blue that stays distinct from every palette colour's tint).
pub const SELECTION: Color32 = Color32::from_rgb(0x1A, 0x73, 0xE8);
/// Find matches: a highlighter's amber.
pub const FIND_HIT: Color32 = Color32::from_rgb(0xF2, 0xA9, 0x00);
/// Drop target highlight.
pub const DROP_TARGET: Color32 = Color32::from_rgb(0x0B, 0x8A, 0x4B);
/// A folded node's badge (the count of what it hides) and the fold handle: dark slate, legible
/// over every paper colour.
pub const FOLD_BADGE: Color32 = Color32::from_rgb(0x3C, 0x44, 0x52);

/// Notes carrying the tag picked in the Tags panel: teal, apart from selection, find and drop.
pub const TAG_HIGHLIGHT: Color32 = Color32::from_rgb(0x00, 0x8B, 0x8B);
