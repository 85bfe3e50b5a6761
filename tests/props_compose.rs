//! Property tests for the exporters and the issue-file loader (the CI variant of the
//! `export` and `issue_file` fuzz targets): any issue, however hostile its strings, renders
//! in every format; HTML and Markdown stay safe; JSON round-trips through a store.
//! More cases: `PROPTEST_CASES=5000 cargo test --release --test props_compose`.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fuzz_common;

mod support;

use proptest::prelude::*;
use roundup::compose::issue_file::{
    export_issue_file, issue_file_json, load_issue_file, parse_issue_file,
};
use roundup::config::Config;
use roundup::export::{Exporter, Format};
use roundup::model::{Credit, Entry, Issue, IssueStatus, Section, SectionStyle, Sponsor};
use roundup::store::Store;

const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)",
    "![img](https://evil.example/p.png)",
    "<javascript:alert(1)>",
    "<https://example.com/ok>",
    "[a]: javascript:alert(1)\n\n[b][a]",
    "`<script>`",
    "```\n<script>\n```",
    "    <script>indented</script>",
    "<!-- <script> -->",
    "<a href=\"javascript:alert(1)\">x</a>",
    "&lt;script&gt;",
    "&#60;script&#62;",
    "\\<script>",
    "# heading\n- item\n> quote\n1. one",
    "*_`~[]()<>#!|\\",
    "",
    " ",
    "\n\n",
    "é漢字🦀\u{200b}\u{202e}",
    "\r\n\t\0",
];

/// Hostile snippets, arbitrary unicode, Markdown specials, and combinations of them.
fn hostile() -> impl Strategy<Value = String> {
    let snippet = prop::sample::select(HOSTILE).prop_map(str::to_string);
    prop_oneof![
        3 => snippet.clone(),
        2 => any::<String>(),
        1 => "[<>\"'`*_\\[\\]()#!&;:/ a-z\n]{0,60}",
        2 => prop::collection::vec(prop_oneof![snippet, "[a-z ]{0,8}".prop_map(|s| s)], 0..6)
            .prop_map(|v| v.concat()),
        1 => (0usize..3000).prop_map(|n| "ab <c> ".repeat(n / 7)),
    ]
}

fn hostile_url() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("javascript:alert(1)".to_string()),
        Just(" JavaScript:alert(document.cookie)".to_string()),
        Just("data:text/html,<script>alert(1)</script>".to_string()),
        Just("vbscript:msgbox".to_string()),
        Just("mailto:ed@example.com?subject=\"hi\"".to_string()),
        Just("//evil.example/x".to_string()),
        Just("/relative".to_string()),
        "https://example\\.com/[a-z\"'<> ()\\[\\]]{0,12}",
        "http://[a-z.]{1,10}/\\?q=[<>\"' a-z]{0,10}",
        hostile(),
    ]
}

#[derive(Debug, Clone)]
struct EntryParts {
    url: String,
    title: Option<String>,
    blurb: String,
    quotes: Vec<String>,
    authors: Vec<String>,
    publication: Option<String>,
    via: Option<String>,
    disclosures: Vec<String>,
}

fn entry_parts(url: BoxedStrategy<String>) -> impl Strategy<Value = EntryParts> {
    (
        url,
        prop::option::of(hostile()),
        hostile(),
        prop::collection::vec(hostile(), 0..3),
        prop::collection::vec(hostile(), 0..3),
        prop::option::of(hostile()),
        prop::option::of(hostile()),
        prop::collection::vec(hostile(), 0..2),
    )
        .prop_map(
            |(url, title, blurb, quotes, authors, publication, via, disclosures)| EntryParts {
                url,
                title,
                blurb,
                quotes,
                authors,
                publication,
                via,
                disclosures,
            },
        )
}

type SectionParts = (String, bool, Vec<EntryParts>);
type SponsorParts = Option<(String, Option<String>, Option<String>)>;

