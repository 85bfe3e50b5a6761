//! Every saved page served from a loopback server, fetched by the real fetcher, compared with
//! the page's reference metadata.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::capture::fetch::{FetchEvent, FetchJob, FetchOptions, spawn_fetch};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use support::http::{Server, respond};

#[test]
fn fetched_pages_agree_with_reference_metadata() {
    let pages = support::pages::fixture_pages();
    let bodies: Arc<HashMap<String, Vec<u8>>> = Arc::new(
        pages
            .iter()
            .map(|p| {
                let raw = std::fs::read(
                    support::pages::fixtures_dir()
                        .join(&p.name)
                        .join("source.html"),
                );
                (format!("/{}/", p.name), raw.unwrap())
            })
            .collect(),
    );
    let server = Server::start(move |req, stream| match bodies.get(&req.path) {
        // No charset in the header: the pages' own declarations must be found.
        Some(body) => respond(stream, "200 OK", &[("Content-Type", "text/html")], body),
        None => respond(stream, "404 Not Found", &[], b""),
    });
    let jobs: Vec<FetchJob> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| FetchJob {
            link_id: i as i64,
            url: server.url(&format!("/{}/", p.name)),
        })
        .collect();
    let opts = FetchOptions {
        timeout: Duration::from_secs(10),
        ..FetchOptions::default()
    };
    let rx = spawn_fetch(jobs, opts);
    let mut metas = HashMap::new();
    let mut started = 0;
    loop {
        match rx
            .recv_timeout(Duration::from_secs(60))
            .expect("fetch stalled")
        {
            FetchEvent::Started { .. } => started += 1,
            FetchEvent::Done { link_id, result } => {
                let meta = result.unwrap_or_else(|e| panic!("page {link_id}: {e}"));
                assert!(meta.final_url.is_some());
                metas.insert(link_id, meta);
            }
            FetchEvent::Finished => break,
        }
    }
    assert_eq!(started, pages.len());
    assert_eq!(metas.len(), pages.len());
    let results: Vec<_> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p, metas.remove(&(i as i64)).unwrap()))
        .collect();
    let (title, byline) = support::pages::score(&results);
    let corrected = support::pages::corrected_byline_score(&results);
    println!(
        "fetched over loopback: titles {title:.1} %, bylines {byline:.1} % \
         ({corrected:.1} % against the corrected reference)"
    );
    // The same targets as `extract_pages` (see there for why bylines have two).
    assert!(title >= 97.0, "title agreement {title:.1} % < 97 %");
    assert!(byline >= 85.0, "byline agreement {byline:.1} % < 85 %");
    assert!(
        corrected >= 90.0,
        "corrected byline agreement {corrected:.1} % < 90 %"
    );
    // Extraction ran on the fetch workers: every page arrives with its article text.
    for (page, meta) in &results {
        assert!(
            matches!(
                meta.readable,
                Some(roundup::model::Readable::Article { .. })
            ),
            "{}: {:?}",
            page.name,
            meta.readable
        );
    }
}
