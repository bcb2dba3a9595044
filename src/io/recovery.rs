//! Autosave and crash recovery. While a document has unsaved changes, the window writes a copy
//! of it to a recovery folder; a clean exit removes the copy, so any copy found at the next start
//! was left by a session that crashed or was killed, and can be offered back.
//!
//! Each running window owns a *session*: `ID.ron` (the copy, written atomically) and `ID.lock`
//! (held locked for the session's lifetime). The operating system releases the lock when the
//! process dies, so a copy whose lock can be taken is an orphan, while one whose lock is held
//! belongs to another window that is still open and is left alone.
//!
//! A copy is an ordinary CaféMap file with one comment line on top naming the file it came from,
//! so that it can still be opened by hand if all else fails.

use super::FileError;
use super::atomic::{Backup, write_atomic};
use crate::model::Cafe;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Overrides the recovery folder (tests, portable installs).
pub const DIR_ENV: &str = "CAFEMAP_RECOVERY_DIR";

/// The comment that starts every recovery copy; the rest of the line is a JSON [`Header`].
const MARKER: &str = "// CaféMap recovery ";

/// Where recovery copies live.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryStore {
    dir: PathBuf,
}

/// What the copy's first line records about the document.
#[derive(Serialize, Deserialize, Default)]
struct Header {
    /// The file the document was opened from or saved to, if any (and if it is UTF-8).
    original: Option<String>,
}

/// The running window's own recovery copy.
#[derive(Debug)]
pub struct Session {
    copy: PathBuf,
    lock_path: PathBuf,
    /// Held (locked) until the session ends or the process dies.
    lock: File,
}

/// A copy left by a session that did not end cleanly. Holding it keeps its lock, so another
/// window starting at the same time does not offer the same copy.
#[derive(Debug)]
pub struct Orphan {
    copy: PathBuf,
    lock_path: PathBuf,
    _lock: File,
    /// When the copy was last written.
    pub saved_at: Option<SystemTime>,
    /// The file the document came from, as recorded in the copy.
    pub original: Option<PathBuf>,
}

/// A copy read back.
#[derive(Debug)]
pub struct Recovered {
    pub cafe: Cafe,
    pub original: Option<PathBuf>,
}

/// Where the copy of a map other than the open one is restored to, so that it takes no map's
/// place: `NAME (recovered).ron` beside its original (beside the open map, for a copy of a map
/// never saved), numbered when that name is taken.
pub fn restored_path(original: Option<&Path>, open: Option<&Path>) -> PathBuf {
    let beside = original.or(open);
    let dir = beside
        .and_then(Path::parent)
        .filter(|d| !d.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    let stem = original.and_then(Path::file_stem).map_or_else(
        || "untitled".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{stem} (recovered).ron")
        } else {
            format!("{stem} (recovered {n}).ron")
        };
        let path = dir.join(name);
        if !path.exists() || n > 999 {
            return path;
        }
        n += 1;
    }
}

impl RecoveryStore {
    /// A store in `dir` (created when the first session starts).
    pub fn new(dir: impl Into<PathBuf>) -> RecoveryStore {
        RecoveryStore { dir: dir.into() }
    }

    /// `$CAFEMAP_RECOVERY_DIR` if set, else `recovery/` in the user's data folder
    /// (`~/.local/share/cafemap/recovery` on Linux). `None` when there is no home folder.
    pub fn from_env() -> Option<RecoveryStore> {
        if let Some(dir) = std::env::var_os(DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(RecoveryStore::new(dir));
        }
        directories::ProjectDirs::from("", "", "cafemap")
            .map(|dirs| RecoveryStore::new(dirs.data_dir().join("recovery")))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Starts this window's session: creates the folder and takes a fresh, locked name.
    pub fn start_session(&self) -> Result<Session, FileError> {
        let fail = |e: std::io::Error| super::io_error(&e).in_file(&self.dir);
        fs::create_dir_all(&self.dir).map_err(fail)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_nanos();
        let pid = std::process::id();
        for n in 0..100u32 {
            let id = format!("session-{pid}-{nanos}-{n}");
            let lock_path = self.dir.join(format!("{id}.lock"));
            let lock = match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&lock_path)
            {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(fail(e)),
            };
            if let Err(e) = lock.try_lock() {
                let _ = fs::remove_file(&lock_path);
                return Err(
                    FileError::new(format!("cannot lock the recovery folder: {e}"))
                        .in_file(&self.dir),
                );
            }
            return Ok(Session {
                copy: self.dir.join(format!("{id}.ron")),
                lock_path,
                lock,
            });
        }
        Err(FileError::new("no free name in the recovery folder").in_file(&self.dir))
    }

