//! The CaféMap file: RON written through document structs of our own.
//!
//! The in-memory `StableGraph` is never serialised: its indices are reused after removals and its
//! layout has no version. Instead each table lists its nodes in id order, one block per node, with
//! an explicit parent id. Writing is deterministic (same document → same bytes) so files diff well
//! and loading then saving a canonical file reproduces it byte for byte.
//!
//! Loading never panics: size, UTF-8, nesting depth and the format version are checked before the
//! RON parser runs, and the result is checked against the model's invariants.

use super::FileError;
use crate::geom::Point;
use crate::model::{
    Cafe, CafeInfo, DotKind, MAX_DOT_KINDS, ModelError, Node, NodeId, NodeKind, NoteColor, Origin,
    Table, Votes,
};
use ron::extensions::Extensions;
use ron::ser::PrettyConfig;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The newest format this version reads and writes. Format 2 adds `merged_from` to nodes;
/// format 3 adds the harvest: dot kinds and votes per kind, folds, where an idea came from
/// (table, round, contributor), actions (owner, due), references (synthesis), synonyms and the
/// organisers; format 4 adds the café's language. A document is written in the oldest format
/// that holds it, so partners with an older CaféMap still open maps that use nothing new; every
/// older format keeps loading (fixtures under tests/fixtures/formats).
pub const FORMAT_VERSION: u32 = 4;

/// The oldest format this version reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;

/// Files larger than this are refused before being read: a café of 10,000 ideas is ~2 MiB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest bracket nesting accepted. A valid file nests 6 deep (café → tables → table → nodes →
/// node → tags); anything far deeper is not ours and could exhaust the parser's stack.
pub const MAX_NESTING: usize = 32;

/// Ids and the id counter in a file stay within [`crate::model::MAX_NODE_ID`] (2^53), the
/// largest range in which every integer is exact as a JSON/JavaScript number (our canvas and
/// HTML exports write ids there). A real café uses a few thousand ids, so a file beyond it is
/// broken or hostile; refusing it also keeps the counter far from `u64::MAX`.
pub const MAX_ID: u64 = crate::model::MAX_NODE_ID;

/// Largest distance from the origin, in canvas units, a node may sit at: a map 100,000 notes
/// long fits many times over, and past it pictures cannot be drawn (a node at `1e30` shrinks the
/// scale of every export to nothing) nor positions be written to a tenth of a unit.
pub const MAX_COORDINATE: f32 = 100_000_000.0;

/// Positions are written to a tenth of a canvas unit, so dragging noise does not show in diffs.
const POSITION_STEPS_PER_UNIT: f64 = 10.0;

/// Every struct refuses fields it does not know: a field from a newer CaféMap (or a typo) would
/// otherwise be dropped silently at the next save; it is named in the error instead.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileCafe {
    /// First field, so a reader can tell the version before understanding the rest.
    format_version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    subtitle: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    place: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    facilitators: String,
    /// Format 3.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    organisers: String,
    /// Format 4: the café's language ("fr", "en"); an unknown code loads as not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    /// Format 3: the named dot kinds, in the order of a node's vote counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dot_kinds: Vec<FileDotKind>,
    /// Format 3: groups of words common threads treat as one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    synonyms: Vec<Vec<String>>,
    /// The id counter: ids are never reused, even those of deleted nodes.
    #[serde(default)]
    next_id: u64,
    #[serde(default)]
    tables: Vec<FileTable>,
    /// The map's history (`crate::sync`), so that copies merge back: a compressed Loro export
    /// in base64, cut into lines. Last, so the document reads first. It does not raise the
    /// format version: older CaféMaps skip the field and still open the map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    history: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDotKind {
    name: String,
    /// `#rrggbb`.
    color: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileTable {
    /// Id of the node (among `nodes`) that is the table's question.
    question: u64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    theme_order: Vec<u64>,
    #[serde(default)]
    nodes: Vec<FileNode>,
    /// Cross-links, (from, to).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    links: Vec<(u64, u64)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileNode {
    id: u64,
    kind: FileKind,
    /// Absent for the question and for unsorted ideas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    parent: Option<u64>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    x: f32,
    #[serde(default)]
    y: f32,
    /// A palette name or `#rrggbb`; absent means "inherit".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    color: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    /// Dots of the first (or only) dot kind.
    #[serde(default, skip_serializing_if = "is_zero")]
    votes: u32,
    /// Format 3: dots of the second, third and fourth kinds (trailing zeros left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    other_votes: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    hidden: bool,
    /// Format 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merged_from: Vec<String>,
    /// Format 3 from here on.
    #[serde(default, skip_serializing_if = "is_false")]
    folded: bool,
    /// The question id of the table the idea was written at, when not the one it is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin_table: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    round: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    contributor: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    due: String,
    /// For a reference node: the id of the node it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refers_to: Option<u64>,
}

