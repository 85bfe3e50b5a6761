//! Parse cost of hostile pages (issue #12, item 7): deeply nested divs through `extract`
//! (with the parse budget) against html5ever on the raw source (what a fetch did before),
//! and the budget's cost on the real fixture pages (it should be none worth naming).
//! Run: `cargo bench --bench hostile`
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/pages.rs"]
mod pages;

use roundup::capture::budget::within_budget;
use roundup::capture::extract::extract;
use std::time::Instant;

fn nested(n: usize) -> String {
    format!(
        "<html><head><title>Deep</title></head><body>{}x{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

fn main() {
    for n in [10_000, 50_000, 400_000] {
        let page = nested(n);
        let t = Instant::now();
        let meta = extract("https://example.com/deep", &page);
        let with = t.elapsed().as_secs_f64();
        assert_eq!(meta.title.as_deref(), Some("Deep"));
        // The raw parse is quadratic: measured up to 50,000 (400,000 never finishes).
        let without = (n <= 50_000).then(|| {
            let t = Instant::now();
            let doc = scraper::Html::parse_document(&page);
            std::hint::black_box(doc);
            t.elapsed().as_secs_f64()
        });
        println!(
            "nested divs {n:>7}: extract with budget {with:.3} s; html5ever on the raw page {}",
            without.map_or("(not run: never finishes)".into(), |s| format!("{s:.3} s"))
        );
    }
    let pages: Vec<String> = pages::fixture_pages().into_iter().map(|p| p.html).collect();
    assert!(!pages.is_empty(), "no fixture pages");
    let bytes: usize = pages.iter().map(String::len).sum();
    let t = Instant::now();
    let mut changed = 0;
    for _ in 0..10 {
        for p in &pages {
            changed += usize::from(matches!(within_budget(p), std::borrow::Cow::Owned(_)));
        }
    }
    let per_mb = t.elapsed().as_secs_f64() / 10.0 / (bytes as f64 / 1e6);
    println!(
        "budget on {} fixture pages ({:.1} MB): {:.2} ms per MB, {} page(s) changed",
        pages.len(),
        bytes as f64 / 1e6,
        per_mb * 1e3,
        changed / 10
    );
}
