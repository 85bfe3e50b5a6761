//! Bulk writes (imports): every tag and highlight lands, keys stay whole though the batch
//! runs without SQLite's foreign-key checks, and duplicates are found both ways.

use super::*;
use crate::model::canonical::{CanonicalOptions, canonicalize};
use crate::model::{NewLink, PlannedLink, QuoteCandidate};

fn planned(url: &str, tags: &[&str]) -> PlannedLink {
    PlannedLink {
        canonical: canonicalize(url, &CanonicalOptions::default()).unwrap(),
        link: NewLink {
            url: url.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        },
    }
}

fn foreign_keys_on(store: &Store) -> bool {
    store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap()
}

fn tag_rows(store: &Store) -> i64 {
    store
        .conn
        .query_row("SELECT count(*) FROM link_tags", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_bulk_write_keeps_every_tag_and_leaves_every_key_whole() {
    let mut store = Store::open_in_memory().unwrap();
    // 300 links × 2 tags: more than one multi-row statement, and a partial last one.
    let mut links: Vec<PlannedLink> = (0..300)
        .map(|i| {
            planned(
                &format!("https://example.com/{i}"),
                &["sre", &format!("t{i}")],
            )
        })
        .collect();
    links[7].link.tags.push("SRE".into()); // the same tag in another case
    links[9].link.quote_candidates.push(QuoteCandidate {
        text: "It was DNS.".into(),
        ..Default::default()
    });
    // A later duplicate of the batch's own 6th link brings one more tag.
    links.push(planned(
        "https://example.com/5?utm_source=x",
        &["late", "sre"],
    ));
    let counts = store.add_batch(&[], &links, &[]).unwrap();
    assert_eq!(counts.added.len(), 300);
    assert_eq!(counts.duplicates, 1);
    assert_eq!(counts.quotes_added, 1);
    assert_eq!(tag_rows(&store), 601);
    assert_eq!(
        store.link_tags(counts.added[5]).unwrap(),
        ["late", "sre", "t5"]
    );
    assert_eq!(store.link_tags(counts.added[7]).unwrap(), ["sre", "t7"]);
    assert_eq!(store.link_tags(counts.added[299]).unwrap(), ["sre", "t299"]);
    assert_eq!(store.quote_candidates(counts.added[9]).unwrap().len(), 1);
    let broken: i64 = store
        .conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0);
    assert!(
        foreign_keys_on(&store),
        "checks are back on after the batch"
    );
}

#[test]
fn a_bulk_link_naming_a_feed_that_is_not_stored_is_refused_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let mut links = vec![planned("https://example.com/a", &["x"])];
    let mut orphan = planned("https://example.com/b", &[]);
    orphan.link.feed_id = Some(999);
    links.push(orphan);
    let err = store.add_batch(&[], &links, &[]).unwrap_err();
    assert!(err.to_string().contains("feed 999"), "{err}");
    assert_eq!(store.table_counts().unwrap().links, 0);
    assert_eq!(tag_rows(&store), 0);
    assert!(
        foreign_keys_on(&store),
        "checks are back on after a failed batch"
    );
    // Checks are really on again: a tag of no link is refused.
    let refused = store.conn.execute(
        "INSERT INTO link_tags (link_id, tag) VALUES (12345, 'x')",
        [],
    );
    assert!(refused.is_err());
}

#[test]
fn a_bulk_write_finds_a_link_stored_under_its_redirect_target() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store
        .add_batch(&[], &[planned("https://t.co/abc", &[])], &[])
        .unwrap();
    store
        .conn
        .execute(
            "UPDATE links SET final_url = 'https://example.com/post' WHERE id = ?1",
            [first.added[0]],
        )
        .unwrap();
    let links = [
        planned("https://example.com/post", &["kept"]),
        planned("https://example.com/new", &[]),
    ];
    let counts = store.add_batch(&[], &links, &[]).unwrap();
    assert_eq!(
        counts.duplicates, 1,
        "the redirect target is the stored link"
    );
    assert_eq!(counts.added.len(), 1);
    assert_eq!(store.link_tags(first.added[0]).unwrap(), ["kept"]);
}

#[test]
fn a_tag_keeps_the_spelling_the_file_gave_first() {
    let mut store = Store::open_in_memory().unwrap();
    let links = [
        planned("https://example.com/r", &["Rust"]),
        planned("https://example.com/r?utm_source=x", &["rust", "Go"]),
    ];
    let counts = store.add_batch(&[], &links, &[]).unwrap();
    assert_eq!(counts.duplicates, 1);
    assert_eq!(store.link_tags(counts.added[0]).unwrap(), ["Go", "Rust"]);
    // A duplicate of a link stored before the batch: the stored spelling stays too.
    let again = [planned("https://example.com/r", &["RUST", "go", "new"])];
    store.add_batch(&[], &again, &[]).unwrap();
    assert_eq!(
        store.link_tags(counts.added[0]).unwrap(),
        ["Go", "new", "Rust"]
    );
}

#[test]
fn a_panic_in_the_middle_of_a_bulk_write_adds_nothing_and_turns_checks_on_again() {
    let mut store = Store::open_in_memory().unwrap();
    let chunk = vec![planned("https://example.com/a", &["x"])];
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        store.add_batch_streamed(
            std::iter::once(chunk),
            |_| panic!("the reader went away"),
            || Ok(BatchRest::default()),
        )
    }));
    assert!(outcome.is_err());
    assert!(store.conn.is_autocommit(), "rolled back");
    assert_eq!(store.table_counts().unwrap().links, 0);
    assert!(foreign_keys_on(&store));
    let cache: i64 = store
        .conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .unwrap();
    assert_ne!(cache, -64 * 1024, "the page cache is back to its size");
}
