//! Exporters: a café → formats partners can open without CaféMap.

use super::FileError;
use crate::model::Cafe;

/// The formats we write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Our own file format, canonical bytes.
    Ron,
}

impl ExportFormat {
    /// Parses a `--format` value.
    pub fn from_name(name: &str) -> Option<ExportFormat> {
        match name.to_ascii_lowercase().as_str() {
            "ron" => Some(ExportFormat::Ron),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Ron => "ron",
        }
    }
}

/// Options shared by exporters; each uses what applies to it.
#[derive(Clone, Debug, Default)]
pub struct ExportOptions {
    /// Only this table (0-based), for formats that can show one.
    pub table: Option<usize>,
    /// Pixel scale for raster exports; `None` picks one that suits a 1080p slide.
    pub scale: Option<f32>,
}

pub fn export(cafe: &Cafe, format: ExportFormat, options: &ExportOptions) -> Result<Vec<u8>, FileError> {
    let _ = options;
    match format {
        ExportFormat::Ron => Ok(crate::io::file::to_string(cafe).into_bytes()),
    }
}
