//! The TUI end to end on ratatui's TestBackend, driven by key events: the same `step` the
//! real loop uses, with a loopback HTTP server standing in for the web.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::tui::state::Msg;
mod support;

use support::http::{Server, html};
use support::tui::Harness;

/// Serves a small article page for any path; the path goes into the title.
fn loopback_server() -> Server {
    Server::start(|req, stream| {
        let path = req.path.trim_start_matches('/');
        let body = format!(
            "<html><head><title>x</title>\
             <meta property=\"og:title\" content=\"Loopback {path} review\">\
             <meta property=\"og:site_name\" content=\"Loopback Weekly\">\
             <meta name=\"author\" content=\"Ada Lovelace\">\
             <meta property=\"og:description\" content=\"What we learned from {path}.\">\
             </head><body><p>Hello</p></body></html>"
        );
        html(stream, &body);
    })
}

#[test]
fn add_filter_place_write_reorder_export() {
    let server = loopback_server();
    let base = server.url("");
    let mut h = Harness::open(100, 30, |_| {}, None);
    let first = h.screen();
    assert!(first.contains("Your inbox is empty"), "{first}");

    // Add one URL by typing, then two at once by pasting.
    h.keys("a");
    h.typ(&format!("{base}/outage"));
    h.keys("enter");
    h.send(Msg::Paste(format!("{base}/latency\n{base}/capacity\n")));
    h.wait_background();
    let screen = h.screen();
    assert!(screen.contains("Loopback outage review"), "{screen}");
    assert!(screen.contains("Loopback capacity review"), "{screen}");
    assert!(
        screen.contains("Loopback Weekly · Ada Lovelace"),
        "{screen}"
    );

    // Filter, then place: no draft yet, so issue #1 is created with it in Articles.
    h.keys("/");
    h.typ("outage");
    let screen = h.screen();
    assert!(screen.contains("Inbox 1 · filter: outage"), "{screen}");
    h.keys("enter enter");
    assert!(h.screen().contains("draft #1 (1 entry)"));

    // A second link: now the picker asks, Articles is the default.
    h.keys("esc");
    h.typ("/");
    h.typ("latency");
    h.keys("enter enter");
    assert!(h.screen().contains("Place in #1"));
    h.keys("enter");
    assert!(h.screen().contains("draft #1 (2 entries)"));

    // Issue screen: sponsor, intro, Articles, entry 1, entry 2. Write a blurb and a quote
    // for the first entry.
    h.keys("2 j j j enter");
    assert!(h.screen().contains("Entry · Articles #1"));
    h.typ("A fine *postmortem*.");
    h.keys("ctrl-q");
    h.typ("We were wrong about the cache.");
    let screen = h.screen();
    assert!(screen.contains("✓ saved"), "{screen}");
    h.keys("esc");

    // Reorder: the second entry moves above the first.
    h.keys("j K");
    let issue = h.runner.store.current_draft().unwrap().unwrap();
    let titles: Vec<_> = issue.sections[0]
        .entries
        .iter()
        .map(|e| e.title.clone().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["Loopback latency review", "Loopback outage review"]
    );

    // Export as plain text to a file.
    h.keys("e j j tab j enter");
    let path = h.dir.path().join("issue-1.txt");
    let screen = h.screen();
    assert!(screen.contains("Wrote issue #1 as Plain text"), "{screen}");
    let text = std::fs::read_to_string(&path).unwrap();
    let latency = text.find("Loopback latency review").unwrap();
    let outage = text.find("Loopback outage review").unwrap();
    assert!(latency < outage, "{text}");
    assert!(text.contains("A fine _postmortem_."), "{text}");
    assert!(text.contains("We were wrong about the cache."), "{text}");
    assert!(text.contains("Ada Lovelace"), "{text}");

    // Removing an entry sends its link back to the inbox list.
    h.keys("x 1");
    let screen = h.screen();
    assert!(screen.contains("draft #1 (1 entry)"), "{screen}");
    assert!(screen.contains("Loopback latency review"), "{screen}");
    let latency = h
        .runner
        .store
        .find_by_url(&format!("{base}/latency"))
        .unwrap()
        .unwrap();
    assert_eq!(latency.state, roundup::model::LinkState::Inbox);
}

