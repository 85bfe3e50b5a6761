//! The editor's keys on plain data.

use super::*;
use crate::model::{Credit, Entry};
use ratatui::crossterm::event::KeyModifiers;

fn entry() -> Entry {
    Entry {
        id: 7,
        section_id: 1,
        link_id: 3,
        position: 0,
        url: "https://a.example/".into(),
        title: None,
        body: String::new(),
        credit: Credit::default(),
        disclosures: vec![],
    }
}

fn typed(ed: &mut EditorState, s: &str) -> Option<EntryEditOf> {
    let mut last = None;
    for c in s.chars() {
        last = saved(ed.on_typed(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    last
}

type EntryEditOf = crate::tui::effects::EntryEdit;

/// The entry write among `fx`.
fn saved(fx: Vec<Effect>) -> Option<EntryEditOf> {
    fx.into_iter().find_map(|e| match e {
        Effect::Editor(EditorFx::SaveEntry { edit, .. }) => Some(edit),
        _ => None,
    })
}

#[test]
fn typing_saves_each_change_and_a_quote_starts_at_the_cursor() {
    let mut ed = EditorState::entry(&entry(), "Articles", 0);
    assert_eq!(typed(&mut ed, "Great read.").unwrap().body, "Great read.");
    saved(ed.on_action(Action::AddQuote)).unwrap();
    let edit = typed(&mut ed, "A quote.").unwrap();
    assert_eq!(edit.body, "Great read.\n\n> A quote.");
    ed.on_action(Action::NextField);
    assert_eq!(
        typed(&mut ed, "Ann, Bob").unwrap().credit.authors,
        vec!["Ann", "Bob"]
    );
}

#[test]
fn a_quote_can_come_first_and_commentary_follow() {
    let mut ed = EditorState::entry(&entry(), "Articles", 0);
    ed.on_action(Action::AddQuote);
    typed(&mut ed, "I have a confession.");
    ed.on_typed(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    ed.on_typed(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let edit = typed(&mut ed, "This jaded tale.").unwrap();
    assert_eq!(edit.body, "> I have a confession.\n\nThis jaded tale.");
}

#[test]
fn pasting_keeps_paragraph_breaks_whatever_the_line_ending() {
    for sep in ["\r\r", "\n\n", "\r\n\r\n"] {
        let mut ed = EditorState::entry(&entry(), "Articles", 0);
        let edit = saved(ed.on_paste(&format!("PARA ONE.{sep}PARA TWO."))).unwrap();
        assert_eq!(edit.body, "PARA ONE.\n\nPARA TWO.", "{sep:?}");
    }
    // Into a quote line, every pasted line stays in the quote.
    let mut ed = EditorState::entry(&entry(), "Articles", 0);
    ed.on_action(Action::AddQuote);
    let edit = saved(ed.on_paste("roses are red\rviolets are blue\r\rthe end")).unwrap();
    assert_eq!(
        edit.body,
        "> roses are red\n> violets are blue\n>\n> the end"
    );
    // A one-line field takes the paste on one line.
    ed.focus = 0;
    let edit = saved(ed.on_paste("A\r\ntitle")).unwrap();
    assert_eq!(edit.title.as_deref(), Some("A title"));
}

#[test]
fn notes_are_typed_and_suggestions_toggle_lines() {
    let mut ed = EditorState::entry(&entry(), "Articles", 0);
    ed.focus = ed.position(Role::Notes).unwrap();
    let edit = typed(&mut ed, "Full disclosure: I know the author.").unwrap();
    assert_eq!(
        edit.disclosures,
        vec!["Full disclosure: I know the author."]
    );
    ed.set_suggested(vec!["Full disclosure: X is my employer.".into()]);
    let edit = saved(ed.toggle_disclosure()).unwrap();
    assert_eq!(edit.disclosures.len(), 2);
    assert!(ed.has_note("Full disclosure: X is my employer."));
    let edit = saved(ed.toggle_disclosure()).unwrap();
    assert_eq!(
        edit.disclosures,
        vec!["Full disclosure: I know the author."]
    );
}

#[test]
fn undo_and_redo_in_a_text_area() {
    let mut ed = EditorState::entry(&entry(), "Articles", 0);
    typed(&mut ed, "abc");
    let edit = saved(ed.on_action(Action::Undo)).unwrap();
    assert_eq!(edit.body, "ab");
    let edit = saved(ed.on_action(Action::Redo)).unwrap();
    assert_eq!(edit.body, "abc");
}

#[test]
fn a_long_paragraph_typed_by_mistake_is_undone_back_to_what_was_there() {
    let mut e = entry();
    e.body = "Kept.".into();
    let mut ed = EditorState::entry(&e, "Articles", 0);
    let mistake = "word ".repeat(60); // 300 edits
    typed(&mut ed, &mistake);
    let mut last = None;
    for _ in 0..300 {
        last = saved(ed.on_action(Action::Undo)).or(last);
    }
    assert_eq!(last.unwrap().body, "Kept.");
}
