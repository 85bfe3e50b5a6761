//! The compose commands end to end: `issue new|list|load|publish` and `export`.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    _dir: tempfile::TempDir,
    db: PathBuf,
    config_home: PathBuf,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let config_home = dir.path().join("config");
        std::fs::create_dir_all(config_home.join("roundup")).unwrap();
        Env {
            db: dir.path().join("r.db"),
            config_home,
            _dir: dir,
        }
    }

    fn config_dir(&self) -> PathBuf {
        self.config_home.join("roundup")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_roundup"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env("XDG_CONFIG_HOME", &self.config_home)
            .env_remove("ROUNDUP_DB")
            .output()
            .unwrap()
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
}

fn fixture() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sre-weekly-094.json"
    ))
}

#[test]
fn issue_new_follows_the_config_and_numbers_on() {
    let env = Env::new();
    std::fs::write(
        env.config_dir().join("config.toml"),
        "[newsletter]\nfirst_number = 379\ntitle_pattern = \"Ops Weekly #{number}\"\n",
    )
    .unwrap();
    assert_eq!(
        env.ok(&["issue", "new"]),
        "created draft #379: Ops Weekly #379\n"
    );
    assert_eq!(
        env.ok(&["issue", "new"]),
        "created draft #380: Ops Weekly #380\n"
    );
    let list: serde_json::Value =
        serde_json::from_str(&env.ok(&["issue", "list", "--json"])).unwrap();
    assert_eq!(list[0]["number"], 380);
    assert_eq!(list[0]["sections"], 2);
    assert_eq!(list[1]["status"], "draft");
}

#[test]
fn load_export_publish() {
    let env = Env::new();
    let out = env.ok(&["issue", "load", fixture().to_str().unwrap()]);
    assert_eq!(
        out,
        "loaded #94: SRE Weekly Issue #94 (2 sections, 11 entries)\n"
    );

    // Export to a file and to stdout (the current draft by default) agree.
    let file = env.config_home.join("out.json");
    env.ok(&[
        "export",
        "94",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    let stdout = env.ok(&["export", "--format", "json"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), stdout);
    let a: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture()).unwrap()).unwrap();
    assert_eq!(a, b);

    for format in ["markdown", "html", "text"] {
        assert!(
            env.ok(&["export", "--format", format])
                .contains("Honeycomb")
        );
    }

    assert!(
        env.ok(&["issue", "publish", "94"])
            .starts_with("published #94 (2017-10-22)")
    );
    let used: serde_json::Value =
        serde_json::from_str(&env.ok(&["list", "--state", "used", "--json"])).unwrap();
    assert!(
        used.as_array()
            .unwrap()
            .iter()
            .all(|l| l["featured_in"] == serde_json::json!([94]))
    );
    let out = env.run(&["export", "--format", "text"]);
    assert!(!out.status.success(), "no draft left");
    let out = env.run(&["issue", "load", fixture().to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("published"), "{err}");
}

#[test]
fn a_bad_issue_file_is_one_line_naming_the_path() {
    let env = Env::new();
    let bad = env.config_home.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"number": 3, "sections": [{"heading": "A", "entries": [{"url": "https://a.example/", "quotes": [1]}]}]}"#,
    )
    .unwrap();
    let out = env.run(&["issue", "load", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.json was not loaded: sections[0].entries[0].quotes[0]: invalid type"),
        "{err}"
    );
    assert_eq!(
        env.ok(&["issue", "list"]),
        "no issues; start one with `roundup issue new`\n"
    );
}

#[test]
fn templates_are_overridden_from_the_config_dir() {
    let env = Env::new();
    env.ok(&["issue", "load", fixture().to_str().unwrap()]);
    std::fs::write(
        env.config_dir().join("issue.md.j2"),
        "My {{ title }}: {{ sections | length }} sections\n",
    )
    .unwrap();
    assert_eq!(
        env.ok(&["export", "--format", "markdown"]),
        "My SRE Weekly Issue #94: 2 sections\n"
    );
    std::fs::write(env.config_dir().join("issue.txt.j2"), "{% if %}").unwrap();
    let out = env.run(&["export", "--format", "text"]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("template issue.txt.j2: line 1"), "{err}");
}

#[test]
fn renumber_and_delete_drafts_only_and_keep_the_writing() {
    let env = Env::new();
    env.ok(&["issue", "load", fixture().to_str().unwrap()]);
    // Taken and out-of-range numbers are refused, changing nothing.
    env.ok(&["issue", "new", "--number", "200"]);
    let taken = env.run(&["issue", "renumber", "200", "94"]);
    assert_eq!(taken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("#94 already exists"));
    let zero = env.run(&["issue", "renumber", "200", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    let out = env.ok(&["issue", "renumber", "94", "95"]);
    assert!(out.starts_with("renumbered #94 to #95"), "{out}");
    let list = env.ok(&["issue", "list"]);
    assert!(list.contains("#95") && !list.contains("#94 "), "{list}");

    // Deleting a draft sends its links back to the inbox, with their writing.
    let body_before = env.ok(&["export", "95", "--format", "json"]);
    let out = env.ok(&["issue", "delete", "95"]);
    assert!(out.contains("back in the inbox"), "{out}");
    assert!(!env.ok(&["issue", "list"]).contains("#95"));
    let inbox = env.ok(&["list", "--json"]);
    let links: serde_json::Value = serde_json::from_str(&inbox).unwrap();
    assert!(!links.as_array().unwrap().is_empty());
    // Publishing makes an issue immutable: neither command touches it.
    env.ok(&["issue", "publish", "200"]);
    assert_eq!(env.run(&["issue", "delete", "200"]).status.code(), Some(2));
    assert_eq!(
        env.run(&["issue", "renumber", "200", "201"]).status.code(),
        Some(2)
    );
    assert!(body_before.contains("\"body\""));
}
