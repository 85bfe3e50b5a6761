//! The capture commands end to end, as a user runs them: `add` (fetching by default),
//! `add --no-fetch`, `fetch [--failed]`, `feed add|list|pull`, against loopback servers.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::process::{Command, Output};
use support::http::{Server, html, respond};

fn roundup(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roundup"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

fn site() -> Server {
    Server::start(|req, stream| match req.path.as_str() {
        "/short" => respond(
            stream,
            "301 Moved Permanently",
            &[("Location", "/article?utm_source=x")],
            b"",
        ),
        "/article" | "/article?utm_source=x" => html(
            stream,
            r#"<html><head><title>Why retries hurt | Ops Blog</title>
               <meta property="og:site_name" content="Ops Blog">
               <meta name="author" content="Ann Lee and Bo Chen"></head></html>"#,
        ),
        "/later" => html(stream, "<title>Read later</title>"),
        "/feed.xml" => respond(
            stream,
            "200 OK",
            &[("Content-Type", "application/rss+xml"), ("ETag", "\"e1\"")],
            br#"<rss version="2.0"><channel><title>Ops Blog</title>
                <item><title>Fresh post</title><link>https://ops.example.com/fresh</link></item>
                </channel></rss>"#,
        ),
        _ => respond(stream, "404 Not Found", &[], b""),
    })
}

#[test]
fn add_fetches_records_failures_and_recognises_redirect_targets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let s = site();

    let out = roundup(&db, &["add", &s.url("/short"), &s.url("/gone")]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("fetched #1 Why retries hurt"), "{text}");
    assert!(
        text.contains("failed #2") && text.contains("HTTP 404"),
        "{text}"
    );

    let list = roundup(&db, &["list", "--json"]);
    let links: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let first = links
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == 1)
        .unwrap();
    assert_eq!(first["title"], "Why retries hurt");
    assert_eq!(first["authors"], serde_json::json!(["Ann Lee", "Bo Chen"]));
    assert_eq!(first["publication"], "Ops Blog");
    let second = links
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == 2)
        .unwrap();
    assert_eq!(second["fetch_error"], "HTTP 404");
    assert_eq!(second["state"], "inbox");

    // The redirect target (tracking parameters and all) is the same link as the short URL.
    let again = roundup(&db, &["add", &s.url("/article?utm_source=newsletter")]);
    assert!(
        stdout(&again).contains("already stored"),
        "{}",
        stdout(&again)
    );

    let later = roundup(&db, &["add", "--no-fetch", &s.url("/later")]);
    assert!(!stdout(&later).contains("fetched"), "{}", stdout(&later));
    let fetch = roundup(&db, &["fetch"]);
    assert!(
        stdout(&fetch).contains("fetched #3 Read later"),
        "{}",
        stdout(&fetch)
    );
    let retry = roundup(&db, &["fetch", "--failed"]);
    assert!(stdout(&retry).contains("failed #2"), "{}", stdout(&retry));
    assert!(stdout(&roundup(&db, &["fetch"])).contains("nothing to fetch"));
}

#[test]
fn feed_commands_subscribe_list_and_pull() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let s = site();

    let add = roundup(&db, &["feed", "add", &s.url("/feed.xml")]);
    assert!(stdout(&add).contains("subscribed #1 Ops Blog"), "{add:?}");
    let bad = roundup(&db, &["feed", "add", &s.url("/article")]);
    assert!(!bad.status.success());
    assert_eq!(String::from_utf8_lossy(&bad.stderr).lines().count(), 1);

    let pull = roundup(&db, &["feed", "pull"]);
    assert!(
        stdout(&pull).contains("Ops Blog: 1 new, 0 already stored"),
        "{pull:?}"
    );
    let list = roundup(&db, &["feed", "list"]);
    assert!(stdout(&list).contains("pulled"), "{}", stdout(&list));
    let links = stdout(&roundup(&db, &["list"]));
    assert!(links.contains("Fresh post"), "{links}");
}