#[test]
fn discard_restore_hold_and_help() {
    let mut h = Harness::open(100, 30, |s| roundup::demo::build(s).unwrap(), None);
    let before = h.app.inbox.visible.len();
    h.keys("d");
    assert_eq!(h.app.inbox.visible.len(), before - 1);
    assert!(h.screen().contains("Discarded"));
    h.keys("u");
    assert_eq!(h.app.inbox.visible.len(), before);
    h.keys("h");
    let id = h.app.inbox.selected_id().unwrap();
    assert_eq!(
        h.runner.store.link(id).unwrap().state,
        roundup::model::LinkState::Held
    );
    h.keys("?");
    let help = h.screen();
    assert!(help.contains("hold for next week"), "{help}");
    h.keys("esc q");
    assert!(h.app.quit);
}

#[test]
fn user_keys_from_config_toml_overlay_the_defaults() {
    let config = "[newsletter]\nname = \"Ops Digest\"\n\n[keys.inbox]\n\"x\" = \"discard\"\n\"d\" = \"none\"\n";
    let mut h = Harness::open(100, 30, |s| roundup::demo::build(s).unwrap(), Some(config));
    let before = h.app.inbox.visible.len();
    h.keys("d");
    assert_eq!(h.app.inbox.visible.len(), before);
    h.keys("x");
    assert_eq!(h.app.inbox.visible.len(), before - 1);
    h.keys("?");
    let help = h.screen();
    assert!(help.contains("x             discard"), "{help}");
    assert!(help.contains("Ops Digest"), "{help}");
}

#[test]
fn disclosure_rules_are_suggested_and_toggled() {
    let config = "[[disclosure.rules]]\npublication = \"Honeycomb\"\nnote = \"Full disclosure: Honeycomb is my employer.\"\n";
    let mut h = Harness::open(120, 40, |s| roundup::demo::build(s).unwrap(), Some(config));
    // Issue #380: sponsor, intro, Articles, the Honeycomb entry.
    h.keys("2 j j j enter");
    let screen = h.screen();
    assert!(
        screen.contains("[ ] Full disclosure: Honeycomb is my employer."),
        "{screen}"
    );
    h.keys("ctrl-t");
    assert!(
        h.screen()
            .contains("[x] Full disclosure: Honeycomb is my employer.")
    );
    let draft = h.runner.store.current_draft().unwrap().unwrap();
    assert_eq!(
        draft.sections[0].entries[0].disclosures,
        ["Full disclosure: Honeycomb is my employer."]
    );
    assert!(
        h.app
            .preview
            .text
            .contains("Full disclosure: Honeycomb is my employer.")
    );
}

fn demo(w: u16, h: u16) -> Harness {
    Harness::open(w, h, |s| roundup::demo::build(s).unwrap(), None)
}

#[test]
fn snapshots() {
    for (w, hgt) in [(80, 24), (160, 48)] {
        let size = format!("{w}x{hgt}");
        let mut h = Harness::open(w, hgt, |_| {}, None);
        insta::assert_snapshot!(format!("empty_{size}"), h.screen());

        let mut h = demo(w, hgt);
        h.app.export_prefs.dir = "/home/editor".into();
        insta::assert_snapshot!(format!("inbox_{size}"), h.screen());
        h.keys("?");
        insta::assert_snapshot!(format!("help_{size}"), h.screen());
        h.keys("esc 2");
        insta::assert_snapshot!(format!("issue_{size}"), h.screen());
        h.keys("j j j enter");
        insta::assert_snapshot!(format!("entry_{size}"), h.screen());
        h.keys("esc 3");
        insta::assert_snapshot!(format!("preview_{size}"), h.screen());
        h.keys("esc e");
        insta::assert_snapshot!(format!("export_{size}"), h.screen());
    }
}
