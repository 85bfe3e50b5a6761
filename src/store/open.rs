//! Opening the database when anything can be going on around it: several processes opening
//! a new or older database at once (one migrates, inside one exclusive transaction that
//! re-reads the schema version; the others wait and find it done), a read-only directory
//! (read-only commands still work), no room for the pre-migration backup, a damaged file.

use super::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// An open connection and what opening it did.
pub(super) struct Opened {
    pub conn: Connection,
    pub backup: Option<PathBuf>,
    /// Set when the directory (or file) cannot be written: the store is read-only.
    pub read_only: Option<PathBuf>,
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn code(e: &rusqlite::Error) -> Option<rusqlite::ErrorCode> {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => Some(f.code),
        _ => None,
    }
}

/// Errors that mean "this process may not write here" rather than "the file is bad".
fn is_access(e: &rusqlite::Error) -> bool {
    matches!(
        code(e),
        Some(
            rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        code(e),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

fn user_version(conn: &Connection) -> rusqlite::Result<usize> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(usize::try_from(v).unwrap_or(0))
}

/// Opens `path` and brings it to `sqls.len()`, or refuses it leaving it as it was.
pub(super) fn open(path: &Path, sqls: &[&str], busy: Duration) -> Result<Opened> {
    let shown = path.display().to_string();
    let dir = dir_of(path);
    if !dir.exists() {
        std::fs::create_dir_all(&dir).map_err(|cause| StoreError::CreateDir {
            path: dir.display().to_string(),
            cause,
        })?;
    }
    let existed = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = match Connection::open_with_flags(path, flags) {
        Ok(conn) => conn,
        Err(e) if existed && is_access(&e) => return open_read_only(path, sqls.len()),
        Err(e) if is_access(&e) => return Err(StoreError::CannotWrite(dir.display().to_string())),
        Err(e) => return Err(refused(path, &e)),
    };
    conn.busy_timeout(busy)?;
    // Read the version before any pragma writes the file, so a refused database stays
    // byte-for-byte as it was.
    let version = match user_version(&conn) {
        Ok(v) => v,
        Err(e) if existed && is_access(&e) => return open_read_only(path, sqls.len()),
        Err(e) => return Err(refused(path, &e)),
    };
    newer_guard(&shown, version, sqls.len())?;
    if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
        return finish_read_only(conn, path, version, sqls.len());
    }
    let deadline = Instant::now() + busy;
    with_busy_retry(deadline, || configure(&conn)).map_err(|e| write_error(&dir, e))?;
    let backup = if version < sqls.len() {
        let needs_copy = existed && has_tables(&conn)?;
        migrate(&conn, path, sqls, needs_copy)?
    } else {
        None
    };
    Ok(Opened {
        conn,
        backup,
        read_only: None,
    })
}

fn has_tables(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(n > 0)
}

fn newer_guard(shown: &str, found: usize, known: usize) -> Result<()> {
    if found > known {
        return Err(StoreError::NewerSchema {
            path: shown.to_string(),
            found,
            known,
        });
    }
    Ok(())
}

/// A database that cannot be opened: damaged (naming the way back), or not roundup's.
fn refused(path: &Path, e: &rusqlite::Error) -> StoreError {
    if is_damage(e) && is_sqlite_file(path) {
        damaged(path)
    } else {
        StoreError::NotADatabase {
            path: path.display().to_string(),
            reason: short(e),
        }
    }
}

/// A file that starts as SQLite's do: damaged, rather than something else entirely.
fn is_sqlite_file(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|_| &head == b"SQLite format 3\0")
}

/// SQLite's own words for an error, once ("file is not a database"), without rusqlite's
/// "Error code 26:" wrapping.
pub(super) fn short(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        rusqlite::Error::SqliteFailure(f, None) => f.to_string(),
        other => other.to_string(),
    }
}

/// "DB is damaged": the newest backup beside it, and how to salvage what is left.
pub fn damaged(path: &Path) -> StoreError {
    StoreError::Damaged {
        path: path.display().to_string(),
        backup: newest_backup(path).map(|p| p.display().to_string()),
    }
}

/// The newest `NAME.*.bak` beside the database, by modification time.
fn newest_backup(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().to_string();
    std::fs::read_dir(dir_of(path))
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.starts_with(&format!("{name}.")) && n.ends_with(".bak")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .max()
        .map(|(_, p)| p)
}

/// The directory cannot be written: open the file read-only (immutable when SQLite cannot
/// even make its shared-memory file), which works when no migration is needed.
fn open_read_only(path: &Path, known: usize) -> Result<Opened> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let plain =
        Connection::open_with_flags(path, flags).and_then(|c| user_version(&c).map(|v| (c, v)));
    let (conn, version) = match plain {
        Ok(ok) => ok,
        Err(e) if is_access(&e) => {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            let conn = Connection::open_with_flags(uri, flags).map_err(|e| refused(path, &e))?;
            let v = user_version(&conn).map_err(|e| refused(path, &e))?;
            (conn, v)
        }
        Err(e) => return Err(refused(path, &e)),
    };
    newer_guard(&path.display().to_string(), version, known)?;
    finish_read_only(conn, path, version, known)
}

fn finish_read_only(conn: Connection, path: &Path, version: usize, known: usize) -> Result<Opened> {
    let dir = dir_of(path);
    if version < known {
        return Err(StoreError::CannotWrite(format!(
            "{} (the database needs an upgrade to schema version {known}, which writes)",
            dir.display()
        )));
    }
    Ok(Opened {
        conn,
        backup: None,
        read_only: Some(dir),
    })
}

