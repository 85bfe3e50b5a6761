//! `update` key by key on plain data: no terminal, no database.

use super::effects::{
    AppFx, Destination, EditorFx, Effect, ExportFormat, ExportFx, InboxFx, IssueFx,
};
use super::keymap::{Key, Keymap};
use super::state::{App, Msg, Overlay, Screen};
use super::update::update;
use crate::model::{Credit, Entry, Issue, IssueStatus, LinkState, Section, SectionStyle};
use crate::store::InboxRow;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

pub(super) fn app() -> App {
    let mut app = App::new(Keymap::defaults(), (100, 30), 1_000_000);
    let rows = vec![
        InboxRow::new(
            3,
            "Kafka split-brain",
            "Fred Hebert",
            "Honeycomb",
            "https://h.example/k",
            999_000,
            LinkState::Inbox,
        ),
        InboxRow::new(
            2,
            "Tiered storage",
            "Jane Doe",
            "Confluent",
            "https://c.example/t",
            998_000,
            LinkState::Inbox,
        ),
        InboxRow::new(
            1,
            "Heroku",
            "",
            "Heroku Status",
            "https://status.heroku.com/incidents/1",
            997_000,
            LinkState::Held,
        ),
    ];
    update(
        &mut app,
        Msg::InboxLoaded {
            rows,
            complete: true,
        },
    );
    app
}

fn entry(id: i64, section: i64, pos: i64) -> Entry {
    Entry {
        id,
        section_id: section,
        link_id: 100 + id,
        position: pos,
        url: format!("https://e.example/{id}"),
        title: Some(format!("Entry {id}")),
        body: String::new(),
        credit: Credit::default(),
        disclosures: vec![],
    }
}

pub(super) fn issue() -> Issue {
    let section = |id, heading: &str, style, entries| Section {
        id,
        issue_id: 1,
        heading: heading.into(),
        style,
        show_heading: true,
        position: id,
        entries,
    };
    Issue {
        id: 1,
        number: 380,
        title: "SRE Weekly Issue #380".into(),
        date: None,
        status: IssueStatus::Draft,
        intro: None,
        sponsor: None,
        sections: vec![
            section(
                10,
                "Articles",
                SectionStyle::Articles,
                vec![entry(1, 10, 0), entry(2, 10, 1)],
            ),
            section(11, "Outages", SectionStyle::List, vec![]),
        ],
    }
}

pub(super) fn keys(app: &mut App, spec: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for k in spec.split(' ') {
        let key = Key::parse(k).unwrap();
        fx.extend(update(
            app,
            Msg::Key(KeyEvent::new(key.code, key.mods | shift(key.code))),
        ));
    }
    fx
}

fn shift(code: ratatui::crossterm::event::KeyCode) -> KeyModifiers {
    match code {
        ratatui::crossterm::event::KeyCode::Char(c) if c.is_ascii_uppercase() => {
            KeyModifiers::SHIFT
        }
        _ => KeyModifiers::NONE,
    }
}

#[test]
fn vim_and_arrow_keys_move_and_ask_for_details() {
    let mut app = app();
    assert_eq!(
        keys(&mut app, "j"),
        vec![Effect::Inbox(InboxFx::LoadDetail(2))]
    );
    assert_eq!(
        keys(&mut app, "down"),
        vec![Effect::Inbox(InboxFx::LoadDetail(1))]
    );
    keys(&mut app, "g");
    assert_eq!(app.inbox.cursor.selected, 0);
    keys(&mut app, "G");
    assert_eq!(app.inbox.cursor.selected, 2);
}

#[test]
fn filter_narrows_as_you_type_and_esc_clears() {
    let mut app = app();
    keys(&mut app, "/ c o n f");
    assert_eq!(app.inbox.visible.len(), 1);
    assert_eq!(app.inbox.selected_id(), Some(2));
    keys(&mut app, "esc");
    assert!(!app.inbox.filtering);
    assert_eq!(app.inbox.visible.len(), 3);
}

