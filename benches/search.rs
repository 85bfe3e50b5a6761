//! Archive search speed on 500 published issues (10,000 entries) plus 5,000 inbox links,
//! then again once 10,000 of those links have their article text stored (real articles from
//! the fixture pages, their vocabulary varied per copy), in an on-disk database. Also: what
//! recording one fetched article costs the writer, and how much the database grows per
//! 1,000 articles. Target: a whole search (SQL, links, snippets) answers in under 20 ms.
//!
//!     cargo bench --bench search
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/archive.rs"]
mod archive;

use roundup::capture::extract::{PageMeta, extract};
use roundup::model::Readable;
use roundup::store::{SearchScope, Store};
use roundup::text::markdown_to_text;
use std::path::Path;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "kafka",
    "kafka failover",
    "Julia Evans",
    "postmortem rollback",
    "observ",
    "zzz",
    "the",
    "latency budget",
    "software development",
];
const RUNS: usize = 30;
const ARTICLES: usize = 10_000;

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// The readable Markdown of every fixture page.
fn fixture_articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixture pages") {
        let path = entry.expect("entry").path();
        let Ok(bytes) = std::fs::read(path.join("source.html")) else {
            continue;
        };
        let meta = extract("https://example.org/", &String::from_utf8_lossy(&bytes));
        if let Some(Readable::Article { markdown, .. }) = meta.readable {
            out.push(markdown);
        }
    }
    assert!(!out.is_empty(), "no fixture articles");
    out
}

/// Copy `i` of a fixture article: every 7th word swapped for one of a 30,000-word synthetic
/// vocabulary (skewed towards few common ones, as real text is), and an SRE word now and then.
fn article(base: &str, rng: &mut archive::Rng) -> String {
    let mut out = String::with_capacity(base.len() + 64);
    for (n, word) in base.split(' ').enumerate() {
        if n % 7 == 3 {
            let r = rng.next();
            let rank = (r % 30_000) * (r % 30_000) / 30_000; // skewed to low ranks
            out.push_str(&format!("w{rank}x"));
        } else if n % 97 == 50 {
            out.push_str(rng.pick(archive::WORDS));
        } else {
            out.push_str(word);
        }
        out.push(' ');
    }
    out
}

fn record(store: &Store, id: i64, markdown: String) {
    let text = markdown_to_text(&markdown);
    let words = text.split_whitespace().count() as u32;
    let meta = PageMeta {
        readable: Some(Readable::Article {
            markdown,
            text,
            words,
        }),
        ..PageMeta::default()
    };
    store.record_fetch(id, &Ok(meta)).expect("record");
}

fn run_queries(store: &Store, label: &str, scope: SearchScope) -> Duration {
    let mut worst = Duration::ZERO;
    for q in QUERIES {
        let mut times = Vec::with_capacity(RUNS);
        let mut n = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            n = store.search_in(q, 50, scope).expect("search").len();
            times.push(t.elapsed());
        }
        times.sort();
        let (median, max) = (times[RUNS / 2], times[RUNS - 1]);
        worst = worst.max(median);
        println!(
            "{label} {q:<22} {n:>3} hits: median {:.2} ms, max {:.2} ms",
            median.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
    worst
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).expect("open");
    let t = Instant::now();
    archive::big_archive(&mut store, 500, 5_000);
    println!(
        "built 500 issues / 10,000 entries / 15,000 links in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let worst = run_queries(&store, "search", SearchScope::All);
    println!(
        "worst median, no article text: {:.2} ms (target < 20 ms)",
        worst.as_secs_f64() * 1e3
    );

    // Article text for 10,000 links, recorded one fetch at a time as the fetcher does. The
    // store is closed after the first 1,000 (closing checkpoints the WAL, so the file's size
    // is the real one) and reopened for the rest.
    let bases = fixture_articles();
    let mut rng = archive::Rng(7);
    let before = size(&path);
    let mut record_times = Vec::with_capacity(ARTICLES);
    let mut bytes = 0usize;
    for i in 0..1_000 {
        let md = article(&bases[i % bases.len()], &mut rng);
        bytes += md.len();
        let t = Instant::now();
        record(&store, i as i64 + 1, md);
        record_times.push(t.elapsed());
    }
    drop(store);
    let after_first = size(&path);
    finish(&path, before, after_first, bytes, record_times, bases, rng);
}

/// The rest of the articles on a reopened store (closing it checkpoints the WAL, so the file
/// size after the first 1,000 is the real one), then the figures.
fn finish(
    path: &Path,
    before: u64,
    after_first: u64,
    mut bytes: usize,
    mut record_times: Vec<Duration>,
    bases: Vec<String>,
    mut rng: archive::Rng,
) {
    let store = Store::open(path).expect("reopen");
    for i in 1_000..ARTICLES {
        let md = article(&bases[i % bases.len()], &mut rng);
        bytes += md.len();
        let t = Instant::now();
        record(&store, i as i64 + 1, md);
        record_times.push(t.elapsed());
    }
    drop(store);
    let after_all = size(path);
    record_times.sort();
    println!(
        "recorded {ARTICLES} articles ({:.1} MB of Markdown): per article median {:.2} ms, \
         worst {:.1} ms (compression + index, on the writer)",
        bytes as f64 / 1e6,
        record_times[ARTICLES / 2].as_secs_f64() * 1e3,
        record_times[ARTICLES - 1].as_secs_f64() * 1e3
    );
    println!(
        "database growth per 1,000 articles: {:.1} MB (first 1,000), {:.1} MB (mean over \
         10,000); {:.1} MB → {:.1} MB",
        (after_first - before) as f64 / 1e6,
        (after_all - before) as f64 / 1e6 / (ARTICLES as f64 / 1_000.0),
        before as f64 / 1e6,
        after_all as f64 / 1e6
    );
    let store = Store::open(path).expect("reopen");
    let all = run_queries(&store, "all  ", SearchScope::All);
    let text = run_queries(&store, "text ", SearchScope::Text);
    if let Ok(keep) = std::env::var("KEEP_DB") {
        let _ = std::fs::copy(path, keep);
    }
    println!(
        "worst median with 10,000 articles: {:.2} ms (--in all), {:.2} ms (--in text) \
         (target < 20 ms)",
        all.as_secs_f64() * 1e3,
        text.as_secs_f64() * 1e3
    );
}
