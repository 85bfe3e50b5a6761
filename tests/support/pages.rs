//! The saved real pages (`tests/fixtures/pages/`, from Mozilla's Readability test suite) with
//! their reference metadata, and the agreement score of the extractor against them.
#![allow(dead_code)]

use roundup::model::PageMeta;
use std::path::PathBuf;

pub struct FixturePage {
    pub name: String,
    pub html: String,
    pub title: Option<String>,
    pub byline: Option<String>,
}

pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages")
}

pub fn fixture_pages() -> Vec<FixturePage> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let html = std::fs::read(dir.join("source.html")).unwrap();
        let expected: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("expected-metadata.json")).unwrap())
                .unwrap();
        out.push(FixturePage {
            name: dir.file_name().unwrap().to_string_lossy().to_string(),
            html: String::from_utf8_lossy(&html).to_string(),
            title: expected["title"].as_str().map(str::to_string),
            byline: expected["byline"].as_str().map(str::to_string),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Lower case, single spaces, no leading "By".
pub fn normalise(s: &str) -> String {
    let s = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    s.strip_prefix("by ").map(str::to_string).unwrap_or(s)
}

/// The ways a reference byline may join several authors.
fn joins(authors: &[String]) -> Vec<String> {
    let mut out = vec![
        authors.join(", "),
        authors.join(" and "),
        authors.join(" & "),
    ];
    if authors.len() > 1 {
        let (last, init) = authors.split_last().unwrap();
        out.push(format!("{} and {last}", init.join(", ")));
        out.push(format!("{}, and {last}", init.join(", ")));
    }
    out
}

/// (title %, byline %) agreement; prints every disagreement to help whoever tunes the rules.
pub fn score(results: &[(&FixturePage, PageMeta)]) -> (f64, f64) {
    let (mut titles, mut title_ok, mut bylines, mut byline_ok) = (0, 0, 0, 0);
    for (page, meta) in results {
        if let Some(expected) = &page.title {
            titles += 1;
            let got = meta.title.as_deref().map(normalise);
            if got.as_deref() == Some(normalise(expected).as_str()) {
                title_ok += 1;
            } else {
                println!(
                    "title  {}: expected {expected:?}, got {:?}",
                    page.name, meta.title
                );
            }
        }
        if let Some(expected) = &page.byline {
            bylines += 1;
            let want = normalise(expected);
            if joins(&meta.authors).iter().any(|j| normalise(j) == want) {
                byline_ok += 1;
            } else {
                println!(
                    "byline {}: expected {expected:?}, got {:?}",
                    page.name, meta.authors
                );
            }
        }
    }
    let pct = |ok: i32, n: i32| {
        if n == 0 {
            100.0
        } else {
            100.0 * ok as f64 / n as f64
        }
    };
    (pct(title_ok, titles), pct(byline_ok, bylines))
}
