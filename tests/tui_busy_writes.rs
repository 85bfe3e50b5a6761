//! Every TUI write under another process's write lock, not only the editor's: triage,
//! placing and removing wait in the queue and land, in order, once the lock goes; starting a
//! new issue (several writes, not safely repeated) is refused with one clear line instead.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::model::LinkState;
use roundup::store::Store;
use rusqlite::Connection;
use std::time::{Duration, Instant};
use support::tui::Harness;

const WAITING: &str = "waiting for the database (another roundup is writing)";

fn harness() -> Harness {
    Harness::open(
        100,
        30,
        |s| {
            roundup::demo::build(s).unwrap();
        },
        None,
    )
}

/// Ticks like the loop does until no write waits.
fn until_written(tui: &mut Harness) {
    let t0 = Instant::now();
    while tui.app.status.waiting > 0 {
        assert!(
            t0.elapsed() < Duration::from_secs(20),
            "writes never landed"
        );
        std::thread::sleep(Duration::from_millis(50));
        tui.tick();
    }
}

#[test]
fn triage_place_and_remove_wait_for_the_lock_and_land_in_order() {
    let mut tui = harness();
    let db = tui.dir.path().join("t.db");
    let entries_before = tui.app.issue.issue.as_ref().map_or(0, |i| {
        i.sections.iter().map(|s| s.entries.len()).sum::<usize>()
    });
    let lock = Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();

    let reader = Store::open(&db).unwrap();
    let mut done = Vec::new();
    // The next link down still in the inbox (the demo holds one already: `h` would release it).
    let next = |tui: &mut Harness, done: &mut Vec<i64>| {
        for _ in 0..50 {
            let id = tui.app.inbox.selected_id().unwrap();
            if !done.contains(&id) && reader.link(id).unwrap().state == LinkState::Inbox {
                done.push(id);
                return id;
            }
            tui.keys("j");
        }
        panic!("no link left in the inbox");
    };
    let held = next(&mut tui, &mut done);
    tui.keys("h");
    assert_eq!(tui.app.status.waiting, 1);
    assert!(tui.screen().contains(WAITING), "{}", tui.screen());
    let discarded = next(&mut tui, &mut done);
    tui.keys("d");
    let placed = next(&mut tui, &mut done);
    tui.keys("p");
    if tui.app.overlay.is_some() {
        // The section picker: the default section.
        tui.keys("enter");
    }
    assert_eq!(tui.app.status.waiting, 3, "{:?}", tui.app.status);
    // Nothing went through the lock, and nothing was reported lost.
    {
        let store = Store::open(&db).unwrap();
        assert_eq!(store.link(held).unwrap().state, LinkState::Inbox);
        assert_eq!(store.link(placed).unwrap().state, LinkState::Inbox);
    }
    assert!(!tui.app.status.error, "{:?}", tui.app.status.message);

    lock.execute_batch("ROLLBACK").unwrap();
    until_written(&mut tui);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.link(held).unwrap().state, LinkState::Held);
    assert_eq!(store.link(discarded).unwrap().state, LinkState::Discarded);
    assert_eq!(store.link(placed).unwrap().state, LinkState::Used);
    let issue = tui.app.issue.issue.as_ref().unwrap();
    let entries: Vec<_> = issue.sections.iter().flat_map(|s| &s.entries).collect();
    assert_eq!(entries.len(), entries_before + 1);
    let entry = entries.iter().find(|e| e.link_id == placed).unwrap().id;
    assert!(!tui.screen().contains(WAITING));

    // Removing the entry waits and lands the same way.
    let lock = Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    tui.keys("2");
    let selected = |tui: &Harness| match tui.app.issue.current() {
        Some(roundup::tui::issue::state::Row::Entry(si, ei)) => {
            Some(tui.app.issue.issue.as_ref().unwrap().sections[si].entries[ei].id)
        }
        _ => None,
    };
    for _ in 0..100 {
        if selected(&tui) == Some(entry) {
            break;
        }
        tui.keys("j");
    }
    assert_eq!(selected(&tui), Some(entry));
    tui.keys("x");
    assert_eq!(tui.app.status.waiting, 1, "{:?}", tui.app.status);
    lock.execute_batch("ROLLBACK").unwrap();
    until_written(&mut tui);
    assert!(
        Store::open(&db).unwrap().entry(entry).is_err(),
        "not removed"
    );
}

#[test]
fn a_new_issue_under_the_lock_is_refused_in_one_line_and_nothing_changes() {
    let mut tui = harness();
    let db = tui.dir.path().join("t.db");
    let before = Store::open(&db).unwrap().issue_numbers().unwrap().len();
    let lock = Connection::open(&db).unwrap();
    lock.execute_batch("BEGIN IMMEDIATE").unwrap();
    // n asks for the number (a read: it works under the lock); enter takes the default.
    tui.keys("2 n");
    let confirm = tui.screen();
    assert!(tui.app.overlay.is_some(), "no number prompt: {confirm}");
    tui.keys("enter");
    let message = tui.app.status.message.clone().unwrap_or_default();
    assert!(tui.app.status.error, "{message:?} after {confirm}");
    assert_eq!(
        message,
        "the database is busy (another roundup is writing): nothing changed; try again"
    );
    assert_eq!(tui.app.status.waiting, 0);
    lock.execute_batch("ROLLBACK").unwrap();
    assert_eq!(
        Store::open(&db).unwrap().issue_numbers().unwrap().len(),
        before
    );
}
