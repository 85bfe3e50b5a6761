//! Issue #12, item 9: imports refuse truncated bookmark files whole, detect formats past a
//! long preamble, read a bookmark file's charset, point an issue file to `issue load`, stream
//! a large URL list in one transaction, and a feed pull takes a bounded number of items.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::capture::feeds::{PullJob, pull_all};
use roundup::capture::fetch::FetchOptions;
use roundup::capture::import::{Format, ImportOptions, import_path};
use roundup::store::{LinkFilter, Store};
use std::path::{Path, PathBuf};
use support::http::{Server, respond};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn import(
    store: &mut Store,
    path: &Path,
) -> Result<roundup::capture::import::ImportSummary, String> {
    import_path(store, path, &ImportOptions::default()).map_err(|e| e.to_string())
}

const BOOKMARKS: &str = "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n\
<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n\
<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n\
    <DT><A HREF=\"https://example.com/one\" ADD_DATE=\"1700000000\">One</A>\n\
    <DT><A HREF=\"https://example.com/two/long-path\" ADD_DATE=\"1700000001\">Two</A>\n\
</DL><p>\n";

#[test]
fn a_truncated_bookmarks_file_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let whole = import(
        &mut store,
        &write(dir.path(), "ok.html", BOOKMARKS.as_bytes()),
    )
    .unwrap();
    assert_eq!(whole.added, 2);
    let cut_in_href = BOOKMARKS.find("two/long").unwrap() + 5;
    let cut_in_tag = BOOKMARKS.rfind("</DL>").unwrap() + 3;
    let cut_after_item = BOOKMARKS.rfind("</DL>").unwrap();
    for cut in [cut_in_href, cut_in_tag, cut_after_item] {
        let mut store = Store::open_in_memory().unwrap();
        let file = write(dir.path(), "cut.html", &BOOKMARKS.as_bytes()[..cut]);
        let err = import(&mut store, &file).unwrap_err();
        assert!(err.contains("cut short"), "{err}");
        assert!(err.contains("nothing was imported"), "{err}");
        assert_eq!(store.table_counts().unwrap().links, 0);
    }
}

#[test]
fn detection_looks_past_a_long_comment_or_dtd() {
    let dir = tempfile::tempdir().unwrap();
    let comment = format!("<!-- {} -->\n", "licence text ".repeat(3_000));
    let opml = format!(
        "<?xml version=\"1.0\"?>\n{comment}\
         <opml version=\"2.0\"><body><outline type=\"rss\" text=\"Ops\" \
         xmlUrl=\"https://ops.example.com/rss.xml\"/></body></opml>"
    );
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, &write(dir.path(), "f.opml", opml.as_bytes())).unwrap();
    assert_eq!(s.format, Some(Format::Opml));
    assert_eq!(s.feeds_added, 1);
    // A DTD with an internal subset is looked past too (the OPML reader then refuses the
    // DTD itself: entity expansion is not something an import needs).
    let dtd = format!("{comment}<!DOCTYPE opml [ <!ENTITY x \"<y>\"> ]>\n{opml}");
    assert_eq!(roundup::capture::import::detect(&dtd), Format::Opml);
    let bookmarks = format!("{comment}{BOOKMARKS}");
    let s = import(
        &mut store,
        &write(dir.path(), "b.html", bookmarks.as_bytes()),
    )
    .unwrap();
    assert_eq!(s.format, Some(Format::Bookmarks));
    assert_eq!(s.added, 2);
}

#[test]
fn a_bookmarks_file_in_latin1_or_utf16_is_read_in_its_charset() {
    let dir = tempfile::tempdir().unwrap();
    let latin1_text = BOOKMARKS
        .replace("charset=UTF-8", "charset=ISO-8859-1")
        .replace(">One<", ">Caf\u{e9} r\u{e9}sum\u{e9}<");
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&latin1_text);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in BOOKMARKS.replace(">Two<", ">Na\u{ef}ve<").encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    for (name, bytes, title) in [
        ("latin1.html", latin1.to_vec(), "Caf\u{e9} r\u{e9}sum\u{e9}"),
        ("utf16.html", utf16, "Na\u{ef}ve"),
    ] {
        let mut store = Store::open_in_memory().unwrap();
        let s = import(&mut store, &write(dir.path(), name, &bytes)).unwrap();
        assert_eq!(s.format, Some(Format::Bookmarks), "{name}");
        assert_eq!(s.added, 2, "{name}");
        let titles: Vec<String> = store
            .links(&LinkFilter::default())
            .unwrap()
            .into_iter()
            .filter_map(|l| l.title)
            .collect();
        assert!(titles.iter().any(|t| t == title), "{name}: {titles:?}");
    }
}

#[test]
fn an_issue_file_given_to_import_points_to_issue_load() {
    let mut store = Store::open_in_memory().unwrap();
    let fixture = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sre-weekly-094.json"
    ));
    let err = import(&mut store, fixture).unwrap_err();
    assert_eq!(
        err,
        "this is an issue file: use `roundup issue load`; nothing was imported"
    );
    assert_eq!(store.table_counts().unwrap().links, 0);
}

/// Over 8 MB, a URL list is streamed: every line lands, in one transaction, and a bad byte
/// at the very end leaves nothing behind.
#[test]
fn a_large_url_list_is_streamed_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let title = "t".repeat(4_500);
    let mut text = String::new();
    for i in 0..2_000 {
        text.push_str(&format!("https://example.com/{i} {title}\n"));
    }
    text.push_str("not a url\n");
    assert!(text.len() > 8 * 1024 * 1024);
    let mut store = Store::open_in_memory().unwrap();
    let s = import(&mut store, &write(dir.path(), "big.txt", text.as_bytes())).unwrap();
    assert_eq!((s.added, s.invalid.len()), (2_000, 1));
    let stored = store.link(s.added_ids[0]).unwrap();
    assert_eq!(
        stored.title.unwrap().chars().count(),
        roundup::model::text::MAX_TITLE
    );

    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(b"https://example.com/\xff\n");
    let mut store = Store::open_in_memory().unwrap();
    let err = import(&mut store, &write(dir.path(), "bad.txt", &bytes)).unwrap_err();
    assert!(err.contains("line 2002: not UTF-8"), "{err}");
    assert_eq!(store.table_counts().unwrap().links, 0);
}

#[test]
fn a_feed_pull_takes_at_most_feed_max_items() {
    let server = Server::start(|_, stream| {
        let items: String = (0..300)
            .map(|i| {
                format!(
                    "<item><title>Item {i}</title><link>https://ops.example.com/{i}</link></item>"
                )
            })
            .collect();
        let body = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ops</title>{items}</channel></rss>"
        );
        respond(
            stream,
            "200 OK",
            &[("Content-Type", "application/rss+xml")],
            body.as_bytes(),
        );
    });
    let store = Store::open_in_memory().unwrap();
    for (max, want) in [(None, 200), (Some(50), 50)] {
        if let Some(max) = max {
            store
                .set_setting("feed_max_items", &max.to_string())
                .unwrap();
        }
        let opts = FetchOptions::from_settings(&store.settings().unwrap());
        let job = PullJob {
            feed_id: 1,
            url: server.url("/rss.xml"),
            etag: None,
            last_modified: None,
        };
        let (_, outcome) = pull_all(vec![job], &opts).pop().unwrap();
        match outcome.unwrap() {
            roundup::model::PullOutcome::Fetched { items, .. } => assert_eq!(items.len(), want),
            other => panic!("{other:?}"),
        }
    }
}