    /// Copies left by sessions that are no longer running, newest first. Lock files left without
    /// a copy (a crash before anything was autosaved) are tidied away on the way.
    pub fn orphans(&self) -> Vec<Orphan> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut copies = Vec::new();
        let mut locks = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            match path.extension().and_then(|e| e.to_str()) {
                Some("ron") => copies.push(path),
                Some("lock") => locks.push(path),
                _ => {}
            }
        }
        let mut found: Vec<Orphan> = copies.into_iter().filter_map(claim).collect();
        for lock_path in locks {
            if !lock_path.with_extension("ron").exists()
                && let Some(lock) = take_lock(&lock_path)
            {
                let _ = fs::remove_file(&lock_path);
                drop(lock);
            }
        }
        found.sort_by_key(|o| std::cmp::Reverse(o.saved_at));
        found
    }
}

/// Opens and locks `lock_path`; `None` if another running session holds it.
fn take_lock(lock_path: &Path) -> Option<File> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_path)
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

/// The copy at `copy` as an orphan, if no running session owns it.
fn claim(copy: PathBuf) -> Option<Orphan> {
    let lock_path = copy.with_extension("lock");
    let lock = take_lock(&lock_path)?;
    // The owner may have ended cleanly between listing and locking.
    let meta = match fs::metadata(&copy) {
        Ok(m) if m.is_file() => m,
        _ => {
            let _ = fs::remove_file(&lock_path);
            return None;
        }
    };
    let original = read_header(&copy)
        .and_then(|h| h.original)
        .map(PathBuf::from);
    Some(Orphan {
        copy,
        lock_path,
        _lock: lock,
        saved_at: meta.modified().ok(),
        original,
    })
}

/// The header of a copy, reading only its first line.
fn read_header(copy: &Path) -> Option<Header> {
    use std::io::{BufRead, BufReader, Read};
    let file = File::open(copy).ok()?;
    let mut line = String::new();
    BufReader::new(file.take(64 * 1024))
        .read_line(&mut line)
        .ok()?;
    parse_header(&line)
}

fn parse_header(line: &str) -> Option<Header> {
    serde_json::from_str(line.strip_prefix(MARKER)?.trim_end()).ok()
}

/// Writes a session's copy; can be sent to a worker thread (the session keeps its lock).
#[derive(Clone, Debug)]
pub struct CopyWriter {
    copy: PathBuf,
}

impl CopyWriter {
    /// Writes (atomically) the current state of a document with unsaved changes.
    pub fn write(&self, cafe: &Cafe, original: Option<&Path>) -> Result<(), FileError> {
        let header = Header {
            original: original.and_then(|p| p.to_str()).map(str::to_owned),
        };
        let json = serde_json::to_string(&header).unwrap_or_else(|_| "{}".to_owned());
        let text = format!("{MARKER}{json}\n{}", super::file::to_string(cafe));
        write_atomic(&self.copy, text.as_bytes(), Backup::None)
    }

    pub fn path(&self) -> &Path {
        &self.copy
    }
}

impl Session {
    /// A writer of this session's copy, for a worker thread.
    pub fn writer(&self) -> CopyWriter {
        CopyWriter {
            copy: self.copy.clone(),
        }
    }

    /// Writes (atomically) the current state of a document with unsaved changes.
    pub fn write(&self, cafe: &Cafe, original: Option<&Path>) -> Result<(), FileError> {
        self.writer().write(cafe, original)
    }

    /// Removes the copy: the document was saved or closed on purpose.
    pub fn clear(&self) -> Result<(), FileError> {
        match fs::remove_file(&self.copy) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(super::io_error(&e).in_file(&self.copy)),
        }
    }

    /// Where this session writes its copy.
    pub fn path(&self) -> &Path {
        &self.copy
    }

    /// A clean exit: removes the copy and the lock. Dropping a session without calling this (a
    /// crash) leaves the copy for the next start.
    pub fn end(self) -> Result<(), FileError> {
        let cleared = self.clear();
        let _ = self.lock.unlock();
        drop(self.lock);
        let _ = fs::remove_file(&self.lock_path);
        cleared
    }
}

