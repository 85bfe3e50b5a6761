//! Pre-send check speed: a 40-link issue against a loopback server that waits 100 ms
//! before every answer (a typical round trip to a distant site). Each link costs a HEAD and
//! a GET (the page text is read for soft 404s and quotes), so the target — under one
//! second — is only reachable with the links checked concurrently.
//!
//!     cargo bench --bench check
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/http.rs"]
mod http;

use http::{Reply, Server};
use roundup::check::{CheckContext, CheckOptions, check_issue};
use roundup::model::{Credit, Entry, Issue, IssueStatus, Section, SectionStyle};
use std::time::{Duration, Instant};

const LINKS: usize = 40;
const LATENCY: Duration = Duration::from_millis(100);
const RUNS: usize = 5;

fn main() {
    let server = Server::routes(LATENCY, |_, path| {
        Reply::page(
            &format!("Article {path}"),
            "Retries are not free: they multiply load when a system is already struggling.",
        )
    });
    let entries: Vec<Entry> = (0..LINKS)
        .map(|i| Entry {
            id: i as i64,
            section_id: 1,
            link_id: i as i64,
            position: i as i64,
            url: server.url(&format!("/post/{i}")),
            title: Some(format!("Article {i}")),
            blurb: "A fine read.".into(),
            // Half the entries carry a quote, so the page text is extracted and searched.
            quotes: if i % 2 == 0 {
                vec!["they multiply load […] already struggling".into()]
            } else {
                Vec::new()
            },
            credit: Credit {
                authors: vec!["Fred Hebert".into()],
                publication: Some("Honeycomb".into()),
                via: None,
            },
            disclosures: Vec::new(),
        })
        .collect();
    let issue = Issue {
        id: 1,
        number: 94,
        title: "SRE Weekly Issue #94".into(),
        date: None,
        status: IssueStatus::Draft,
        intro: None,
        sponsor: None,
        sections: vec![Section {
            id: 1,
            issue_id: 1,
            heading: "Articles".into(),
            style: SectionStyle::Articles,
            position: 0,
            entries,
        }],
    };
    let opts = CheckOptions::default();
    let mut times = Vec::new();
    for run in 0..RUNS {
        let start = Instant::now();
        let problems = check_issue(&issue, &CheckContext::default(), &opts);
        let took = start.elapsed();
        assert!(problems.is_empty(), "{problems:#?}");
        println!("run {}: {LINKS} links, {} ms", run + 1, took.as_millis());
        times.push(took);
    }
    times.sort();
    println!(
        "check, {LINKS} links, {} ms latency, concurrency {}: median {} ms, best {} ms (target < 1000 ms)",
        LATENCY.as_millis(),
        opts.concurrency,
        times[RUNS / 2].as_millis(),
        times[0].as_millis()
    );
}
