//! Search over the articles' readable text (migration 0007): what the store keeps from a
//! fetch, how article-text matches rank against title matches, `--in` scopes, re-fetches
//! replacing the index entry, and quote anchors kept per entry.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::capture::extract::PageMeta;
use roundup::compose::issue_file::{load_issue_file, parse_issue_file};
use roundup::config::Config;
use roundup::model::{NewLink, QuoteAnchor, Readable};
use roundup::store::{AddOutcome, ArticleText, SearchScope, Store};
use roundup::text::markdown_to_text;

fn add(store: &Store, url: &str, title: &str) -> i64 {
    match store
        .add_link(&NewLink {
            url: url.into(),
            title: Some(title.into()),
            ..Default::default()
        })
        .unwrap()
    {
        AddOutcome::Added(id) => id,
        other => panic!("{other:?}"),
    }
}

fn fetched(store: &Store, id: i64, markdown: &str) {
    let text = markdown_to_text(markdown);
    let meta = PageMeta {
        readable: Some(Readable::Article {
            markdown: markdown.to_string(),
            words: text.split_whitespace().count() as u32,
            text,
        }),
        ..PageMeta::default()
    };
    store.record_fetch(id, &Ok(meta)).unwrap();
}

fn ids(hits: &[roundup::store::SearchHit]) -> Vec<i64> {
    hits.iter().map(|h| h.link.id).collect()
}

#[test]
fn article_text_is_searched_and_ranked_below_titles() {
    let store = Store::open_in_memory().unwrap();
    let titled = add(&store, "https://a.example/kafka", "Kafka in production");
    let texty = add(
        &store,
        "https://b.example/ops",
        "Notes from the on-call week",
    );
    let neither = add(&store, "https://c.example/x", "Gardening");
    fetched(&store, titled, "We run queues. Nothing else to say here.");
    // Many mentions in the text still rank below one in a title.
    fetched(
        &store,
        texty,
        &"The [Kafka](https://kafka.apache.org) *consumers* lagged; Kafka rebalanced. ".repeat(20),
    );
    fetched(&store, neither, "Tomatoes need sun.");

    assert_eq!(ids(&store.search("kafka", 10).unwrap()), [titled, texty]);
    assert_eq!(
        ids(&store.search_in("kafka", 10, SearchScope::Title).unwrap()),
        [titled]
    );
    let text = store.search_in("kafka", 10, SearchScope::Text).unwrap();
    assert_eq!(ids(&text), [texty]);
    let snippet = text[0].snippet.as_deref().unwrap();
    assert!(
        snippet.starts_with("The «Kafka» consumers lagged;"),
        "{snippet}"
    );
    // Link targets are not part of the text: "apache" is only in a URL.
    assert!(store.search("apache", 10).unwrap().is_empty());
    // The limit counts both kinds.
    assert_eq!(ids(&store.search("kafka", 1).unwrap()), [titled]);
    // Prefix search works on article text too (the last word, as the TUI types it), from
    // five letters on: shorter prefixes are matched as whole words.
    assert!(
        store
            .search_in("reba", 10, SearchScope::Text)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        ids(&store.search_in("rebal", 10, SearchScope::Text).unwrap()),
        [texty]
    );
}

#[test]
fn a_refetch_replaces_the_text_and_a_failure_keeps_it() {
    let store = Store::open_in_memory().unwrap();
    let id = add(&store, "https://a.example/p", "A post");
    fetched(&store, id, "First version mentions zanzibar.");
    fetched(&store, id, "Second version mentions madagascar.");
    assert!(store.search("zanzibar", 10).unwrap().is_empty());
    assert_eq!(ids(&store.search("madagascar", 10).unwrap()), [id]);
    let failed = Err(roundup::capture::fetch::FetchFailure::Timeout);
    store.record_fetch(id, &failed).unwrap();
    assert_eq!(
        store.article_text(id).unwrap(),
        ArticleText::Article {
            markdown: "Second version mentions madagascar.".into(),
            words: 4
        }
    );
    // A page that is no longer an article loses its text and its index entry.
    let meta = PageMeta {
        readable: Some(Readable::NotArticle),
        ..PageMeta::default()
    };
    store.record_fetch(id, &Ok(meta)).unwrap();
    assert_eq!(store.article_text(id).unwrap(), ArticleText::NotArticle);
    assert!(store.search("madagascar", 10).unwrap().is_empty());
    assert!(store.word_counts().unwrap().is_empty());
    // A fetch that did not look for text (its deadline passed) changes nothing.
    store.record_fetch(id, &Ok(PageMeta::default())).unwrap();
    assert_eq!(store.article_text(id).unwrap(), ArticleText::NotArticle);
}

