//! The history as it sits in the file: one Loro export (all its changes), deflated, in base64, cut into lines of
//! a RON list of strings (`history: ["Q01IMQ…", …]`). Text, so the file stays a RON file that
//! any editor opens; lines, so no editor chokes on one line of megabytes.
//!
//! Reading checks everything before Loro sees it: the size, the base64, a magic header (so a
//! foreign blob is named as such), and the inflated size (so a small field cannot expand into
//! gigabytes). Loro itself runs behind `catch_unwind`: a history that crashes it is set aside
//! like any other bad history, and the document opens without it.

use super::schema;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use loro::{ExportMode, LoroDoc};

/// The most history text a file may carry (the whole file is capped at 64 MiB).
pub const MAX_HISTORY_BYTES: usize = 48 * 1024 * 1024;

/// The most a history may inflate to: a café of 10,000 ideas with a long past is ~10 MB.
const MAX_INFLATED_BYTES: usize = 256 * 1024 * 1024;

/// "CaféMap history", version 1. Then the tables' questions, each as its id and a hash of its
/// text (a count on two bytes, then eight and four bytes each, little-endian), so that a
/// history copied from another map is told at once; then the deflated Loro export.
const MAGIC: &[u8; 4] = b"CMH1";

/// The most question ids the header names.
const MAX_QUESTIONS: usize = 1024;

/// Characters per line of the history field.
const LINE: usize = 4096;

/// The history's export as file lines; `None` if Loro cannot export it (never seen; the file is
/// then written without history rather than not at all).
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
    let mut out = MAGIC.to_vec();
    let questions = questions.get(..MAX_QUESTIONS).unwrap_or(questions);
    out.extend((questions.len() as u16).to_le_bytes());
    for (id, hash) in questions {
        out.extend(id.to_le_bytes());
        out.extend(hash.to_le_bytes());
    }
    // Level 6: as small as 9 on a map's history (the example: 3,541 bytes either way), and faster.
    out.extend(miniz_oxide::deflate::compress_to_vec(&bytes, 6));
    let text = STANDARD.encode(out);
    Some(
        text.as_bytes()
            .chunks(LINE)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect(),
    )
}

/// What a file's history lines hold, checked (size, header, checksum) but not yet imported.
pub struct Unpacked {
    /// The questions of the map the history was written for (id, hash of the text).
    pub questions: Vec<(u64, u32)>,
    pub snapshot: Vec<u8>,
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
    let Some(rest) = bytes.strip_prefix(MAGIC) else {
        return Err("the history is not a CaféMap history".into());
    };
    let cut_short = || "the history is damaged or cut short".to_owned();
    let (count, rest) = rest.split_first_chunk::<2>().ok_or_else(cut_short)?;
    let count = usize::from(u16::from_le_bytes(*count));
    let (ids, deflated) = rest
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
    let snapshot = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED_BYTES)
        .map_err(|e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                "the history is too large once unpacked".to_owned()
            }
            _ => "the history is damaged or cut short".to_owned(),
        })?;
    check_export(&snapshot)?;
    Ok(Unpacked {
        questions,
        snapshot,
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