impl FileNode {
    fn uses_format_3(&self) -> bool {
        !self.other_votes.is_empty()
            || self.folded
            || self.origin_table.is_some()
            || self.round.is_some()
            || !self.contributor.is_empty()
            || !self.owner.is_empty()
            || !self.due.is_empty()
            || self.refers_to.is_some()
    }
}

/// The node kinds as spelled in the file (kept apart from the model's enum so renaming one never
/// silently changes the other).
#[derive(Clone, Copy, Serialize, Deserialize)]
enum FileKind {
    Question,
    Theme,
    Idea,
}

fn is_zero(v: &u32) -> bool {
    *v == 0
}

fn is_false(v: &bool) -> bool {
    !*v
}

/// `implicit_some` lets optional values be written plainly (`parent: 3`, `color: "sky"`); files
/// spelling them `Some(3)` still load.
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// The canonical text of a café. Deterministic: the same document always gives the same bytes.
pub fn to_string(cafe: &Cafe) -> String {
    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .separator(" ")
        .struct_names(false)
        .escape_strings(true);
    // Serialising into a `String` cannot fail: the writer never errors and there is no recursion
    // limit on this side. Should ron ever report an error, write it as a comment rather than
    // panic, so the result still refuses to load instead of posing as an empty café.
    match ron_options()
        .without_recursion_limit()
        .to_string_pretty(&to_file(cafe), config)
    {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        Err(e) => format!("// CaféMap could not write this document: {e}\n"),
    }
}

fn round_pos(v: f32) -> f32 {
    if !v.is_finite() {
        return 0.0;
    }
    // What is written always loads back (see MAX_COORDINATE).
    let v = v.clamp(-MAX_COORDINATE, MAX_COORDINATE);
    let r = ((f64::from(v) * POSITION_STEPS_PER_UNIT).round() / POSITION_STEPS_PER_UNIT) as f32;
    // No "-0.0" in files.
    if r == 0.0 { 0.0 } else { r }
}

fn to_file(cafe: &Cafe) -> FileCafe {
    let CafeInfo {
        title,
        subtitle,
        date,
        place,
        facilitators,
        organisers,
        lang,
    } = cafe.info.clone();
    let tables: Vec<FileTable> = cafe.tables.iter().map(table_to_file).collect();
    let dot_kinds: Vec<FileDotKind> = cafe
        .dot_kinds
        .iter()
        .map(|k| FileDotKind {
            name: k.name.clone(),
            color: k.color.hex(),
        })
        .collect();
    let nodes = || tables.iter().flat_map(|t| &t.nodes);
    // The oldest format that holds the document (see FORMAT_VERSION).
    let format_version = if lang.is_some() {
        4
    } else if !organisers.is_empty()
        || !dot_kinds.is_empty()
        || !cafe.synonyms.is_empty()
        || nodes().any(FileNode::uses_format_3)
    {
        3
    } else if nodes().any(|n| !n.merged_from.is_empty()) {
        2
    } else {
        1
    };
    FileCafe {
        format_version,
        title,
        subtitle,
        date,
        place,
        facilitators,
        organisers,
        lang: lang.map(|l| l.code().to_owned()),
        dot_kinds,
        synonyms: cafe.synonyms.clone(),
        next_id: cafe.next_id(),
        tables,
        history: cafe
            .history
            .lines_for(cafe)
            .map(|lines| lines.as_ref().clone())
            .unwrap_or_default(),
    }
}