#[test]
fn a_published_entry_is_found_by_its_article_text() {
    let mut store = Store::open_in_memory().unwrap();
    let file = parse_issue_file(include_str!("fixtures/sre-weekly-094.json")).unwrap();
    let issue = load_issue_file(&mut store, &Config::builtin().unwrap(), &file).unwrap();
    store.publish_issue(94).unwrap();
    let entry = &issue.sections[0].entries[3];
    fetched(
        &store,
        entry.link_id,
        "Tail latency at scale: hedged requests cut the p999.",
    );
    let hits = store.search("hedged", 10).unwrap();
    assert_eq!(ids(&hits), [entry.link_id]);
    assert_eq!(hits[0].link.featured_in, [94]);
}

#[test]
fn anchors_are_kept_per_entry_and_quote() {
    let mut store = Store::open_in_memory().unwrap();
    let file = parse_issue_file(include_str!("fixtures/sre-weekly-094.json")).unwrap();
    let issue = load_issue_file(&mut store, &Config::builtin().unwrap(), &file).unwrap();
    let (a, b) = (
        issue.sections[0].entries[0].id,
        issue.sections[0].entries[1].id,
    );
    let anchor = |exact: &str, prefix: &str| QuoteAnchor {
        exact: exact.into(),
        prefix: prefix.into(),
        suffix: "after".into(),
    };
    store
        .save_anchor(a, &anchor("one quote", "before"))
        .unwrap();
    store
        .save_anchor(a, &anchor("two quote", "before"))
        .unwrap();
    store
        .save_anchor(a, &anchor("one quote", "other context"))
        .unwrap();
    store
        .save_anchor(b, &anchor("one quote", "before"))
        .unwrap();
    let of_a = store.anchors(a).unwrap();
    assert_eq!(
        of_a,
        [
            anchor("one quote", "other context"),
            anchor("two quote", "before")
        ]
    );
    assert!(store.delete_anchor(a, "two quote").unwrap());
    assert!(!store.delete_anchor(a, "two quote").unwrap());
    let all = store.anchors_of(&[a, b, 999]).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[&b], [anchor("one quote", "before")]);
}

#[test]
fn removing_an_entry_keeps_its_quote_anchors_and_placing_it_again_brings_them_back() {
    let mut store = Store::open_in_memory().unwrap();
    let config = Config::builtin().unwrap();
    let file = parse_issue_file(include_str!("fixtures/sre-weekly-094.json")).unwrap();
    let issue = load_issue_file(&mut store, &config, &file).unwrap();
    let entry = &issue.sections[0].entries[0];
    let (link, section) = (entry.link_id, entry.section_id);
    let anchor = |exact: &str| QuoteAnchor {
        exact: exact.into(),
        prefix: format!("before {exact}"),
        suffix: "after".into(),
    };
    store.save_anchor(entry.id, &anchor("first quote")).unwrap();
    store
        .save_anchor(entry.id, &anchor("second quote"))
        .unwrap();

    roundup::compose::remove_entry(&store, entry.id).unwrap();
    assert!(store.anchors(entry.id).unwrap().is_empty());
    let again = roundup::compose::place_link(&store, &config, link, Some(section)).unwrap();
    assert_ne!(again.id, entry.id);
    assert_eq!(
        store.anchors(again.id).unwrap(),
        [anchor("first quote"), anchor("second quote")]
    );
    // Taken with the writing: a second removal without anchors keeps none.
    store.delete_anchor(again.id, "first quote").unwrap();
    store.delete_anchor(again.id, "second quote").unwrap();
    roundup::compose::remove_entry(&store, again.id).unwrap();
    let third = roundup::compose::place_link(&store, &config, link, Some(section)).unwrap();
    assert!(store.anchors(third.id).unwrap().is_empty());
}
