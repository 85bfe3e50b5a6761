//! `import`: every format, duplicates, and broken files that must add nothing.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::capture::import::{Format, ImportError, detect, import};
use roundup::model::LinkState;
use roundup::store::{LinkFilter, Store};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn all_links(store: &Store) -> Vec<roundup::model::Link> {
    store.links(&LinkFilter::default()).unwrap()
}

fn count(store: &Store, table: &str) -> i64 {
    let c = store.table_counts().unwrap();
    match table {
        "links" => c.links,
        "feeds" => c.feeds,
        other => panic!("no count for {other}"),
    }
}

#[test]
fn detects_formats_from_content() {
    assert_eq!(
        detect(&String::from_utf8(fixture("bookmarks.html")).unwrap()),
        Format::Bookmarks
    );
    assert_eq!(
        detect(&String::from_utf8(fixture("feeds.opml")).unwrap()),
        Format::Opml
    );
    assert_eq!(
        detect(&String::from_utf8(fixture("feed.xml")).unwrap()),
        Format::Feed
    );
    assert_eq!(
        detect(&String::from_utf8(fixture("urls.txt")).unwrap()),
        Format::Text
    );
    assert_eq!(
        detect("{\"version\": \"https://jsonfeed.org/version/1.1\"}"),
        Format::Feed
    );
}

#[test]
fn bookmarks_keep_titles_and_add_dates_and_skip_duplicates() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, &fixture("bookmarks.html")).unwrap();
    assert_eq!(s.format, Some(Format::Bookmarks));
    assert_eq!((s.added, s.duplicates, s.invalid.len()), (3, 1, 1), "{s}");
    assert_eq!(s.invalid[0].at, "line 16", "the bookmarklet's line");
    let links = all_links(&store);
    let kafka = links.iter().find(|l| l.url.contains("kafka")).unwrap();
    assert_eq!(
        kafka.title.as_deref(),
        Some("Kafka split-brain: a dogfood investigation")
    );
    assert_eq!(kafka.added_at, "2017-10-22T00:00:00Z");
    assert_eq!(
        kafka.canonical_url,
        "https://www.honeycomb.io/blog/kafka-split-brain"
    );
    assert_eq!(kafka.state, LinkState::Inbox);
    let staging = links.iter().find(|l| l.url.contains("staging")).unwrap();
    assert_eq!(
        staging.title.as_deref(),
        Some("Staging environments & pitfalls")
    );
    // TAGS become the link's tags (issue 14), not a note that would start its blurb.
    assert_eq!(staging.note, None);
    let extras = store.link_extras(staging.id).unwrap();
    assert_eq!(extras.tags, ["staging", "testing"]);
    assert_eq!(extras.source.as_deref(), Some("bookmarks"));

    // A second import of the same file adds nothing.
    let again = import(&mut store, &fixture("bookmarks.html")).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 4));
    assert_eq!(all_links(&store).len(), 3);
    assert_eq!(again.to_string(), "0 added, 4 duplicates, 1 invalid");
}

#[test]
fn broken_bookmarks_name_the_line_and_add_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let err = import(&mut store, &fixture("broken-bookmarks.html")).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, ImportError::Broken { .. }));
    assert!(
        msg.contains("line 5") && msg.contains("without HREF"),
        "{msg}"
    );
    assert_eq!(count(&store, "links"), 0);

    let err = import(&mut store, &fixture("bad-date-bookmarks.html"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 4") && err.contains("yesterday"), "{err}");
    assert_eq!(count(&store, "links"), 0);
}

#[test]
fn opml_becomes_feed_subscriptions() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, &fixture("feeds.opml")).unwrap();
    assert_eq!(s.format, Some(Format::Opml));
    assert_eq!(
        (s.feeds_added, s.feeds_existing, s.invalid.len()),
        (2, 1, 1),
        "{s}"
    );
    assert!(s.invalid[0].at.starts_with("line 9"), "{:?}", s.invalid);
    let feeds = store.feeds().unwrap();
    assert_eq!(feeds.len(), 2);
    assert_eq!(feeds[0].url, "https://www.honeycomb.io/feed/");
    assert_eq!(feeds[0].title.as_deref(), Some("Honeycomb Blog"));
    assert_eq!(
        feeds[0].site_url.as_deref(),
        Some("https://www.honeycomb.io/blog")
    );
    assert_eq!(count(&store, "links"), 0);
}

#[test]
fn broken_opml_names_line_and_column_and_adds_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let err = import(&mut store, &fixture("broken.opml"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("OPML") && err.contains("line 7"), "{err}");
    assert_eq!(count(&store, "feeds"), 0);
}