fn table_to_file(table: &Table) -> FileTable {
    let nodes = table
        .node_ids()
        .into_iter()
        .filter_map(|id| {
            let n = table.node(id)?;
            Some(FileNode {
                id: id.0,
                kind: match n.kind {
                    NodeKind::Question => FileKind::Question,
                    NodeKind::Theme => FileKind::Theme,
                    NodeKind::Idea => FileKind::Idea,
                },
                parent: table.parent(id).map(|p| p.0),
                text: n.text.clone(),
                x: round_pos(n.pos.x),
                y: round_pos(n.pos.y),
                color: n.color.map(|c| c.to_string()),
                note: n.note.clone(),
                votes: n.votes.of(0),
                other_votes: n.votes.counts().get(1..).unwrap_or_default().to_vec(),
                tags: n.tags.clone(),
                hidden: n.hidden,
                merged_from: n.merged_from.clone(),
                folded: n.folded,
                // An origin naming the table the idea is on says nothing more than none.
                origin_table: n
                    .origin
                    .table
                    .filter(|&q| q != table.question())
                    .map(|q| q.0),
                round: n.origin.round,
                contributor: n.origin.contributor.clone(),
                owner: n.owner.clone(),
                due: n.due.clone(),
                refers_to: n.refers_to.map(|r| r.0),
            })
        })
        .collect();
    FileTable {
        question: table.question().0,
        theme_order: table.theme_order.iter().map(|id| id.0).collect(),
        nodes,
        links: table.links().into_iter().map(|(a, b)| (a.0, b.0)).collect(),
    }
}

/// Reads a café file. Errors name the file, the line when known, and what is wrong.
pub fn load(path: &Path) -> Result<Cafe, FileError> {
    read_capped(path)
        .and_then(|bytes| from_bytes(&bytes))
        .map_err(|e| e.in_file(path))
}

/// Writes a café atomically, keeping the previous version as `FILE.ron.bak`.
pub fn save(path: &Path, cafe: &Cafe) -> Result<(), FileError> {
    super::atomic::write_atomic(
        path,
        to_string(cafe).as_bytes(),
        super::atomic::Backup::Keep,
    )
}

