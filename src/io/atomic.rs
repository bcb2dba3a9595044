//! Atomic file writes: at every instant the destination holds either the complete old bytes or the
//! complete new ones, even if the program is killed or the machine loses power mid-save.
//!
//! The bytes go to a temporary file in the same folder (so the final rename stays on one file
//! system), are flushed to disk, the previous file is kept as `FILE.bak`, then the temporary file
//! is renamed over the destination and the folder itself is flushed so the rename is durable.

use super::FileError;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether to keep the file being replaced as `FILE.bak` (documents) or not (exports).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backup {
    Keep,
    None,
}

/// The backup kept next to `path`: `map.ron` → `map.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name: OsString = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically. On error the previous file (if any) is left untouched and
/// the temporary file is removed.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), FileError> {
    let err = |e: std::io::Error| super::io_error(&e).in_file(path);
    if path.file_name().is_none() {
        return Err(FileError::new("this is not a file name").in_file(path));
    }
    // Saving through a symbolic link replaces the file it points to, not the link.
    let target = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(err)?,
        Ok(m) if m.is_dir() => {
            return Err(FileError::new("this is a folder, not a file").in_file(path));
        }
        _ => path.to_owned(),
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let previous = fs::metadata(&target).ok();

    let (tmp_path, mut tmp) = create_temp(&target).map_err(err)?;
    let written = (|| {
        tmp.write_all(bytes)?;
        if let Some(meta) = &previous {
            // Keep the permissions the user gave the file.
            tmp.set_permissions(meta.permissions())?;
        }
        tmp.sync_all()
    })();
    drop(tmp);
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp_path);
        return Err(err(e));
    }
    if backup == Backup::Keep
        && previous.is_some()
        && let Err(e) = keep_backup(&target)
    {
        let _ = fs::remove_file(&tmp_path);
        return Err(FileError::new(format!(
            "could not keep the previous version as a backup: {}",
            super::io_error(&e).reason
        ))
        .in_file(path));
    }
    if let Err(e) = fs::rename(&tmp_path, &target) {
        let _ = fs::remove_file(&tmp_path);
        return Err(err(e));
    }
    sync_dir(&dir);
    Ok(())
}

/// A new, uniquely named file next to `target` (hidden, so file browsers do not show it).
fn create_temp(target: &Path) -> std::io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let stem = target.file_name().map(OsString::from).unwrap_or_default();
    let mut last = None;
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let mut name = OsString::from(".");
        name.push(&stem);
        name.push(format!(".{}-{n}.tmp", std::process::id()));
        let tmp = target.with_file_name(name);
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temporary name")))
}

/// Makes `FILE.bak` hold the current contents of `target`, replacing the old backup atomically
/// (so a kill at any moment leaves a whole backup). A hard link is instant and shares the bytes;
/// where links are not supported the file is copied (and flushed) instead.
fn keep_backup(target: &Path) -> std::io::Result<()> {
    let bak = backup_path(target);
    // A fresh unique name beside the backup; the link (or copy) needs it absent.
    let (staging, file) = create_temp(&bak)?;
    drop(file);
    fs::remove_file(&staging)?;
    let staged = fs::hard_link(target, &staging).or_else(|_| {
        fs::copy(target, &staging)?;
        File::open(&staging)?.sync_all()
    });
    if let Err(e) = staged.and_then(|()| fs::rename(&staging, &bak)) {
        let _ = fs::remove_file(&staging);
        return Err(e);
    }
    Ok(())
}

/// Flushes the folder entry so the rename survives a power cut. Best effort: not every platform or
/// file system lets a folder be opened and synced, and the data itself is already on disk.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_backup() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("map.ron");
        write_atomic(&p, b"one", Backup::Keep).unwrap();
        assert!(
            !backup_path(&p).exists(),
            "nothing to back up the first time"
        );
        write_atomic(&p, b"two", Backup::Keep).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&p)).unwrap(), b"one");
        write_atomic(&p, b"three", Backup::Keep).unwrap();
        assert_eq!(fs::read(backup_path(&p)).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            leftovers.len(),
            2,
            "no temporary file left behind: {leftovers:?}"
        );
    }

    #[test]
    fn no_backup_for_exports() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("map.svg");
        write_atomic(&p, b"one", Backup::None).unwrap();
        write_atomic(&p, b"two", Backup::None).unwrap();
        assert!(!backup_path(&p).exists());
    }

    #[test]
    fn failed_save_leaves_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-folder").join("map.ron");
        assert!(write_atomic(&p, b"x", Backup::Keep).is_err());
        let folder = dir.path().join("folder.ron");
        fs::create_dir(&folder).unwrap();
        let e = write_atomic(&folder, b"x", Backup::Keep).unwrap_err();
        assert!(e.to_string().contains("folder"), "{e}");
        assert!(folder.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new", Backup::Keep).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
    }
}
