//! Writing files so that a failure (a full disk, a crash, a kill) never leaves a fragment:
//! the bytes go to a temporary file in the same directory, are synced, and the temporary
//! file is renamed over the target. Either the old file or the new one is there, whole.
//!
//! `write_new` is for files roundup must never overwrite (the clipboard fallback, the copy
//! of a replaced draft): it fails when the target exists, and links the finished temporary
//! file into place with `O_EXCL` semantics (a planted symlink is never followed).

use std::io::Write;
use std::path::{Path, PathBuf};

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

/// The finished, synced temporary file beside `path`, with `mode` on Unix.
fn staged(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> Result<tempfile::NamedTempFile, WriteError> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".roundup-").suffix(".tmp");
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let mut tmp = builder.tempfile_in(dir_of(path)).map_err(io_err(path))?;
    tmp.write_all(bytes).map_err(io_err(path))?;
    tmp.as_file().sync_all().map_err(io_err(path))?;
    Ok(tmp)
}

/// Replaces (or creates) `path` with `bytes`, atomically. An existing file keeps its
/// permissions' default for new files (0644 less the umask), as `fs::write` would.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let mode = existing_mode(path).or(Some(0o666 & !umask_hint()));
    let tmp = staged(path, bytes, mode)?;
    tmp.persist(path).map_err(|e| io_err(path)(e.error))?;
    Ok(())
}

/// Creates `path` with `bytes`; fails with `WriteError::Exists` if anything (a file, a
/// symlink, a directory) is already there. `private` makes it readable by the user only.
pub fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), WriteError> {
    let mode = if private {
        0o600
    } else {
        0o666 & !umask_hint()
    };
    let tmp = staged(path, bytes, Some(mode))?;
    tmp.persist_noclobber(path)
        .map_err(|e| io_err(path)(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn existing_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_: &Path) -> Option<u32> {
    None
}

/// tempfile creates files 0600; new exports should be as readable as `fs::write` makes
/// them. The umask cannot be read without changing it, so the common 022 is assumed.
fn umask_hint() -> u32 {
    0o022
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
