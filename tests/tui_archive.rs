//! The archive screen end to end: a hit on a published entry is titled as the issue printed
//! it, enter opens that issue read-only with the cursor on the entry, esc comes back with
//! the query and results kept. The TUI on a TestBackend over an on-disk database.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::model::NewLink;
use roundup::store::{AddOutcome, EntryField, Store};
use roundup::tui::issue::state::Row;
use roundup::tui::state::Screen;
use support::tui::Harness;

/// Published #379 whose third entry the editor retitled; a draft #380 after it.
fn archive(store: &Store) {
    let config = roundup::config::Config::builtin().unwrap();
    let add = |url: &str, title: &str| match store
        .add_link(&NewLink {
            url: url.into(),
            title: Some(title.into()),
            ..NewLink::default()
        })
        .unwrap()
    {
        AddOutcome::Added(id) => id,
        AddOutcome::Duplicate(l) => l.id,
    };
    let mut cfg = config.clone();
    cfg.newsletter.first_number = 379;
    let old = roundup::compose::new_issue(store, &cfg, None).unwrap();
    let section = old.sections[0].id;
    for (i, title) in ["Paging less", "Runbooks that run", "Blog | Acme Corp"]
        .iter()
        .enumerate()
    {
        let id = add(&format!("https://blog.example.com/post-{i}"), title);
        let e = roundup::compose::place_link(store, &config, id, Some(section)).unwrap();
        store
            .update_entry_field(e.id, EntryField::Body(format!("Commentary {i}.")))
            .unwrap();
        if i == 2 {
            store
                .update_entry_field(
                    e.id,
                    EntryField::Title(Some("Chaos on the control plane, safely".into())),
                )
                .unwrap();
        }
    }
    roundup::compose::publish(store, old.number).unwrap();
    roundup::compose::new_issue(store, &cfg, None).unwrap();
}

#[test]
fn a_published_hit_opens_its_issue_at_the_entry_and_esc_comes_back() {
    for (w, hgt) in [(80, 24), (160, 48)] {
        let size = format!("{w}x{hgt}");
        let mut h = Harness::open(w, hgt, archive, None);
        h.wait_background();
        assert_eq!(h.app.issue.issue.as_ref().unwrap().number, 380);
        h.keys("4");
        // The fetched title has the word, and the entry's own title is what shows.
        h.typ("acme");
        let screen = h.screen();
        assert!(
            screen.contains("Chaos on the control plane, safely"),
            "{screen}"
        );
        assert!(!screen.contains("Blog | Acme Corp"), "{screen}");
        insta::assert_snapshot!(format!("archive_published_{size}"), screen);

        h.keys("enter");
        h.wait_background();
        assert_eq!(h.app.screen, Screen::Issue);
        let issue = h.app.issue.issue.as_ref().unwrap();
        assert_eq!(issue.number, 379);
        assert!(h.app.issue.is_published());
        assert_eq!(h.app.issue.current(), Some(Row::Entry(0, 2)));
        // The publication date is today's: the snapshot names it by its place.
        let date = issue.date.clone().unwrap();
        let screen = h.screen().replace(&date, "YYYY-MM-DD");
        insta::assert_snapshot!(format!("archive_opened_{size}"), screen);
        // Read-only: removing is refused and nothing changes.
        h.keys("x");
        assert!(h.app.status.error);
        let issue = h.runner.store.issue(379).unwrap();
        assert_eq!(issue.sections[0].entries.len(), 3);

        h.keys("esc");
        h.wait_background();
        assert_eq!(h.app.screen, Screen::Archive);
        assert_eq!(h.app.archive.query, "acme");
        assert_eq!(h.app.archive.hits.len(), 1);
        assert_eq!(h.app.issue.issue.as_ref().unwrap().number, 380);
        assert!(h.screen().contains("Chaos on the control plane, safely"));
    }
}

#[test]
fn search_hits_carry_the_published_entry_as_printed() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    archive(&store);
    // A match in the link's metadata and one in the entry's own title find the same entry.
    for q in ["acme", "chaos control"] {
        let hits = store.search(q, 10).unwrap();
        assert_eq!(hits.len(), 1, "{q}");
        let e = hits[0].entry.as_ref().expect("a published entry");
        assert_eq!(e.issue_number, 379);
        assert_eq!(e.title, "Chaos on the control plane, safely");
    }
    // An entry without its own title is printed with the link's.
    let hits = store.search("runbooks", 10).unwrap();
    assert_eq!(hits[0].entry.as_ref().unwrap().title, "Runbooks that run");
}
