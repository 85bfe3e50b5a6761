//! Property tests (the CI variant of the fuzzing): hostile input never panics, and what is
//! refused changes nothing. More cases: `PROPTEST_CASES=20000 cargo test --release --test props`.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use proptest::prelude::*;
use roundup::capture::import::import;
use roundup::model::canonical::{CanonicalOptions, canonicalize, is_tracking_param};
use roundup::store::{Store, fts_query};

fn count_links(store: &Store) -> i64 {
    store.table_counts().unwrap().links
}

/// URL-ish strings: a scheme, a host, a path, a query with tracking and real parameters.
fn urlish() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        Just("http"),
        Just("https"),
        Just("HTTPS"),
        Just("ftp"),
        Just("javascript"),
        Just("")
    ];
    let host = "[a-zA-Z0-9.-]{0,20}";
    let port = prop_oneof![
        Just(String::new()),
        (0u32..70000).prop_map(|p| format!(":{p}"))
    ];
    let path = "(/[a-zA-Z0-9%._~ -]{0,8}){0,4}/?";
    let param = prop_oneof![
        Just("utm_source".to_string()),
        Just("fbclid".to_string()),
        Just("id".to_string()),
        "[a-z_]{1,6}".prop_map(|s| s),
    ];
    let query = prop::collection::vec((param, "[a-zA-Z0-9%=&]{0,5}"), 0..4);
    let frag = prop_oneof![Just(""), Just("#top"), Just("#!/x"), Just("#")];
    (scheme, host, port, path, query, frag).prop_map(|(s, h, p, path, q, f)| {
        let q: Vec<String> = q.into_iter().map(|(k, v)| format!("{k}={v}")).collect();
        let q = if q.is_empty() {
            String::new()
        } else {
            format!("?{}", q.join("&"))
        };
        format!("{s}://{h}{p}{path}{q}{f}")
    })
}

proptest! {
    #![proptest_config(support::props::config(128))]

    #[test]
    fn canonicalize_never_panics_and_is_idempotent(input in prop_oneof![urlish(), any::<String>()]) {
        for upgrade_http in [false, true] {
            let opts = CanonicalOptions { upgrade_http };
            if let Ok(c) = canonicalize(&input, &opts) {
                let again = canonicalize(&c, &opts);
                prop_assert_eq!(again.as_ref(), Ok(&c));
                let url = url::Url::parse(&c).unwrap();
                prop_assert!(matches!(url.scheme(), "http" | "https"));
                prop_assert!(url.query_pairs().all(|(k, _)| !is_tracking_param(&k)));
                prop_assert!(url.query() != Some(""));
                if upgrade_http {
                    prop_assert_eq!(url.scheme(), "https");
                }
            }
        }
    }

    #[test]
    fn import_of_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let mut store = Store::open_in_memory().unwrap();
        let _ = import(&mut store, &bytes);
    }

    #[test]
    fn import_of_mangled_files_is_all_or_nothing(
        kind in 0usize..4,
        cut in 0usize..2000,
        junk in "[<>\"=&a-zA-Z0-9 /\n]{0,40}",
    ) {
        let fixtures = ["bookmarks.html", "feeds.opml", "feed.xml", "urls.txt"];
        let path = format!("{}/tests/fixtures/import/{}", env!("CARGO_MANIFEST_DIR"), fixtures[kind]);
        let mut content = std::fs::read_to_string(path).unwrap();
        let mut at = cut.min(content.len());
        while !content.is_char_boundary(at) { at -= 1; }
        content.insert_str(at, &junk);
        let mut store = Store::open_in_memory().unwrap();
        match import(&mut store, content.as_bytes()) {
            Ok(s) => prop_assert_eq!(count_links(&store), s.added as i64),
            Err(_) => {
                prop_assert_eq!(count_links(&store), 0);
                let feeds = store.table_counts().unwrap().feeds;
                prop_assert_eq!(feeds, 0);
            }
        }
    }

    #[test]
    fn bookmark_files_with_hostile_titles_and_urls_import(
        items in prop::collection::vec((urlish(), any::<String>(), any::<i64>()), 0..20)
    ) {
        let mut file = String::from("<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n");
        for (url, title, date) in &items {
            let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('"', "&quot;");
            file.push_str(&format!("<DT><A HREF=\"{}\" ADD_DATE=\"{}\">{}</A>\n", esc(url), date, esc(title)));
        }
        file.push_str("</DL>\n");
        let mut store = Store::open_in_memory().unwrap();
        if let Ok(s) = import(&mut store, file.as_bytes()) {
            prop_assert_eq!(s.added + s.duplicates + s.invalid.len(), items.len());
        }
    }

    #[test]
    fn search_never_errors(q in any::<String>()) {
        let store = Store::open_in_memory().unwrap();
        prop_assert!(store.search(&q, 10).is_ok());
        if let Some(fq) = fts_query(&q) {
            prop_assert!(fq.ends_with('*'));
        }
    }
}
