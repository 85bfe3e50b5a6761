//! Issue 12, items 1 and 13, on a real pty: another connection holds the write lock
//! (`BEGIN IMMEDIATE`, as a long `roundup import` does) longer than the store's 10 s busy
//! timeout while the editor types. Typing keeps echoing, the status bar says it is waiting,
//! and every character lands once the lock is released; quitting waits for the writes (or,
//! on an explicit yes, keeps them in a recovery file); SIGTERM, SIGHUP and SIGINT write them
//! and then give the terminal back.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(target_os = "linux")]

mod support;

use rusqlite::Connection;
use rustix::process::Signal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::pty::Pty;

const ROWS: u16 = 30;
const COLS: u16 = 100;
const WAITING: &str = "waiting for the database (another roundup is writing)";
/// The store's busy timeout: the lock is held longer than this.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

fn setup(dir: &Path) -> PathBuf {
    let db = dir.join("roundup.db");
    let file = dir.join("issue.json");
    std::fs::write(
        &file,
        r#"{"number": 380, "sections": [{"heading": "Articles", "style": "articles", "entries": [
            {"url": "https://example.com/kafka", "title": "Kafka split-brain", "authors": ["Fred Hebert"]}]}]}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_roundup"))
        .arg("--db")
        .arg(&db)
        .args(["issue", "load"])
        .arg(&file)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

/// The TUI with the entry's editor open (the body has the focus).
fn editor(db: &Path, dir: &Path) -> Pty {
    let mut tui = Pty::spawn(db, dir, &[], COLS, ROWS);
    tui.expect("Inbox", Duration::from_secs(10));
    tui.keys("2");
    tui.expect("Kafka split-brain", Duration::from_secs(5));
    tui.keys("jjj");
    std::thread::sleep(Duration::from_millis(100));
    tui.keys("\r");
    tui.expect("Body", Duration::from_secs(5));
    tui
}

/// A second connection holding the write lock, as a long import in another terminal does.
fn hold_lock(db: &Path) -> Connection {
    let conn = Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    conn
}

fn release(conn: Connection) {
    conn.execute_batch("ROLLBACK").unwrap();
}

fn stored_body(db: &Path) -> String {
    let conn = Connection::open(db).unwrap();
    conn.query_row("SELECT body FROM entries", [], |r| r.get(0))
        .unwrap()
}

/// Types `text` key by key; each key must show on the screen long before the store's busy
/// timeout would have let it (the old TUI froze 10 s per key).
fn type_echoing(tui: &mut Pty, text: &str) {
    let mut typed = String::new();
    for c in text.chars() {
        tui.keys(&c.to_string());
        typed.push(c);
        assert!(
            tui.wait(BUSY_TIMEOUT / 2, |t| t.text().contains(&typed)),
            "{typed:?} did not echo while the database was locked:\n{}",
            tui.text()
        );
    }
}

/// Esc out of the editor, and wait until it is gone (a `q` typed sooner lands in the body).
fn back_to_issue(tui: &mut Pty) {
    tui.keys("\x1b");
    assert!(
        tui.wait(Duration::from_secs(5), |t| !t.text().contains("Body")),
        "still in the editor:\n{}",
        tui.text()
    );
}

fn waiting_shown(tui: &Pty) {
    assert!(
        tui.wait(Duration::from_secs(5), |t| t.status().contains(WAITING)),
        "the status bar never said it was waiting: {:?}",
        tui.status()
    );
}

fn restored(tui: &Pty) {
    assert!(!tui.alternate_screen(), "left on the alternate screen");
    assert!(!tui.cursor_hidden(), "the cursor is still hidden");
}

#[test]
fn typing_under_a_held_write_lock_echoes_waits_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut tui = editor(&db, dir.path());
    let lock = hold_lock(&db);
    let held = Instant::now();
    let text = "lessons learned";
    type_echoing(&mut tui, text);
    waiting_shown(&tui);
    // Longer than the busy timeout: the old TUI's writes had all failed by now.
    while held.elapsed() < BUSY_TIMEOUT + Duration::from_secs(1) {
        std::thread::sleep(Duration::from_millis(100));
        assert!(tui.child.try_wait().unwrap().is_none(), "the TUI exited");
    }
    assert!(tui.status().contains(WAITING), "{:?}", tui.status());
    assert_eq!(stored_body(&db), "", "written through the lock?");
    release(lock);
    assert!(
        tui.wait(Duration::from_secs(10), |t| {
            let s = t.status();
            s.contains("✓ saved") && !s.contains(WAITING)
        }),
        "the queued writes never landed: {:?}",
        tui.status()
    );
    assert_eq!(stored_body(&db), text);
    back_to_issue(&mut tui);
    tui.keys("q");
    assert!(tui.wait_exit(Duration::from_secs(10)).unwrap().success());
    restored(&tui);
}

