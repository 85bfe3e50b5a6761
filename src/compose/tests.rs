//! Tests of the issue operations on an in-memory store.

use super::*;
use crate::config::{Config, DisclosureRule};
use crate::model::{Credit, IssueStatus, LinkState, NewLink, SectionStyle, Sponsor};
use crate::store::{AddOutcome, CreditKind, EntryField, Store};

fn add(store: &Store, url: &str, authors: &[&str], publication: Option<&str>) -> i64 {
    let link = NewLink {
        url: url.into(),
        title: Some(format!("Title of {url}")),
        authors: authors.iter().map(|s| s.to_string()).collect(),
        publication: publication.map(str::to_string),
        via: Some("HackerNews".into()),
        ..NewLink::default()
    };
    match store.add_link(&link).unwrap() {
        AddOutcome::Added(id) => id,
        AddOutcome::Duplicate(l) => l.id,
    }
}

fn config() -> Config {
    let mut c = Config::builtin().unwrap();
    c.newsletter.name = "SRE Weekly".into();
    c.newsletter.title_pattern = "SRE Weekly Issue #{number}".into();
    c.newsletter.first_number = 94;
    c.disclosure.rules = vec![DisclosureRule {
        publication: Some("Honeycomb".into()),
        note: "Full disclosure: Honeycomb is my employer.".into(),
        ..Default::default()
    }];
    c
}

#[test]
fn new_issue_numbers_follow_and_get_default_sections() {
    let store = Store::open_in_memory().unwrap();
    let first = new_issue(&store, &config(), None).unwrap();
    assert_eq!(first.number, 94);
    assert_eq!(first.title, "SRE Weekly Issue #94");
    assert_eq!(first.status, IssueStatus::Draft);
    let headings: Vec<_> = first
        .sections
        .iter()
        .map(|s| (&s.heading[..], s.style))
        .collect();
    assert_eq!(
        headings,
        vec![
            ("Articles", SectionStyle::Articles),
            ("Outages", SectionStyle::List)
        ]
    );
    let second = new_issue(&store, &config(), None).unwrap();
    assert_eq!(second.number, 95);
    assert_eq!(store.current_draft().unwrap().unwrap().number, 95);
    store.set_setting("current_issue", "94").unwrap();
    assert_eq!(store.current_draft().unwrap().unwrap().number, 94);
    let summaries = store.issue_summaries().unwrap();
    assert_eq!(
        summaries.iter().map(|s| s.number).collect::<Vec<_>>(),
        vec![95, 94]
    );
}

#[test]
fn placing_prefills_credit_applies_rules_and_uses_the_link() {
    let store = Store::open_in_memory().unwrap();
    let c = config();
    let issue = new_issue(&store, &c, None).unwrap();
    let link = add(
        &store,
        "https://honeycomb.io/blog/kafka",
        &["Fred Hebert"],
        Some("Honeycomb"),
    );
    let entry = place_link(&store, &c, link, Some(issue.sections[0].id)).unwrap();
    assert_eq!(entry.credit.authors, vec!["Fred Hebert"]);
    assert_eq!(entry.credit.publication.as_deref(), Some("Honeycomb"));
    assert_eq!(entry.credit.via.as_deref(), Some("HackerNews"));
    assert_eq!(
        entry.title.as_deref(),
        Some("Title of https://honeycomb.io/blog/kafka")
    );
    assert_eq!(
        entry.disclosures,
        vec!["Full disclosure: Honeycomb is my employer."]
    );
    assert_eq!(store.link(link).unwrap().state, LinkState::Used);
    let note = "Full disclosure: Honeycomb is my employer.";
    assert!(!toggle_disclosure(&store, entry.id, note).unwrap());
    assert!(store.entry(entry.id).unwrap().disclosures.is_empty());
    assert!(toggle_disclosure(&store, entry.id, note).unwrap());
    assert_eq!(store.entry(entry.id).unwrap().disclosures, vec![note]);
    let issue = store.issue(issue.number).unwrap();
    assert_eq!(
        suggested_for_entry(&issue.sections[0].entries[0], &issue, &c),
        vec![note]
    );
    // Twice in one issue is refused.
    assert!(place_link(&store, &c, link, Some(issue.sections[1].id)).is_err());
}

