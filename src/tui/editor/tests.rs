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
        blurb: String::new(),
        quotes: vec![],
        credit: Credit::default(),
        disclosures: vec![],
    }
}

fn typed(ed: &mut EditorState, s: &str) -> Option<Effect> {
    let mut last = None;
    for c in s.chars() {
        last = ed
            .on_typed(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .into_iter()
            .next();
    }
    last
}

#[test]
fn typing_saves_each_change_and_quotes_are_added() {
    let mut ed = EditorState::entry(&entry(), "Articles", 0);
    let Some(Effect::Editor(EditorFx::SaveEntry { edit, .. })) = typed(&mut ed, "Great read.")
    else {
        panic!()
    };
    assert_eq!(edit.blurb, "Great read.");
    ed.on_action(Action::AddQuote);
    let Some(Effect::Editor(EditorFx::SaveEntry { edit, .. })) = typed(&mut ed, "> no") else {
        panic!()
    };
    assert_eq!(edit.quotes, vec!["> no".to_string()]);
    ed.on_action(Action::NextField);
    let Some(Effect::Editor(EditorFx::SaveEntry { edit, .. })) = typed(&mut ed, "Ann, Bob") else {
        panic!()
    };
    assert_eq!(edit.credit.authors, vec!["Ann", "Bob"]);
}

#[test]
fn suggested_disclosures_start_unchecked_and_toggle() {
    let mut ed = EditorState::entry(&entry(), "Articles", 0);
    ed.add_suggested(vec!["Full disclosure: X is my employer.".into()]);
    let Effect::Editor(EditorFx::SaveEntry { edit, .. }) = ed.toggle_disclosure().remove(0) else {
        panic!()
    };
    assert_eq!(edit.disclosures.len(), 1);
}
