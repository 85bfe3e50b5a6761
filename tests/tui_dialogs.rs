//! The issue-day dialogs on screen (snapshots at 80x24 and 160x48): the first run's
//! questions, the add dialog keeping a refused line with its reason, the number prompt, and
//! the section rows after adding, hiding and undoing on a real database.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::store::Store;
use roundup::tui::state::{Msg, Overlay};
use support::tui::{FIRST_RUN, Harness};

#[test]
fn snapshots() {
    for (w, h) in [(80, 24), (160, 48)] {
        let mut t = Harness::open(w, h, |_| {}, Some(FIRST_RUN));
        assert!(matches!(t.app.overlay, Some(Overlay::Setup(_))));
        t.send(Msg::Paste("Ops Digest".into()));
        insta::assert_snapshot!(format!("setup_{w}x{h}"), t.screen());
        t.keys("esc a");
        // Loopback on a refused port: the fetch fails at once, with no network.
        let port = support::http::refused_port();
        t.send(Msg::Paste(format!(
            "http://127.0.0.1:{port}/post\rhttp://exa mple.com/typo"
        )));
        // The port differs from run to run: the snapshot names it PORT.
        let screen = |t: &mut Harness| t.screen().replace(&port.to_string(), "PORT");
        insta::assert_snapshot!(format!("add_{w}x{h}"), screen(&mut t));
        t.keys("enter");
        t.wait_background();
        insta::assert_snapshot!(format!("add_refused_{w}x{h}"), screen(&mut t));
    }
}

#[test]
fn sections_added_hidden_and_undone_on_the_database() {
    let mut t = Harness::open(120, 40, |s| roundup::demo::build(s).unwrap(), None);
    let db = t.dir.path().join("t.db");
    let headings = |db: &std::path::Path| -> Vec<(String, bool)> {
        let s = Store::open(db).unwrap();
        s.current_draft()
            .unwrap()
            .unwrap()
            .sections
            .into_iter()
            .map(|x| (x.heading, x.show_heading))
            .collect()
    };
    let before = headings(&db);
    t.keys("2 A");
    t.send(Msg::Paste("Quick takes".into()));
    t.keys("enter");
    t.wait_background();
    assert_eq!(
        headings(&db).last().unwrap(),
        &("Quick takes".to_string(), true)
    );
    // The cursor is on the new section: hide its heading, then undo both.
    t.keys("H");
    t.wait_background();
    assert_eq!(
        headings(&db).last().unwrap(),
        &("Quick takes".to_string(), false)
    );
    insta::assert_snapshot!("sections_hidden_120x40", t.screen());
    t.keys("u");
    t.wait_background();
    t.keys("u");
    t.wait_background();
    assert_eq!(headings(&db), before);
}