#[test]
fn edits_write_through() {
    let store = Store::open_in_memory().unwrap();
    let c = config();
    let issue = new_issue(&store, &c, None).unwrap();
    let link = add(&store, "https://example.com/a", &[], None);
    let e = store
        .place_link(link, issue.sections[0].id, &Credit::default(), &[])
        .unwrap();
    store
        .update_entry_field(e.id, EntryField::Title(Some("Mine".into())))
        .unwrap();
    store
        .update_entry_field(
            e.id,
            EntryField::Body("A *blurb*\n\n> one\n>\n> two".into()),
        )
        .unwrap();
    store
        .update_entry_field(e.id, EntryField::Authors(vec!["A".into(), "B".into()]))
        .unwrap();
    store
        .update_entry_field(e.id, EntryField::Publication(Some("Pub".into())))
        .unwrap();
    store
        .update_entry_field(e.id, EntryField::Via(None))
        .unwrap();
    store
        .update_entry_field(e.id, EntryField::Disclosures(vec!["d".into()]))
        .unwrap();
    let got = store.entry(e.id).unwrap();
    assert_eq!(got.title.as_deref(), Some("Mine"));
    assert_eq!(got.body, "A *blurb*\n\n> one\n>\n> two");
    assert_eq!(credit_line(&got.credit), "A and B — Pub");
    assert_eq!(got.disclosures, vec!["d"]);
    store
        .update_entry_field(e.id, EntryField::Title(None))
        .unwrap();
    assert_eq!(
        store.entry(e.id).unwrap().title.as_deref(),
        Some("Title of https://example.com/a")
    );
    assert!(
        store
            .update_entry_field(9999, EntryField::Body(String::new()))
            .is_err()
    );

    store.set_intro(issue.id, Some("Hello")).unwrap();
    let sponsor = Sponsor {
        name: "Rootly".into(),
        url: Some("https://rootly.com".into()),
        message: Some("m".into()),
        link_text: None,
    };
    store.set_sponsor(issue.id, Some(&sponsor)).unwrap();
    let got = store.issue(issue.number).unwrap();
    assert_eq!(got.intro.as_deref(), Some("Hello"));
    assert_eq!(got.sponsor, Some(sponsor));
    store.set_sponsor(issue.id, None).unwrap();
    assert_eq!(store.issue(issue.number).unwrap().sponsor, None);
}

fn positions(store: &Store, number: i64, section: usize) -> Vec<(i64, i64)> {
    store.issue(number).unwrap().sections[section]
        .entries
        .iter()
        .map(|e| (e.link_id, e.position))
        .collect()
}

