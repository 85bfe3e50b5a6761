//! Feeds served on loopback: RSS 2.0, Atom, JSON Feed, a malformed one, discovery through a
//! page, and conditional pulls.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::capture::feeds::{PullJob, PullOutcome, discover, pull_all};
use roundup::capture::fetch::FetchOptions;
use roundup::model::LinkState;
use roundup::store::{LinkFilter, Store};
use std::net::TcpStream;
use std::time::Duration;
use support::http::{Request, Server, respond};

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Ops Blog</title>
<link>https://ops.example.com/</link>
<item><title>Retries considered harmful</title><link>https://ops.example.com/retries?utm_source=rss</link>
<author>ann@example.com (Ann Lee)</author><pubDate>Mon, 06 Nov 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;An &lt;b&gt;outage&lt;/b&gt; &amp;amp; its lessons.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
<item><title>Second post</title><link>https://ops.example.com/second</link></item>
<item><title>Relative</title><link>/posts/relative</link></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>SRE Notes</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<author><name>Fred Hebert</name></author>
<entry><title>Counterfactuals</title><id>urn:1</id><link href="https://notes.example.org/counterfactuals"/>
<updated>2024-01-01T00:00:00Z</updated><summary type="html">&lt;em&gt;What&lt;/em&gt; did not happen</summary></entry>
</feed>"#;

const JSON_FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Status Weekly",
"items":[{"id":"1","url":"https://status.example.net/a","title":"Incident A",
"content_html":"<p>Down for 2h</p>","date_published":"2024-02-03T04:05:06Z",
"authors":[{"name":"Cy Dee"}]}]}"#;

fn serve(req: &Request, stream: &mut TcpStream) {
    let etag = "\"v1\"";
    let modified = "Mon, 06 Nov 2023 10:00:00 GMT";
    let (ctype, body) = match req.path.as_str() {
        "/rss.xml" => ("application/rss+xml", RSS),
        "/atom.xml" => ("application/atom+xml", ATOM),
        "/feed.json" => ("application/feed+json", JSON_FEED),
        "/broken.xml" => ("application/rss+xml", "<rss><channel><title>oops"),
        "/blog" => (
            "text/html",
            r#"<html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head></html>"#,
        ),
        _ => return respond(stream, "404 Not Found", &[], b""),
    };
    let conditional = req.headers.get("if-none-match").is_some_and(|v| v == etag)
        || req
            .headers
            .get("if-modified-since")
            .is_some_and(|v| v == modified);
    if conditional {
        return respond(stream, "304 Not Modified", &[("ETag", etag)], b"");
    }
    respond(
        stream,
        "200 OK",
        &[
            ("Content-Type", ctype),
            ("ETag", etag),
            ("Last-Modified", modified),
        ],
        body.as_bytes(),
    );
}

fn opts() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(3),
        ..FetchOptions::default()
    }
}

fn jobs(store: &Store) -> Vec<PullJob> {
    store
        .feeds()
        .unwrap()
        .into_iter()
        .map(|f| PullJob {
            feed_id: f.id,
            url: f.url,
            etag: f.etag,
            last_modified: f.last_modified,
        })
        .collect()
}

#[test]
fn discovery_accepts_feeds_and_pages_that_advertise_one() {
    let server = Server::start(serve);
    let rss = discover(&server.url("/rss.xml"), &opts()).unwrap();
    assert_eq!(rss.title.as_deref(), Some("Ops Blog"));
    let via_page = discover(&server.url("/blog"), &opts()).unwrap();
    assert_eq!(via_page.url, server.url("/atom.xml"));
    assert_eq!(via_page.title.as_deref(), Some("SRE Notes"));
    assert!(discover(&server.url("/broken.xml"), &opts()).is_err());
    assert!(discover(&server.url("/nothing"), &opts()).is_err());
}

