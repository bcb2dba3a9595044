//! Files: the RON format, atomic save, recovery, importers and exporters.

pub mod export;
pub mod import;
