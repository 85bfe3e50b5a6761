//! Extraction on the saved pages, without a network: the same agreement figures as the
//! loopback test, so a regression in the rules shows up even when sockets are unavailable.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

#[test]
fn extraction_agrees_with_reference_metadata() {
    let pages = support::pages::fixture_pages();
    let results: Vec<_> = pages
        .iter()
        .map(|p| {
            let url = format!("https://example.org/{}/", p.name);
            (p, roundup::capture::extract::extract(&url, &p.html))
        })
        .collect();
    let (title, byline) = support::pages::score(&results);
    println!("offline extraction: titles {title:.1} %, bylines {byline:.1} %");
    assert!(title >= 90.0, "title agreement {title:.1} % < 90 %");
    assert!(byline >= 80.0, "byline agreement {byline:.1} % < 80 %");
}
