//! Fetch throughput: 130 pages from a loopback server that answers each request after
//! 100 ms. The target is 1.3 × ceil(130 / concurrency) × 100 ms (1.17 s with 16).
//! Run: `cargo bench --bench fetch`
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/http.rs"]
mod http;

use roundup::capture::fetch::{FetchEvent, FetchJob, FetchOptions, spawn_fetch};
use std::time::{Duration, Instant};

const PAGES: usize = 130;
const DELAY: Duration = Duration::from_millis(100);

fn main() {
    let server = http::Server::start(|req, stream| {
        std::thread::sleep(DELAY);
        let body = format!(
            "<html><head><title>Page {}</title><meta name=author content='Ann Lee'></head></html>",
            req.path
        );
        http::html(stream, &body);
    });
    let opts = FetchOptions::default();
    let concurrency = opts.concurrency;
    let jobs: Vec<FetchJob> = (0..PAGES)
        .map(|i| FetchJob {
            link_id: i as i64,
            url: server.url(&format!("/p/{i}")),
        })
        .collect();
    let started = Instant::now();
    let rx = spawn_fetch(jobs, opts);
    let mut ok = 0;
    for event in rx {
        match event {
            FetchEvent::Done { result: Ok(_), .. } => ok += 1,
            FetchEvent::Done {
                result: Err(e),
                link_id,
            } => eprintln!("page {link_id}: {e}"),
            FetchEvent::Started { .. } => {}
            FetchEvent::Finished => break,
        }
    }
    let elapsed = started.elapsed();
    let rounds = PAGES.div_ceil(concurrency) as f64;
    let bound = 1.3 * rounds * DELAY.as_secs_f64();
    println!(
        "fetch: {ok}/{PAGES} pages, concurrency {concurrency}, {:.3} s (bound {bound:.3} s, ideal {:.3} s) {}",
        elapsed.as_secs_f64(),
        rounds * DELAY.as_secs_f64(),
        if elapsed.as_secs_f64() <= bound {
            "OK"
        } else {
            "SLOW"
        }
    );
}
