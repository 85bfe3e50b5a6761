//! Canonical URLs: a table of real-world cases, and refusals.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::model::canonical::{CanonicalOptions, canonicalize};

const CASES: &[(&str, &str)] = &[
    // scheme and host case, default ports
    (
        "HTTPS://WWW.Honeycomb.IO/blog/kafka",
        "https://www.honeycomb.io/blog/kafka",
    ),
    ("https://example.com:443/a", "https://example.com/a"),
    ("http://example.com:80/a", "http://example.com/a"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    // http stays http unless the setting says so
    (
        "http://brendangregg.com/blog/",
        "http://brendangregg.com/blog",
    ),
    // tracking parameters
    (
        "https://www.honeycomb.io/blog/kafka?utm_source=newsletter&utm_medium=email&utm_campaign=sre",
        "https://www.honeycomb.io/blog/kafka",
    ),
    (
        "https://example.com/post?fbclid=IwAR0abc",
        "https://example.com/post",
    ),
    (
        "https://example.com/post?gclid=xyz&id=7",
        "https://example.com/post?id=7",
    ),
    (
        "https://us1.campaign-archive.com/?u=1&id=2&mc_cid=abc&mc_eid=def",
        "https://us1.campaign-archive.com/?u=1&id=2",
    ),
    (
        "https://twitter.com/jvns/status/123?ref_src=twsrc%5Etfw",
        "https://twitter.com/jvns/status/123",
    ),
    (
        "https://example.com/a?UTM_Source=x&page=2",
        "https://example.com/a?page=2",
    ),
    (
        "https://example.com/a?_hsenc=p2A&_hsmi=1",
        "https://example.com/a",
    ),
    (
        "https://www.linkedin.com/pulse/x?trk=public_post",
        "https://www.linkedin.com/pulse/x",
    ),
    (
        "https://medium.com/p/abc?source=rss----1",
        "https://medium.com/p/abc?source=rss----1",
    ),
    // query parameters that select content stay, in their order
    (
        "https://news.ycombinator.com/item?id=38000000",
        "https://news.ycombinator.com/item?id=38000000",
    ),
    (
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
    ),
    (
        "https://example.com/search?q=b&a=1",
        "https://example.com/search?q=b&a=1",
    ),
    // empty query and fragment dropped
    ("https://example.com/a?", "https://example.com/a"),
    ("https://example.com/a#section-2", "https://example.com/a"),
    ("https://example.com/a?#", "https://example.com/a"),
    // hash-bang routes select content and stay
    (
        "https://status.example.com/#!/incident/42",
        "https://status.example.com/#!/incident/42",
    ),
    // trailing slash
    (
        "https://sreweekly.com/sre-weekly-issue-94/",
        "https://sreweekly.com/sre-weekly-issue-94",
    ),
    ("https://example.com", "https://example.com/"),
    ("https://example.com/", "https://example.com/"),
    ("https://example.com//", "https://example.com/"),
    // whitespace, IDN, trailing dot
    ("  https://example.com/a \n", "https://example.com/a"),
    (
        "https://bücher.example/x",
        "https://xn--bcher-kva.example/x",
    ),
    ("https://example.com./a", "https://example.com/a"),
    // path case is significant
    (
        "https://github.com/Netflix/Hystrix",
        "https://github.com/Netflix/Hystrix",
    ),
    ("https://example.com/a%20b", "https://example.com/a%20b"),
    ("https://example.com/a b", "https://example.com/a%20b"),
];

#[test]
fn canonical_table() {
    let opts = CanonicalOptions::default();
    assert!(CASES.len() >= 25);
    for (input, want) in CASES {
        let got = canonicalize(input, &opts).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(&got, want, "canonicalize({input:?})");
        // Canonicalisation is idempotent.
        assert_eq!(
            canonicalize(&got, &opts).unwrap(),
            got,
            "idempotent for {input:?}"
        );
    }
}

#[test]
fn upgrade_http_only_when_asked() {
    let up = CanonicalOptions { upgrade_http: true };
    assert_eq!(
        canonicalize("http://example.com/a/", &up).unwrap(),
        "https://example.com/a"
    );
    assert_eq!(
        canonicalize("http://example.com:443/a", &up).unwrap(),
        "https://example.com/a"
    );
    assert_eq!(
        canonicalize("http://example.com/a", &CanonicalOptions::default()).unwrap(),
        "http://example.com/a"
    );
}

#[test]
fn refusals_name_the_input() {
    let opts = CanonicalOptions::default();
    for bad in [
        "",
        "   ",
        "example.com/a",
        "javascript:alert(1)",
        "ftp://example.com/file",
        "mailto:someone@example.com",
        "file:///etc/passwd",
        "https://",
        "http://[::1",
        "not a url at all",
    ] {
        let err = canonicalize(bad, &opts).expect_err(bad).to_string();
        assert!(
            err.contains(bad.trim()),
            "error for {bad:?} should name it: {err}"
        );
    }
}
