//! The terminal going away under the TUI (its window closed, an SSH connection dropped):
//! roundup ends as after SIGHUP, with its writes landed, instead of spinning. crossterm 0.29's
//! reader loops forever on the end of input, so before `terminal::wait_input` the process
//! stayed at 100 % CPU, deaf to SIGTERM, until killed with SIGKILL.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(target_os = "linux")]

mod support;

use std::time::{Duration, Instant};
use support::tmux::Tmux;

/// Gone, or a zombie nobody reaped yet: either way it ended.
fn ended(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with(['Z', 'X'])),
    }
}

#[test]
fn closing_the_terminal_ends_roundup_and_keeps_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config/roundup");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[newsletter]\nname = \"Ops Digest\"\ntitle_pattern = \"Ops Digest #{number}\"\n",
    )
    .unwrap();
    let db = dir.path().join("roundup.db");
    let t = Tmux::start(&db, dir.path(), 100, 30);
    t.expect("Inbox");
    // Something typed just before: a link added through the `a` dialog.
    t.keys("a");
    t.expect("Paste or type URLs");
    t.type_text("https://example.com/hangup-test");
    t.keys("Enter");
    t.expect("hangup-test");
    let pid = t.pane_pid();
    t.kill_server();

    let start = Instant::now();
    while !ended(pid) && start.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let still_running = !ended(pid);
    if still_running {
        // Not left behind spinning after the test.
        let pid = rustix::process::Pid::from_raw(pid).unwrap();
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::KILL);
    }
    assert!(
        !still_running,
        "roundup is still running after its terminal closed"
    );
    // It ended the way SIGHUP ends it, not by a panic (writing to the closed terminal).
    let log = std::fs::read_to_string(dir.path().join("state/roundup/roundup.log")).unwrap();
    assert!(log.contains("TUI exit"), "{log}");
    assert!(!log.contains("panic"), "{log}");
    let store = roundup::store::Store::open(&db).unwrap();
    let urls: Vec<String> = store
        .links(&roundup::store::LinkFilter::default())
        .unwrap()
        .into_iter()
        .map(|l| l.url)
        .collect();
    assert_eq!(urls, vec!["https://example.com/hangup-test"]);
}
