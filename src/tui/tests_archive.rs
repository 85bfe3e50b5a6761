//! `update` for the archive's jump to a published entry, on plain data.

use super::effects::{ArchiveFx, Effect, IssueFx};
use super::issue::state::Row;
use super::state::{IssueRef, Msg, Screen};
use super::tests::{app, issue, keys};
use super::tests_panels::hit;
use super::update::update;
use crate::model::{IssueStatus, LinkState};
use crate::store::PublishedEntry;

fn loaded(number: i64, published: bool) -> Msg {
    let mut i = issue();
    i.number = number;
    i.id = number;
    if published {
        i.status = IssueStatus::Published;
    }
    Msg::IssueLoaded {
        issue: Some(Box::new(i)),
        issues: vec![IssueRef {
            id: number,
            number,
            published,
        }],
    }
}

#[test]
fn enter_on_a_published_entry_opens_its_issue_there_and_esc_comes_back() {
    let mut app = app();
    update(&mut app, loaded(380, false));
    keys(&mut app, "4 r e t");
    let mut printed = hit(102, "Fetched title", LinkState::Used, vec![371]);
    printed.entry = Some(PublishedEntry {
        entry_id: 2,
        issue_number: 371,
        title: "Entry 2".into(),
    });
    update(
        &mut app,
        Msg::SearchResults {
            query: "ret".into(),
            hits: vec![hit(5, "Inbox link", LinkState::Inbox, vec![]), printed],
        },
    );
    let fx = keys(&mut app, "down enter");
    assert_eq!(fx, vec![Effect::Issue(IssueFx::Load(Some(371)))]);
    assert_eq!(app.screen, Screen::Issue);
    // The issue arrives: the cursor is on the entry (link 102 is entry 2), read-only.
    update(&mut app, loaded(371, true));
    assert_eq!(app.issue.current(), Some(Row::Entry(0, 1)));
    assert!(app.issue.is_published());
    assert_eq!(keys(&mut app, "x"), vec![]);
    assert!(app.status.error, "a published issue refuses edits");
    // Esc: back to the archive, query and results kept, the draft shown before reloaded.
    let fx = keys(&mut app, "esc");
    assert_eq!(app.screen, Screen::Archive);
    assert_eq!(fx, vec![Effect::Issue(IssueFx::Load(Some(380)))]);
    assert_eq!(app.archive.query, "ret");
    assert_eq!(app.archive.hits.len(), 2);
    assert_eq!(app.archive.cursor.selected, 1);
    // Typing on searches again; a second esc clears, a third leaves.
    assert_eq!(
        keys(&mut app, "s"),
        vec![Effect::Archive(ArchiveFx::Search {
            query: "rets".into()
        })]
    );
    keys(&mut app, "esc esc");
    assert_eq!(app.screen, Screen::Inbox);
}

#[test]
fn esc_from_an_issue_opened_otherwise_goes_to_the_inbox() {
    let mut app = app();
    update(&mut app, loaded(380, false));
    keys(&mut app, "2");
    assert_eq!(keys(&mut app, "esc"), vec![]);
    assert_eq!(app.screen, Screen::Inbox);
}