/// Reads at most `MAX_FILE_BYTES` (+1, to notice a larger file), whatever the file claims to be.
fn read_capped(path: &Path) -> Result<Vec<u8>, FileError> {
    use std::io::Read;
    // Checked before opening: opening a named pipe would wait for a writer forever.
    let meta = std::fs::metadata(path).map_err(|e| super::io_error(&e))?;
    if meta.is_dir() {
        return Err(FileError::new("this is a folder, not a CaféMap file"));
    }
    if !meta.is_file() {
        return Err(FileError::new(
            "this is not a regular file (a device or a pipe?)",
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| super::io_error(&e))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(too_big(len));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| super::io_error(&e))?;
    Ok(bytes)
}

fn too_big(len: u64) -> FileError {
    FileError::new(format!(
        "the file is too large ({} MiB; a CaféMap file is at most {} MiB)",
        len.div_ceil(1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

/// Parses the bytes of a café file (checks size and UTF-8 first).
pub fn from_bytes(bytes: &[u8]) -> Result<Cafe, FileError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let line = 1 + bytes
                .get(..e.valid_up_to())
                .map_or(0, |b| b.iter().filter(|&&b| b == b'\n').count());
            return Err(
                FileError::new("not a CaféMap file: this is binary data, not UTF-8 text")
                    .at_line(line),
            );
        }
    };
    from_str(text)
}

/// Parses the text of a café file.
pub fn from_str(text: &str) -> Result<Cafe, FileError> {
    if text.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(text.len() as u64));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(FileError::new("the file is empty"));
    }
    if let Some(pos) = text.find('\0') {
        let line = 1 + text.get(..pos).map_or(0, |t| t.matches('\n').count());
        return Err(
            FileError::new("not a CaféMap file: this is binary data, not text").at_line(line),
        );
    }
    let scan = prescan(text)?;
    match scan.version {
        Some((v, _))
            if (u64::from(OLDEST_FORMAT_VERSION)..=u64::from(FORMAT_VERSION)).contains(&v) => {}
        Some((v, _)) if v > u64::from(FORMAT_VERSION) => {
            return Err(FileError::new(format!(
                "this file was made by a newer CaféMap (format {v}); this version reads format {FORMAT_VERSION}"
            )));
        }
        Some((v, line)) => {
            return Err(FileError::new(format!(
                "unknown format version {v} (this version reads format {FORMAT_VERSION})"
            ))
            .at_line(line));
        }
        None => {
            return Err(FileError::new(
                "not a CaféMap file: it does not start with `(format_version: …` (is it another RON file?)",
            ));
        }
    }
    let file: FileCafe = ron_options()
        .with_recursion_limit(MAX_NESTING * 2)
        .from_str(text)
        .map_err(ron_error)?;
    from_file(file, text)
}

fn ron_error(e: ron::error::SpannedError) -> FileError {
    use ron::Error;
    let reason = match &e.code {
        Error::Eof => {
            "the file ends too early (was it cut off while saving or copying?)".to_owned()
        }
        Error::NoSuchEnumVariant {
            found,
            outer: Some(outer),
            ..
        } if *outer == "FileKind" => {
            format!("unknown node kind `{found}` (expected Question, Theme or Idea)")
        }
        Error::ExceededRecursionLimit => {
            "the file is nested too deeply to be a CaféMap file".to_owned()
        }
        Error::NoSuchStructField { found, outer, .. } => {
            let place = match outer.as_deref() {
                Some("FileTable") => "in a table",
                Some("FileNode") => "in a node",
                Some("FileDotKind") => "in a dot kind",
                _ => "at the top level",
            };
            format!(
                "unknown field `{found}` {place}: this file was made by a newer CaféMap or edited \
                 by hand (this version reads format {FORMAT_VERSION}); it is not opened, so that \
                 saving cannot drop the field"
            )
        }
        Error::ExpectedDifferentStructName { found, .. } => {
            format!("expected `(format_version: …)` but found `{found}(…)`")
        }
        code => {
            // Name our structs the way a reader of the file sees them.
            let message = code
                .to_string()
                .replace("in `FileCafe`", "at the top level")
                .replace("in `FileTable`", "in a table")
                .replace("in `FileNode`", "in a node");
            format!("not a valid CaféMap file: {message}")
        }
    };
    FileError::new(reason).at_line(e.span.start.line.max(1))
}

/// What the pre-parse scan found.
struct Scan {
    /// The `format_version` value of the top-level struct and its line.
    version: Option<(u64, usize)>,
}

