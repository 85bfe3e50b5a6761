//! The JSON issue file: round trip, strictness (errors name their path) and all-or-nothing
//! loading.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::compose::issue_file::{IssueFileError, load_issue_file, parse_issue_file};
use roundup::config::Config;
use roundup::export::{Exporter, Format};
use roundup::model::{IssueStatus, LinkState, NewLink};
use roundup::store::{AddOutcome, LinkFilter, Store};

const FIXTURE: &str = include_str!("fixtures/sre-weekly-094.json");
/// The same issue written before bodies existed: `blurb` + `quotes`.
const LEGACY: &str = include_str!("fixtures/sre-weekly-094-legacy.json");

fn config() -> Config {
    Config::builtin().unwrap()
}

fn load(store: &mut Store, text: &str) -> Result<roundup::model::Issue, IssueFileError> {
    let file = parse_issue_file(text)?;
    load_issue_file(store, &config(), &file)
}

fn export_json(store: &Store, number: i64) -> String {
    Exporter::builtin()
        .unwrap()
        .render(&store.issue(number).unwrap(), Format::Json)
        .unwrap()
}

#[test]
fn export_load_export_is_identical() {
    let mut a = Store::open_in_memory().unwrap();
    load(&mut a, FIXTURE).unwrap();
    let first = export_json(&a, 94);
    let mut b = Store::open_in_memory().unwrap();
    load(&mut b, &first).unwrap();
    assert_eq!(export_json(&b, 94), first);
    // Loading over the same draft replaces it and changes nothing.
    load(&mut a, &first).unwrap();
    assert_eq!(export_json(&a, 94), first);
    assert_eq!(a.issue_summaries().unwrap().len(), 1);
}

#[test]
fn entries_reuse_links_by_canonical_url_and_new_ones_are_used() {
    let mut store = Store::open_in_memory().unwrap();
    let existing = NewLink {
        url: "https://www.honeycomb.io/blog/honeycomb-on-honeycomb?utm_source=x".into(),
        ..NewLink::default()
    };
    let AddOutcome::Added(id) = store.add_link(&existing).unwrap() else {
        panic!("not added")
    };
    let issue = load(&mut store, FIXTURE).unwrap();
    let placed = issue.sections[0].entries[2].link_id;
    assert_eq!(placed, id, "the inbox link was reused");
    let all = store.links(&LinkFilter::default()).unwrap();
    assert_eq!(all.len(), 11);
    assert!(all.iter().all(|l| l.state == LinkState::Used));
}

#[test]
fn replacing_a_draft_sends_dropped_links_back_to_the_inbox() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, FIXTURE).unwrap();
    let small = r#"{"number": 94, "sections": [{"heading": "Articles", "entries": [
        {"url": "https://blog.acolyer.org/2017/10/16/the-tail-at-scale/"}]}]}"#;
    let issue = load(&mut store, small).unwrap();
    assert_eq!(
        issue.title, "My Newsletter #94",
        "title from the (built-in) pattern"
    );
    assert_eq!(issue.sponsor, None);
    assert_eq!(store.count_links(LinkState::Used).unwrap(), 1);
    assert_eq!(store.count_links(LinkState::Inbox).unwrap(), 10);
}

#[test]
fn a_published_issue_is_not_overwritten() {
    let mut store = Store::open_in_memory().unwrap();
    load(&mut store, FIXTURE).unwrap();
    roundup::compose::publish(&store, 94).unwrap();
    let before = export_json(&store, 94);
    let err = load(&mut store, r#"{"number": 94}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("published"), "{err}");
    assert_eq!(export_json(&store, 94), before);
    assert_eq!(store.issue(94).unwrap().status, IssueStatus::Published);
}

fn parse_error(text: &str) -> String {
    parse_issue_file(text).unwrap_err().to_string()
}

#[test]
fn unknown_keys_are_errors_naming_them() {
    let err = parse_error(r#"{"number": 1, "colour": "red"}"#);
    assert!(err.contains("unknown field `colour`"), "{err}");
    let err = parse_error(
        r#"{"number": 1, "sections": [{"heading": "A"}, {"heading": "B", "entries": [
            {"url": "https://a.example/", "titel": "typo"}]}]}"#,
    );
    assert!(
        err.starts_with("sections[1].entries[0].titel: unknown field `titel`"),
        "{err}"
    );
}

