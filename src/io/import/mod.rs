//! Importers: other formats → a café. Each format is a module with a `parse` function; this
//! module picks the format from the file name or its content.

use super::FileError;
use crate::model::Cafe;
use std::path::Path;

/// What an import produced, and what it could not place (shown to the user, printed on stderr).
#[derive(Debug, Clone)]
pub struct Imported {
    pub cafe: Cafe,
    /// Human-readable notes on what was skipped or moved to unsorted ("2 images skipped").
    pub skipped: Vec<String>,
}

/// The formats we read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// `#` event, `##` question, `- ` theme, `  - ` idea.
    MarkdownOutline,
}

/// Picks the format from the extension, then from the content.
pub fn detect(path: &Path, _bytes: &[u8]) -> Result<ImportFormat, FileError> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Ok(ImportFormat::MarkdownOutline),
        _ => Err(FileError::new(format!("cannot import .{ext} files")).in_file(path)),
    }
}

/// Reads and imports a file, laying the result out so no notes overlap.
pub fn import_path(path: &Path) -> Result<Imported, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError::new(e.to_string()).in_file(path))?;
    import_bytes(path, &bytes)
}

/// Imports bytes whose name is `path` (the name picks the format; the file is not read).
pub fn import_bytes(path: &Path, bytes: &[u8]) -> Result<Imported, FileError> {
    let format = detect(path, bytes)?;
    let text = std::str::from_utf8(bytes)
        .map_err(|e| FileError::new(format!("not UTF-8 text ({e})")).in_file(path))?;
    let result = match format {
        ImportFormat::MarkdownOutline => markdown::parse(text),
    };
    result.map_err(|e| e.in_file(path))
}

pub mod markdown;