#[test]
fn hold_discard_restore_write_through() {
    let mut app = app();
    assert!(keys(&mut app, "h").contains(&Effect::Inbox(InboxFx::SetState(3, LinkState::Held))));
    assert!(app.status.unsaved);
    assert!(
        keys(&mut app, "d").contains(&Effect::Inbox(InboxFx::SetState(3, LinkState::Discarded)))
    );
    assert_eq!(app.inbox.visible.len(), 2);
    assert!(keys(&mut app, "u").contains(&Effect::Inbox(InboxFx::SetState(3, LinkState::Inbox))));
    assert_eq!(app.inbox.visible.len(), 3);
    update(&mut app, Msg::Saved);
    assert!(!app.status.unsaved && app.status.saved_once);
}

#[test]
fn stale_links_go_in_one_action() {
    let mut app = app();
    // Nothing is 28 days old: D says so and writes nothing.
    assert!(keys(&mut app, "D").is_empty());
    assert!(
        app.status
            .message
            .as_deref()
            .unwrap()
            .contains("No stale links")
    );
    // With an age of 0 days the two inbox links (added minutes before `now`) are stale; the
    // held one is not.
    app.inbox.stale_days = 0;
    let fx = keys(&mut app, "D");
    assert_eq!(
        fx,
        vec![Effect::Inbox(InboxFx::SetStates(
            vec![3, 2],
            LinkState::Discarded
        ))]
    );
    assert_eq!(app.inbox.visible.len(), 1);
    assert!(
        app.status
            .message
            .as_deref()
            .unwrap()
            .contains("Discarded 2 stale")
    );
}

#[test]
fn placing_asks_for_a_section_and_defaults_status_pages_to_the_list() {
    let mut app = app();
    update(
        &mut app,
        Msg::IssueLoaded {
            issue: Some(Box::new(issue())),
            issues: vec![],
        },
    );
    keys(&mut app, "G enter");
    let Some(Overlay::Picker(p)) = &app.overlay else {
        panic!("no picker")
    };
    assert_eq!(p.options[p.cursor.selected].1, "Outages");
    let fx = keys(&mut app, "enter");
    assert!(fx.contains(&Effect::Inbox(InboxFx::Place {
        link_id: 1,
        section: Some(11)
    })));
    assert!(app.overlay.is_none());
}

#[test]
fn no_draft_places_into_a_new_one() {
    let mut app = app();
    let fx = keys(&mut app, "enter");
    assert!(fx.contains(&Effect::Inbox(InboxFx::Place {
        link_id: 3,
        section: None
    })));
}

#[test]
fn issue_keys_reorder_move_remove_and_export() {
    let mut app = app();
    update(
        &mut app,
        Msg::IssueLoaded {
            issue: Some(Box::new(issue())),
            issues: vec![],
        },
    );
    keys(&mut app, "2");
    assert_eq!(app.screen, Screen::Issue);
    // Rows: sponsor, intro, Articles, entry 1, entry 2, Outages.
    let fx = keys(&mut app, "j j j J");
    assert_eq!(
        fx,
        vec![Effect::Issue(IssueFx::MoveEntry {
            entry_id: 1,
            delta: 1
        })]
    );
    assert_eq!(
        app.issue.issue.as_ref().unwrap().sections[0].entries[1].id,
        1
    );
    keys(&mut app, "m");
    assert!(matches!(app.overlay, Some(Overlay::Picker(_))));
    assert_eq!(
        keys(&mut app, "enter"),
        vec![Effect::Issue(IssueFx::MoveEntryTo {
            entry_id: 1,
            section_id: 11
        })]
    );
    let fx = keys(&mut app, "x");
    assert!(fx.contains(&Effect::Issue(IssueFx::RemoveEntry(1))));
    // Sections reorder with the same keys on a heading.
    let fx = keys(&mut app, "k k K");
    assert_eq!(fx, vec![]);
    let fx = keys(&mut app, "G K");
    assert_eq!(
        fx,
        vec![Effect::Issue(IssueFx::MoveSection {
            section_id: 11,
            delta: -1
        })]
    );
    app.export_prefs.dir = "/x".into();
    let fx = keys(&mut app, "e j tab j enter");
    assert_eq!(
        fx,
        vec![Effect::Export(ExportFx {
            issue_id: 1,
            format: ExportFormat::Html,
            dest: Destination::File("/x/issue-380.html".into()),
            overwrite: false,
        })]
    );
}

