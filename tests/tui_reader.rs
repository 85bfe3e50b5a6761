//! The reader and the inbox's new columns end to end: the TUI on a TestBackend over an
//! on-disk database whose links have article text (stored as a fetch stores it), tags and
//! imported highlights. Snapshots of the reader; inbox → reader → select → quote; the editor's
//! reader and highlight picker; the inbox's `#tag` filter and reading times.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::model::{LinkState, NewLink, PageMeta, QuoteCandidate, Readable};
use roundup::store::{AddOutcome, Store};
use roundup::tui::issue::state::Row;
use roundup::tui::state::{Overlay, Screen};

mod support;

use support::tui::Harness;

const ARTICLE: &str = "I have a confession. Despite having been hired multiple times in part \
due to my experience with monitoring platforms, I have come to hate monitoring.\n\n\
> It's not the tools. It's that every alert is a promise that someone will wake up and do \
something, and most of ours were promises nobody meant to keep.\n\n\
## What went wrong\n\n\
The first dashboard we built had forty panels. Nobody looked at thirty-eight of them. \
We paged on **symptoms** and on causes alike:\n\n\
- disk at 80 %\n- a queue *slightly* behind\n- `cron` exit codes\n\n\
Every one of those pages was somebody's night.";

const HIGHLIGHT: &str = "Nobody looked at thirty-eight of them.";

fn add(store: &Store, link: NewLink) -> i64 {
    match store.add_link(&link).unwrap() {
        AddOutcome::Added(id) => id,
        other => panic!("{other:?}"),
    }
}

/// Stores `markdown` as the link's readable text, the way a fetch does.
fn fetched(store: &Store, id: i64, markdown: &str) {
    let text = roundup::text::markdown_to_text(markdown);
    let meta = PageMeta {
        authors: vec!["Mathew Duggan".into()],
        readable: Some(Readable::Article {
            markdown: markdown.to_string(),
            words: roundup::text::word_count(&text),
            text,
        }),
        ..PageMeta::default()
    };
    store.record_fetch(id, &Ok(meta)).unwrap();
}

/// One fetched article (tagged, with a highlight) and one link never fetched.
fn fill(store: &Store) {
    let unread = add(
        store,
        NewLink {
            url: "https://never.example/post".into(),
            title: Some("A post nobody fetched".into()),
            added_at: Some("2026-11-01T10:00:00Z".into()),
            ..NewLink::default()
        },
    );
    assert!(unread > 0);
    let id = add(
        store,
        NewLink {
            url: "https://duggan.example/hate-monitoring".into(),
            title: Some("I hate monitoring".into()),
            source: Some("pocket".into()),
            tags: vec!["sre".into(), "Monitoring".into()],
            quote_candidates: vec![QuoteCandidate {
                text: HIGHLIGHT.into(),
                ..QuoteCandidate::default()
            }],
            ..NewLink::default()
        },
    );
    fetched(store, id, ARTICLE);
}

fn open(w: u16, h: u16) -> Harness {
    let mut h = Harness::open(w, h, fill, None);
    h.settle();
    h
}

fn link_id(h: &Harness) -> i64 {
    h.runner
        .store
        .find_by_url("https://duggan.example/hate-monitoring")
        .unwrap()
        .unwrap()
        .id
}

#[test]
fn reader_snapshots() {
    for (w, hgt) in [(80, 24), (120, 36)] {
        let size = format!("{w}x{hgt}");
        let mut h = open(w, hgt);
        assert_eq!(h.app.inbox.selected_id(), Some(link_id(&h)));
        h.keys("R");
        assert_eq!(h.app.screen, Screen::Reader);
        insta::assert_snapshot!(format!("reader_article_{size}"), h.screen());
        h.keys("/");
        h.typ("panels");
        insta::assert_snapshot!(format!("reader_search_{size}"), h.screen());
        h.keys("enter v s");
        insta::assert_snapshot!(format!("reader_selection_{size}"), h.screen());
    }
    let mut h = open(80, 24);
    h.keys("j R");
    insta::assert_snapshot!("reader_no_text_80x24", h.screen());
}

#[test]
fn inbox_reader_select_extend_quote_places_the_link_and_saves_the_anchor() {
    let mut h = open(100, 30);
    let id = link_id(&h);
    let screen = h.screen();
    assert!(
        screen.contains("1 min"),
        "reading time in the list:\n{screen}"
    );
    assert!(screen.contains("pocket · #monitoring #sre"), "{screen}");
    h.keys("R v");
    let r = h.app.reader.as_ref().unwrap();
    assert_eq!(r.selected_text(), Some("I have a confession."));
    h.keys("s w w");
    let r = h.app.reader.as_ref().unwrap();
    let picked = r.selected_text().unwrap().to_string();
    assert!(
        picked.ends_with("hate monitoring.\n\nIt's not"),
        "two words into the next paragraph: {picked}"
    );
    h.keys("W W y");
    let msg = h.app.status.message.clone().unwrap();
    assert!(
        msg.starts_with("Quoted into «I hate monitoring» (Articles #1)"),
        "{msg}"
    );
    h.settle();
    assert_eq!(h.runner.store.link(id).unwrap().state, LinkState::Used);
    let draft = h.runner.store.current_draft().unwrap().unwrap();
    let entry = draft
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .find(|e| e.link_id == id)
        .expect("the link was placed");
    assert!(
        entry
            .body
            .starts_with("> I have a confession. Despite having been hired"),
        "{}",
        entry.body
    );
    assert!(
        entry
            .body
            .trim_end()
            .ends_with("I have come to hate monitoring.")
    );
    assert_eq!(roundup::model::body::quotes(&entry.body).len(), 1);
    let anchors = h.runner.store.anchors(entry.id).unwrap();
    assert_eq!(anchors.len(), 1);
    assert!(anchors[0].exact.ends_with("come to hate monitoring."));
    let suffix = &anchors[0].suffix;
    assert!(suffix.contains("It's not the tools"), "{suffix:?}");
    // A second quote goes into the same entry, after the first.
    h.keys("/");
    h.typ("forty");
    h.keys("enter v s y");
    h.settle();
    let body = h.runner.store.entry(entry.id).unwrap().body;
    assert_eq!(roundup::model::body::quotes(&body).len(), 2, "{body}");
    h.keys("esc esc");
    assert_eq!(h.app.screen, Screen::Inbox);
}

