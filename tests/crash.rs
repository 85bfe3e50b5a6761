//! Crash safety of the command line: roundup is killed with SIGKILL at seeded random moments
//! while it adds links and loads an issue. After each kill the database passes
//! `PRAGMA integrity_check`, every link roundup reported as added ("added #N") is there, and
//! an issue load is all or nothing.
//!
//! CI runs 5 kills. The long variant: `ROUNDUP_CRASH_KILLS=50 cargo test --release --test crash`.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn kills() -> u64 {
    std::env::var("ROUNDUP_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

/// xorshift: each seed gives the same kill moments on every run.
fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    }
}

fn roundup(db: &std::path::Path, dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_roundup"));
    c.arg("--db")
        .arg(db)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env_remove("ROUNDUP_DB");
    c
}

/// Runs `cmd` with `input` on stdin, kills it after `after`, and returns the lines it printed.
fn run_and_kill(mut cmd: Command, input: String, after: Duration) -> Vec<String> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let start = Instant::now();
    while start.elapsed() < after {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    // SIGKILL: no destructor, no flush, no checkpoint runs.
    let _ = child.kill();
    let _ = child.wait();
    let _ = reader.join();
    rx.try_iter().collect()
}

/// Checks the database after a kill. Returns false when it has no schema yet: on a slow
/// machine both kills can land before the first open's migration commits. The migrations run
/// in one transaction, so the schema is then wholly absent, never half made.
fn integrity_ok(db: &std::path::Path) -> bool {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .unwrap();
    if version == 0 {
        assert_eq!(objects, 0, "a migration was left half applied");
        return false;
    }
    // The search index must agree with its tables too.
    conn.execute_batch("INSERT INTO links_fts(links_fts) VALUES('integrity-check');")
        .unwrap();
    true
}

fn issue_file(number: i64, entries: usize) -> String {
    let entries: Vec<serde_json::Value> = (0..entries)
        .map(|i| {
            serde_json::json!({
                "url": format!("https://issue{number}.example/{i}"),
                "title": format!("Entry {i}"),
                "blurb": format!("Blurb {i} with *emphasis*."),
                "quotes": [format!("Quote {i}")],
                "authors": ["Fred Hebert"],
            })
        })
        .collect();
    serde_json::json!({
        "number": number,
        "sections": [{"heading": "Articles", "style": "articles", "entries": entries}],
    })
    .to_string()
}

#[test]
fn sigkill_at_random_moments_loses_nothing_reported_as_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roundup.db");
    let mut reported: Vec<i64> = Vec::new();
    let mut loaded: Vec<i64> = Vec::new();
    for seed in 0..kills() {
        let mut next = rng(seed + 1);
        // Adds: 400 URLs per run, killed somewhere within the first ~150 ms.
        let input: String = (0..400)
            .map(|i| format!("https://crash.example/{seed}/{i}\n"))
            .collect();
        let after = Duration::from_millis(next() % 150);
        let out = run_and_kill(
            roundup(&db, dir.path())
                .args(["add", "--no-fetch", "-"])
                .to_owned_cmd(),
            input,
            after,
        );
        reported.extend(out.iter().filter_map(|l| {
            l.strip_prefix("added #")?
                .split_whitespace()
                .next()?
                .parse::<i64>()
                .ok()
        }));

        // An issue load (one transaction), killed at a random moment.
        let number = 1000 + seed as i64;
        let file = dir.path().join(format!("issue-{number}.json"));
        std::fs::write(&file, issue_file(number, 40)).unwrap();
        let after = Duration::from_millis(next() % 60);
        let out = run_and_kill(
            roundup(&db, dir.path())
                .args(["issue", "load"])
                .arg(&file)
                .to_owned_cmd(),
            String::new(),
            after,
        );
        if out.iter().any(|l| l.starts_with("loaded #")) {
            loaded.push(number);
        }

        if !integrity_ok(&db) {
            assert!(
                reported.is_empty() && loaded.is_empty(),
                "seed {seed}: links or an issue were reported saved in a database with no schema"
            );
            // A kill during the first migration is recoverable: the next open migrates.
            let status = roundup(&db, dir.path()).arg("list").output().unwrap();
            assert!(
                status.status.success(),
                "seed {seed}: no open after the kill"
            );
            assert!(integrity_ok(&db), "seed {seed}: still no schema");
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        for id in &reported {
            let n: i64 = conn
                .query_row("SELECT count(*) FROM links WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .unwrap();
            assert_eq!(
                n, 1,
                "seed {seed}: link #{id} was reported added but is gone"
            );
        }
        // All or nothing: an issue is either absent or has all 40 entries.
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM entries e JOIN sections s ON s.id = e.section_id \
                 JOIN issues i ON i.id = s.issue_id WHERE i.number = ?1",
                [number],
                |r| r.get(0),
            )
            .unwrap();
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM issues WHERE number = ?1",
                [number],
                |r| r.get(0),
            )
            .unwrap();
        assert!(
            exists == 0 && n == 0 || exists == 1 && n == 40,
            "seed {seed}: issue {number} half loaded ({n})"
        );
        if loaded.contains(&number) {
            assert_eq!(
                exists, 1,
                "seed {seed}: issue {number} reported loaded but is gone"
            );
        }
    }
    println!(
        "crash: {} kills survived, {} links and {} issues reported saved, 0 lost",
        kills(),
        reported.len(),
        loaded.len()
    );
}

trait ToOwnedCmd {
    fn to_owned_cmd(&mut self) -> Command;
}

impl ToOwnedCmd for Command {
    /// `Command` builders return `&mut Command`; this takes the configured command by value.
    fn to_owned_cmd(&mut self) -> Command {
        std::mem::replace(self, Command::new("true"))
    }
}
