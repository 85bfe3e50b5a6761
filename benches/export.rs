//! `cargo bench --bench export`: exports a 40-entry issue to all four formats and prints
//! the time per round (the budget is 5 ms). No criterion: a plain loop, median of rounds.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::export::{Exporter, Format};
use roundup::model::{Credit, Entry, Issue, IssueStatus, Section, SectionStyle, Sponsor};
use std::hint::black_box;
use std::time::Instant;

fn entry(i: i64, section_id: i64) -> Entry {
    Entry {
        id: i,
        section_id,
        link_id: i,
        position: i,
        url: format!("https://example{i}.com/blog/2026/11/a-long-article-slug-{i}?id={i}"),
        title: Some(format!(
            "Article {i}: what we learned from the *big* outage [part {i}]"
        )),
        blurb: format!(
            "This is entry {i}, with *emphasis*, a [link](https://example.com/{i}) and enough \
             words to wrap a few times in the plain-text part of the email, as real blurbs \
             do. It's long, but I'm really glad I read it."
        ),
        quotes: vec![
            "HROs recognize that the earliest indicators of threats to organizational \
             performance typically appear in small changes in the organization's operations."
                .into(),
            "[…] first paragraph of a long quote.\n\nAnd a second paragraph, after an elision."
                .into(),
        ],
        credit: Credit {
            authors: vec![
                "Shyam Gala".into(),
                "Javier Fernandez-Ivern".into(),
                "Devang Shah".into(),
            ],
            publication: Some("Netflix".into()),
            via: Some("HackerNews".into()),
        },
        disclosures: if i % 5 == 0 {
            vec!["Full disclosure: Honeycomb is my employer.".into()]
        } else {
            vec![]
        },
    }
}

fn issue() -> Issue {
    Issue {
        id: 1,
        number: 380,
        title: "SRE Weekly Issue #380".into(),
        date: Some("2026-11-22".into()),
        status: IssueStatus::Draft,
        intro: Some("An intro with *Markdown*.".into()),
        sponsor: Some(Sponsor {
            name: "Rootly".into(),
            url: Some("https://rootly.com/demo".into()),
            message: Some("Curious how companies like Figma manage incidents?".into()),
        }),
        sections: vec![
            Section {
                id: 1,
                issue_id: 1,
                heading: "Articles".into(),
                style: SectionStyle::Articles,
                position: 0,
                entries: (0..32).map(|i| entry(i, 1)).collect(),
            },
            Section {
                id: 2,
                issue_id: 1,
                heading: "Outages".into(),
                style: SectionStyle::List,
                position: 1,
                entries: (32..40).map(|i| entry(i, 2)).collect(),
            },
        ],
    }
}

fn main() {
    let exporter = match Exporter::builtin() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot build the exporter: {e}");
            std::process::exit(1);
        }
    };
    let issue = issue();
    let mut rounds = Vec::new();
    let mut bytes = 0;
    for _ in 0..200 {
        let start = Instant::now();
        for format in Format::ALL {
            match exporter.render(black_box(&issue), format) {
                Ok(out) => bytes = black_box(out.len()),
                Err(e) => {
                    eprintln!("export failed: {e}");
                    std::process::exit(1);
                }
            }
        }
        rounds.push(start.elapsed());
    }
    rounds.sort();
    let median = rounds[rounds.len() / 2];
    let best = rounds[0];
    println!(
        "export: 40 entries to markdown+html+text+json: median {:.3} ms, best {:.3} ms per round \
         ({} rounds; last output {bytes} bytes; budget 5 ms)",
        median.as_secs_f64() * 1e3,
        best.as_secs_f64() * 1e3,
        rounds.len()
    );
}
