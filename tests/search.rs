//! Archive search (FTS5) and hold/aging.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::model::{LinkState, NewLink, PageMeta};
use roundup::store::{AddOutcome, EntryField, Store, fts_query};
use support::archive::{Rng, big_archive, draft_issue};

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

#[test]
fn query_syntax_is_neutralised() {
    assert_eq!(
        fts_query("kafka split").as_deref(),
        Some("\"kafka\" \"split\"*")
    );
    assert_eq!(
        fts_query("a\"b OR c").as_deref(),
        Some("\"a\"\"b\" \"OR\" \"c\"*")
    );
    assert_eq!(fts_query("  -- ** ()  "), None);
    // Hostile input never errors.
    let store = Store::open_in_memory().unwrap();
    for q in [
        "\"",
        "NEAR(",
        "a:b",
        "*",
        "title:x",
        "^",
        "AND OR NOT",
        "(((",
        "é",
        "🚀 fire",
    ] {
        store.search(q, 10).unwrap();
    }
}

#[test]
fn finds_links_and_published_entries_with_issue_numbers_ranked() {
    let mut store = Store::open_in_memory().unwrap();
    let mut rng = Rng(7);
    let ids = draft_issue(&mut store, 71, 3, &mut rng);
    let entry = store.issue(71).unwrap().sections[0].entries[0].id;
    store
        .update_entry_field(
            entry,
            EntryField::Body(
                "Honeycomb found a Kafka split-brain in their dogfood cluster.".into(),
            ),
        )
        .unwrap();
    roundup::compose::publish(&store, 71).unwrap();
    let inbox = add(
        &store,
        "https://example.com/kafka-tiered",
        "Kafka tiered storage without tears",
    );
    let other = add(&store, "https://example.com/dns", "It was DNS");

    let hits = store.search("kafka", 10).unwrap();
    let found: Vec<i64> = hits.iter().map(|h| h.link.id).collect();
    assert!(
        found.contains(&ids[0]) && found.contains(&inbox),
        "{found:?}"
    );
    assert!(!found.contains(&other));
    let archived = hits.iter().find(|h| h.link.id == ids[0]).unwrap();
    assert_eq!(archived.link.featured_in, vec![71]);
    assert!(
        archived.snippet.as_deref().unwrap().contains("«Kafka»"),
        "{:?}",
        archived.snippet
    );
    // Ranked: scores ascend (bm25, lower is better).
    assert!(hits.windows(2).all(|w| w[0].score <= w[1].score));

    // Prefix match while typing, several words are ANDed, diacritics folded.
    assert!(
        store
            .search("kaf", 10)
            .unwrap()
            .iter()
            .any(|h| h.link.id == inbox)
    );
    assert_eq!(store.search("kafka tiered", 10).unwrap().len(), 1);
    assert_eq!(store.search("kafka nonexistentword", 10).unwrap().len(), 0);
}

#[test]
fn draft_entries_are_not_in_the_archive_and_edits_reindex() {
    let mut store = Store::open_in_memory().unwrap();
    let mut rng = Rng(9);
    let ids = draft_issue(&mut store, 5, 1, &mut rng);
    let entry = store.issue(5).unwrap().sections[0].entries[0].id;
    store
        .update_entry_field(entry, EntryField::Body("zebracorn".into()))
        .unwrap();
    assert!(
        store.search("zebracorn", 10).unwrap().is_empty(),
        "drafts are not searched"
    );
    roundup::compose::publish(&store, 5).unwrap();
    assert_eq!(store.search("zebracorn", 10).unwrap().len(), 1);
    let retitled = PageMeta {
        title: Some("Quokka review".into()),
        ..Default::default()
    };
    store.record_fetch(ids[0], &Ok(retitled)).unwrap();
    assert_eq!(store.search("quokka", 10).unwrap().len(), 1);
}

#[test]
fn search_over_a_500_issue_archive_returns_results() {
    let mut store = Store::open_in_memory().unwrap();
    big_archive(&mut store, 500, 1000);
    let hits = store.search("kafka failover", 50).unwrap();
    assert_eq!(hits.len(), 50);
    assert!(
        hits.iter()
            .all(|h| !h.link.featured_in.is_empty() || h.link.state == LinkState::Inbox)
    );
}

