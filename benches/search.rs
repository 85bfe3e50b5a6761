//! Archive search speed on 500 published issues (10,000 entries) plus 5,000 inbox links,
//! in an on-disk database. Target: a search answers in under 20 ms.
//!
//!     cargo bench --bench search
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/archive.rs"]
mod archive;

use roundup::store::Store;
use std::time::{Duration, Instant};

const QUERIES: &[&str] = &[
    "kafka",
    "kafka failover",
    "Julia Evans",
    "postmortem rollback",
    "observ",
    "zzz",
];
const RUNS: usize = 50;

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
    let mut worst = Duration::ZERO;
    for q in QUERIES {
        let mut times = Vec::with_capacity(RUNS);
        let mut n = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            n = store.search(q, 50).expect("search").len();
            times.push(t.elapsed());
        }
        times.sort();
        let (median, max) = (times[RUNS / 2], times[RUNS - 1]);
        worst = worst.max(median);
        println!(
            "search {q:<22} {n:>3} hits: median {:.2} ms, max {:.2} ms",
            median.as_secs_f64() * 1e3,
            max.as_secs_f64() * 1e3
        );
    }
    println!(
        "worst median: {:.2} ms (target < 20 ms)",
        worst.as_secs_f64() * 1e3
    );
}
