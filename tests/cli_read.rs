//! Reading articles from the command line: `read` on fetched, never-fetched, failed, non-HTML
//! and non-article links; `list --json` reading times; `search --in` over article text; a
//! database from before article text, brought up to date by `fetch --all`; and all of it
//! offline once fetched.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::http::{Server, html, respond};

fn roundup(db: &Path, args: &[&str]) -> Output {
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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// An article whose body (not its title or description) says "zanzibar".
fn article() -> String {
    let para = "Retries amplify load when every client retries at once; the fix is jitter \
                and a budget for retries across the fleet. ";
    format!(
        "<html><head><title>Retry storms | Ops Blog</title>\
         <meta name=description content=\"On retries.\"></head><body>\
         <nav><a href=/>Home</a> <a href=/about>About</a></nav><article><h1>Retry storms</h1>\
         <p class=byline>By Ann Lee</p><p>{}</p><p>The outage began in the zanzibar \
         datacenter, where a <a href=/deploy>deploy</a> restarted every cache node.</p>\
         <p>{}</p></article><footer>© Ops Blog</footer></body></html>",
        para.repeat(4),
        para.repeat(3)
    )
}

fn site() -> Server {
    let body = article();
    Server::start(move |req, stream| match req.path.as_str() {
        "/article" => html(stream, &body),
        "/paper.pdf" => respond(
            stream,
            "200 OK",
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.4 not really",
        ),
        "/home" => html(
            stream,
            "<html><head><title>Ops Blog</title></head><body><ul>\
             <li><a href=/article>Retry storms</a></li><li><a href=/b>Another post</a></li>\
             </ul></body></html>",
        ),
        _ => respond(stream, "404 Not Found", &[], b""),
    })
}

fn add(db: &Path, url: &str) {
    let out = roundup(db, &["add", "--no-fetch", url]);
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn read_prints_the_text_or_says_why_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let s = site();
    for path in ["/article", "/paper.pdf", "/gone", "/home"] {
        add(&db, &s.url(path));
    }
    let out = roundup(&db, &["fetch"]);
    assert!(out.status.success(), "{out:?}");
    add(&db, &s.url("/later"));

    let out = roundup(&db, &["read", "1"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let md = stdout(&out);
    assert!(
        md.contains("The outage began in the zanzibar datacenter"),
        "{md}"
    );
    assert!(md.contains("[deploy]("), "Markdown keeps links: {md}");
    assert!(
        !md.contains("About") && !md.contains("© Ops Blog"),
        "no page furniture: {md}"
    );
    let out = roundup(&db, &["read", "1", "--format", "text"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("where a deploy restarted"), "{text}");
    assert!(!text.contains("]("), "{text}");

    let reasons = [
        (2, "not a web page but application/pdf"),
        (3, "its fetch failed (HTTP 404)"),
        (4, "not an article"),
        (5, "never fetched"),
    ];
    for (id, why) in reasons {
        let out = roundup(&db, &["read", &id.to_string()]);
        assert_eq!(out.status.code(), Some(1), "#{id}: {out:?}");
        assert!(stdout(&out).is_empty(), "#{id}: {out:?}");
        let err = stderr(&out);
        assert!(err.contains(why), "#{id}: {err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
    }
    let out = roundup(&db, &["read", "99"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("link 99"), "{out:?}");
}

#[test]
fn list_json_gives_reading_time_and_search_finds_article_text_offline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let s = site();
    add(&db, &s.url("/article"));
    add(&db, &s.url("/paper.pdf"));
    assert!(roundup(&db, &["fetch"]).status.success());

    let out = roundup(&db, &["list", "--json"]);
    let links: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let by_url = |path: &str| {
        links
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["url"] == s.url(path))
            .unwrap()
            .clone()
    };
    let a = by_url("/article");
    let words = a["word_count"].as_u64().unwrap();
    assert!((150..300).contains(&words), "{a}");
    assert_eq!(a["reading_minutes"].as_u64(), Some(words.div_ceil(238)));
    let pdf = by_url("/paper.pdf");
    assert!(
        pdf["word_count"].is_null() && pdf["reading_minutes"].is_null(),
        "{pdf}"
    );

    // From here on nothing may reach the network: reading and searching use the database.
    let requests = s.requests().len();
    let hits = |args: &[&str]| {
        let out = roundup(&db, args);
        assert!(out.status.success(), "{out:?}");
        stdout(&out)
    };
    let all = hits(&["search", "zanzibar"]);
    assert!(all.contains("Retry storms"), "{all}");
    assert!(
        all.contains("«zanzibar»"),
        "a snippet of the article: {all}"
    );
    assert!(hits(&["search", "zanzibar", "--in", "text"]).contains("Retry storms"));
    assert!(hits(&["search", "zanzibar", "--in", "title"]).contains("no matches"));
    // A title match ranks above an article-text match.
    assert!(hits(&["search", "retry", "--in", "title"]).contains("Retry storms"));
    let json = hits(&["search", "datacenter", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["word_count"].as_u64(), Some(words), "{v}");
    assert!(hits(&["read", "1"]).contains("zanzibar"));
    assert_eq!(
        s.requests().len(),
        requests,
        "read and search stayed offline"
    );
}

#[test]
fn a_database_from_before_article_text_gets_it_on_fetch_all() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let s = site();
    add(&db, &s.url("/article"));
    assert!(roundup(&db, &["fetch"]).status.success());
    // What a database fetched by an earlier roundup looks like: metadata, no article rows.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM articles", []).unwrap();
    drop(conn);

    let out = roundup(&db, &["read", "1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("`roundup fetch --all`"), "{out:?}");
    assert!(stdout(&roundup(&db, &["search", "zanzibar"])).contains("no matches"));

    assert!(roundup(&db, &["fetch", "--all"]).status.success());
    let out = roundup(&db, &["read", "1"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).contains("zanzibar"));
    assert!(stdout(&roundup(&db, &["search", "zanzibar"])).contains("Retry storms"));
}