/// A path as a `file:` URI path (percent-encoding what a URI cannot hold as is).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for b in path.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' => out.push_str(&format!("%{b:02X}")),
            _ => out.push(char::from(b)),
        }
    }
    out
}

/// Bytes per page of a database this build creates.
pub(super) const NEW_PAGE_SIZE: i64 = 8_192;

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // WAL: readers (the TUI) never block the writer (a CLI add), and a crash leaves the last
    // committed transaction intact. NORMAL sync is durable against process death (kill -9),
    // which is what the editor's "saved" promise covers.
    // Only switched when it is not WAL yet: setting it takes a lock, and a reader must open
    // while another roundup writes.
    let mut mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // A new database gets 8 KB pages (SQLite's default is 4 KB); the size is fixed by
        // its first write, which the switch to WAL is, so an existing file keeps its own.
        // Measured both ways (docs/performance.md): a 50,000-link import, bench median
        // 1,008 ms at 4 KB, 917 ms at 8 KB, 801–903 ms at 16 KB; `POST /links`, a commit per
        // link, 2,580/s at 4 KB, 2,240/s at 8 KB, 1,650/s at 16 KB. 8 KB meets the import's
        // 1 s without costing every small write a third of its speed.
        conn.pragma_update(None, "page_size", NEW_PAGE_SIZE)?;
        mode = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    }
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        log::warn!("journal_mode is {mode}, not WAL");
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
}

/// Switching to WAL can be refused with SQLITE_BUSY without the busy handler being asked
/// while another process opens the same new file: retry until the deadline.
fn with_busy_retry<T>(
    deadline: Instant,
    f: impl Fn() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    loop {
        match f() {
            Err(e)
                if matches!(
                    code(&e),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

fn write_error(dir: &Path, e: rusqlite::Error) -> StoreError {
    if is_access(&e) {
        StoreError::CannotWrite(dir.display().to_string())
    } else {
        StoreError::from(e)
    }
}

/// Applies the pending migrations in one exclusive transaction that re-reads the version
/// (another process may have migrated while this one waited for the lock). `backup`: copy
/// the database aside first (an existing database with data, behind the latest version).
fn migrate(conn: &Connection, path: &Path, sqls: &[&str], backup: bool) -> Result<Option<PathBuf>> {
    let dir = dir_of(path);
    // The copy is made before the lock (VACUUM INTO cannot run inside a transaction); when
    // another process turns out to have migrated meanwhile, it is not needed and removed.
    let copy = if backup {
        Some(backup_before_migration(conn, path)?)
    } else {
        None
    };
    let run = || -> rusqlite::Result<bool> {
        conn.execute_batch("BEGIN EXCLUSIVE")?;
        let out = (|| {
            let version = user_version(conn)?;
            if version >= sqls.len() {
                return Ok(false);
            }
            for (i, sql) in sqls.iter().enumerate().skip(version) {
                conn.execute_batch(sql)?;
                conn.pragma_update(None, "user_version", (i + 1) as i64)?;
            }
            Ok(true)
        })();
        match out {
            Ok(did) => conn.execute_batch("COMMIT").map(|_| did),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    };
    let migrated = run().map_err(|e| match code(&e) {
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
            StoreError::from(e)
        }
        _ if is_access(&e) => StoreError::CannotWrite(dir.display().to_string()),
        Some(rusqlite::ErrorCode::DiskFull) => StoreError::from(e),
        _ => StoreError::Migration(short(&e)),
    });
    match (migrated, copy) {
        (Ok(true), copy) => Ok(copy),
        (Ok(false), copy) => {
            if let Some(c) = copy {
                let _ = std::fs::remove_file(c);
            }
            Ok(None)
        }
        (Err(e), _) => Err(e),
    }
}

static BACKUPS: AtomicUsize = AtomicUsize::new(0);

/// Copies the database aside before a migration touches it:
/// `roundup.db.v1-20261123T010203-4242-0.bak` (version, time, process id, counter: names
/// never collide). The file is created with O_EXCL, then filled by VACUUM INTO (a consistent
/// copy even with WAL frames outstanding); a copy that fails (no room) is removed, leaving
/// no 0-byte `.bak` behind.
fn backup_before_migration(conn: &Connection, path: &Path) -> Result<PathBuf> {
    let version = user_version(conn)?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let dir = dir_of(path);
    loop {
        let n = BACKUPS.fetch_add(1, Ordering::Relaxed);
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(
            ".v{version}-{stamp}-{}-{n}.bak",
            std::process::id()
        ));
        let target = path.with_file_name(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
        {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) if e.raw_os_error() == Some(libc::ENOSPC) => {
                return Err(StoreError::NoRoomForBackup(dir.display().to_string()));
            }
            Err(_) => return Err(StoreError::CannotWrite(dir.display().to_string())),
        }
        let target_str = target.to_string_lossy().to_string();
        return match conn.execute("VACUUM INTO ?1", [&target_str]) {
            Ok(_) => Ok(target),
            Err(e) => {
                let _ = std::fs::remove_file(&target);
                Err(match code(&e) {
                    Some(rusqlite::ErrorCode::DiskFull) => {
                        StoreError::NoRoomForBackup(dir.display().to_string())
                    }
                    _ if is_access(&e) => StoreError::CannotWrite(dir.display().to_string()),
                    _ => StoreError::BackupFailed {
                        dir: dir.display().to_string(),
                        reason: short(&e),
                    },
                })
            }
        };
    }
}
