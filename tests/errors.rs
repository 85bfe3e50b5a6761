//! Every user-facing error, rendered the way `main` prints it (`cli::error_line`): one line,
//! each cause said once. The rule checked on every chain: no error's message contains the
//! message of its `source` (a variant prints its cause or exposes it as source, not both).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use anyhow::Context;
use roundup::capture::feeds::FeedError;
use roundup::capture::import::import;
use roundup::check::context_for;
use roundup::cli::error_line;
use roundup::compose::issue_file::{load_issue_file, parse_issue_file};
use roundup::config::Config;
use roundup::export::Exporter;
use roundup::model::FetchFailure;
use roundup::model::canonical::{CanonicalOptions, canonicalize};
use roundup::store::{Store, StoreError};
use std::process::Command;

/// Renders `e` as `main` does and checks the rule; returns the line.
fn rendered(e: anyhow::Error) -> String {
    for err in e.chain() {
        if let Some(src) = err.source() {
            let (outer, inner) = (err.to_string(), src.to_string());
            assert!(
                !outer.contains(&inner),
                "{outer:?} prints its source {inner:?} and also exposes it"
            );
        }
    }
    let line = error_line(&e);
    assert!(!line.contains('\n'), "{line:?}");
    assert!(line.starts_with("roundup: "), "{line}");
    line
}

/// No phrase of four words or more appears twice in the line.
fn said_once(line: &str) {
    let words: Vec<&str> = line.split_whitespace().collect();
    for w in words.windows(4) {
        let phrase = w.join(" ");
        assert_eq!(
            line.matches(&phrase).count(),
            1,
            "{phrase:?} twice in {line:?}"
        );
    }
}

fn check(e: anyhow::Error, wants: &str) {
    let line = rendered(e);
    said_once(&line);
    assert!(line.contains(wants), "{line:?} should mention {wants:?}");
}

#[test]
fn store_errors_say_their_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("f");
    std::fs::write(&file, "not a directory").unwrap();
    let path = file.join("sub/x.db");
    let e = Store::open(&path)
        .map(|_| ())
        .with_context(|| format!("cannot open {}", path.display()))
        .unwrap_err();
    check(e, "Not a directory");

    let text = dir.path().join("notes.db");
    std::fs::write(
        &text,
        "hello, this is not SQLite at all, not even close\n".repeat(40),
    )
    .unwrap();
    let e = Store::open(&text).map(|_| ()).unwrap_err();
    check(
        anyhow::Error::new(e).context("cannot open notes.db"),
        "not a roundup database",
    );

    let sql: StoreError = rusqlite::Error::QueryReturnedNoRows.into();
    check(anyhow::Error::new(sql), "database error");
    let json: StoreError = serde_json::from_str::<Vec<String>>("[").unwrap_err().into();
    check(anyhow::Error::new(json), "corrupt stored value");
    let store = Store::open_in_memory().unwrap();
    check(anyhow::Error::new(store.link(42).unwrap_err()), "link 42");
    check(
        anyhow::Error::new(store.canonical("exa mple").unwrap_err()),
        "a space is not part of a URL",
    );
    check(
        anyhow::Error::new(store.canonical("exa/mple").unwrap_err()),
        "is not a URL",
    );
}