#[test]
fn pulls_all_formats_skips_a_broken_feed_and_then_pulls_conditionally() {
    let server = Server::start(serve);
    let mut store = Store::open_in_memory().unwrap();
    for path in ["/rss.xml", "/atom.xml", "/feed.json", "/broken.xml"] {
        store.add_feed(&server.url(path), None, None).unwrap();
    }
    // An item the editor already has is not added twice (canonical URL: no utm_source).
    store
        .add_link(&roundup::model::NewLink {
            url: "https://ops.example.com/retries".into(),
            ..Default::default()
        })
        .unwrap();

    let mut added = 0;
    for (feed_id, result) in pull_all(jobs(&store), &opts()) {
        match result {
            Ok(outcome) => added += store.record_feed_pull(feed_id, &outcome).unwrap().added,
            Err(e) => store.record_feed_error(feed_id, &e.to_string()).unwrap(),
        }
    }
    assert_eq!(
        added, 4,
        "two new RSS items, the Atom entry, the JSON Feed item"
    );

    let links = store.links(&LinkFilter::default()).unwrap();
    let by_url = |u: &str| links.iter().find(|l| l.url == u).unwrap().clone();
    let second = by_url("https://ops.example.com/second");
    assert_eq!(second.publication.as_deref(), Some("Ops Blog"));
    assert_eq!(second.state, LinkState::Inbox);
    assert!(second.feed_id.is_some());
    let first = store
        .find_by_url("https://ops.example.com/retries")
        .unwrap()
        .unwrap();
    assert_eq!(
        first.feed_id, None,
        "the editor's own link is left as it was"
    );
    // A relative item link is resolved against the feed's URL.
    by_url(&server.url("/posts/relative"));
    let atom = by_url("https://notes.example.org/counterfactuals");
    assert_eq!(atom.authors, ["Fred Hebert"]);
    assert_eq!(atom.description.as_deref(), Some("What did not happen"));
    let json = by_url("https://status.example.net/a");
    assert_eq!(json.title.as_deref(), Some("Incident A"));
    assert_eq!(json.authors, ["Cy Dee"]);
    assert_eq!(json.published.as_deref(), Some("2024-02-03T04:05:06Z"));

    let feeds = store.feeds().unwrap();
    let broken = feeds
        .iter()
        .find(|f| f.url.ends_with("/broken.xml"))
        .unwrap();
    assert!(
        broken
            .last_error
            .as_deref()
            .unwrap()
            .starts_with("not a feed")
    );
    let rss = feeds.iter().find(|f| f.url.ends_with("/rss.xml")).unwrap();
    assert_eq!(rss.etag.as_deref(), Some("\"v1\""));
    assert_eq!(rss.title.as_deref(), Some("Ops Blog"));
    assert!(rss.last_error.is_none());

    // Second pull: validators are sent, the server answers 304, nothing is added.
    let before = server.requests().len();
    let mut added_again = 0;
    for (feed_id, result) in pull_all(jobs(&store), &opts()) {
        if let Ok(outcome) = result {
            if feed_id != broken.id {
                assert_eq!(outcome, PullOutcome::NotModified);
            }
            added_again += store.record_feed_pull(feed_id, &outcome).unwrap().added;
        }
    }
    assert_eq!(added_again, 0);
    let second_round = &server.requests()[before..];
    for path in ["/rss.xml", "/atom.xml", "/feed.json"] {
        let req = second_round.iter().find(|r| r.path == path).unwrap();
        assert_eq!(
            req.headers.get("if-none-match").map(String::as_str),
            Some("\"v1\"")
        );
        assert_eq!(
            req.headers.get("if-modified-since").map(String::as_str),
            Some("Mon, 06 Nov 2023 10:00:00 GMT")
        );
    }
}

#[test]
fn feed_summaries_lose_their_html() {
    assert_eq!(
        roundup::capture::extract::tidy_text(&roundup::capture::feeds::strip_html(
            "<p>An <b>outage</b> &amp; its lessons.</p><p>Second.</p>"
        ))
        .as_deref(),
        Some("An outage & its lessons. Second.")
    );
}