/// A draft holding the article's entry, the issue screen's cursor on it, its editor open.
fn editing() -> Harness {
    let mut h = Harness::open(
        100,
        30,
        |store| {
            fill(store);
            let id = store
                .find_by_url("https://duggan.example/hate-monitoring")
                .unwrap()
                .unwrap()
                .id;
            let config = roundup::config::Config::builtin().unwrap();
            let entry = roundup::compose::place_link(store, &config, id, None).unwrap();
            store
                .update_entry_field(
                    entry.id,
                    roundup::store::EntryField::Body("My take first.".into()),
                )
                .unwrap();
        },
        None,
    );
    h.settle();
    h.keys("2");
    for _ in 0..10 {
        if matches!(h.app.issue.current(), Some(Row::Entry(..))) {
            break;
        }
        h.keys("j");
    }
    h.keys("enter");
    assert_eq!(h.app.screen, Screen::Editor);
    h
}

fn entry_body(h: &Harness) -> String {
    let draft = h.runner.store.current_draft().unwrap().unwrap();
    draft.sections[0].entries[0].body.clone()
}

#[test]
fn the_editor_reads_and_quotes_at_its_cursor() {
    let mut h = editing();
    h.keys("ctrl-r");
    assert_eq!(h.app.screen, Screen::Reader);
    assert!(h.screen().contains("I have a confession."));
    h.keys("v y esc");
    assert_eq!(
        h.app.screen,
        Screen::Editor,
        "back where the reader was opened"
    );
    h.settle();
    assert_eq!(
        entry_body(&h),
        "My take first.\n\n> I have a confession.",
        "the quote goes in at the editor's cursor"
    );
    assert!(h.screen().contains("> I have a confession."));
    let entry = h.runner.store.current_draft().unwrap().unwrap().sections[0].entries[0].id;
    let anchors = h.runner.store.anchors(entry).unwrap();
    assert_eq!(anchors[0].exact, "I have a confession.");
}

#[test]
fn the_issue_screen_reads_its_entry_and_quotes_at_the_end_of_the_body() {
    let mut h = editing();
    h.keys("esc r");
    assert_eq!(h.app.screen, Screen::Reader);
    assert!(h.app.reader.as_ref().unwrap().entry_id.is_some());
    h.keys("?");
    let help = h.screen();
    assert!(help.contains("Keys · Reader"), "{help}");
    assert!(help.contains("selection +1 sentence"), "{help}");
    h.keys("esc v j y esc");
    assert_eq!(h.app.screen, Screen::Issue);
    h.settle();
    assert_eq!(
        entry_body(&h),
        "My take first.\n\n> Despite having been hired multiple times in part due to my \
         experience with monitoring platforms, I have come to hate monitoring."
    );
}

#[test]
fn the_highlight_picker_inserts_a_candidate_as_a_block_quote() {
    let mut h = editing();
    h.keys("ctrl-g");
    assert!(matches!(h.app.overlay, Some(Overlay::Candidates(_))));
    let screen = h.screen();
    assert!(screen.contains("Highlights (1)"), "{screen}");
    assert!(screen.contains(HIGHLIGHT), "{screen}");
    h.keys("enter");
    assert!(h.app.overlay.is_none());
    h.settle();
    assert_eq!(entry_body(&h), format!("My take first.\n\n> {HIGHLIGHT}"));
    // In the reader the highlight is marked where the text has it.
    h.keys("ctrl-r");
    let r = h.app.reader.as_ref().unwrap();
    assert_eq!(r.candidates.len(), 1);
    assert!(h.screen().contains("1 of 1 highlights found"));
}

#[test]
fn inbox_filter_by_tag() {
    let mut h = Harness::open(
        100,
        30,
        |store| {
            fill(store);
            add(
                store,
                NewLink {
                    url: "https://k.example/lag".into(),
                    title: Some("Kafka lag".into()),
                    tags: vec!["sre".into(), "kafka".into()],
                    ..NewLink::default()
                },
            );
        },
        None,
    );
    h.settle();
    assert_eq!(h.app.inbox.visible.len(), 3);
    h.keys("/");
    h.typ("#sre ");
    assert_eq!(h.app.inbox.visible.len(), 2);
    h.typ("#kafka");
    assert_eq!(h.app.inbox.visible.len(), 1);
    assert_eq!(h.app.inbox.selected_row().unwrap().title(), "Kafka lag");
    // Tags and fuzzy words together.
    h.keys("esc /");
    h.typ("#sre hate");
    assert_eq!(h.app.inbox.visible.len(), 1);
    assert_eq!(
        h.app.inbox.selected_row().unwrap().title(),
        "I hate monitoring"
    );
    assert!(h.screen().contains("filter: #sre hate"));
}