#[test]
fn reorder_move_and_remove_keep_positions_dense() {
    let store = Store::open_in_memory().unwrap();
    let issue = new_issue(&store, &config(), None).unwrap();
    let (articles, outages) = (issue.sections[0].id, issue.sections[1].id);
    let ids: Vec<i64> = (0..4)
        .map(|i| add(&store, &format!("https://e.com/{i}"), &[], None))
        .collect();
    let entries: Vec<_> = ids
        .iter()
        .map(|l| {
            store
                .place_link(*l, articles, &Credit::default(), &[])
                .unwrap()
        })
        .collect();
    assert_eq!(store.move_entry(entries[3].id, -2).unwrap(), 1);
    assert_eq!(
        positions(&store, 94, 0),
        vec![(ids[0], 0), (ids[3], 1), (ids[1], 2), (ids[2], 3)]
    );
    assert_eq!(store.move_entry(entries[0].id, -5).unwrap(), 0, "clamped");
    assert_eq!(store.move_entry(entries[0].id, 99).unwrap(), 3, "clamped");
    let moved = store.move_entry_to_section(entries[1].id, outages).unwrap();
    assert_eq!((moved.section_id, moved.position), (outages, 0));
    assert_eq!(
        positions(&store, 94, 0),
        vec![(ids[3], 0), (ids[2], 1), (ids[0], 2)]
    );
    store.remove_entry(entries[3].id).unwrap();
    assert_eq!(positions(&store, 94, 0), vec![(ids[2], 0), (ids[0], 1)]);
    assert_eq!(store.link(ids[3]).unwrap().state, LinkState::Inbox);

    assert_eq!(store.move_section(outages, -1).unwrap(), 0);
    let got = store.issue(94).unwrap();
    assert_eq!(got.sections[0].heading, "Outages");
    assert_eq!(
        got.sections.iter().map(|s| s.position).collect::<Vec<_>>(),
        vec![0, 1]
    );
    let events = store
        .add_section(issue.id, "Events", SectionStyle::List)
        .unwrap();
    store.move_section(events, -1).unwrap();
    store.remove_section(outages).unwrap();
    let got = store.issue(94).unwrap();
    assert_eq!(
        got.sections
            .iter()
            .map(|s| (&s.heading[..], s.position))
            .collect::<Vec<_>>(),
        vec![("Events", 0), ("Articles", 1)]
    );
    assert_eq!(store.link(ids[1]).unwrap().state, LinkState::Inbox);
}

#[test]
fn publish_archives_and_marks_links_featured() {
    let store = Store::open_in_memory().unwrap();
    let issue = new_issue(&store, &config(), None).unwrap();
    let link = add(&store, "https://e.com/x", &[], None);
    let entry = store
        .place_link(link, issue.sections[0].id, &Credit::default(), &[])
        .unwrap();
    let published = store.publish_issue(94).unwrap();
    assert_eq!(published.status, IssueStatus::Published);
    assert_eq!(published.date.as_ref().map(|d| d.len()), Some(10));
    assert_eq!(store.link(link).unwrap().featured_in, vec![94]);
    assert!(store.publish_issue(94).is_err());
    assert!(
        store.remove_entry(entry.id).is_err(),
        "the archive is frozen"
    );
    assert!(store.current_draft().unwrap().is_none());
    assert_eq!(new_issue(&store, &config(), None).unwrap().number, 95);
}

#[test]
fn past_credits_most_used_first_with_prefix() {
    let store = Store::open_in_memory().unwrap();
    let issue = new_issue(&store, &config(), None).unwrap();
    let s = issue.sections[0].id;
    for (i, (authors, publication)) in [
        (vec!["Julia Evans"], Some("Honeycomb")),
        (vec!["Fred Hebert", "Julia Evans"], Some("Honeycomb")),
        (vec!["Jane_Doe"], Some("Netflix")),
    ]
    .into_iter()
    .enumerate()
    {
        let l = add(&store, &format!("https://c.com/{i}"), &authors, publication);
        place_link(&store, &config(), l, Some(s)).unwrap();
    }
    assert_eq!(
        store.past_credits(CreditKind::Author, "", 10).unwrap(),
        vec!["Julia Evans", "Fred Hebert", "Jane_Doe"]
    );
    assert_eq!(
        store.past_credits(CreditKind::Author, "j", 10).unwrap(),
        vec!["Julia Evans", "Jane_Doe"]
    );
    assert_eq!(
        store.past_credits(CreditKind::Author, "Jane_", 10).unwrap(),
        vec!["Jane_Doe"]
    );
    assert!(
        store
            .past_credits(CreditKind::Author, "%", 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.past_credits(CreditKind::Publication, "", 1).unwrap(),
        vec!["Honeycomb"]
    );
    assert_eq!(
        store.past_credits(CreditKind::Via, "h", 5).unwrap(),
        vec!["HackerNews"]
    );
}
