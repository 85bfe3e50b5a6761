//! "Push as draft to Ghost" from the TUI's export dialog, against the loopback Ghost of
//! tests/support/ghost.rs: the push runs on a worker with its own connection, the status
//! says it is pushing and then what Ghost answered; a bad key says so without the key.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::{Arc, Mutex};
use support::ghost::{Ghost, KEY_ID, SECRET_HEX, ghost_server};
use support::tui::{Harness, SRE_WEEKLY};

fn config(url: &str, secret: &str) -> String {
    format!("{SRE_WEEKLY}\n[push.ghost]\nurl = \"{url}\"\nadmin_key = \"{KEY_ID}:{secret}\"\n")
}

fn open(w: u16, h: u16, config: &str) -> Harness {
    let mut h = Harness::open(w, h, |s| roundup::demo::build(s).unwrap(), Some(config));
    h.wait_background();
    h
}

/// The export dialog on the draft, the destination on Ghost (clipboard, file, Ghost).
fn choose_ghost(h: &mut Harness) {
    h.keys("2 e tab j j");
}

#[test]
fn push_as_draft_to_ghost_creates_then_updates_the_draft() {
    let state = Arc::new(Mutex::new(Ghost::default()));
    let server = ghost_server(state.clone());
    let mut h = open(100, 30, &config(&server.url("/"), SECRET_HEX));
    choose_ghost(&mut h);
    assert!(h.screen().contains("(•) Push as draft to Ghost"));
    h.keys("enter");
    assert!(h.screen().contains("Pushing #380 to Ghost as a draft…"));
    h.wait_background();
    let line = h.app.status.message.clone().unwrap();
    let id = {
        let g = state.lock().unwrap();
        assert_eq!(g.posts.len(), 1);
        let (id, post) = g.posts.iter().next().unwrap();
        assert_eq!(post["status"], "draft");
        assert!(post["html"].as_str().unwrap().contains("Kafka split-brain"));
        id.clone()
    };
    assert_eq!(
        line,
        format!("Draft created in Ghost (id {id}); nothing was sent")
    );
    assert!(!h.app.status.error);
    // The remote id was stored by the worker's connection: the next push updates it.
    let draft = h.runner.store.current_draft().unwrap().unwrap();
    let stored = h.runner.store.remote_draft(draft.id, "ghost").unwrap();
    assert_eq!(stored.unwrap().remote_id, id);

    choose_ghost(&mut h);
    h.keys("enter");
    h.wait_background();
    assert_eq!(
        h.app.status.message.as_deref(),
        Some(format!("Draft updated in Ghost (id {id}); nothing was sent").as_str())
    );
    assert_eq!(state.lock().unwrap().posts.len(), 1, "no second post");
    let lines = server.request_lines();
    assert!(lines.iter().any(|l| l.starts_with("PUT ")), "{lines:?}");
}

#[test]
fn a_bad_key_says_what_ghost_answered_and_never_shows_the_key() {
    let state = Arc::new(Mutex::new(Ghost::default()));
    let server = ghost_server(state.clone());
    let wrong = "00".repeat(32);
    let mut h = open(160, 48, &config(&server.url("/"), &wrong));
    choose_ghost(&mut h);
    h.keys("enter");
    h.wait_background();
    assert!(h.app.status.error);
    let line = h.app.status.message.clone().unwrap();
    assert!(
        line.starts_with("Not pushed: ghost: HTTP 401 Unauthorized"),
        "{line}"
    );
    let screen = h.screen();
    assert!(screen.contains("Not pushed: ghost: HTTP 401"), "{screen}");
    for shown in [&line, &screen] {
        assert!(
            !shown.contains(&wrong) && !shown.contains("Ghost ey"),
            "{shown}"
        );
    }
    assert!(state.lock().unwrap().posts.is_empty());
}

#[test]
fn the_dialog_offers_each_configured_service() {
    let state = Arc::new(Mutex::new(Ghost::default()));
    let server = ghost_server(state);
    for (w, hgt) in [(80, 24), (160, 48)] {
        let mut h = open(w, hgt, &config(&server.url("/"), SECRET_HEX));
        h.app.export_prefs.dir = "/home/editor".into();
        choose_ghost(&mut h);
        let screen = h.screen();
        assert!(screen.contains("Push as draft to Ghost"), "{screen}");
        insta::assert_snapshot!(format!("export_push_{w}x{hgt}"), screen);
    }
    // Without settings, no push is offered.
    let mut h = open(100, 30, SRE_WEEKLY);
    h.keys("2 e");
    assert!(!h.screen().contains("Push as draft"));
}
