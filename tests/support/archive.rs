//! Builds a published archive straight in SQL, so search and aging can be tested and
//! benchmarked at size without going through the compose API.
#![allow(dead_code)]

use roundup::store::Store;
use rusqlite::params;

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

/// Inserts a published issue `number` with `entries` article entries; returns the link ids.
pub fn published_issue(store: &Store, number: i64, entries: usize, rng: &mut Rng) -> Vec<i64> {
    let c = store.conn();
    c.execute(
        "INSERT INTO issues (number, title, date, status, created_at, updated_at) \
         VALUES (?1, ?2, '2020-01-01', 'published', '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')",
        params![number, format!("SRE Weekly Issue #{number}")],
    )
    .unwrap();
    let issue = c.last_insert_rowid();
    c.execute(
        "INSERT INTO sections (issue_id, heading, style, position) VALUES (?1, 'Articles', 'articles', 0)",
        [issue],
    )
    .unwrap();
    let section = c.last_insert_rowid();
    let mut ids = Vec::new();
    for pos in 0..entries {
        let (a, b, d) = (rng.pick(WORDS), rng.pick(WORDS), rng.pick(WORDS));
        let who = rng.pick(PEOPLE);
        let publication = rng.pick(PUBS);
        let url = format!("https://example.com/{number}/{pos}/{a}-{b}");
        c.execute(
            "INSERT INTO links (url, canonical_url, title, authors, publication, state, added_at) \
             VALUES (?1, ?1, ?2, ?3, ?4, 'used', '2020-01-01T00:00:00Z')",
            params![
                url,
                format!("The {a} of {b}"),
                format!("[\"{who}\"]"),
                publication
            ],
        )
        .unwrap();
        let link = c.last_insert_rowid();
        c.execute(
            "INSERT INTO entries (section_id, link_id, position, blurb, quotes, authors, publication, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '2020-01-01T00:00:00Z')",
            params![
                section,
                link,
                pos as i64,
                format!("A piece about {a} and {d}, with lessons on {b}."),
                format!("[\"When the {d} failed, the {b} followed.\"]"),
                format!("[\"{who}\"]"),
                publication
            ],
        )
        .unwrap();
        ids.push(link);
    }
    ids
}

/// 500 published issues of 20 entries, plus `inbox` unrelated inbox links.
pub fn big_archive(store: &Store, issues: i64, inbox: usize) {
    let mut rng = Rng(42);
    store.conn().execute_batch("BEGIN").unwrap();
    for n in 1..=issues {
        published_issue(store, n, 20, &mut rng);
    }
    for i in 0..inbox {
        let (a, b) = (rng.pick(WORDS), rng.pick(WORDS));
        let url = format!("https://inbox.example/{i}/{a}");
        store
            .conn()
            .execute(
                "INSERT INTO links (url, canonical_url, title, added_at) VALUES (?1, ?1, ?2, '2026-01-01T00:00:00Z')",
                params![url, format!("Notes on {a} and {b}")],
            )
            .unwrap();
    }
    store.conn().execute_batch("COMMIT").unwrap();
}