#[test]
fn quit_with_queued_writes_waits_for_them_then_saves() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut tui = editor(&db, dir.path());
    let lock = hold_lock(&db);
    type_echoing(&mut tui, "abc");
    waiting_shown(&tui);
    back_to_issue(&mut tui);
    tui.keys("q");
    assert!(
        tui.wait(Duration::from_secs(5), |t| t
            .status()
            .contains("before quitting")),
        "{:?}",
        tui.status()
    );
    std::thread::sleep(Duration::from_secs(1));
    assert!(
        tui.child.try_wait().unwrap().is_none(),
        "quit without its writes"
    );
    release(lock);
    let status = tui.wait_exit(Duration::from_secs(10)).expect("never quit");
    assert!(status.success(), "{status:?}");
    assert_eq!(stored_body(&db), "abc");
    restored(&tui);
}

#[test]
fn a_second_quit_asks_and_yes_keeps_the_edits_in_a_recovery_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut tui = editor(&db, dir.path());
    let lock = hold_lock(&db);
    type_echoing(&mut tui, "keep me");
    waiting_shown(&tui);
    back_to_issue(&mut tui);
    tui.keys("q");
    tui.expect("before quitting", Duration::from_secs(5));
    tui.keys("q");
    tui.expect("unsaved edit", Duration::from_secs(5));
    assert!(tui.status().contains("y/N"), "{:?}", tui.status());
    // Anything but yes keeps waiting.
    tui.keys("n");
    tui.expect("before quitting", Duration::from_secs(5));
    assert!(tui.child.try_wait().unwrap().is_none());
    tui.keys("q");
    tui.expect("y/N", Duration::from_secs(5));
    tui.keys("y");
    let status = tui.wait_exit(Duration::from_secs(10)).expect("never quit");
    assert!(status.success(), "{status:?}");
    restored(&tui);
    release(lock);
    assert_eq!(stored_body(&db), "", "the lock was held throughout");
    let data = dir.path().join("data/roundup");
    let files: Vec<_> = std::fs::read_dir(&data)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("unsaved-edits-"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    let bodies: Vec<&str> = doc["unsaved"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["body"].as_str())
        .collect();
    assert_eq!(bodies, ["keep me"], "{doc}");
    assert!(
        tui.text()
            .contains(&*files[0].file_name().unwrap().to_string_lossy()),
        "the recovery file was not named on exit:\n{}",
        tui.text()
    );
}

/// A signal while writes are queued: they land once the lock goes, then the terminal is
/// given back and the process ends as killed by that signal would (128 + its number).
fn signal_writes_then_restores(sig: Signal, number: i32) {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut tui = editor(&db, dir.path());
    let lock = hold_lock(&db);
    type_echoing(&mut tui, "signalled");
    waiting_shown(&tui);
    tui.signal(sig);
    assert!(
        tui.wait(Duration::from_secs(5), |t| t
            .status()
            .contains("before quitting")),
        "{sig:?}: {:?}",
        tui.status()
    );
    assert!(tui.child.try_wait().unwrap().is_none(), "{sig:?} killed it");
    release(lock);
    let status = tui.wait_exit(Duration::from_secs(15)).expect("never quit");
    assert_eq!(status.code(), Some(128 + number), "{sig:?}: {status:?}");
    restored(&tui);
    assert_eq!(stored_body(&db), "signalled", "{sig:?}");
}

#[test]
fn sigterm_writes_the_queued_edits_then_restores_the_terminal() {
    signal_writes_then_restores(Signal::TERM, 15);
}

#[test]
fn sighup_writes_the_queued_edits_then_restores_the_terminal() {
    signal_writes_then_restores(Signal::HUP, 1);
}

#[test]
fn sigint_writes_the_queued_edits_then_restores_the_terminal() {
    signal_writes_then_restores(Signal::INT, 2);
}

#[test]
fn a_signal_with_nothing_queued_restores_the_terminal_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup(dir.path());
    let mut tui = editor(&db, dir.path());
    type_echoing(&mut tui, "quick");
    tui.signal(Signal::TERM);
    let status = tui.wait_exit(Duration::from_secs(10)).expect("never quit");
    assert_eq!(status.code(), Some(143), "{status:?}");
    restored(&tui);
    assert_eq!(stored_body(&db), "quick");
}
