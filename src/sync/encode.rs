//! The history as it sits in the file, deflated, in base64, cut into lines of a RON list of
//! strings (`history: ["Q01IMQ…", …]`). Text, so the file stays a RON file that any editor
//! opens; lines, so no editor chokes on one line of megabytes. Two forms:
//! - `CMH1`, one Loro export of every change;
//! - `CMH2`, for a history whose birth is known (born in this program, or rebuilt from a
//!   `CMH2`): the document it was born from, written as the lines it shares with the document
//!   the file holds (one run of lines while the map is unchanged), and the Loro export of the
//!   changes since. The birth's changes are not written: recording the birth document again
//!   gives them, by the same peer, and a checksum says they came out the same. A small map's
//!   history is otherwise as large as the map itself (every text again, plus the operations).
//!
//! Reading checks everything before Loro sees it: the size, the base64, a magic header (so a
//! foreign blob is named as such), and the inflated size (so a small field cannot expand into
//! gigabytes). Loro itself runs behind `catch_unwind`: a history that crashes it is set aside
//! like any other bad history, and the document opens without it.

use super::{delta, schema};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use loro::{ExportMode, LoroDoc, VersionVector};
use std::sync::Arc;

/// The most history text a file may carry (the whole file is capped at 64 MiB).
pub const MAX_HISTORY_BYTES: usize = 48 * 1024 * 1024;

/// The most a history may inflate to: a café of 10,000 ideas with a long past is ~10 MB.
const MAX_INFLATED_BYTES: usize = 256 * 1024 * 1024;

/// "CaféMap history", version 1. Then the tables' questions, each as its id and a hash of its
/// text (a count on two bytes, then eight and four bytes each, little-endian), so that a
/// history copied from another map is told at once; then the deflated Loro export.
const MAGIC: &[u8; 4] = b"CMH1";

/// "CaféMap history", version 2: the same header, then the birth's checksum and the birth
/// document's, then, deflated, the birth document as lines of the file's document (its length
/// on eight bytes first) and the Loro export of the changes since (see [`encode_born`]).
const MAGIC_BORN: &[u8; 4] = b"CMH2";

/// The largest document whose history is written as its birth and the changes since: beyond,
/// recording the birth again when the history is first needed would cost more than importing
/// every change (a 10,000-idea map: about a second against a fifth).
pub const BORN_LIMIT: usize = 512 * 1024;

/// What a history's birth was: enough to record it again, and to tell that it came out the same.
pub struct Birth {
    /// The document the history was born from, as the file writes it (its hash is the peer).
    pub document: Arc<str>,
    /// xxHash32 of the Loro export of the birth alone.
    pub checksum: u32,
    /// Where the birth ends: the changes since are written after it.
    pub version: VersionVector,
}

/// The most question ids the header names.
const MAX_QUESTIONS: usize = 1024;

/// Characters per line of the history field.
const LINE: usize = 4096;

/// What a file's history lines hold, checked (size, header, checksum) but not yet imported.
pub struct Unpacked {
    /// The questions of the map the history was written for (id, hash of the text).
    pub questions: Vec<(u64, u32)>,
    pub export: Export,
}

/// A history's changes as a file holds them.
#[derive(Clone)]
pub enum Export {
    /// Every change (`CMH1`).
    Whole(Vec<u8>),
    /// The birth, to be recorded again, and the changes since (`CMH2`).
    Born(BornExport),
}

/// A `CMH2` history, unpacked.
#[derive(Clone)]
pub struct BornExport {
    /// The birth document as lines of the document the file holds ([`delta`]).
    patch: Vec<u8>,
    /// The birth document's [`text_checksum`].
    document_checksum: u32,
    /// The checksum the birth's export must have once recorded again.
    pub checksum: u32,
    /// The Loro export of every change since the birth.
    pub changes: Vec<u8>,
}

impl BornExport {
    /// The birth document, from the document the file holds; `None` when that document was
    /// edited elsewhere since the history was written (a copy that shares the birth can lend it).
    pub fn birth_document(&self, document: &str) -> Option<String> {
        delta::apply(&self.patch, document, BORN_LIMIT)
            .filter(|birth| text_checksum(birth) == self.document_checksum)
    }