/// One pass over the text before RON parsing: refuses runaway nesting (which could otherwise
/// exhaust the stack in the parser or in drop) and finds `format_version`, so that a file from a
/// newer CaféMap gets a clear message even if the rest of it means nothing to this version.
/// Strings, raw strings, chars and comments are skipped so brackets inside them do not count.
fn prescan(text: &str) -> Result<Scan, FileError> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut line = 1;
    let mut depth = 0usize;
    let mut version = None;
    let is_ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while let Some(&c) = b.get(i) {
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'"' => i = skip_quoted(b, i + 1, &mut line, b'"'),
            b'\'' => i = skip_quoted(b, i + 1, &mut line, b'\''),
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while b.get(i).is_some_and(|&c| c != b'\n') {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => i = skip_block_comment(b, i + 2, &mut line),
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(FileError::new(format!(
                        "the file is nested more than {MAX_NESTING} levels deep; a CaféMap file is not"
                    ))
                    .at_line(line));
                }
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            c if is_ident(c) => {
                let start = i;
                while b.get(i).is_some_and(|&c| is_ident(c)) {
                    i += 1;
                }
                let word = b.get(start..i).unwrap_or_default();
                // Raw strings: r"…", r#"…"#, br"…".
                if (word == b"r" || word == b"br") && matches!(b.get(i), Some(b'"' | b'#')) {
                    i = skip_raw_string(b, i, &mut line);
                } else if word == b"format_version" && depth == 1 && version.is_none() {
                    version = read_version(b, i).map(|v| (v, line));
                }
            }
            _ => i += 1,
        }
    }
    Ok(Scan { version })
}

