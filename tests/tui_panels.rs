//! The check panel and the archive screen end to end: the TUI on a TestBackend over an
//! on-disk demo database, the check offline (lints only: no network in tests).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::check::ProblemKind;
use roundup::model::{LinkState, NewLink};
use roundup::store::{AddOutcome, Store};
use roundup::tui::state::{Overlay, Screen};

const TRACKED: &str = "https://blog.example.com/retries?utm_source=newsletter";

mod support;

use support::tui::Harness;

/// The demo data plus one entry whose URL carries tracking parameters (as a database from
/// before links were stored without them holds); the check offline.
fn demo_with_tracked_entry(w: u16, h: u16) -> Harness {
    let mut h = Harness::open(
        w,
        h,
        |store| {
            roundup::demo::build(store).unwrap();
            let AddOutcome::Added(id) = store
                .add_link(&NewLink {
                    url: TRACKED.into(),
                    title: Some("Retries considered harmful".into()),
                    ..NewLink::default()
                })
                .unwrap()
            else {
                panic!("not added")
            };
            // A new link is stored without its tracking parameters: put them back.
            store.replace_link_url(id, TRACKED).unwrap();
            let config = roundup::config::Config::builtin().unwrap();
            let draft = store.current_draft().unwrap().unwrap();
            roundup::compose::place_link(store, &config, id, Some(draft.sections[0].id)).unwrap();
        },
        None,
    );
    h.app.export_prefs.dir = "/home/editor".into();
    h.runner.check_network = false;
    h.wait_background();
    h
}

#[test]
fn check_panel_jumps_and_accepts_a_suggested_url() {
    let mut h = demo_with_tracked_entry(100, 30);
    h.keys("2 c");
    assert!(h.app.check.running);
    assert!(h.screen().contains("checking…"));
    h.wait_background();
    assert!(matches!(h.app.overlay, Some(Overlay::Check)));
    let msg = h.app.status.message.clone().unwrap();
    assert!(msg.starts_with("Check: "), "{msg}");
    let at = h
        .app
        .check
        .problems
        .iter()
        .position(|p| p.kind == ProblemKind::TrackingParams)
        .expect("the tracking parameters are reported");
    for _ in 0..at {
        h.keys("j");
    }
    let screen = h.screen();
    assert!(
        screen.contains("tracking parameters left in the URL"),
        "{screen}"
    );
    h.keys("a");
    let link = h.runner.store.find_by_url(TRACKED).unwrap().unwrap();
    assert_eq!(link.url, "https://blog.example.com/retries");
    assert!(h.screen().contains("Link replaced with the suggested URL"));
    assert!(
        h.app
            .check
            .problems
            .iter()
            .all(|p| p.kind != ProblemKind::TrackingParams)
    );

    // enter on the first entry problem: the issue cursor is on that entry, marked "!".
    h.keys("g enter");
    assert_eq!(h.app.screen, Screen::Issue);
    assert!(h.app.overlay.is_none());
    let screen = h.screen();
    assert!(screen.contains(" !"), "{screen}");
    h.keys("enter");
    assert_eq!(h.app.screen, Screen::Editor);
    h.keys("esc e");
    let screen = h.screen();
    assert!(screen.contains("from check: press c"), "{screen}");
}

#[test]
fn replacing_a_url_refuses_another_links_url() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("t.db")).unwrap();
    let add = |url: &str| match store
        .add_link(&NewLink {
            url: url.into(),
            ..NewLink::default()
        })
        .unwrap()
    {
        AddOutcome::Added(id) => id,
        AddOutcome::Duplicate(l) => l.id,
    };
    let a = add("https://a.example/old");
    add("https://a.example/new");
    let err = store
        .replace_link_url(a, "https://a.example/new?utm_source=x")
        .unwrap_err();
    assert!(err.to_string().contains("already stored"), "{err}");
    store
        .replace_link_url(a, "https://a.example/moved")
        .unwrap();
    assert_eq!(store.link(a).unwrap().url, "https://a.example/moved");
    assert!(
        store
            .find_by_url("https://a.example/old")
            .unwrap()
            .is_none()
    );
}

#[test]
fn archive_search_jumps_to_the_inbox() {
    let mut h = demo_with_tracked_entry(100, 30);
    h.keys("4");
    h.typ("kafka");
    assert!(!h.app.archive.hits.is_empty());
    let at = h
        .app
        .archive
        .hits
        .iter()
        .position(|x| matches!(x.link.state, LinkState::Inbox | LinkState::Held))
        .expect("an inbox link about kafka");
    let id = h.app.archive.hits[at].link.id;
    for _ in 0..at {
        h.keys("down");
    }
    h.keys("enter");
    assert_eq!(h.app.screen, Screen::Inbox);
    assert_eq!(h.app.inbox.selected_id(), Some(id));
}

#[test]
fn snapshots() {
    for (w, hgt) in [(80, 24), (160, 48)] {
        let size = format!("{w}x{hgt}");
        let mut h = demo_with_tracked_entry(w, hgt);
        h.keys("2 c");
        h.wait_background();
        insta::assert_snapshot!(format!("check_{size}"), h.screen());
        // The last finding, cut in the list at 80 columns, is whole under it.
        h.keys("G");
        let screen = h.screen();
        assert!(
            screen.contains("warning: tracking parameters left in the URL: utm_source"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("check_last_{size}"), screen);
        h.keys("g");
        h.keys("esc");
        insta::assert_snapshot!(format!("issue_marked_{size}"), h.screen());
        h.keys("e");
        insta::assert_snapshot!(format!("export_warned_{size}"), h.screen());
        h.keys("esc 4");
        h.typ("kafka");
        insta::assert_snapshot!(format!("archive_{size}"), h.screen());
    }
}