    /// Whether `birth` is this history's birth document (lent by a copy that shares it).
    pub fn is_birth(&self, birth: &str) -> bool {
        text_checksum(birth) == self.document_checksum
    }
}

/// The history's export as file lines (`CMH1`: every change); `None` if Loro cannot export it
/// (never seen; the file is then written without history rather than not at all).
pub fn encode(doc: &LoroDoc, questions: &[(u64, u32)]) -> Option<Vec<String>> {
    // Every change, without the state they lead to: less than half a snapshot's size once
    // deflated (the example map: 3.5 kB against 8.1 kB). A trimmed history has no past to
    // replay, so it goes as a (shallow) snapshot.
    let mode = if doc.is_shallow() {
        ExportMode::Snapshot
    } else {
        ExportMode::all_updates()
    };
    let bytes = doc.export(mode).ok()?;
    let mut out = header(MAGIC, questions);
    out.extend(deflate(&bytes));
    Some(as_lines(&out))
}

/// The history as file lines in the `CMH2` form: `birth` written as lines of `document` (the
/// document the file holds, as [`super::document_text`] writes it), then the changes since the
/// birth.
pub fn encode_born(
    doc: &LoroDoc,
    questions: &[(u64, u32)],
    birth: &Birth,
    document: &str,
) -> Option<Vec<String>> {
    let changes = doc.export(ExportMode::updates(&birth.version)).ok()?;
    let patch = delta::delta(document, &birth.document);
    let mut body = (patch.len() as u64).to_le_bytes().to_vec();
    body.extend(patch);
    body.extend(changes);
    let mut out = header(MAGIC_BORN, questions);
    out.extend(birth.checksum.to_le_bytes());
    out.extend(text_checksum(&birth.document).to_le_bytes());
    out.extend(deflate(&body));
    Some(as_lines(&out))
}

/// The magic, then the tables' questions (see [`MAGIC`]).
fn header(magic: &[u8; 4], questions: &[(u64, u32)]) -> Vec<u8> {
    let mut out = magic.to_vec();
    let questions = questions.get(..MAX_QUESTIONS).unwrap_or(questions);
    out.extend((questions.len() as u16).to_le_bytes());
    for (id, hash) in questions {
        out.extend(id.to_le_bytes());
        out.extend(hash.to_le_bytes());
    }
    out
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    // Level 6: as small as 9 on a map's history (the example: 3,541 bytes either way), and faster.
    miniz_oxide::deflate::compress_to_vec(bytes, 6)
}

fn as_lines(bytes: &[u8]) -> Vec<String> {
    STANDARD
        .encode(bytes)
        .as_bytes()
        .chunks(LINE)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect()
}

/// xxHash32 of a document's text: how a birth document rebuilt from lines is told right.
pub fn text_checksum(text: &str) -> u32 {
    xxhash_rust::xxh32::xxh32(text.as_bytes(), 0)
}

