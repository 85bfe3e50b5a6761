//! The command line as scripts use it: exit codes, messages, JSON shape.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> std::path::PathBuf {
        self.dir.path().join("roundup.db")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_roundup"));
        c.arg("--db").arg(self.db()).args(args);
        // Keep the user's config and data out of tests.
        c.env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env_remove("ROUNDUP_DB");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).stdin(Stdio::null()).output().unwrap()
    }

    fn run_stdin(&self, args: &[&str], input: &str) -> Output {
        let mut child = self
            .cmd(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }

    fn list_json(&self, state: &str) -> Vec<serde_json::Value> {
        let out = self.run(&["list", "--state", state, "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn add_then_duplicate_says_which_link_matched() {
    let env = Env::new();
    let out = env.run(&[
        "add",
        "--no-fetch",
        "--via",
        "HackerNews",
        "https://example.com/post/?utm_source=hn",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("added #1"));

    let out = env.run(&["add", "--no-fetch", "https://EXAMPLE.com/post"]);
    assert!(out.status.success());
    let said = text(&out.stdout);
    assert!(
        said.contains("already stored") && said.contains("#1"),
        "{said}"
    );
    assert_eq!(env.list_json("all").len(), 1);
}

#[test]
fn stdin_add_reports_bad_lines_by_number_and_adds_the_good_ones() {
    let env = Env::new();
    let input =
        "https://a.example/1\nnot a url\n\n# comment\nhttps://b.example/2\nftp://c.example/3\n";
    let out = env.run_stdin(&["add", "--no-fetch", "-"], input);
    assert_eq!(out.status.code(), Some(1), "non-zero when a line was bad");
    let err = text(&out.stderr);
    assert!(
        err.contains("line 2 of stdin") && err.contains("'not a url'"),
        "{err}"
    );
    assert!(
        err.contains("line 6 of stdin") && err.contains("ftp://c.example/3"),
        "{err}"
    );
    let urls: Vec<String> = env
        .list_json("inbox")
        .iter()
        .map(|l| l["url"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(urls.len(), 2);
    assert!(urls.contains(&"https://a.example/1".to_string()));
}

#[test]
fn list_json_has_the_documented_shape() {
    let env = Env::new();
    env.run(&[
        "add",
        "--no-fetch",
        "--via",
        "Lobsters",
        "https://example.com/a",
    ]);
    let links = env.list_json("inbox");
    assert_eq!(links.len(), 1);
    let l = &links[0];
    for key in [
        "id",
        "url",
        "canonical_url",
        "title",
        "authors",
        "publication",
        "description",
        "published",
        "state",
        "via",
        "added_at",
        "featured_in",
    ] {
        assert!(l.get(key).is_some(), "missing {key} in {l}");
    }
    assert!(l["id"].is_i64());
    assert_eq!(l["url"], "https://example.com/a");
    assert_eq!(l["canonical_url"], "https://example.com/a");
    assert_eq!(l["authors"], serde_json::json!([]));
    assert_eq!(l["featured_in"], serde_json::json!([]));
    assert_eq!(l["state"], "inbox");
    assert_eq!(l["via"], "Lobsters");
    assert!(l["title"].is_null());
    assert!(l["added_at"].as_str().unwrap().ends_with('Z'));
    // Other states filter it out; an empty list is still a JSON array.
    assert!(env.list_json("held").is_empty());
}

#[test]
fn import_prints_a_summary_line_and_bad_files_fail_with_one_line() {
    let env = Env::new();
    let fixtures = format!("{}/tests/fixtures/import", env!("CARGO_MANIFEST_DIR"));
    let out = env.run(&["import", &format!("{fixtures}/urls.txt")]);
    assert!(out.status.success());
    assert!(
        text(&out.stdout).contains("3 added, 1 duplicates, 2 invalid"),
        "{}",
        text(&out.stdout)
    );

    let out = env.run(&["import", &format!("{fixtures}/broken.opml")]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with("roundup: ") && err.contains("line 7"),
        "{err}"
    );

    let out = env.run(&["import", "/nonexistent/file.html"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("cannot read /nonexistent/file.html"));
}

#[test]
fn a_newer_database_is_refused_with_one_clear_line() {
    let env = Env::new();
    env.run(&["add", "--no-fetch", "https://example.com/a"]);
    {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        conn.execute_batch("PRAGMA user_version = 99; PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    let out = env.run(&["list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("newer roundup") && err.contains("99"), "{err}");
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn bare_roundup_without_a_terminal_prints_the_inbox_summary() {
    let env = Env::new();
    env.run(&["add", "--no-fetch", "https://example.com/a"]);
    let out = env.run(&[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("1 inbox"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn roundup_db_environment_variable_chooses_the_database() {
    let env = Env::new();
    let other = env.dir.path().join("other.db");
    let out = Command::new(env!("CARGO_BIN_EXE_roundup"))
        .args(["add", "--no-fetch", "https://example.com/env"])
        .env("ROUNDUP_DB", &other)
        .env("XDG_DATA_HOME", env.dir.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(other.exists());
    assert!(!env.dir.path().join("data/roundup/roundup.db").exists());
}

#[test]
fn default_database_lives_in_the_xdg_data_dir() {
    let env = Env::new();
    let out = Command::new(env!("CARGO_BIN_EXE_roundup"))
        .args(["add", "--no-fetch", "https://example.com/xdg"])
        .env("XDG_DATA_HOME", env.dir.path().join("data"))
        .env("HOME", env.dir.path())
        .env_remove("ROUNDUP_DB")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(env.dir.path().join("data/roundup/roundup.db").exists());
}