fn assemble(
    number: i64,
    title: String,
    date: Option<String>,
    intro: Option<String>,
    sponsor: SponsorParts,
    sections: Vec<SectionParts>,
) -> Issue {
    Issue {
        id: 1,
        number,
        title,
        date,
        status: IssueStatus::Draft,
        intro,
        sponsor: sponsor.map(|(name, url, message)| Sponsor { name, url, message }),
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, (heading, list, entries))| Section {
                id: i as i64 + 1,
                issue_id: 1,
                heading,
                style: if list {
                    SectionStyle::List
                } else {
                    SectionStyle::Articles
                },
                position: i as i64,
                entries: entries
                    .into_iter()
                    .enumerate()
                    .map(|(j, e)| Entry {
                        id: j as i64 + 1,
                        section_id: i as i64 + 1,
                        link_id: j as i64 + 1,
                        position: j as i64,
                        url: e.url,
                        title: e.title,
                        blurb: e.blurb,
                        quotes: e.quotes,
                        credit: Credit {
                            authors: e.authors,
                            publication: e.publication,
                            via: e.via,
                        },
                        disclosures: e.disclosures,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Any issue: every string hostile, URLs of every scheme.
fn any_issue() -> impl Strategy<Value = Issue> {
    let section = (
        hostile(),
        any::<bool>(),
        prop::collection::vec(entry_parts(hostile_url().boxed()), 0..4),
    );
    (
        any::<i64>(),
        hostile(),
        prop::option::of(hostile()),
        prop::option::of(hostile()),
        prop::option::of((
            hostile(),
            prop::option::of(hostile_url()),
            prop::option::of(hostile()),
        )),
        prop::collection::vec(section, 0..4),
    )
        .prop_map(|(n, t, d, i, s, secs)| assemble(n, t, d, i, s, secs))
}

/// An issue the loader accepts: hostile texts, but a valid number and date, non-empty
/// headings and sponsor name, and distinct http(s) URLs (with hostile query strings).
fn loadable_issue() -> impl Strategy<Value = Issue> {
    let non_empty = hostile().prop_map(|s| format!("H{s}")).boxed();
    let url = "[a-z\"'<> ]{0,8}"
        .prop_map(|q| format!("https://example.com/p?q={}", q.trim()))
        .boxed();
    let section = (
        non_empty.clone(),
        any::<bool>(),
        prop::collection::vec(entry_parts(url), 0..4),
    );
    (
        1i64..100_000,
        hostile(),
        prop::option::of(Just("2024-02-29".to_string())),
        prop::option::of(hostile()),
        prop::option::of((
            non_empty,
            prop::option::of(hostile_url()),
            prop::option::of(hostile()),
        )),
        prop::collection::vec(section, 0..4),
    )
        .prop_map(|(n, t, d, i, s, mut secs)| {
            // Distinct URLs: the path says which entry it is.
            for (i, (_, _, entries)) in secs.iter_mut().enumerate() {
                for (j, e) in entries.iter_mut().enumerate() {
                    e.url = e.url.replacen("/p?", &format!("/s{i}e{j}?"), 1);
                }
            }
            assemble(n, t, d, i, s, secs)
        })
}

fn exporter() -> Exporter {
    Exporter::builtin().unwrap()
}

proptest! {
    #![proptest_config(support::props::config(64))]

    #[test]
    fn every_format_renders_safely(issue in any_issue()) {
        if let Err(e) = fuzz_common::check_export(&exporter(), &issue) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn json_export_load_export_is_identical(issue in loadable_issue()) {
        let exporter = exporter();
        let first = exporter.render(&issue, Format::Json).unwrap();
        let file = parse_issue_file(&first).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let loaded = load_issue_file(&mut store, &Config::builtin().unwrap(), &file)
            .map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        let second = exporter.render(&loaded, Format::Json).unwrap();
        prop_assert_eq!(&second, &first);
        prop_assert_eq!(issue_file_json(&export_issue_file(&loaded)), second);
    }

    #[test]
    fn issue_file_load_is_all_or_nothing(issue in any_issue()) {
        // Hostile issues are mostly refused (bad number, date, URL, empty heading); the
        // oracle checks that a refusal changes nothing and an acceptance round-trips.
        let text = issue_file_json(&export_issue_file(&issue));
        if let Err(e) = fuzz_common::check_issue_file(&text) {
            prop_assert!(false, "{}", e);
        }
    }
}
