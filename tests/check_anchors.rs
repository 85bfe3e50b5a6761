//! Quotes that keep their anchor, end to end: pages fetched (their readable text stored),
//! quotes anchored in that text as the reader does, then the pages change and `roundup
//! check` tells a quote whose markup changed (no problem) from one whose words changed
//! (`quote_changed`) and one whose passage is gone (`quote_gone`).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::store::{ArticleText, Store};
use roundup::text::anchor::anchor_quote;
use roundup::text::markdown_to_text;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use support::http::{Server, html, respond};

fn roundup(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_roundup"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

const INTRO: &str = "Our pager went off at three in the morning, and nobody knew why.";
const QUOTE: &str = "It was not the database; it was the retry storm that followed the deploy.";
const AFTER: &str = "We rolled back within ten minutes and wrote down what we learned.";

fn page(body: &str) -> String {
    let filler =
        "Incidents teach more than any design review ever could, if you let them. ".repeat(4);
    format!(
        "<html><head><title>Incident notes</title></head><body><article><h1>Incident \
         notes</h1><p>{filler}</p>{body}<p>{filler}</p></article></body></html>"
    )
}

/// Before: the three paragraphs. After, per path: the same words in other markup, one word
/// of the quote edited, the quote's paragraph and its neighbours rewritten.
fn before() -> String {
    page(&format!("<p>{INTRO}</p><p>{QUOTE}</p><p>{AFTER}</p>"))
}

fn after(path: &str) -> String {
    match path {
        "/same" => page(&format!(
            "<div class=intro>{INTRO}</div><blockquote><p>It was <em>not</em> the \
             database; it was the <a href=/r>retry storm</a> that followed the deploy.</p>\
             </blockquote><div>{AFTER}</div>"
        )),
        "/edited" => page(&format!(
            "<p>{INTRO}</p><p>{}</p><p>{AFTER}</p>",
            QUOTE.replace("retry storm", "retry flood")
        )),
        _ => page("<p>We have since moved this post to our new handbook.</p>"),
    }
}

fn site(changed: Arc<AtomicBool>) -> Server {
    Server::start(move |req, stream| {
        if !["/same", "/edited", "/gone"].contains(&req.path.as_str()) {
            return respond(stream, "404 Not Found", &[], b"");
        }
        if req.method == "HEAD" {
            let ct = [("Content-Type", "text/html; charset=utf-8")];
            return respond(stream, "200 OK", &ct, b"");
        }
        if changed.load(Ordering::SeqCst) {
            html(stream, &after(&req.path))
        } else {
            html(stream, &before())
        }
    })
}

#[test]
fn the_check_reports_anchored_quotes_as_changed_or_gone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let changed = Arc::new(AtomicBool::new(false));
    let s = site(changed.clone());
    let paths = ["/same", "/edited", "/gone"];
    let urls: Vec<String> = paths.iter().map(|p| s.url(p)).collect();
    let mut args = vec!["add"];
    args.extend(urls.iter().map(String::as_str));
    assert!(roundup(&db, &args).status.success());

    let entries: Vec<serde_json::Value> = urls
        .iter()
        .map(|u| {
            serde_json::json!({"url": u, "title": "Incident notes", "blurb": "Worth it.",
                "quotes": [QUOTE], "authors": ["Ann Lee"], "publication": "Ops"})
        })
        .collect();
    let file = dir.path().join("issue.json");
    let issue = serde_json::json!({"number": 94,
        "sections": [{"heading": "Articles", "entries": entries}]});
    std::fs::write(&file, issue.to_string()).unwrap();
    let out = roundup(&db, &["issue", "load", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");

    // What the reader does when the editor takes the quote: anchor it in the article's text.
    let store = Store::open(&db).unwrap();
    for entry in &store.issue(94).unwrap().sections[0].entries {
        let ArticleText::Article { markdown, .. } = store.article_text(entry.link_id).unwrap()
        else {
            panic!("no article text for {}", entry.url);
        };
        let anchor = anchor_quote(&markdown_to_text(&markdown), QUOTE).unwrap();
        assert_eq!(anchor.exact, QUOTE);
        assert_eq!(anchor.suffix, "\n\nWe rolled back within ten");
        store.save_anchor(entry.id, &anchor).unwrap();
    }
    drop(store);

    // Before the pages change, every quote is found.
    let check = |db: &Path| -> Vec<(String, String)> {
        let out = roundup(db, &["check", "94", "--json"]);
        let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        problems
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"].as_str().unwrap().starts_with("quote"))
            .map(|p| {
                let url = p["entry"]["url"].as_str().unwrap().to_string();
                (url, p["kind"].as_str().unwrap().to_string())
            })
            .collect()
    };
    assert_eq!(check(&db), vec![]);

    changed.store(true, Ordering::SeqCst);
    let found = check(&db);
    assert_eq!(
        found,
        vec![
            (urls[1].clone(), "quote_changed".to_string()),
            (urls[2].clone(), "quote_gone".to_string()),
        ]
    );
    // Both are warnings with a one-line message naming the quote.
    let out = roundup(&db, &["check", "94"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("! warning quote 1 (\"It was not the database; it was the…\") changed"),
        "{text}"
    );
    assert!(text.contains("[quote_gone]"), "{text}");
}