/// Skips a quoted string or char starting after its opening quote; returns the index after the
/// closing quote (or the end of the text when unterminated: the parser will report it).
fn skip_quoted(b: &[u8], mut i: usize, line: &mut usize, quote: u8) -> usize {
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'\n' => {
                *line += 1;
                i += 1;
            }
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn skip_block_comment(b: &[u8], mut i: usize, line: &mut usize) -> usize {
    let mut nest = 1usize;
    while let Some(&c) = b.get(i) {
        match (c, b.get(i + 1)) {
            (b'/', Some(b'*')) => {
                nest += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                nest -= 1;
                i += 2;
                if nest == 0 {
                    return i;
                }
            }
            (b'\n', _) => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// `i` points at the `#`s or `"` after `r`.
fn skip_raw_string(b: &[u8], mut i: usize, line: &mut usize) -> usize {
    let mut hashes = 0;
    while b.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    if b.get(i) != Some(&b'"') {
        return i;
    }
    i += 1;
    while let Some(&c) = b.get(i) {
        if c == b'\n' {
            *line += 1;
        } else if c == b'"'
            && b.get(i + 1..i + 1 + hashes)
                .is_some_and(|h| h.iter().all(|&h| h == b'#'))
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// Reads `: 123` after the `format_version` key (whitespace allowed; nothing else).
fn read_version(b: &[u8], mut i: usize) -> Option<u64> {
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    if b.get(i) != Some(&b':') {
        return None;
    }
    i += 1;
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    let start = i;
    // The whole literal, as RON reads integers: `3`, `0x3`, `0b11`, `0o3`, `1_000`.
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    {
        i += 1;
    }
    let literal = std::str::from_utf8(b.get(start..i)?).ok()?.replace('_', "");
    let (digits, radix) = match literal.get(..2) {
        Some("0x") => (literal.get(2..)?, 16),
        Some("0b") => (literal.get(2..)?, 2),
        Some("0o") => (literal.get(2..)?, 8),
        _ => (literal.as_str(), 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // A number too large for u64 is still "newer than us".
    Some(u64::from_str_radix(digits, radix).unwrap_or(u64::MAX))
}

/// The line where node `id` is declared (its `id: N` field), to point errors at it.
fn line_of_node(text: &str, id: u64, occurrence: usize) -> Option<usize> {
    let mut seen = 0;
    for (n, l) in text.lines().enumerate() {
        for value in values_of_key(l, "id") {
            if value == id {
                seen += 1;
                if seen > occurrence {
                    return Some(n + 1);
                }
            }
        }
    }
    None
}

/// The first line that gives `key` a number.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| values_of_key(l, key).next().is_some())
        .map(|n| n + 1)
}

/// The numbers written as `key: N` on a line (`key` a whole word).
fn values_of_key<'a>(line: &'a str, key: &'a str) -> impl Iterator<Item = u64> + 'a {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    line.match_indices(key).filter_map(move |(at, _)| {
        let before = line.get(..at)?.chars().next_back();
        if before.is_some_and(is_word) {
            return None;
        }
        let after = line.get(at + key.len()..)?.trim_start();
        let after = after.strip_prefix(':')?.trim_start();
        let end = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        let (digits, rest) = after.split_at_checked(end)?;
        if rest.starts_with(|c: char| is_word(c) || c == '.') {
            return None;
        }
        digits.parse().ok()
    })
}

/// Turns the file structs into a café and checks it. Errors name the node and, when it can be
/// found, its line.
fn from_file(mut file: FileCafe, text: &str) -> Result<Cafe, FileError> {
    let at = Locate(text);
    let mut cafe = cafe_without_tables(&mut file, text)?;
    // Which table first declared each id, to name duplicates across tables.
    let mut owner: HashMap<u64, usize> = HashMap::new();
    for (t, ft) in file.tables.into_iter().enumerate() {
        let by_id = nodes_by_id(ft.nodes, t, &mut owner, at)?;
        let mut table = table_from_file(by_id, ft.question, t + 1, &owner, at)?;
        for (a, b) in ft.links {
            table.add_link(NodeId(a), NodeId(b)).map_err(|e| {
                FileError::new(format!(
                    "table {}: link #{a} → #{b}: {}",
                    t + 1,
                    model_reason(&e)
                ))
            })?;
        }
        table.theme_order = ft.theme_order.into_iter().map(NodeId).collect();
        cafe.tables.push(table);
    }
    cafe.set_next_id(file.next_id);
    cafe.validate().map_err(|e| match model_node(&e) {
        Some(id) => at.node(id.0, 0, model_reason(&e)),
        None => FileError::new(model_reason(&e)),
    })?;
    // A copy of a file: new ids must not meet those another copy hands out.
    cafe.use_random_ids();
    if !file.history.is_empty() {
        cafe.history = crate::sync::Trail::from_file(file.history, &cafe);
    }
    Ok(cafe)
}

/// Errors located in the file's text: the line of a node's entry.
#[derive(Clone, Copy)]
struct Locate<'a>(&'a str);

impl Locate<'_> {
    /// `reason`, at the line of node `id`'s `occurrence`-th entry when it is found.
    fn node(self, id: u64, occurrence: usize, reason: String) -> FileError {
        let e = FileError::new(reason);
        match line_of_node(self.0, id, occurrence) {
            Some(line) => e.at_line(line),
            None => e,
        }
    }
}

/// The café's description, dot kinds and synonyms (taken from `file`), checked, and the id
/// counter checked.
fn cafe_without_tables(file: &mut FileCafe, text: &str) -> Result<Cafe, FileError> {
    let take = std::mem::take::<String>;
    let mut cafe = Cafe::new(CafeInfo {
        title: take(&mut file.title),
        subtitle: take(&mut file.subtitle),
        date: take(&mut file.date),
        place: take(&mut file.place),
        facilitators: take(&mut file.facilitators),
        organisers: take(&mut file.organisers),
        lang: file.lang.as_deref().and_then(crate::i18n::Lang::from_code),
    });
    if file.dot_kinds.len() > MAX_DOT_KINDS {
        return Err(FileError::new(format!(
            "the file names {} dot kinds; a café has at most {MAX_DOT_KINDS}",
            file.dot_kinds.len()
        )));
    }
    for kind in std::mem::take(&mut file.dot_kinds) {
        let color = kind
            .color
            .parse::<NoteColor>()
            .map_err(|e| FileError::new(format!("dot kind “{}”: {e}", kind.name)))?
            .rgb();
        cafe.dot_kinds.push(DotKind {
            name: kind.name,
            color,
        });
    }
    cafe.synonyms = std::mem::take(&mut file.synonyms);
    if file.next_id > MAX_ID {
        let e = FileError::new(format!(
            "the id counter next_id {} is too large (at most {MAX_ID})",
            file.next_id
        ));
        return Err(match line_of_key(text, "next_id") {
            Some(line) => e.at_line(line),
            None => e,
        });
    }
    Ok(cafe)
}

/// Table `t`'s nodes by id, refusing ids too large or used twice (`owner`: the table that first
/// declared each id, across the file).
fn nodes_by_id(
    nodes: Vec<FileNode>,
    t: usize,
    owner: &mut HashMap<u64, usize>,
    at: Locate,
) -> Result<HashMap<u64, FileNode>, FileError> {
    let mut by_id: HashMap<u64, FileNode> = HashMap::with_capacity(nodes.len());
    for n in nodes {
        if n.id >= MAX_ID {
            return Err(at.node(
                n.id,
                0,
                format!("node id #{} is too large (ids stay below {MAX_ID})", n.id),
            ));
        }
        if let Some(first) = owner.insert(n.id, t) {
            let where_ = if first == t {
                "in the same table".to_owned()
            } else {
                format!("also in table {}", first + 1)
            };
            return Err(at.node(
                n.id,
                1,
                format!("node id #{} is used twice ({where_})", n.id),
            ));
        }
        by_id.insert(n.id, n);
    }
    Ok(by_id)
}

/// Table `number` built from its nodes: its question, then parents before children.
fn table_from_file(
    mut by_id: HashMap<u64, FileNode>,
    question: u64,
    number: usize,
    owner: &HashMap<u64, usize>,
    at: Locate,
) -> Result<Table, FileError> {
    let Some(q) = by_id.remove(&question) else {
        return Err(FileError::new(format!(
            "table {number}: its question #{question} is not among its nodes"
        )));
    };
    if !matches!(q.kind, FileKind::Question) {
        return Err(at.node(
            q.id,
            0,
            format!(
                "table {number}: node #{} is named as the question but is not a Question",
                q.id
            ),
        ));
    }
    if let Some(p) = q.parent {
        return Err(at.node(
            q.id,
            0,
            format!("the question #{} cannot have a parent (it has #{p})", q.id),
        ));
    }
    let mut table = Table::new(node_from_file(&q).map_err(|r| at.node(q.id, 0, r))?);
    table.reserve(by_id.len());
    // Insert parents before children, whatever their ids (an idea may have been moved under
    // a newer one). Nodes never reached sit on a cycle or under a missing parent.
    let mut children: HashMap<Option<u64>, Vec<u64>> = HashMap::new();
    for n in by_id.values() {
        children.entry(n.parent).or_default().push(n.id);
    }
    for list in children.values_mut() {
        list.sort_unstable();
    }
    let mut queue: Vec<u64> = children.get(&None).cloned().unwrap_or_default();
    queue.extend(children.get(&Some(q.id)).cloned().unwrap_or_default());
    let mut done = 0;
    while let Some(&id) = queue.get(done) {
        done += 1;
        let Some(n) = by_id.get(&id) else { continue };
        if matches!(n.kind, FileKind::Question) {
            return Err(at.node(
                id,
                0,
                format!("table {number} has a second question, node #{id}"),
            ));
        }
        let node = node_from_file(n).map_err(|r| at.node(id, 0, r))?;
        table
            .insert(node, n.parent.map(NodeId))
            .map_err(|e| at.node(id, 0, model_reason(&e)))?;
        if let Some(kids) = children.get(&Some(id)) {
            queue.extend(kids);
        }
    }
    if queue.len() < by_id.len() {
        let placed: HashSet<u64> = queue.iter().copied().collect();
        return Err(unplaced(&by_id, &placed, q.id, number, owner, at));
    }
    Ok(table)
}

/// Why some nodes of table `number` were never reached from its question: the first whose
/// parent is missing (or in another table), else the first on a loop of parents.
fn unplaced(
    by_id: &HashMap<u64, FileNode>,
    placed: &HashSet<u64>,
    question: u64,
    number: usize,
    owner: &HashMap<u64, usize>,
    at: Locate,
) -> FileError {
    let mut missing: Vec<&FileNode> = by_id.values().filter(|n| !placed.contains(&n.id)).collect();
    missing.sort_unstable_by_key(|n| n.id);
    let orphan = missing.iter().find_map(|n| {
        let p = n.parent?;
        (!by_id.contains_key(&p) && p != question).then_some((n.id, p))
    });
    if let Some((id, p)) = orphan {
        let reason = match owner.get(&p) {
            Some(&other) if other + 1 != number => {
                format!(
                    "node #{id}'s parent #{p} is in table {}, not in table {number}",
                    other + 1
                )
            }
            _ => format!("node #{id}'s parent #{p} does not exist"),
        };
        return at.node(id, 0, reason);
    }
    let id = missing.first().map_or(question, |n| n.id);
    at.node(
        id,
        0,
        format!("node #{id} is its own ancestor (its parents form a loop)"),
    )
}

fn node_from_file(n: &FileNode) -> Result<Node, String> {
    let kind = match n.kind {
        FileKind::Question => NodeKind::Question,
        FileKind::Theme => NodeKind::Theme,
        FileKind::Idea => NodeKind::Idea,
    };
    if !n.x.is_finite() || !n.y.is_finite() {
        return Err(format!(
            "node #{} has a position that is not a number",
            n.id
        ));
    }
    if n.x.abs() > MAX_COORDINATE || n.y.abs() > MAX_COORDINATE {
        return Err(format!(
            "node #{} is placed at x: {}, y: {}, out of range (positions stay within \
             ±{MAX_COORDINATE})",
            n.id, n.x, n.y
        ));
    }
    let color = match &n.color {
        Some(s) => Some(s.parse().map_err(|e| format!("node #{}: {e}", n.id))?),
        None => None,
    };
    let mut node = Node::new(NodeId(n.id), kind, n.text.clone())
        .at(Point::new(n.x, n.y))
        .with_color(color);
    if n.other_votes.len() >= MAX_DOT_KINDS {
        return Err(format!(
            "node #{} has votes of {} dot kinds; a café has at most {MAX_DOT_KINDS}",
            n.id,
            n.other_votes.len() + 1
        ));
    }
    for id in [n.origin_table, n.refers_to].into_iter().flatten() {
        if id >= MAX_ID {
            return Err(format!(
                "node #{} names node #{id}, beyond the largest id ({MAX_ID})",
                n.id
            ));
        }
    }
    let mut counts = vec![n.votes];
    counts.extend(&n.other_votes);
    node.votes = Votes::from_counts(&counts);
    node.note = n.note.clone();
    node.tags = n.tags.clone();
    node.hidden = n.hidden;
    node.merged_from = n.merged_from.clone();
    node.folded = n.folded;
    node.origin = Origin {
        table: n.origin_table.map(NodeId),
        round: n.round,
        contributor: n.contributor.clone(),
    };
    node.owner = n.owner.clone();
    node.due = n.due.clone();
    node.refers_to = n.refers_to.map(NodeId);
    Ok(node)
}

fn model_reason(e: &ModelError) -> String {
    e.to_string()
}

/// The node a model error is about, to point at its line.
fn model_node(e: &ModelError) -> Option<NodeId> {
    use ModelError::*;
    match *e {
        UnknownNode(id)
        | DuplicateId(id)
        | NotAQuestion(id)
        | QuestionHasParent(id)
        | ThemeMustHangOffQuestion(id)
        | OnlyIdeasUnsorted(id)
        | Cycle(id)
        | TwoParents(id)
        | HasChildren(id)
        | SelfLink(id)
        | IdNotBelowCounter(id)
        | ReferenceToReference(id) => Some(id),
        QuestionCount(_) | NoSuchTable(_) => None,
    }
}