#[test]
fn config_template_and_url_errors_say_their_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    // config.toml is a directory: it cannot be read.
    std::fs::create_dir_all(dir.path().join("config.toml")).unwrap();
    check(
        anyhow::Error::new(Config::load(Some(dir.path())).unwrap_err()),
        "cannot read",
    );
    let bad = Config::from_layers(Some(("u.toml", "[newsletter]\nfirst_number = \"x\"")));
    check(anyhow::Error::new(bad.unwrap_err()), "u.toml");

    let tdir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tdir.path().join("issue.md.j2")).unwrap();
    let config = Config {
        dir: Some(tdir.path().to_path_buf()),
        ..Config::builtin().unwrap()
    };
    let e = Exporter::new(&config).err().unwrap();
    check(anyhow::Error::new(e), "cannot read template");
    std::fs::remove_dir(tdir.path().join("issue.md.j2")).unwrap();
    std::fs::write(tdir.path().join("issue.md.j2"), "{% if %}").unwrap();
    let e = Exporter::new(&config).err().unwrap();
    check(anyhow::Error::new(e), "issue.md.j2");

    let url = canonicalize("http://exa mple.com/x", &CanonicalOptions::default()).unwrap_err();
    check(anyhow::Error::new(url), "a space is not part of a URL");
    let feed: FeedError = FetchFailure::Status(404).into();
    check(anyhow::Error::new(feed).context("feed.example"), "HTTP 404");
}

#[test]
fn import_issue_file_and_check_errors_say_their_cause_once() {
    let mut store = Store::open_in_memory().unwrap();
    let e = import(&mut store, b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n<DT><A ADD_DATE=\"x\" HREF=\"https://a.example/\">a</A>\n")
        .unwrap_err();
    check(
        anyhow::Error::new(e).context("bookmarks.html"),
        "nothing was imported",
    );

    let e = parse_issue_file("{\"number\": 1, \"sections\": [{\"heading\": 3}]}").unwrap_err();
    check(
        anyhow::Error::new(e).context("x.json was not loaded"),
        "sections[0].heading",
    );
    let file = parse_issue_file("{\"number\": 0}").unwrap();
    let e = load_issue_file(&mut store, &Config::builtin().unwrap(), &file).unwrap_err();
    check(
        anyhow::Error::new(e).context("x.json was not loaded"),
        "number",
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("issue.html.j2"), "{{ x(").unwrap();
    let config = Config {
        dir: Some(dir.path().to_path_buf()),
        ..Config::builtin().unwrap()
    };
    let issue = roundup::compose::new_issue(&store, &Config::builtin().unwrap(), None).unwrap();
    let e = context_for(&store, &config, None, &issue).unwrap_err();
    check(anyhow::Error::new(e).context("check"), "issue.html.j2");
}

#[test]
fn the_binary_prints_a_missing_directory_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f"), "a file").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_roundup"))
        .arg("--db")
        .arg(dir.path().join("f/sub/x.db"))
        .arg("list")
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env_remove("ROUNDUP_DB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("Not a directory").count(), 1, "{err}");
}

#[test]
fn push_and_site_errors_say_their_cause_once() {
    use roundup::publish::{PushOptions, Service, push_issue};
    let store = Store::open_in_memory().unwrap();
    let issue = store.create_issue(1, "Issue #1", &[]).unwrap();
    let none = |_: &str| None;
    let config = Config::builtin().unwrap();
    let e = push_issue(
        &store,
        &config,
        &issue,
        Service::Ghost,
        &PushOptions::default(),
        &none,
    );
    check(anyhow::Error::new(e.unwrap_err()), "set [push.ghost] url");
    // A service that is not listening: the network failure, named once.
    let mut config = Config::builtin().unwrap();
    config.push.kit = Some(roundup::config::KitConfig {
        url: Some(format!("http://127.0.0.1:{}", {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        })),
        api_key: Some(roundup::config::Secret::new("k")),
        email_template_id: None,
    });
    let e = push_issue(
        &store,
        &config,
        &issue,
        Service::Kit,
        &PushOptions::default(),
        &none,
    );
    check(anyhow::Error::new(e.unwrap_err()), "kit: cannot reach");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.txt"), "x").unwrap();
    let e = roundup::site::build(&store, &Config::builtin().unwrap(), dir.path()).unwrap_err();
    check(anyhow::Error::new(e), "not made by `roundup site`");
    let file = dir.path().join("mine.txt");
    let e =
        roundup::site::build(&store, &Config::builtin().unwrap(), &file.join("out")).unwrap_err();
    check(anyhow::Error::new(e), "cannot write");
}