#[test]
fn wrong_types_name_the_nested_path() {
    let err = parse_error(
        r#"{"number": 1, "sections": [{"heading": "A"}, {"heading": "B", "entries": [
            {"url": "https://a.example/1"}, {"url": "https://a.example/2"},
            {"url": "https://a.example/3"}, {"url": "https://a.example/4", "quotes": "one"}]}]}"#,
    );
    assert!(
        err.starts_with("sections[1].entries[3].quotes: invalid type"),
        "{err}"
    );
    let err = parse_error(r#"{"number": "94"}"#);
    assert!(err.starts_with("number: invalid type"), "{err}");
    let err = parse_error(r#"{"number": 1, "sections": [{"heading": "A", "style": "grid"}]}"#);
    assert!(
        err.starts_with("sections[0].style: unknown variant `grid`"),
        "{err}"
    );
}

#[test]
fn missing_required_fields_are_errors() {
    let err = parse_error(r#"{"title": "x"}"#);
    assert!(err.contains("missing field `number`"), "{err}");
    let err = parse_error(r#"{"number": 1, "sections": [{"entries": []}]}"#);
    assert!(
        err.contains("sections[0]") && err.contains("missing field `heading`"),
        "{err}"
    );
    let err = parse_error(r#"{"number": 1, "sections": [{"heading": "A", "entries": [{}]}]}"#);
    assert!(err.contains("missing field `url`"), "{err}");
    assert!(parse_error("not json").contains("expected"));
}

#[test]
fn bad_values_fail_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    for (text, path) in [
        (
            r#"{"number": 5, "sections": [{"heading": "A", "entries": [
                {"url": "https://ok.example/"}, {"url": "not a url"}]}]}"#,
            "sections[0].entries[1].url",
        ),
        (
            r#"{"number": 5, "sections": [{"heading": "A"}, {"heading": "B", "entries": [
                {"url": "javascript:alert(1)"}]}]}"#,
            "sections[1].entries[0].url",
        ),
        (
            r#"{"number": 5, "sections": [{"heading": "A", "entries": [
                {"url": "https://ok.example/a"}, {"url": "https://OK.example/a?utm_source=x"}]}]}"#,
            "sections[0].entries[1].url",
        ),
        (r#"{"number": 5, "date": "last week"}"#, "date"),
        (r#"{"number": 0}"#, "number"),
    ] {
        let err = load(&mut store, text).unwrap_err().to_string();
        assert!(err.starts_with(path), "{err} should name {path}");
        assert!(!err.contains('\n'), "one line: {err}");
    }
    assert!(store.issue_summaries().unwrap().is_empty());
    assert!(store.links(&LinkFilter::default()).unwrap().is_empty());
}

#[test]
fn a_file_with_blurb_and_quotes_loads_as_a_body_and_exports_the_same() {
    let mut old = Store::open_in_memory().unwrap();
    let mut new = Store::open_in_memory().unwrap();
    load(&mut old, LEGACY).unwrap();
    load(&mut new, FIXTURE).unwrap();
    let x = Exporter::builtin().unwrap();
    for format in [Format::Markdown, Format::Html, Format::Text, Format::Json] {
        assert_eq!(
            x.render(&old.issue(94).unwrap(), format).unwrap(),
            x.render(&new.issue(94).unwrap(), format).unwrap(),
            "{format:?}"
        );
    }
    // The quote that opens an entry is its first block; a quote's lines stay lines.
    let json = export_json(&old, 94);
    assert!(
        json.contains("\"body\": \"> Our business requires"),
        "{json}"
    );
    assert!(!json.contains("\"blurb\""), "written files use body only");
}

#[test]
fn body_and_blurb_together_are_refused_naming_the_entry() {
    let mut store = Store::open_in_memory().unwrap();
    let err = load(
        &mut store,
        r#"{"number": 3, "sections": [{"heading": "A", "entries": [
            {"url": "https://a.example/", "body": "x", "blurb": "y"}]}]}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.starts_with("sections[0].entries[0]: has both body"),
        "{err}"
    );
    assert_eq!(store.table_counts().unwrap().issues, 0);
}