impl Orphan {
    /// Reads the copy back. A damaged copy gives an error naming the file and the line.
    pub fn load(&self) -> Result<Recovered, FileError> {
        use std::io::Read;
        let max = super::file::MAX_FILE_BYTES;
        let fail = |e: std::io::Error| super::io_error(&e).in_file(&self.copy);
        let mut bytes = Vec::new();
        File::open(&self.copy)
            .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
            .map_err(fail)?;
        if bytes.len() as u64 > max {
            return Err(FileError::new("the copy is too large").in_file(&self.copy));
        }
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            FileError::new("not a CaféMap recovery copy (not UTF-8 text)").in_file(&self.copy)
        })?;
        let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
        if parse_header(first).is_none() {
            return Err(FileError::new("not a CaféMap recovery copy").in_file(&self.copy));
        }
        let cafe = super::file::from_str(rest).map_err(|mut e| {
            // Lines counted in the whole copy, header included.
            e.line = e.line.map(|l| l + 1);
            e.in_file(&self.copy)
        })?;
        Ok(Recovered {
            cafe,
            original: self.original.clone(),
        })
    }

    /// The copy's file name in the recovery folder.
    pub fn path(&self) -> &Path {
        &self.copy
    }

    /// Removes the copy and its lock: the user restored it elsewhere or chose to drop it.
    pub fn discard(self) -> Result<(), FileError> {
        let removed = match fs::remove_file(&self.copy) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(super::io_error(&e).in_file(&self.copy)),
        };
        let _ = self._lock.unlock();
        drop(self._lock);
        let _ = fs::remove_file(&self.lock_path);
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CafeInfo;

    fn cafe(title: &str) -> Cafe {
        let mut cafe = Cafe::new(CafeInfo {
            title: title.into(),
            ..Default::default()
        });
        let t = cafe.new_table("Quelle coopération ?");
        cafe.tables.push(t);
        cafe
    }

    #[test]
    fn a_copy_survives_a_crash_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("recovery"));
        let session = store.start_session().unwrap();
        let original = Path::new("/home/anne/cafés/été 2025.ron");
        session.write(&cafe("Café d’été"), Some(original)).unwrap();
        assert!(
            store.orphans().is_empty(),
            "a running session's copy is not an orphan"
        );
        drop(session); // the process dies: the lock goes, the copy stays

        let orphans = store.orphans();
        assert_eq!(orphans.len(), 1);
        assert_eq!(orphans[0].original.as_deref(), Some(original));
        assert!(orphans[0].saved_at.is_some());
        let back = orphans[0].load().unwrap();
        assert_eq!(back.cafe.info.title, "Café d’été");
        assert_eq!(back.cafe.tables.len(), 1);
        assert_eq!(
            store.orphans().len(),
            0,
            "a claimed orphan is not offered twice"
        );
    }

    #[test]
    fn the_copy_is_a_cafemap_file_too() {
        let dir = tempfile::tempdir().unwrap();
        let session = RecoveryStore::new(dir.path()).start_session().unwrap();
        session.write(&cafe("Brut"), None).unwrap();
        let text = fs::read_to_string(session.path()).unwrap();
        let (first, rest) = text.split_once('\n').unwrap();
        assert!(first.starts_with("//"));
        assert_eq!(crate::io::file::from_str(rest).unwrap().info.title, "Brut");
    }

    #[test]
    fn clean_end_and_discard_remove_everything() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        let session = store.start_session().unwrap();
        session.write(&cafe("A"), None).unwrap();
        session.clear().unwrap();
        assert!(!session.path().exists(), "saving clears the copy");
        session.write(&cafe("A"), None).unwrap();
        session.end().unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);

        let crashed = store.start_session().unwrap();
        crashed.write(&cafe("B"), None).unwrap();
        drop(crashed);
        let orphan = store.orphans().pop().unwrap();
        orphan.discard().unwrap();
        assert!(store.orphans().is_empty());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn newest_first_and_stray_locks_tidied() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        for title in ["old", "new"] {
            let s = store.start_session().unwrap();
            s.write(&cafe(title), None).unwrap();
            if title == "old" {
                let f = File::options().write(true).open(s.path()).unwrap();
                f.set_modified(SystemTime::now() - Duration::from_secs(3600))
                    .unwrap();
            }
        }
        // A crash before any autosave leaves only a lock file.
        drop(store.start_session().unwrap());
        let titles: Vec<String> = store
            .orphans()
            .iter()
            .map(|o| o.load().unwrap().cafe.info.title)
            .collect();
        assert_eq!(titles, ["new", "old"]);
        let locks = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "lock"))
            .count();
        assert_eq!(locks, 2, "the lock without a copy is gone");
    }

    #[test]
    fn a_damaged_copy_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path());
        fs::write(
            dir.path().join("x.ron"),
            "// CaféMap recovery {}\n(format_version: 1, ta",
        )
        .unwrap();
        fs::write(dir.path().join("y.ron"), [0xff, 0xfe, 0x00, 0x01]).unwrap();
        fs::write(dir.path().join("z.ron"), "(not a recovery copy)").unwrap();
        let orphans = store.orphans();
        assert_eq!(orphans.len(), 3);
        for o in &orphans {
            let e = o.load().unwrap_err();
            assert!(
                e.to_string().contains(&o.path().display().to_string()),
                "{e}"
            );
            assert_eq!(o.original, None);
        }
        for o in orphans {
            o.discard().unwrap();
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_missing_or_unusable_folder_offers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(
            RecoveryStore::new(dir.path().join("none"))
                .orphans()
                .is_empty()
        );
        let file = dir.path().join("a-file");
        fs::write(&file, "x").unwrap();
        assert!(RecoveryStore::new(&file).start_session().is_err());
    }
}
