//! Issue #12, "nothing lost" and "numbers": strict issue files, `issue load` over a draft
//! with writing, exports that never overwrite without `--force`, the clipboard fallback's
//! private file, and issue numbers out of range. Each test is an item's reproduction.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config/roundup")).unwrap();
        Env {
            db: dir.path().join("data/r.db"),
            dir,
        }
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_roundup"));
        c.arg("--db")
            .arg(&self.db)
            .args(args)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_RUNTIME_DIR", self.dir.path().join("run"))
            .env_remove("ROUNDUP_DB")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// The one stderr line of a failed command.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} succeeded");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "not one line: {err}");
        err
    }
}

fn fixture() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sre-weekly-094.json"
    ))
}

#[test]
fn item2_issue_load_refuses_anything_after_the_first_issue() {
    let env = Env::new();
    let one = std::fs::read_to_string(fixture()).unwrap();
    let two = one.replace("\"number\": 94", "\"number\": 95");
    let file = env.dir.path().join("two.json");
    std::fs::write(&file, format!("{one}{two}")).unwrap();
    let err = env.fails(&["issue", "load", file.to_str().unwrap()]);
    assert!(err.contains("trailing characters"), "{err}");
    assert!(err.contains("a file holds one issue"), "{err}");
    // Neither issue was loaded.
    assert_eq!(
        env.ok(&["issue", "list"]),
        "no issues; start one with `roundup issue new`\n"
    );
}

#[test]
fn item3_issue_load_over_writing_needs_replace_and_keeps_a_copy() {
    let env = Env::new();
    let path = fixture().to_str().unwrap();
    env.ok(&["issue", "load", path]);
    let before = env.ok(&["export", "94", "--format", "json"]);
    // A different file with the same number: the draft's writing would be lost.
    let other = env.dir.path().join("other.json");
    std::fs::write(&other, r#"{"number": 94, "sections": []}"#).unwrap();
    let err = env.fails(&["issue", "load", other.to_str().unwrap()]);
    assert!(err.contains("draft #94 has writing"), "{err}");
    assert!(err.contains("--replace"), "{err}");
    assert_eq!(env.ok(&["export", "94", "--format", "json"]), before);

    let out = env.ok(&["issue", "load", "--replace", other.to_str().unwrap()]);
    let kept = out
        .lines()
        .find_map(|l| l.strip_prefix("the replaced draft was kept in "))
        .unwrap_or_else(|| panic!("no copy named: {out}"));
    assert!(kept.starts_with(env.db.parent().unwrap().to_str().unwrap()));
    assert_eq!(std::fs::read_to_string(kept).unwrap(), before);
    // The copy loads back: the week's writing is recoverable.
    env.ok(&["issue", "load", "--replace", kept]);
    assert_eq!(env.ok(&["export", "94", "--format", "json"]), before);
}

#[test]
fn item3_issue_load_over_an_empty_draft_needs_no_replace() {
    let env = Env::new();
    env.ok(&["issue", "new", "--number", "94"]);
    let out = env.ok(&["issue", "load", fixture().to_str().unwrap()]);
    assert!(!out.contains("kept in"), "{out}");
}

#[test]
fn item4_export_output_never_overwrites_without_force() {
    let env = Env::new();
    env.ok(&["issue", "load", fixture().to_str().unwrap()]);
    let file = env.dir.path().join("out.md");
    std::fs::write(&file, "mine").unwrap();
    let f = file.to_str().unwrap();
    let err = env.fails(&["export", "--format", "markdown", "--output", f]);
    assert_eq!(
        err,
        format!("roundup: {f} already exists; use --force to overwrite it\n")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    env.ok(&["export", "--format", "markdown", "--output", f, "--force"]);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Honeycomb")
    );
    // Only the export is in the directory: no temporary file was left behind.
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn item4_export_into_a_missing_directory_names_it_once() {
    let env = Env::new();
    env.ok(&["issue", "load", fixture().to_str().unwrap()]);
    let file = env.dir.path().join("nowhere/out.md");
    let err = env.fails(&[
        "export",
        "--format",
        "text",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(err.starts_with("roundup: cannot write "), "{err}");
    assert!(err.contains("nowhere"), "{err}");
}

/// Runs without a controlling terminal (setsid) and without a display, so neither the
/// clipboard nor OSC 52 is there and the export is kept in a file.
#[cfg(unix)]
#[test]
fn item6_clipboard_fallback_is_private_and_never_in_tmp() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.ok(&["issue", "load", fixture().to_str().unwrap()]);
    let inner = env.cmd(&["export", "--format", "text", "--clipboard"]);
    let mut c = Command::new("setsid");
    c.arg(inner.get_program()).args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    let out = c.output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    let run = env.dir.path().join("run/roundup");
    let kept: Vec<PathBuf> = std::fs::read_dir(&run)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1, "{err}");
    assert!(err.contains(kept[0].to_str().unwrap()), "{err}");
    let mode = std::fs::metadata(&kept[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let dir_mode = std::fs::metadata(&run).unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode, 0o700);
    assert!(
        std::fs::read_to_string(&kept[0])
            .unwrap()
            .contains("Honeycomb")
    );
}

#[test]
fn item10_issue_numbers_out_of_range_are_refused() {
    let env = Env::new();
    for n in ["0", "-5", "1000000", "9223372036854775807"] {
        let err = env.fails(&["issue", "new", &format!("--number={n}")]);
        assert!(err.contains("out of range (1 to 999999)"), "{n}: {err}");
    }
    env.ok(&["issue", "new", "--number", "999999"]);
    // The next number would be 1,000,000: refused, not wrapped.
    let err = env.fails(&["issue", "new"]);
    assert!(
        err.contains("issue number 1000000 is out of range"),
        "{err}"
    );
    let file = env.dir.path().join("big.json");
    std::fs::write(&file, r#"{"number": 9223372036854775807}"#).unwrap();
    let err = env.fails(&["issue", "load", file.to_str().unwrap()]);
    assert!(err.contains("out of range"), "{err}");
}

#[test]
fn item5_nothing_printed_or_exported_carries_a_control_character() {
    let env = Env::new();
    // An import brings a title with escape codes: it is stored clean.
    let bookmarks = env.dir.path().join("b.html");
    std::fs::write(
        &bookmarks,
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A HREF=\"https://example.com/imp\">\
         Imported\u{1b}]0;pwned\u{7} title</A>\n</DL><p>\n",
    )
    .unwrap();
    env.ok(&["import", bookmarks.to_str().unwrap()]);
    // A title stored by an older roundup, before text was cleaned on the way in.
    env.ok(&["add", "--no-fetch", "https://example.com/old"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "UPDATE links SET title = ?1 WHERE url = 'https://example.com/old'",
        ["Old\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}2J title"],
    )
    .unwrap();
    drop(conn);
    let list = env.ok(&["list"]);
    assert!(list.contains("Imported]0;pwned title"), "{list}");
    assert!(list.contains("Old]52;c;ZXZpbA==2J title"), "{list}");
    let search = env.ok(&["search", "title"]);
    for out in [&list, &search] {
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }
    // Exports too (they would make the HTML invalid).
    env.ok(&["issue", "new", "--number", "1"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "UPDATE issues SET intro = ?1",
        ["Hello\u{1b}[2J\u{0} readers"],
    )
    .unwrap();
    drop(conn);
    for format in ["markdown", "html", "text"] {
        let out = env.ok(&["export", "--format", format]);
        assert!(out.contains("Hello[2J readers"), "{format}: {out}");
        assert!(
            !out.chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{format}: {out:?}"
        );
    }
}
