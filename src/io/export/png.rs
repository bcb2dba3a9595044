//! PNG: the SVG slides rendered with resvg, with the bundled fonts only (never the system's), so
//! every machine draws the same glyphs as the canvas.

use super::{ExportOptions, FileError, selected_tables, svg};
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Longest side an image may have: beyond, viewers and tiny-skia struggle.
pub const MAX_SIDE: f32 = 16_384.0;
/// Most pixels an image may hold (400 MB of RGBA).
pub const MAX_PIXELS: f32 = 100_000_000.0;

/// The selected tables as one PNG of stacked 1920 × 1080 slides (times `options.scale`).
pub fn export(cafe: &crate::model::Cafe, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let tables = selected_tables(cafe, options)?;
    let doc = svg::document(cafe, &tables);
    let scale = match options.scale {
        Some(s) => s,
        // Many tables at full HD would make an image too tall to open: shrink them together.
        None => {
            let (w, h) = (svg::SLIDE_W, svg::document_height(tables.len()));
            1.0f32.min(MAX_SIDE / h).min((MAX_PIXELS / (w * h)).sqrt())
        }
    };
    render(&doc, scale)
}

/// Renders an SVG document at `scale` pixels per unit and encodes it as PNG.
pub fn render(svg: &str, scale: f32) -> Result<Vec<u8>, FileError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(FileError::new(format!(
            "the scale must be a positive number, not {scale}"
        )));
    }
    let tree = usvg::Tree::from_str(svg, &usvg_options())
        .map_err(|e| FileError::new(format!("could not draw the map: {e}")))?;
    let (w, h) = (tree.size().width() * scale, tree.size().height() * scale);
    if w > MAX_SIDE || h > MAX_SIDE || w * h > MAX_PIXELS {
        let most = (MAX_SIDE / tree.size().width())
            .min(MAX_SIDE / tree.size().height())
            .min((MAX_PIXELS / (tree.size().width() * tree.size().height())).sqrt());
        return Err(FileError::new(format!(
            "an image at scale {scale} would be {w:.0} × {h:.0} pixels, too large; use a scale of at most {:.2}",
            (most * 100.0).floor() / 100.0
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w.ceil().max(1.0) as u32, h.ceil().max(1.0) as u32)
        .ok_or_else(|| FileError::new(format!("cannot make an image of {w:.0} × {h:.0} pixels")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| FileError::new(format!("could not encode the PNG: {e}")))
}

/// usvg options that know only the bundled fonts (DejaVu Sans, regular and bold), also used by
/// the PDF exporter so that it embeds exactly them.
pub fn usvg_options() -> usvg::Options<'static> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    let fontdb = FONTS.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(crate::text::REGULAR_TTF.to_vec());
        db.load_font_data(crate::text::BOLD_TTF.to_vec());
        db.set_sans_serif_family(crate::text::FAMILY);
        Arc::new(db)
    });
    usvg::Options {
        font_family: crate::text::FAMILY.to_owned(),
        fontdb: Arc::clone(fontdb),
        ..usvg::Options::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_absurd_scales_with_a_hint() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1920" height="1080"/>"#;
        let err = render(svg, 50.0).unwrap_err().to_string();
        assert!(err.contains("at most 6.94"), "{err}");
        assert!(render(svg, 0.0).is_err());
        assert!(render(svg, f32::NAN).is_err());
    }

    #[test]
    fn bundled_fonts_are_the_only_ones() {
        let o = usvg_options();
        assert_eq!(o.fontdb.len(), 2);
        assert!(o.fontdb.faces().all(|f| {
            f.families
                .iter()
                .any(|(name, _)| name == crate::text::FAMILY)
        }));
    }
}
