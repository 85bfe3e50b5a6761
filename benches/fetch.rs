//! Fetch throughput: 130 pages from a loopback server that answers each request after
//! 100 ms. The target is 1.3 × ceil(130 / concurrency) × 100 ms (1.17 s with 16).
//! Twice: small pages (the metadata path), then the saved fixture pages (real articles, up
//! to 1.4 MB, so the readable-text pass runs on every worker).
//! Run: `cargo bench --bench fetch`
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/http.rs"]
mod http;
#[path = "../tests/support/pages.rs"]
mod pages;

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
    run("small pages", &server);
    let pages: Vec<String> = pages::fixture_pages().into_iter().map(|p| p.html).collect();
    let n = pages.len();
    let real = http::Server::start(move |req, stream| {
        std::thread::sleep(DELAY);
        let i: usize = req
            .path
            .rsplit('/')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        http::html(stream, &pages[i % n]);
    });
    run("fixture articles", &real);
}

fn run(label: &str, server: &http::Server) {
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
    let (mut ok, mut articles) = (0, 0);
    for event in rx {
        match event {
            FetchEvent::Done {
                result: Ok(meta), ..
            } => {
                ok += 1;
                if matches!(
                    meta.readable,
                    Some(roundup::model::Readable::Article { .. })
                ) {
                    articles += 1;
                }
            }
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
        "fetch ({label}): {ok}/{PAGES} pages ({articles} with article text), concurrency {concurrency}, {:.3} s (bound {bound:.3} s, ideal {:.3} s) {}",
        elapsed.as_secs_f64(),
        rounds * DELAY.as_secs_f64(),
        if elapsed.as_secs_f64() <= bound {
            "OK"
        } else {
            "SLOW"
        }
    );
}
