//! The relay's rooms on disk, in its data folder: `ROOM.token` (the room's token) and
//! `ROOM.loro` (the room's Loro snapshot), both written atomically and flushed to disk before
//! they count (`io::atomic`). Room names are checked by [`valid_room`] before they name a
//! file, so no room name leads outside the folder.

use super::link::{new_token, room_name, valid_room};
use crate::io::atomic::{Backup, write_atomic};
use crate::model::Cafe;
use crate::sync::remote;
use loro::{ExportMode, LoroDoc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// The largest room snapshot read back (a café of 10,000 ideas is ~10 MB).
const MAX_SNAPSHOT: u64 = 64 * 1024 * 1024;

pub struct Rooms {
    dir: PathBuf,
    tokens: Mutex<HashMap<String, String>>,
}

impl Rooms {
    /// The rooms kept in `dir` (created when missing).
    pub fn open(dir: &Path) -> Result<Rooms, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create the folder {} ({e})", dir.display()))?;
        let mut tokens = HashMap::new();
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read the folder {} ({e})", dir.display()))?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(room) = name.to_str().and_then(|n| n.strip_suffix(".token")) else {
                continue;
            };
            if !valid_room(room) {
                continue;
            }
            if let Ok(token) = std::fs::read_to_string(entry.path()) {
                let token = token.trim().to_owned();
                if token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit()) {
                    tokens.insert(room.to_owned(), token);
                }
            }
        }
        Ok(Rooms {
            dir: dir.to_owned(),
            tokens: Mutex::new(tokens),
        })
    }

    fn tokens(&self) -> MutexGuard<'_, HashMap<String, String>> {
        self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every room and its token, by name.
    pub fn list(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .tokens()
            .iter()
            .map(|(r, t)| (r.clone(), t.clone()))
            .collect();
        out.sort();
        out
    }

    /// Whether `token` opens `room` (compared in constant time).
    pub fn admits(&self, room: &str, token: &str) -> bool {
        let tokens = self.tokens();
        let Some(expected) = tokens.get(room) else {
            return false;
        };
        expected.len() == token.len()
            && expected
                .bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    }

    pub fn snapshot_path(&self, room: &str) -> Option<PathBuf> {
        valid_room(room).then(|| self.dir.join(format!("{room}.loro")))
    }

    /// The room's snapshot as last saved, if any.
    pub fn load(&self, room: &str) -> Result<Option<Vec<u8>>, String> {
        if !self.tokens().contains_key(room) {
            return Err(format!("no room “{room}”"));
        }
        let Some(path) = self.snapshot_path(room) else {
            return Err("not a room name".into());
        };
        match std::fs::metadata(&path) {
            Err(_) => return Ok(None),
            Ok(m) if m.len() > MAX_SNAPSHOT => {
                return Err(format!("{} is too large", path.display()));
            }
            Ok(_) => {}
        }
        std::fs::read(&path)
            .map(Some)
            .map_err(|e| format!("cannot read {} ({e})", path.display()))
    }

    /// Saves a room's snapshot: atomically, flushed to disk before this returns.
    pub fn save(&self, room: &str, snapshot: &[u8]) -> Result<(), String> {
        if !self.tokens().contains_key(room) {
            return Err(format!("no room “{room}”"));
        }
        let path = self.snapshot_path(room).ok_or("not a room name")?;
        write_atomic(&path, snapshot, Backup::None).map_err(|e| e.to_string())
    }

    /// Opens a map as a room named after its file (or rejoins that room when the folder holds
    /// it: the map's history is joined to the room's). Returns the room's name and token.
    pub fn add_map(&self, path: &Path, cafe: &Cafe) -> Result<(String, String), String> {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let room = room_name(&stem);
        let updates = remote::updates_since(cafe, None)?;
        let doc = LoroDoc::new();
        if let Some(saved) = self.load(&room).ok().flatten() {
            doc.import(&saved)
                .map_err(|e| format!("the room “{room}” on disk is damaged ({e})"))?;
        }
        let ours = remote::version(cafe)?;
        if !super::client::shares_history(&doc.oplog_vv(), &ours) {
            return Err(format!(
                "{} already holds a room “{room}” for another map; rename {} to open it as a \
                 room of its own",
                self.dir.display(),
                path.display()
            ));
        }
        doc.import(&updates)
            .map_err(|e| format!("the map's history cannot be read ({e})"))?;
        let snapshot = doc
            .export(ExportMode::Snapshot)
            .map_err(|e| e.to_string())?;
        let token = match self.tokens().get(&room) {
            Some(t) => t.clone(),
            None => new_token()?,
        };
        let token_path = self.dir.join(format!("{room}.token"));
        if !token_path.exists() {
            write_atomic(&token_path, token.as_bytes(), Backup::None).map_err(|e| e.to_string())?;
        }
        self.tokens().insert(room.clone(), token.clone());
        self.save(&room, &snapshot)?;
        Ok((room, token))
    }
}
