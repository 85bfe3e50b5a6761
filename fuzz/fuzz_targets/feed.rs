#![no_main]
//! A pulled feed body (what `feeds::pull_all` parses) → items → recorded in a store.
use libfuzzer_sys::fuzz_target;
use roundup::capture::feeds::{PullOutcome, parse_pull};
use roundup::store::Store;

fuzz_target!(|data: &[u8]| {
    let Ok(outcome) = parse_pull("https://example.com/feed.xml", data, None, None) else {
        return;
    };
    let PullOutcome::Fetched { items, .. } = &outcome else {
        panic!("a parsed body is never NotModified");
    };
    for item in items {
        assert!(
            item.description
                .as_ref()
                .is_none_or(|d| d.chars().count() <= 401)
        );
    }
    let mut store = Store::open_in_memory().expect("in-memory store");
    let (feed_id, _) = store
        .add_feed("https://example.com/feed.xml", None, None)
        .expect("add feed");
    let counts = store
        .record_feed_pull(feed_id, &outcome)
        .expect("record pull");
    assert_eq!(counts.added + counts.known + counts.invalid, items.len());
});
