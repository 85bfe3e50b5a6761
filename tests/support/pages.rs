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
    /// Readability.js's own extraction of the page, where the fixture has one.
    pub expected_html: Option<String>,
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
            expected_html: std::fs::read_to_string(dir.join("expected.html")).ok(),
        });
    }
    assert!(
        !out.is_empty(),
        "no fixture pages in {}",
        fixtures_dir().display()
    );
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Pages whose reference byline (Readability.js's own output) is not the page's author,
/// checked by hand against the page: (page, the author, why).
/// `None`: the page names no author.
pub const BYLINE_CORRECTIONS: &[(&str, Option<&str>, &str)] = &[
    (
        "ietf-1",
        Some("Kooman, F. and Jong, Michiel de"),
        "two DC.Creator tags; Readability keeps only the last",
    ),
    (
        "seattletimes-1",
        Some("Benjamin Romano"),
        "the reference is the date line; the author is in itemprop=author and the JSON metadata",
    ),
    (
        "spiceworks",
        None,
        "the reference is 'Last Updated: <date>'; the JSON-LD author's name is empty",
    ),
    (
        "webmd-1",
        Some("Brenda Goodman, MA"),
        "the reference runs on into the next line, 'WebMD Health News'",
    ),
];

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

/// Byline agreement with the reference corrected by `BYLINE_CORRECTIONS` (a page that names
/// no author is right when nothing is found); prints every disagreement.
pub fn corrected_byline_score(results: &[(&FixturePage, PageMeta)]) -> f64 {
    let (mut n, mut ok) = (0, 0);
    for (page, meta) in results {
        let want = match BYLINE_CORRECTIONS
            .iter()
            .find(|(name, _, _)| *name == page.name)
        {
            Some((_, fixed, _)) => fixed.map(str::to_string),
            None => match &page.byline {
                Some(b) => Some(b.clone()),
                None => continue,
            },
        };
        n += 1;
        let good = match &want {
            None => meta.authors.is_empty(),
            Some(w) => joins(&meta.authors)
                .iter()
                .any(|j| normalise(j) == normalise(w)),
        };
        if good {
            ok += 1;
        } else {
            println!(
                "corrected byline {}: expected {want:?}, got {:?}",
                page.name, meta.authors
            );
        }
    }
    if n == 0 {
        100.0
    } else {
        100.0 * ok as f64 / n as f64
    }
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
