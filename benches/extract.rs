//! Extraction time per page over the saved fixture pages: metadata plus readable text, one
//! parse (`capture::extract::extract`). Also what the parse alone costs, and what a second
//! parse (the old scraper-based rules beside the Readability pass) would have added.
//! Run: `cargo bench --bench extract`
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::capture::extract::extract;
use std::time::{Duration, Instant};

const ROUNDS: usize = 15;

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture pages") {
        let path = entry.expect("entry").path();
        if let Ok(bytes) = std::fs::read(path.join("source.html")) {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            pages.push((name, String::from_utf8_lossy(&bytes).to_string()));
        }
    }
    assert!(!pages.is_empty(), "no fixture pages in {}", dir.display());
    pages.sort();
    let (mut whole, mut parse, mut second) = (Vec::new(), Vec::new(), Vec::new());
    let mut worst = (Duration::ZERO, String::new());
    for (name, html) in &pages {
        let url = format!("https://example.org/{name}/");
        let time = |f: &dyn Fn()| {
            let mut t: Vec<Duration> = (0..ROUNDS)
                .map(|_| {
                    let start = Instant::now();
                    f();
                    start.elapsed()
                })
                .collect();
            median(&mut t)
        };
        let w = time(&|| {
            std::hint::black_box(extract(&url, html));
        });
        parse.push(time(&|| {
            std::hint::black_box(dom_query::Document::from(html.as_str()));
        }));
        second.push(time(&|| {
            std::hint::black_box(scraper::Html::parse_document(html));
        }));
        if w > worst.0 {
            worst = (w, name.clone());
        }
        whole.push(w);
    }
    let total: Duration = whole.iter().sum();
    println!(
        "extract (metadata + readable text), {} pages, median of {ROUNDS} runs each:",
        pages.len()
    );
    println!(
        "  per page: median {:.2} ms, worst {:.2} ms ({}), mean {:.2} ms",
        ms(median(&mut whole.clone())),
        ms(worst.0),
        worst.1,
        ms(total) / pages.len() as f64
    );
    println!(
        "  of which the one parse: median {:.2} ms, worst {:.2} ms",
        ms(median(&mut parse.clone())),
        ms(*parse.iter().max().unwrap_or(&Duration::ZERO))
    );
    println!(
        "  a second parse (scraper) would add: median {:.2} ms, worst {:.2} ms",
        ms(median(&mut second.clone())),
        ms(*second.iter().max().unwrap_or(&Duration::ZERO))
    );
}
