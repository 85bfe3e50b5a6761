//! The clipboard end to end: `export --clipboard` puts HTML with its plain-text alternative
//! on the X11 clipboard, and both still paste after roundup has exited.
//!
//! Needs an X display and xclip, so it is ignored by default. Run it with:
//!     apt-get install -y xvfb xclip
//!     xvfb-run cargo test --test clipboard -- --ignored clipboard
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn roundup(db: &Path, config: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_roundup"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .output()
        .unwrap()
}

fn paste(target: &str) -> String {
    let out = Command::new("xclip")
        .args(["-selection", "clipboard", "-o", "-t", target])
        .output()
        .expect("xclip is installed");
    assert!(
        out.status.success(),
        "xclip -t {target}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
#[ignore = "needs an X display and xclip: xvfb-run cargo test --test clipboard -- --ignored clipboard"]
fn clipboard_html_and_text_paste_after_roundup_exits() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sre-weekly-094.json"
    );
    assert!(
        roundup(&db, dir.path(), &["issue", "load", fixture])
            .status
            .success()
    );
    let html = roundup(&db, dir.path(), &["export", "94", "--format", "html"]).stdout;
    let text = roundup(&db, dir.path(), &["export", "94", "--format", "text"]).stdout;

    let out = roundup(
        &db,
        dir.path(),
        &["export", "94", "--format", "html", "--clipboard"],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("copied #94 (html) to the clipboard"),
        "{said}"
    );

    // roundup has exited; its helper serves the selection.
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(paste("text/html"), String::from_utf8(html).unwrap());
    assert_eq!(paste("UTF8_STRING"), String::from_utf8(text).unwrap());

    // Taking the selection back ends the helper.
    let mut take = Command::new("xclip")
        .args(["-selection", "clipboard", "-i", "-loops", "1"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    drop(take.stdin.take());
    let _ = take.kill();
    let _ = take.wait();
}