#[test]
fn held_links_come_back_and_stale_links_go_in_one_action() {
    let mut store = Store::open_in_memory().unwrap();
    let held = add(&store, "https://example.com/held", "Held");
    store.set_link_state(held, LinkState::Held).unwrap();
    let old = store
        .add_link(&NewLink {
            url: "https://example.com/old".into(),
            added_at: Some("2020-01-01T00:00:00Z".into()),
            ..Default::default()
        })
        .unwrap();
    let AddOutcome::Added(old) = old else {
        panic!()
    };
    let fresh = add(&store, "https://example.com/fresh", "Fresh");

    assert_eq!(store.release_held().unwrap(), 1);
    assert_eq!(store.link(held).unwrap().state, LinkState::Inbox);

    let stale: Vec<i64> = store.stale_links().unwrap().iter().map(|l| l.id).collect();
    assert_eq!(stale, vec![old]);
    assert!(store.is_stale(&store.link(old).unwrap()).unwrap());
    assert!(!store.is_stale(&store.link(fresh).unwrap()).unwrap());
    assert_eq!(store.discard_stale().unwrap(), 1);
    assert_eq!(store.link(old).unwrap().state, LinkState::Discarded);
    assert_eq!(store.link(fresh).unwrap().state, LinkState::Inbox);

    // The age is a setting.
    let ten_days = (chrono::Utc::now() - chrono::Duration::days(10)).to_rfc3339();
    let AddOutcome::Added(recent) = store
        .add_link(&NewLink {
            url: "https://example.com/ten-days".into(),
            added_at: Some(ten_days),
            ..Default::default()
        })
        .unwrap()
    else {
        panic!()
    };
    assert!(store.stale_links().unwrap().is_empty());
    store.set_setting("stale_after_days", "7").unwrap();
    let stale: Vec<i64> = store.stale_links().unwrap().iter().map(|l| l.id).collect();
    assert_eq!(stale, vec![recent]);
}

#[test]
fn publishing_an_issue_brings_held_links_back() {
    let store = Store::open_in_memory().unwrap();
    let config = roundup::config::Config::builtin().unwrap();
    let issue = roundup::compose::new_issue(&store, &config, None).unwrap();
    let held = add(&store, "https://example.com/held-for-next-week", "Held");
    store.set_link_state(held, LinkState::Held).unwrap();
    roundup::compose::publish(&store, issue.number).unwrap();
    assert_eq!(store.link(held).unwrap().state, LinkState::Inbox);
}

#[test]
fn a_word_in_every_entry_still_answers_and_rare_words_search_the_whole_archive() {
    let mut store = Store::open_in_memory().unwrap();
    let mut rng = Rng(11);
    // Issue 1 is the oldest: 2,400 newer entries all say "the" (more than are ranked).
    let oldest = draft_issue(&mut store, 1, 2, &mut rng);
    let entries: Vec<i64> = store.issue(1).unwrap().sections[0]
        .entries
        .iter()
        .map(|e| e.id)
        .collect();
    store
        .update_entry_field(
            entries[0],
            EntryField::Body("Quokkability is the zebracorn of our trade.".into()),
        )
        .unwrap();
    store
        .update_entry_field(
            entries[1],
            EntryField::Body("Le résumé de l'incident.".into()),
        )
        .unwrap();
    roundup::compose::publish(&store, 1).unwrap();
    for n in 2..=121 {
        support::archive::published_issue(&mut store, n, 20, &mut rng);
    }

    let common = store.search("the", 50).unwrap();
    assert_eq!(common.len(), 50);
    assert!(common.iter().all(|h| h.snippet.is_some()), "{common:?}");

    // A rare word in the oldest entry is found, its snippet made from the body, the last
    // word matched as a prefix.
    let hits = store.search("zebra", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].link.id, oldest[0]);
    assert_eq!(
        hits[0].snippet.as_deref(),
        Some("Quokkability is the «zebracorn» of our trade")
    );
    let hits = store.search("quokka", 10).unwrap();
    assert_eq!(hits[0].link.id, oldest[0]);
    assert!(
        hits[0]
            .snippet
            .as_deref()
            .unwrap()
            .starts_with("«Quokkability»")
    );
    // Diacritics are folded by the index; the snippet still marks the word as written.
    let hits = store.search("resume", 10).unwrap();
    assert_eq!(hits[0].link.id, oldest[1]);
    assert!(
        hits[0].snippet.as_deref().unwrap().contains("«résumé»"),
        "{:?}",
        hits[0].snippet
    );
}