#[test]
fn feed_file_items_go_to_the_inbox() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, &fixture("feed.xml")).unwrap();
    assert_eq!((s.added, s.duplicates), (2, 0));
    let links = all_links(&store);
    let first = links
        .iter()
        .find(|l| l.url.ends_with("long-tuesday"))
        .unwrap();
    assert_eq!(
        first.title.as_deref(),
        Some("Incident review: the long Tuesday")
    );
    assert_eq!(first.publication.as_deref(), Some("Example Blog"));
    assert_eq!(first.published.as_deref(), Some("2017-10-17T10:00:00Z"));
    assert_eq!(first.description.as_deref(), Some("What went wrong."));

    let err = import(
        &mut store,
        b"<rss version=\"2.0\"><channel><item><title>cut",
    )
    .unwrap_err();
    assert!(err.to_string().contains("feed file is broken"), "{err}");
}

#[test]
fn url_list_counts_added_duplicates_and_invalid_lines() {
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, &fixture("urls.txt")).unwrap();
    assert_eq!(s.format, Some(Format::Text));
    assert_eq!((s.added, s.duplicates), (3, 1), "{s}");
    let at: Vec<&str> = s.invalid.iter().map(|i| i.at.as_str()).collect();
    assert_eq!(at, ["line 5", "line 7"]);
    let staging = all_links(&store)
        .into_iter()
        .find(|l| l.url.contains("staging"))
        .unwrap();
    assert_eq!(staging.title.as_deref(), Some("Staging environments"));
}

#[test]
fn a_file_with_no_urls_or_not_text_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let err = import(&mut store, &fixture("notes.txt"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("line 1") && err.contains("no line of the file is a URL"),
        "{err}"
    );
    let err = import(&mut store, &fixture("binary.txt"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 2") && err.contains("not UTF-8"), "{err}");
    assert_eq!(count(&store, "links"), 0);
}

#[test]
fn import_duplicates_against_links_added_before() {
    let mut store = Store::open_in_memory().unwrap();
    import(
        &mut store,
        b"https://blog.acolyer.org/2015/01/15/the-tail-at-scale/\n",
    )
    .unwrap();
    let s = import(&mut store, &fixture("urls.txt")).unwrap();
    assert_eq!((s.added, s.duplicates), (2, 2), "{s}");
}

/// A Pocket CSV of `rows` rows, then `tail` as its last line.
fn pocket_csv(rows: usize, tail: &str) -> String {
    let mut csv = String::from("title,url,time_added,tags,status\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "Post {i},https://p{}.example/{i},{},sre|#On  Call,{}\n",
            i % 7,
            1_600_000_000 + i,
            if i % 4 == 0 { "archive" } else { "unread" }
        ));
    }
    csv.push_str(tail);
    csv
}

#[test]
fn a_large_export_is_written_while_read_and_a_late_error_still_adds_nothing() {
    // Thousands of rows go to the writer before the reader finds the last one broken.
    let mut store = Store::open_in_memory().unwrap();
    let bad = pocket_csv(5_000, "Late,https://late.example/,1600000000,,someday\n");
    let err = import(&mut store, bad.as_bytes()).unwrap_err().to_string();
    assert!(
        err.contains("line 5002") && err.contains("someday"),
        "{err}"
    );
    assert_eq!(count(&store, "links"), 0);

    // The same file whole: every row, in file order, with its tags and source.
    let good = pocket_csv(5_000, "Post dup,https://p0.example/0,1600000000,x,unread\n");
    let s = import(&mut store, good.as_bytes()).unwrap();
    assert_eq!((s.added, s.duplicates), (5_000, 1), "{s}");
    assert_eq!(s.format, Some(Format::PocketCsv));
    let ids = s.added_ids.clone();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    let first = store.link(ids[0]).unwrap();
    assert_eq!(first.title.as_deref(), Some("Post 0"));
    let extras = store.link_extras(ids[0]).unwrap();
    assert_eq!(extras.source.as_deref(), Some("pocket"));
    // The duplicate row's tags join the first one's.
    assert_eq!(
        extras.tags,
        vec!["archived", "On Call", "sre", "unread", "x"]
    );
    let last = store.link(*ids.last().unwrap()).unwrap();
    assert_eq!(last.title.as_deref(), Some("Post 4999"));
}

#[test]
fn a_database_error_mid_import_stops_the_reader_too_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    drop(Store::open(&path).unwrap());
    // The 3,000th link cannot be written: the writer stops while the reader still has
    // thousands of rows to hand over, and must not be left waiting for it.
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER boom BEFORE INSERT ON links WHEN new.url LIKE '%/2999' \
             BEGIN SELECT RAISE(ABORT, 'disk is full'); END;",
        )
        .unwrap();
    let (done, finished) = std::sync::mpsc::channel();
    let csv = pocket_csv(20_000, "");
    std::thread::spawn(move || {
        let mut store = Store::open(&path).unwrap();
        let err = import(&mut store, csv.as_bytes()).unwrap_err().to_string();
        done.send((err, count(&store, "links"))).unwrap();
    });
    let (err, links) = finished
        .recv_timeout(std::time::Duration::from_secs(120))
        .expect("the import returned");
    assert!(err.contains("disk is full"), "{err}");
    assert_eq!(links, 0);
}
