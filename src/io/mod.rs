//! Files: the RON format, atomic save, recovery, importers and exporters. No egui here.

pub mod atomic;
pub mod export;
pub mod file;
pub mod import;
pub mod recovery;
pub mod report;

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a file could not be read or written: names the file, the line when known, and the reason,
/// in one line a facilitator can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: Option<PathBuf>,
    pub line: Option<usize>,
    pub reason: String,
}

impl FileError {
    pub fn new(reason: impl Into<String>) -> FileError {
        FileError {
            path: None,
            line: None,
            reason: reason.into(),
        }
    }

    pub fn at_line(mut self, line: usize) -> FileError {
        self.line = Some(line);
        self
    }

    pub fn in_file(mut self, path: &Path) -> FileError {
        self.path = Some(path.to_owned());
        self
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.path {
            write!(f, "{}: ", p.display())?;
        }
        if let Some(l) = self.line {
            write!(f, "line {l}: ")?;
        }
        // Always one line: reasons may quote text from the file.
        for (i, part) in self.reason.lines().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            f.write_str(part)?;
        }
        Ok(())
    }
}

/// An operating-system error in words a facilitator understands (the file is named by the caller).
pub fn io_error(e: &std::io::Error) -> FileError {
    use std::io::ErrorKind;
    let reason = match e.kind() {
        ErrorKind::NotFound => "no such file or folder".to_owned(),
        ErrorKind::NotADirectory => "a part of this path is a file, not a folder".to_owned(),
        ErrorKind::InvalidFilename => "this file name is too long or not allowed here".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        ErrorKind::IsADirectory => "this is a folder, not a file".to_owned(),
        ErrorKind::StorageFull => "the disk is full".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        ErrorKind::InvalidData => "not UTF-8 text".to_owned(),
        _ => e.to_string(),
    };
    FileError::new(reason)
}

impl std::error::Error for FileError {}
