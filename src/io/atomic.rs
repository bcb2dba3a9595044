//! Atomic file writes: at every instant the destination holds either the complete old bytes or the
//! complete new ones, even if the program is killed or the machine loses power mid-save.
//!
//! The bytes go to a temporary file in the same folder (so the final rename stays on one file
//! system), are flushed to disk, the previous file is kept as `FILE.bak`, then the temporary file
//! is renamed over the destination and the folder itself is flushed so the rename is durable.
//!
//! Only regular files are replaced that way. A symbolic link is followed: the file it points to
//! is replaced (its backup beside it), never the link. A FIFO or a character device (`/dev/null`,
//! `/dev/stdout`, a shell's `>(gzip)`) is written through, as a shell's `>` would: renaming over
//! it would destroy the device node or leave the pipe's reader with nothing. A block device or a
//! socket is refused: writing a map over a disk is never what was meant.

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

/// Refuses to write `output` when it is one of the files the command reads, by whatever path or
/// symbolic link leads to it: a file is the same when its device and inode are (on systems
/// without inodes, when the canonical paths are). Checked before any work, so nothing is lost and
/// no time is spent. `-` (standard output) and a file that does not exist yet are never an input.
pub fn refuse_overwriting_input(output: &Path, inputs: &[&Path]) -> Result<(), FileError> {
    if output.as_os_str() == "-" {
        return Ok(());
    }
    let Ok(target) = fs::metadata(output) else {
        return Ok(());
    };
    for input in inputs {
        if let Ok(read) = fs::metadata(input)
            && same_file(&target, &read, output, input)
        {
            return Err(FileError::new(format!(
                "this is the file being read ({}): writing here would destroy it; choose \
                 another name (nothing was written)",
                input.display()
            ))
            .in_file(output));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata, _: &Path, _: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata, a: &Path, b: &Path) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Writes `bytes` to `path` atomically. On error the previous file (if any) is left untouched and
/// the temporary file is removed. An existing read-only file is refused, as editors do: its
/// owner marked it not to be changed.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: Backup) -> Result<(), FileError> {
    let err = |e: std::io::Error| super::io_error(&e).in_file(path);
    if path.file_name().is_none() {
        return Err(FileError::new("this is not a file name").in_file(path));
    }
    let target = match destination(path).map_err(err)? {
        Destination::Regular(target) => target,
        Destination::Stream => return write_through(path, bytes).map_err(err),
        Destination::Folder => {
            return Err(FileError::new("this is a folder, not a file").in_file(path));
        }
        Destination::Refused(what) => {
            return Err(
                FileError::new(format!("this is {what}, not a file: nothing was written"))
                    .in_file(path),
            );
        }
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let previous = fs::metadata(&target).ok();
    if previous
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(FileError::new(
            "this file is read-only: nothing was written (choose another name, or make it \
             writable first)",
        )
        .in_file(path));
    }

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

/// What a save to some path writes to.
#[derive(Debug, PartialEq, Eq)]
enum Destination {
    /// A regular file (existing or not), replaced atomically: the path itself, or where its
    /// symbolic links lead.
    Regular(PathBuf),
    /// A FIFO or character device: written through in place.
    Stream,
    Folder,
    /// Something no map belongs in (a block device, a socket), named for the error.
    Refused(&'static str),
}

/// Where saving to `path` writes, following symbolic links.
fn destination(path: &Path) -> std::io::Result<Destination> {
    match fs::metadata(path) {
        Ok(meta) => {
            let kind = meta.file_type();
            if kind.is_file() {
                let is_link = fs::symlink_metadata(path)?.file_type().is_symlink();
                Ok(Destination::Regular(if is_link {
                    fs::canonicalize(path)?
                } else {
                    path.to_owned()
                }))
            } else if kind.is_dir() {
                Ok(Destination::Folder)
            } else {
                Ok(special(&kind))
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Ok(Destination::Regular(dangling_target(path)?))
        }
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn special(kind: &fs::FileType) -> Destination {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() || kind.is_char_device() {
        Destination::Stream
    } else if kind.is_block_device() {
        Destination::Refused("a disk device")
    } else if kind.is_socket() {
        Destination::Refused("a socket")
    } else {
        Destination::Refused("not a regular file")
    }
}

#[cfg(not(unix))]
fn special(_: &fs::FileType) -> Destination {
    Destination::Refused("not a regular file")
}

/// A path that does not exist yet: itself, or, for a symbolic link pointing nowhere, the file
/// its chain of links names (so the new file appears where the link leads).
fn dangling_target(path: &Path) -> std::io::Result<PathBuf> {
    // The operating system gives up after 40 links; so do we, rather than loop forever.
    let mut current = path.to_owned();
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Writes `bytes` into a FIFO or device as they are, without truncating, renaming or backing
/// up anything. Opening a FIFO waits for its reader, as a shell's `>` does.
fn write_through(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut out = OpenOptions::new().write(true).open(path)?;
    out.write_all(bytes)?;
    out.flush()
}

/// Longest file name kept in a temporary file's name: with the dot and the `.PID-N.tmp` tail the
/// name stays under the 255 bytes most file systems allow, whatever the target's length.
const TEMP_STEM_MAX: usize = 200;

/// A new, uniquely named file next to `target` (hidden, so file browsers do not show it).
fn create_temp(target: &Path) -> std::io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut stem = target.file_name().map(OsString::from).unwrap_or_default();
    if stem.len() > TEMP_STEM_MAX {
        stem = OsString::from("cafemap");
    }
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

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_through_to_its_reader_and_stays_a_fifo() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = std::thread::spawn({
            let fifo = fifo.clone();
            move || fs::read(fifo).unwrap()
        });
        write_atomic(&fifo, b"the export", Backup::Keep).unwrap();
        let kind = fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "the pipe was replaced by a file");
        assert_eq!(reader.join().unwrap(), b"the export");
        assert!(
            !backup_path(&fifo).exists(),
            "a pipe has nothing to back up"
        );
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_is_written_through_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        // Checked before writing: with the rename, a test run as root would destroy /dev/null.
        assert_eq!(destination(null).unwrap(), Destination::Stream);
        write_atomic(null, b"gone", Backup::Keep).unwrap();
        let kind = fs::symlink_metadata(null).unwrap().file_type();
        assert!(kind.is_char_device());
        assert!(fs::read(null).unwrap().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_keeps_pointing_at_the_replaced_file_with_its_backup_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let maps = dir.path().join("maps");
        fs::create_dir(&maps).unwrap();
        let real = maps.join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("maps/real.ron", &link).unwrap();
        write_atomic(&link, b"new", Backup::Keep).unwrap();
        assert_eq!(fs::read_link(&link).unwrap(), Path::new("maps/real.ron"));
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(fs::read(backup_path(&real)).unwrap(), b"old");
        assert!(!backup_path(&link).exists(), "no backup beside the link");

        // A link to a file not written yet: the file appears where the link leads.
        let dangling = dir.path().join("new.ron");
        std::os::unix::fs::symlink("maps/later.ron", &dangling).unwrap();
        write_atomic(&dangling, b"first", Backup::Keep).unwrap();
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(maps.join("later.ron")).unwrap(), b"first");
    }

    #[test]
    fn a_long_name_still_gets_its_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(format!("{}.svg", "n".repeat(245)));
        write_atomic(&p, b"one", Backup::None).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
    }

    #[cfg(unix)]
    #[test]
    fn an_input_is_never_an_output_by_any_path() {
        let dir = tempfile::tempdir().unwrap();
        let map = dir.path().join("map.ron");
        fs::write(&map, "map").unwrap();
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink(&map, &link).unwrap();
        let fresh = dir.path().join("fresh.svg");
        for out in [&map, &link] {
            let e = refuse_overwriting_input(out, &[&map]).unwrap_err();
            assert!(e.to_string().contains("the file being read"), "{e}");
        }
        assert!(refuse_overwriting_input(&fresh, &[&map]).is_ok());
        assert!(refuse_overwriting_input(Path::new("-"), &[&map]).is_ok());
    }
}
