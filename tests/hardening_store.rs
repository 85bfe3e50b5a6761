//! Issue #12, items 11 and 12: several processes opening a new or older database at once,
//! a read-only directory, a damaged database, no room for the pre-migration backup; every
//! failure one line that names the real cause.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const V1: &str = include_str!("../src/store/migrations/0001_initial.sql");

fn roundup(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_roundup"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", db.with_file_name("config"))
        .env_remove("ROUNDUP_DB");
    c
}

fn one_line(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    err
}

fn baks(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".bak"))
        .collect()
}

/// A database as the first roundup left it, holding `links` links.
fn v1_database(path: &Path, links: usize) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(V1).unwrap();
    conn.execute_batch("PRAGMA user_version = 1; PRAGMA journal_mode = WAL;")
        .unwrap();
    for i in 0..links {
        conn.execute(
            "INSERT INTO links (url, canonical_url, title, authors, state, added_at) \
             VALUES (?1, ?1, ?2, '[]', 'inbox', '2026-01-01T00:00:00Z')",
            rusqlite::params![format!("https://example.com/{i}"), "t".repeat(200)],
        )
        .unwrap();
    }
}

/// Four processes at once on `db`, `rounds` times (a fresh `setup` each round): every one
/// succeeds.
fn race(rounds: usize, setup: impl Fn(&Path)) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("r.db");
        setup(&db);
        let children: Vec<_> = (0..4)
            .map(|_| {
                roundup(&db, &["list"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        dirs.push(dir.keep());
    }
    dirs
}

#[test]
fn item11_four_processes_on_a_fresh_database_twenty_times_all_succeed() {
    for dir in race(20, |_| {}) {
        let db = dir.join("r.db");
        let conn = rusqlite::Connection::open(&db).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert!(v >= 6);
        assert!(baks(&dir).is_empty(), "a new database needs no backup");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn item11_four_processes_on_an_older_database_all_succeed_with_one_backup() {
    for dir in race(5, |db| v1_database(db, 3)) {
        let kept = baks(&dir);
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(std::fs::metadata(&kept[0]).unwrap().len() > 0);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn item12_a_damaged_database_names_the_newest_backup_and_recover() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    v1_database(&db, 300);
    assert!(roundup(&db, &["list"]).output().unwrap().status.success());
    let bak = baks(dir.path()).pop().expect("the upgrade's backup");
    // Overwrite the middle of the file: the header survives, the pages do not.
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 20_000);
    for b in &mut bytes[4096..] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let out = roundup(&db, &["list", "--state", "all"]).output().unwrap();
    assert!(!out.status.success());
    let err = one_line(&out);
    assert!(err.contains("is damaged"), "{err}");
    assert!(err.contains(bak.to_str().unwrap()), "{err}");
    assert!(
        err.contains(&format!("sqlite3 {} .recover", db.display())),
        "{err}"
    );
}

#[test]
fn item12_a_text_file_is_not_a_database_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    std::fs::write(
        &db,
        "hello, this is not a database at all, just words".repeat(10),
    )
    .unwrap();
    let out = roundup(&db, &["list"]).output().unwrap();
    let err = one_line(&out);
    assert_eq!(err.matches("not a database").count(), 1, "{err}");
    assert!(!err.contains("Error code"), "{err}");
}

/// The migration's backup does not fit (a file-size limit plays the full disk): the
/// database is left as it was, no 0-byte `.bak` remains, and the line says why.
#[cfg(unix)]
#[test]
fn item12_no_room_for_the_backup_leaves_no_bak_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    v1_database(&db, 400);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    assert!(before.len() > 64 * 1024);
    let inner = roundup(&db, &["list"]);
    let mut c = Command::new("sh");
    // 64 blocks of 512 bytes: the -shm file (32 KB) fits, the copy does not. SIGXFSZ is
    // ignored so the write fails instead of killing the process.
    c.arg("-c")
        .arg("trap '' XFSZ; ulimit -f 64; exec \"$@\"")
        .arg("sh")
        .arg(inner.get_program())
        .args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    let out = c.output().unwrap();
    assert!(!out.status.success());
    let err = one_line(&out);
    assert!(err.contains("backup"), "{err}");
    assert!(baks(dir.path()).is_empty(), "a .bak was left");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// Drops to `nobody` when the test runs as root (root writes anywhere).
#[cfg(unix)]
fn as_user(c: Command) -> Command {
    if !rustix::process::geteuid().is_root() {
        return c;
    }
    let mut s = Command::new("setpriv");
    s.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(c.get_program())
        .args(c.get_args());
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => s.env(k, v),
            None => s.env_remove(k),
        };
    }
    s
}

#[cfg(unix)]
#[test]
fn item12_a_read_only_directory_reads_and_says_cannot_write() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = data.join("r.db");
    let out = roundup(&db, &["add", "--no-fetch", "https://example.com/kept"])
        .output()
        .unwrap();
    assert!(out.status.success());
    for p in [dir.path(), &data] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();

    let out = as_user(roundup(&db, &["list"])).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("https://example.com/kept"));

    let out = as_user(roundup(
        &db,
        &["add", "--no-fetch", "https://example.com/new"],
    ))
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert_eq!(
        one_line(&out),
        format!("roundup: cannot write in {}\n", data.display())
    );
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Another process holds the write lock past the busy timeout: a read still works at once,
/// a write waits its bounded time and then says so in one line, having written nothing;
/// once the lock is released the same write lands.
#[test]
fn item1_cli_on_a_busy_database_reads_and_refuses_writes_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    assert!(roundup(&db, &["list"]).output().unwrap().status.success());
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();

    let out = roundup(&db, &["list"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let add = ["add", "--no-fetch", "https://example.com/busy"];
    let out = roundup(&db, &add).output().unwrap();
    assert!(!out.status.success());
    assert_eq!(
        one_line(&out),
        "roundup: the database is busy (another roundup is writing); nothing was written, try again\n"
    );
    holder.execute_batch("COMMIT").unwrap();
    let n: i64 = holder
        .query_row("SELECT count(*) FROM links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
    assert!(roundup(&db, &add).output().unwrap().status.success());
}
