//! Crash safety of the TUI, driven as a person would: a real roundup process on a
//! pseudo-terminal, keys typed into the entry editor, the screen read back with a terminal
//! emulator (vt100). After each chunk of typing we wait until the status bar says "✓ saved";
//! then the process is killed with SIGKILL at a seeded random moment. The database must pass
//! `PRAGMA integrity_check` and hold every character that was shown as saved.
//!
//! CI runs 5 kills. The long variant: `ROUNDUP_CRASH_KILLS=50 cargo test --release --test crash_tui`.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(target_os = "linux")]

mod support;

use std::process::Command;
use std::time::Duration;
use support::pty::Pty;

const ROWS: u16 = 30;
const COLS: u16 = 100;

fn kills() -> u64 {
    std::env::var("ROUNDUP_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    }
}

fn setup(dir: &std::path::Path) -> std::path::PathBuf {
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

fn stored_blurb(db: &std::path::Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    conn.query_row("SELECT blurb FROM entries", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn sigkill_while_typing_loses_nothing_shown_as_saved() {
    let words = [
        "Kafka ",
        "split ",
        "brain ",
        "lessons ",
        "from ",
        "the ",
        "dogfood ",
        "cluster. ",
    ];
    let mut total_saved = 0;
    for seed in 0..kills() {
        let dir = tempfile::tempdir().unwrap();
        let db = setup(dir.path());
        let mut tui = Pty::spawn(&db, dir.path(), &[], COLS, ROWS);
        assert!(
            tui.wait(Duration::from_secs(10), |t| t.text().contains("Inbox")),
            "the TUI did not draw:\n{}",
            tui.text()
        );
        // Issue screen, down to the entry, open the editor (the blurb has the focus).
        tui.keys("2");
        assert!(tui.wait(Duration::from_secs(5), |t| {
            t.text().contains("Kafka split-brain")
        }));
        tui.keys("jjj");
        std::thread::sleep(Duration::from_millis(100));
        tui.keys("\r");
        assert!(
            tui.wait(Duration::from_secs(5), |t| t.text().contains("Blurb")),
            "no editor:\n{}",
            tui.text()
        );
        let mut next = rng(seed + 1);
        let chunks = 2 + next() % 6;
        let mut typed = String::new();
        let mut saved = String::new();
        for _ in 0..chunks {
            let word = words[(next() % words.len() as u64) as usize];
            tui.keys(word);
            typed.push_str(word);
            let shown = tui.wait(Duration::from_secs(3), |t| {
                let s = t.status();
                s.contains("✓ saved")
                    && !s.contains("saving")
                    && t.text().contains(typed.trim_end())
            });
            if shown {
                saved = typed.clone();
            }
        }
        // Keep typing, and kill at a random moment in the middle of it.
        tui.keys(words[0]);
        std::thread::sleep(Duration::from_millis(next() % 30));
        tui.child.kill().unwrap();
        tui.child.wait().unwrap();

        let blurb = stored_blurb(&db);
        assert!(
            !saved.is_empty(),
            "seed {seed}: nothing was ever shown as saved:\n{}",
            tui.text()
        );
        assert!(
            blurb.starts_with(saved.trim_end()),
            "seed {seed}: shown as saved {saved:?}, stored {blurb:?}"
        );
        total_saved += saved.len();
    }
    println!(
        "crash_tui: {} kills survived, {total_saved} characters shown as saved, 0 lost",
        kills()
    );
}