#[test]
fn editor_writes_through_and_esc_backs_out() {
    let mut app = app();
    update(
        &mut app,
        Msg::IssueLoaded {
            issue: Some(Box::new(issue())),
            issues: vec![],
        },
    );
    let fx = keys(&mut app, "2 j j j enter");
    assert_eq!(
        fx,
        vec![Effect::Editor(EditorFx::SuggestDisclosures { entry_id: 1 })]
    );
    assert_eq!(app.screen, Screen::Editor);
    let fx = keys(&mut app, "O k");
    let Some(Effect::Editor(EditorFx::SaveEntry { entry_id: 1, edit })) = fx.last() else {
        panic!("{fx:?}")
    };
    assert_eq!(edit.body, "Ok");
    // q types a q in a text field: it does not quit.
    keys(&mut app, "q");
    assert!(!app.quit);
    let fx = keys(&mut app, "ctrl-e");
    assert_eq!(
        fx,
        vec![Effect::App(AppFx::ExternalEdit {
            field: 1,
            text: "Okq".into()
        })]
    );
    let fx = update(
        &mut app,
        Msg::ExternalEdited {
            field: 1,
            text: "From vi\n".into(),
        },
    );
    let Some(Effect::Editor(EditorFx::SaveEntry { edit, .. })) = fx.first() else {
        panic!()
    };
    assert_eq!(edit.body, "From vi");
    keys(&mut app, "esc");
    assert_eq!(app.screen, Screen::Issue);
    keys(&mut app, "esc");
    assert_eq!(app.screen, Screen::Inbox);
}

#[test]
fn help_lists_the_keys_of_the_screen_and_q_quits() {
    let mut app = app();
    keys(&mut app, "?");
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!()
    };
    assert!(
        h.lines
            .iter()
            .any(|(k, a)| k == "h" && *a == super::action::Action::Hold)
    );
    keys(&mut app, "esc q");
    assert!(app.quit);
}

#[test]
fn fetch_progress_counts_and_reloads_rows() {
    let mut app = app();
    update(&mut app, Msg::FetchQueued(2));
    update(&mut app, Msg::FetchStarted(3));
    assert!(app.inbox.fetching.contains(&3));
    assert_eq!(
        update(&mut app, Msg::FetchDone { id: 3, ok: false }),
        vec![
            Effect::Inbox(InboxFx::LoadRows(vec![3])),
            Effect::Inbox(InboxFx::LoadDetail(3))
        ]
    );
    assert_eq!(app.status.fetching(), 1);
    update(&mut app, Msg::FetchDone { id: 2, ok: true });
    update(&mut app, Msg::FetchFinished);
    assert_eq!(
        app.status.message.as_deref(),
        Some("Fetched 2 links: 1 failed (✗ in the list)")
    );
}

#[test]
fn another_process_writing_reloads_inbox_issue_and_detail() {
    let mut app = app();
    assert_eq!(
        update(&mut app, Msg::PollChanges),
        vec![Effect::App(AppFx::CheckDataVersion)]
    );
    app.inbox.show_all = true;
    let fx = update(&mut app, Msg::DataChanged);
    assert_eq!(
        fx,
        vec![
            Effect::Inbox(InboxFx::Load {
                all: true,
                limit: None
            }),
            Effect::Issue(IssueFx::Load(None)),
            Effect::Inbox(InboxFx::LoadDetail(3)),
        ]
    );
}