/// Unpacks a file's history lines, or says why they cannot be used.
pub fn unpack(lines: &[String]) -> Result<Unpacked, String> {
    let len: usize = lines.iter().map(String::len).sum();
    if len > MAX_HISTORY_BYTES {
        return Err(format!(
            "the history is too large ({} MiB)",
            len.div_ceil(1024 * 1024)
        ));
    }
    let mut text = String::with_capacity(len);
    for l in lines {
        text.push_str(l.trim());
    }
    let bytes = STANDARD
        .decode(text.as_bytes())
        .map_err(|_| "the history is damaged (it is not base64 text)".to_owned())?;
    let cut_short = || "the history is damaged or cut short".to_owned();
    let (born, rest) = if let Some(rest) = bytes.strip_prefix(MAGIC) {
        (false, rest)
    } else if let Some(rest) = bytes.strip_prefix(MAGIC_BORN) {
        (true, rest)
    } else {
        return Err("the history is not a CaféMap history".into());
    };
    let (count, rest) = rest.split_first_chunk::<2>().ok_or_else(cut_short)?;
    let count = usize::from(u16::from_le_bytes(*count));
    let (ids, rest) = rest
        .split_at_checked(count.saturating_mul(12))
        .ok_or_else(cut_short)?;
    let questions = ids
        .chunks_exact(12)
        .filter_map(|c| {
            let (id, hash) = c.split_first_chunk::<8>()?;
            Some((
                u64::from_le_bytes(*id),
                u32::from_le_bytes(hash.try_into().ok()?),
            ))
        })
        .collect();
    if !born {
        let snapshot = inflate(rest)?;
        check_export(&snapshot)?;
        return Ok(Unpacked {
            questions,
            export: Export::Whole(snapshot),
        });
    }
    let (checksum, rest) = rest.split_first_chunk::<4>().ok_or_else(cut_short)?;
    let (document_checksum, deflated) = rest.split_first_chunk::<4>().ok_or_else(cut_short)?;
    let body = inflate(deflated)?;
    let (patch_len, body) = body.split_first_chunk::<8>().ok_or_else(cut_short)?;
    let patch_len = usize::try_from(u64::from_le_bytes(*patch_len)).map_err(|_| cut_short())?;
    let (patch, changes) = body.split_at_checked(patch_len).ok_or_else(cut_short)?;
    check_export(changes)?;
    Ok(Unpacked {
        questions,
        export: Export::Born(BornExport {
            patch: patch.to_vec(),
            document_checksum: u32::from_le_bytes(*document_checksum),
            checksum: u32::from_le_bytes(*checksum),
            changes: changes.to_vec(),
        }),
    })
}

fn inflate(deflated: &[u8]) -> Result<Vec<u8>, String> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED_BYTES).map_err(|e| {
        match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                "the history is too large once unpacked".to_owned()
            }
            _ => "the history is damaged or cut short".to_owned(),
        }
    })
}

/// Checks a Loro export's envelope: its magic bytes, its kind (a snapshot or updates) and its
/// checksum. The envelope is Loro's binary format (stable across 1.x): "loro", 16 bytes whose
/// last 4 are the xxHash32 of the rest (seed "LORO"), then the kind on 2 bytes. Cheaper than
/// `LoroDoc::decode_import_blob_meta`, which parses every change (a tenth of a second at 10,000
/// ideas): a map opens as fast as without history, and Loro still checks everything at import.
fn check_export(bytes: &[u8]) -> Result<(), String> {
    let damaged = || "the history is damaged (not a Loro export)".to_owned();
    let rest = bytes.strip_prefix(b"loro").ok_or_else(damaged)?;
    let (sum, body) = rest.split_first_chunk::<16>().ok_or_else(damaged)?;
    let kind = body.first_chunk::<2>().ok_or_else(damaged)?;
    // FastSnapshot (3) or FastUpdates (4), big-endian.
    if !matches!(kind, [0, 3] | [0, 4]) {
        return Err(damaged());
    }
    let expected = u32::from_le_bytes([sum[12], sum[13], sum[14], sum[15]]);
    if xxhash_rust::xxh32::xxh32(body, u32::from_le_bytes(*b"LORO")) != expected {
        return Err("the history is damaged (its checksum does not match)".into());
    }
    Ok(())
}

/// The Loro document an unpacked export holds.
pub fn import(snapshot: &[u8]) -> Result<LoroDoc, String> {
    guarded(|| {
        let doc = LoroDoc::new();
        doc.import(snapshot)
            .map_err(|e| format!("the history is damaged ({e})"))?;
        schema::configure(&doc);
        Ok(doc)
    })
}

/// The history with its past dropped: a shallow snapshot at the present version.
pub fn trimmed(doc: &LoroDoc) -> Result<LoroDoc, String> {
    let frontiers = doc.oplog_frontiers();
    guarded(|| {
        let bytes = doc
            .export(ExportMode::shallow_snapshot(&frontiers))
            .map_err(|e| e.to_string())?;
        let fresh = LoroDoc::new();
        fresh.import(&bytes).map_err(|e| e.to_string())?;
        schema::configure(&fresh);
        Ok(fresh)
    })
}

/// Runs Loro on data from outside: a panic in it becomes an error, never a crash.
pub fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("the history is damaged (it could not be read)".into()))
}
