//! Builds a published archive through the store's bulk paths (an issue plan per issue, one
//! batch of inbox links), so search and aging can be tested and benchmarked at size.
#![allow(dead_code)]

use roundup::model::{
    Credit, EntryPlan, IssuePlan, NewEntry, NewLink, PlannedLink, SectionPlan, SectionStyle,
};
use roundup::store::Store;

/// Deterministic word picker.
pub struct Rng(pub u64);
impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

pub const WORDS: &[&str] = &[
    "kafka",
    "outage",
    "postmortem",
    "latency",
    "retries",
    "oncall",
    "chaos",
    "slo",
    "alerting",
    "incident",
    "resilience",
    "capacity",
    "failover",
    "dns",
    "database",
    "queue",
    "cache",
    "deploy",
    "rollback",
    "canary",
    "observability",
    "tracing",
    "metrics",
    "burnout",
    "runbook",
];
pub const PEOPLE: &[&str] = &[
    "Fred Hebert",
    "Julia Evans",
    "Charity Majors",
    "Lorin Hochstein",
    "Adrian Colyer",
];
pub const PUBS: &[&str] = &[
    "Honeycomb",
    "Netflix",
    "incident.io",
    "the morning paper",
    "Google",
];

/// A draft `number` with `entries` article entries, loaded through the store's bulk path
/// (one transaction); returns the link ids in entry order.
pub fn draft_issue(store: &mut Store, number: i64, entries: usize, rng: &mut Rng) -> Vec<i64> {
    let mut planned = Vec::new();
    for pos in 0..entries {
        let (a, b, d) = (rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS));
        let who = rng.pick(PEOPLE).to_string();
        let publication = rng.pick(PUBS).to_string();
        let url = format!("https://example.com/{number}/{pos}/{a}-{b}");
        let credit = Credit {
            authors: vec![who],
            publication: Some(publication),
            via: None,
        };
        planned.push(EntryPlan {
            link: PlannedLink {
                canonical: store.canonical(&url).unwrap(),
                link: NewLink {
                    url,
                    title: Some(format!("The {a} of {b}")),
                    authors: credit.authors.clone(),
                    publication: credit.publication.clone(),
                    added_at: Some("2020-01-01T00:00:00Z".into()),
                    ..Default::default()
                },
            },
            entry: NewEntry {
                body: format!(
                    "A piece about {a} and {d}, with lessons on {b}.\n\n\
                     > When the {d} failed, the {b} followed."
                ),
                credit,
                ..Default::default()
            },
        });
    }
    let plan = IssuePlan {
        number,
        title: format!("SRE Weekly Issue #{number}"),
        date: Some("2020-01-01".into()),
        intro: None,
        sponsor: None,
        sections: vec![SectionPlan {
            heading: "Articles".into(),
            style: SectionStyle::Articles,
            show_heading: true,
            entries: planned,
        }],
    };
    let id = store.load_issue_plan(&plan).unwrap();
    let issue = store.issue_by_id(id).unwrap();
    issue.sections[0]
        .entries
        .iter()
        .map(|e| e.link_id)
        .collect()
}

/// `draft_issue`, published.
pub fn published_issue(store: &mut Store, number: i64, entries: usize, rng: &mut Rng) -> Vec<i64> {
    let ids = draft_issue(store, number, entries, rng);
    roundup::compose::publish(store, number).unwrap();
    ids
}

/// 500 published issues of 20 entries, plus `inbox` unrelated inbox links.
pub fn big_archive(store: &mut Store, issues: i64, inbox: usize) {
    let mut rng = Rng(42);
    for n in 1..=issues {
        published_issue(store, n, 20, &mut rng);
    }
    let links: Vec<PlannedLink> = (0..inbox)
        .map(|i| {
            let (a, b) = (rng.pick(WORDS), rng.pick(WORDS));
            let url = format!("https://inbox.example/{i}/{a}");
            PlannedLink {
                canonical: store.canonical(&url).unwrap(),
                link: NewLink {
                    url,
                    title: Some(format!("Notes on {a} and {b}")),
                    added_at: Some("2026-01-01T00:00:00Z".into()),
                    ..Default::default()
                },
            }
        })
        .collect();
    store.add_batch(&[], &links, &[]).unwrap();
}
