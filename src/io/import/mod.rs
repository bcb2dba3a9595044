//! Importers: other formats → a café. Each format is a module with a `parse` function; this
//! module picks the format from the file name or its content.

use super::FileError;
use crate::i18n::Lang;
use crate::model::{Cafe, NodeId, Table};
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
    /// Indented plain text: unindented lines are questions, then themes, then ideas.
    TextOutline,
    /// Typed-up sticky notes, one per paragraph, all unsorted.
    Notes,
    /// OPML 2.0 outline.
    Opml,
    /// FreeMind or Freeplane map (`.mm`).
    FreeMind,
    /// JSON Canvas (Obsidian `.canvas`).
    Canvas,
    /// The CSV our export writes (one row per idea), edited in a spreadsheet or not.
    Csv,
}

/// Largest file an import reads: the same cap as our own files.
pub const MAX_IMPORT_BYTES: u64 = crate::io::file::MAX_FILE_BYTES;

/// Picks the format from the extension, then (for `.txt` and unknown extensions) from the content.
pub fn detect(path: &Path, bytes: &[u8]) -> Result<ImportFormat, FileError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Ok(ImportFormat::MarkdownOutline),
        "opml" => Ok(ImportFormat::Opml),
        "mm" => Ok(ImportFormat::FreeMind),
        "canvas" => Ok(ImportFormat::Canvas),
        "csv" => Ok(ImportFormat::Csv),
        _ => sniff::sniff(bytes).map_err(|why| {
            let what = if ext.is_empty() {
                "this file".to_owned()
            } else {
                format!("this .{ext} file")
            };
            FileError::new(format!("cannot import {what}: {why}")).in_file(path)
        }),
    }
}

/// Reads and imports a file, laying the result out so no notes overlap. A file larger than
/// [`MAX_IMPORT_BYTES`] is refused before reading it.
pub fn import_path(path: &Path) -> Result<Imported, FileError> {
    use std::io::Read;
    let fail = |e: std::io::Error| crate::io::io_error(&e).in_file(path);
    let file = std::fs::File::open(path).map_err(fail)?;
    let meta = file.metadata().map_err(fail)?;
    if meta.is_dir() {
        return Err(FileError::new("this is a folder, not a file").in_file(path));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(too_big(meta.len()).in_file(path));
    }
    let mut bytes = Vec::new();
    file.take(MAX_IMPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    import_bytes(path, &bytes)
}

fn too_big(len: u64) -> FileError {
    FileError::new(format!(
        "the file is too large to import ({} MiB; at most {} MiB)",
        len.div_ceil(1024 * 1024),
        MAX_IMPORT_BYTES / (1024 * 1024)
    ))
}

/// Imports bytes whose name is `path` (the name picks the format; the file is not read).
pub fn import_bytes(path: &Path, bytes: &[u8]) -> Result<Imported, FileError> {
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(too_big(bytes.len() as u64).in_file(path));
    }
    let format = detect(path, bytes)?;
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes
            .get(..e.valid_up_to())
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        FileError::new("not UTF-8 text (save the file as UTF-8 and import it again)")
            .at_line(line)
            .in_file(path)
    })?;
    if is_cafemap_map(text) {
        return Err(FileError::new(
            "this is already a CaféMap map: open it (cafemap FILE, or File ▸ Open) rather than \
             importing it",
        )
        .in_file(path));
    }
    let stem = path.file_stem().and_then(|s| s.to_str());
    let result = match format {
        ImportFormat::MarkdownOutline => markdown::parse(text),
        ImportFormat::TextOutline => text::parse(text).map(arranged),
        ImportFormat::Notes => notes::parse_named(text, stem).map(arranged),
        ImportFormat::Opml => opml::parse(text).map(arranged),
        ImportFormat::FreeMind => freemind::parse(text).map(arranged),
        ImportFormat::Canvas => canvas::parse(text).map(arranged),
        ImportFormat::Csv => csv::parse(text).map(arranged),
    };
    // The language first: the size check writes the map, which gives it its history.
    result
        .map(|mut imported| {
            record_language(&mut imported.cafe);
            imported
        })
        .and_then(checked)
        .map_err(|e| e.in_file(path))
}

/// Records the language an imported café is written in (from its common words), so that what
/// partners receive comes out in it; a café whose words tell nothing keeps none.
pub fn record_language(cafe: &mut Cafe) {
    if cafe.info.lang.is_none() {
        cafe.info.lang = Lang::guess(cafe.words());
    }
}

/// A CaféMap file: after comments and blank lines, `(` then `format_version:`, as every map we
/// write starts. Read as typed notes it would make one "idea" per line of the file.
fn is_cafemap_map(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    while let Some(after) = rest.strip_prefix("//") {
        rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
    }
    rest.strip_prefix('(')
        .is_some_and(|r| r.trim_start().starts_with("format_version"))
}

