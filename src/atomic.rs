//! Writing files so that a failure (a full disk, a crash, a kill) never leaves a fragment:
//! the bytes go to a temporary file in the same directory, are synced, and the temporary
//! file is renamed over the target. Either the old file or the new one is there, whole.
//!
//! `write_new` is for files roundup must never overwrite (the clipboard fallback, the copy
//! of a replaced draft): it fails when the target exists, and hard-links the finished
//! temporary file into place, which like `O_EXCL` never replaces a file and never follows a
//! planted symlink. Temporary files are themselves created with `O_EXCL`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{path} already exists")]
    Exists { path: String },
    #[error("cannot write {path}: {cause}")]
    Io { path: String, cause: std::io::Error },
}

fn io_err(path: &Path) -> impl Fn(std::io::Error) -> WriteError + '_ {
    move |cause| {
        if cause.kind() == std::io::ErrorKind::AlreadyExists {
            WriteError::Exists {
                path: path.display().to_string(),
            }
        } else {
            WriteError::Io {
                path: path.display().to_string(),
                cause: friendly(cause),
            }
        }
    }
}

/// "No space left on device (os error 28)" is already clear; a read-only file system or a
/// denied directory gets the same plain wording everywhere.
fn friendly(cause: std::io::Error) -> std::io::Error {
    match cause.raw_os_error() {
        Some(libc::ENOSPC) => std::io::Error::other("the disk is full"),
        Some(libc::EROFS) => std::io::Error::other("the file system is read-only"),
        _ => cause,
    }
}

/// The directory a temporary file for `path` goes in (the same file system, so the rename
/// is atomic).
fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A temporary file beside `path`, created new (never an existing file or symlink), holding
/// `bytes`, synced. Mode 0600 when `private`, else what the umask gives a new file.
fn staged(path: &Path, bytes: &[u8], private: bool) -> Result<PathBuf, WriteError> {
    let dir = dir_of(path);
    loop {
        let tmp = dir.join(format!(
            ".roundup-{}-{}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut file = match options.open(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io_err(path)(e)),
        };
        let written = file.write_all(bytes).and_then(|_| file.sync_all());
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(io_err(path)(e));
        }
        return Ok(tmp);
    }
}

/// Replaces (or creates) `path` with `bytes`, atomically. A replaced file keeps its
/// permissions, as it would if it were rewritten in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let tmp = staged(path, bytes, false)?;
    if let Ok(old) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, old.permissions());
    }
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io_err(path)(e)
    })
}

/// Creates `path` with `bytes`; fails with `WriteError::Exists` if anything (a file, a
/// symlink, a directory) is already there. `private` makes it readable by the user only.
pub fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), WriteError> {
    let tmp = staged(path, bytes, private)?;
    // A hard link never replaces what is there and never follows a symlink at `path`.
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    linked.map_err(io_err(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.md");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn write_new_refuses_an_existing_file_and_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a");
        write_new(&p, b"x", true).unwrap();
        assert!(matches!(
            write_new(&p, b"y", true),
            Err(WriteError::Exists { .. })
        ));
        assert_eq!(std::fs::read(&p).unwrap(), b"x");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
            let victim = dir.path().join("victim");
            std::fs::write(&victim, "keep").unwrap();
            let link = dir.path().join("link");
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            assert!(write_new(&link, b"evil", true).is_err());
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        }
        // Nothing half-written is left behind.
        assert_eq!(
            std::fs::read_dir(dir.path())
                .unwrap()
                .filter(|e| e
                    .as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp"))
                .count(),
            0
        );
    }
}
