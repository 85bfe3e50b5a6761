//! The `quote_links` setting: with it on, the HTML and Markdown exports link each anchored
//! pull-quote to its place on the page (`#:~:text=`); with it off (the default) they are
//! byte for byte what they were (the golden snapshots cover that).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::compose::issue_file::{load_issue_file, parse_issue_file};
use roundup::config::Config;
use roundup::export::{Exporter, Format, QuoteLinks};
use roundup::model::{Issue, QuoteAnchor};
use roundup::store::Store;
use std::process::Command;

const FIXTURE: &str = include_str!("fixtures/sre-weekly-094.json");

const RACERD: &str = "RacerD has been running in production for 10 months on our Android \
                      codebase and has caught over 1000 multi-threading issues which have been \
                      fixed by Facebook developers before the code reaches production.";

fn anchor() -> QuoteAnchor {
    QuoteAnchor {
        exact: RACERD.to_string(),
        prefix: "can be used at scale.".into(),
        suffix: "The analysis is compositional".into(),
    }
}

/// The entry that quotes RacerD, and the issue.
fn racerd(issue: &Issue) -> i64 {
    issue.sections[0]
        .entries
        .iter()
        .find(|e| e.url.contains("racerd"))
        .unwrap()
        .id
}

const FRAGMENT: &str = "#:~:text=can%20be%20used%20at%20scale.-,RacerD%20has%20been%20running,\
                        the%20code%20reaches%20production.,\
                        -The%20analysis%20is%20compositional";

#[test]
fn anchored_quotes_link_to_their_place_in_html_and_markdown_only() {
    let mut store = Store::open_in_memory().unwrap();
    let file = parse_issue_file(FIXTURE).unwrap();
    let issue = load_issue_file(&mut store, &Config::builtin().unwrap(), &file).unwrap();
    store.save_anchor(racerd(&issue), &anchor()).unwrap();
    let ids: Vec<i64> = issue
        .sections
        .iter()
        .flat_map(|s| s.entries.iter().map(|e| e.id))
        .collect();
    let links = QuoteLinks::new(store.anchors_of(&ids).unwrap());
    let x = Exporter::builtin().unwrap();
    let url = "https://code.facebook.com/posts/racerd-compositional-static-race-detection/";

    let md = x.render_with(&issue, Format::Markdown, &links).unwrap();
    let want = format!("reaches production. [↗](<{url}{FRAGMENT}>)");
    assert!(md.contains(&want), "{md}");
    assert_eq!(
        md.matches(":~:text=").count(),
        1,
        "only the anchored quote: {md}"
    );

    let html = x.render_with(&issue, Format::Html, &links).unwrap();
    let want = format!(
        "reaches production. <a style=\"color:#1a5fb4;\" href=\"{url}{FRAGMENT}\">↗</a></p></blockquote>"
    );
    assert!(html.contains(&want), "{html}");

    for format in [Format::Text, Format::Json] {
        assert_eq!(
            x.render_with(&issue, format, &links).unwrap(),
            x.render(&issue, format).unwrap(),
            "{format:?} is unchanged"
        );
    }
    // Without anchors (or with the setting off) nothing changes.
    for format in [Format::Markdown, Format::Html] {
        assert_eq!(
            x.render_with(&issue, format, &QuoteLinks::default())
                .unwrap(),
            x.render(&issue, format).unwrap()
        );
    }
}

#[test]
fn the_setting_turns_the_links_on_for_roundup_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let file = dir.path().join("issue.json");
    std::fs::write(&file, FIXTURE).unwrap();
    let roundup = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_roundup"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    roundup(&["issue", "load", file.to_str().unwrap()]);
    let store = Store::open(&db).unwrap();
    let issue = store.issue(94).unwrap();
    store.save_anchor(racerd(&issue), &anchor()).unwrap();
    drop(store);

    assert!(!roundup(&["export", "94", "--format", "markdown"]).contains(":~:text="));
    assert_eq!(
        roundup(&["setting", "quote_links"]).trim(),
        "quote_links = (default)  # exports link each anchored quote to its place on the page (true/false, default false)"
    );
    roundup(&["setting", "quote_links", "true"]);
    assert!(roundup(&["export", "94", "--format", "markdown"]).contains(FRAGMENT));
    assert!(roundup(&["export", "94", "--format", "html"]).contains(FRAGMENT));
    assert!(!roundup(&["export", "94", "--format", "text"]).contains(":~:text="));
}