/// What every import gives back: no control characters (a `&#0;` in an attribute, a NUL in a
/// text file) in any text, and no map the loader would refuse to open again (it is said now,
/// with the figure, rather than at the next opening).
fn checked(mut imported: Imported) -> Result<Imported, FileError> {
    clean_texts(&mut imported.cafe);
    let bytes = crate::io::file::to_string(&imported.cafe).len() as u64;
    let max = crate::io::file::MAX_FILE_BYTES;
    if bytes > max {
        let (nodes, mib) = (
            imported.cafe.tables.iter().map(Table::len).sum::<usize>(),
            bytes.div_ceil(1024 * 1024),
        );
        return Err(FileError::new(format!(
            "the map would be too large: {nodes} notes make a {mib} MiB file, and a CaféMap \
             file is at most {} MiB (split the file and import it in parts)",
            max / (1024 * 1024)
        )));
    }
    Ok(imported)
}

/// Control characters other than line breaks and tabs are dropped from every text a café holds.
fn clean_texts(cafe: &mut Cafe) {
    fn clean(s: &mut String) {
        if s.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        {
            s.retain(|c| !c.is_control() || matches!(c, '\n' | '\t'));
        }
    }
    let info = &mut cafe.info;
    for s in [
        &mut info.title,
        &mut info.subtitle,
        &mut info.date,
        &mut info.place,
        &mut info.facilitators,
        &mut info.organisers,
    ] {
        clean(s);
    }
    for group in &mut cafe.synonyms {
        group.iter_mut().for_each(clean);
    }
    for table in &mut cafe.tables {
        for id in table.node_ids() {
            let Some(n) = table.node_mut(id) else {
                continue;
            };
            for s in [
                &mut n.text,
                &mut n.note,
                &mut n.owner,
                &mut n.due,
                &mut n.origin.contributor,
            ] {
                clean(s);
            }
            n.tags.iter_mut().for_each(clean);
            n.merged_from.iter_mut().for_each(clean);
        }
    }
}

/// Lays an imported café out so that no notes overlap, deep levels of a large one folded.
fn arranged(mut imported: Imported) -> Imported {
    fold_large(&mut imported.cafe);
    crate::layout::arrange_cafe(&mut imported.cafe);
    imported
}

/// An import of more than this many nodes opens with its deep levels folded …
pub const FOLD_IMPORTS_OVER: usize = 300;
/// … showing this many levels below each question (themes, ideas, ideas under ideas).
pub const UNFOLDED_LEVELS: usize = 3;

/// Folds every node [`UNFOLDED_LEVELS`] below its question that has children, when the café
/// holds more than [`FOLD_IMPORTS_OVER`] nodes: a map of hundreds of notes opens as its
/// outline, readable at a glance, each branch a click (or Space) away.
fn fold_large(cafe: &mut Cafe) {
    let total: usize = cafe.tables.iter().map(Table::len).sum();
    if total <= FOLD_IMPORTS_OVER {
        return;
    }
    for t in &mut cafe.tables {
        let deep: Vec<NodeId> = t
            .nodes()
            .filter(|n| t.depth(n.id) == UNFOLDED_LEVELS && !t.children(n.id).is_empty())
            .map(|n| n.id)
            .collect();
        for id in deep {
            if let Some(n) = t.node_mut(id) {
                n.folded = true;
            }
        }
    }
}

pub mod canvas;
pub mod csv;
pub mod details;
pub mod freemind;
pub mod markdown;
pub mod marks;
pub mod notes;
pub mod opml;
mod outline;
mod sniff;
pub mod text;
mod xml;

/// For tests: the first table's first theme, checked to be sky-blue, and its first idea.
#[cfg(test)]
fn sky_theme_and_idea(t: &Table) -> (NodeId, NodeId) {
    use crate::model::{NoteColor, Paper};
    let theme = t.themes()[0];
    assert_eq!(
        t.node(theme).and_then(|n| n.color),
        Some(NoteColor::Palette(Paper::Sky))
    );
    (theme, t.children(theme)[0])
}

#[cfg(test)]
mod hardening_tests {
    use super::*;
    use crate::model::{CafeInfo, Node, NodeKind};

    /// 34 MB of quotes: each is written `\"`, so the map would be over 64 MiB.
    #[test]
    fn a_map_the_loader_would_refuse_is_refused_with_the_figure() {
        let mut cafe = Cafe::new(CafeInfo::default());
        let mut t = cafe.new_table("Q");
        let id = cafe.alloc_id();
        t.insert(Node::new(id, NodeKind::Idea, "\"".repeat(34_000_000)), None)
            .unwrap();
        cafe.tables.push(t);
        let Err(e) = checked(Imported {
            cafe,
            skipped: Vec::new(),
        }) else {
            panic!("a map over 64 MiB was let through");
        };
        assert!(
            e.reason.contains("too large") && e.reason.contains("64 MiB"),
            "{e}"
        );
    }

    #[test]
    fn control_characters_are_dropped_and_a_native_map_is_recognised() {
        let mut cafe = Cafe::new(CafeInfo::default());
        cafe.tables.push(cafe.new_table("a\0b\u{1}c\nd"));
        let cafe = checked(Imported {
            cafe,
            skipped: Vec::new(),
        })
        .unwrap()
        .cafe;
        assert_eq!(cafe.tables[0].question_node().text, "abc\nd");
        assert!(is_cafemap_map("// a comment\n(\n    format_version: 3,"));
        assert!(!is_cafemap_map("(not a map)"));
    }
}
