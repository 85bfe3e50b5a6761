//! Issue 12 item 1, before and after: another connection holds the write lock (as a long
//! `roundup import` does) while the editor types into an entry on a real pty, then quits
//! with `q`; the lock goes after `HOLD`. Prints how long each keystroke took to echo (the
//! screen froze meanwhile) and how many typed characters never reached the database.
//! `cargo bench --bench busy`; the old binary: `ROUNDUP_BENCH_BIN=path cargo bench --bench busy`.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/pty.rs"]
mod pty;

use pty::Pty;
use rusqlite::Connection;
use std::process::Command;
use std::time::{Duration, Instant};

/// Longer than the keys take on the old binary (10 s busy timeout per key).
const HOLD: Duration = Duration::from_secs(25);
const TYPED: &str = "ZX";

fn main() {
    let bin = std::env::var("ROUNDUP_BENCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_roundup").to_string());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roundup.db");
    let file = dir.path().join("issue.json");
    std::fs::write(
        &file,
        r#"{"number": 380, "sections": [{"heading": "Articles", "style": "articles", "entries": [
            {"url": "https://example.com/kafka", "title": "Kafka split-brain"}]}]}"#,
    )
    .unwrap();
    let xdg = |c: &mut Command| {
        c.env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_STATE_HOME", dir.path().join("state"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env_remove("ROUNDUP_DB");
    };
    let mut load = Command::new(&bin);
    load.arg("--db").arg(&db).args(["issue", "load"]).arg(&file);
    xdg(&mut load);
    assert!(load.output().unwrap().status.success());

    let mut cmd = Command::new("setsid");
    cmd.arg("-c").arg(&bin).arg("--db").arg(&db);
    xdg(&mut cmd);
    cmd.env("TERM", "xterm-256color");
    let mut tui = Pty::spawn_cmd(cmd, 100, 30);
    tui.expect("Inbox", Duration::from_secs(10));
    tui.keys("2");
    tui.expect("Kafka split-brain", Duration::from_secs(5));
    tui.keys("jjj");
    std::thread::sleep(Duration::from_millis(200));
    tui.keys("\r");
    // "Blurb" before issue 11 (the old binary).
    let editing = |t: &Pty| t.text().contains("Body") || t.text().contains("Blurb");
    assert!(tui.wait(Duration::from_secs(5), editing), "{}", tui.text());

    let lock = Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    let held = Instant::now();
    let mut echo = Vec::new();
    let mut shown = String::new();
    for c in TYPED.chars() {
        shown.push(c);
        let t0 = Instant::now();
        tui.keys(&c.to_string());
        assert!(tui.wait(Duration::from_secs(15), |t| t.text().contains(&shown)));
        echo.push(t0.elapsed());
    }
    tui.keys("\x1b");
    assert!(tui.wait(Duration::from_secs(15), |t| !editing(t)));
    tui.keys("q");
    let quit_asked = held.elapsed();
    let waited = tui.wait(HOLD.saturating_sub(held.elapsed()), |t| {
        t.status().contains("waiting for the database")
    });
    let exited_under_lock = tui.child.try_wait().unwrap().is_some();
    std::thread::sleep(HOLD.saturating_sub(held.elapsed()));
    lock.execute_batch("ROLLBACK").unwrap();
    let status = tui.wait_exit(Duration::from_secs(15));
    let conn = Connection::open(&db).unwrap();
    let body: String = conn
        .query_row("SELECT body FROM entries", [], |r| r.get(0))
        .or_else(|_| conn.query_row("SELECT blurb FROM entries", [], |r| r.get(0)))
        .unwrap();
    let lost = TYPED.chars().count() - body.chars().filter(|c| TYPED.contains(*c)).count();
    let ms: Vec<String> = echo
        .iter()
        .map(|d| format!("{} ms", d.as_millis()))
        .collect();
    println!("binary: {bin}");
    println!(
        "lock held {} s; keystroke echo under the lock: {}",
        HOLD.as_secs(),
        ms.join(", ")
    );
    println!(
        "q pressed {:.1} s into the lock; waited for the writes: {}; exited before the lock went: {exited_under_lock}; exit {status:?}",
        quit_asked.as_secs_f64(),
        waited && !exited_under_lock
    );
    println!(
        "characters typed {}, stored {body:?}: {lost} lost",
        TYPED.len()
    );
}
