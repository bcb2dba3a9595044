//! Markdown outline import (placeholder until it lands).
use super::Imported;
use crate::io::FileError;
pub fn parse(_text: &str) -> Result<Imported, FileError> {
    Err(FileError::new("markdown import is not written yet"))
}
