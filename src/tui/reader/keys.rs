//! What the reader's keys do: open it on the inbox's link, the issue's entry or the edited
//! entry; scroll; search as the query is typed; select by sentence and grow or shrink the
//! selection by word, sentence, line or paragraph; take it as a pull-quote; go back.

use super::doc::Unit;
use super::state::{Article, Body, ReaderState, page_height};
use crate::text::anchor::anchor_passage;
use crate::tui::action::Action;
use crate::tui::editor::state::Target;
use crate::tui::effects::{AppFx, Effect, InboxFx, ReaderFx};
use crate::tui::issue::state::{Pick, PickerState, Row};
use crate::tui::state::{App, Overlay, Screen};

/// Opens the reader on what the current screen has selected.
pub fn open(app: &mut App) -> Vec<Effect> {
    let target = match app.screen {
        Screen::Inbox => app
            .inbox
            .selected_row()
            .map(|r| (r.id, None, r.title().to_string())),
        Screen::Issue => match (app.issue.current(), &app.issue.issue) {
            (Some(Row::Entry(si, ei)), Some(issue)) => issue
                .sections
                .get(si)
                .and_then(|s| s.entries.get(ei))
                .map(|e| {
                    let title = e.title.clone().unwrap_or_else(|| e.url.clone());
                    (e.link_id, Some(e.id), title)
                }),
            _ => None,
        },
        Screen::Editor => match app.editor.as_ref().map(|e| e.target) {
            Some(Target::Entry(id)) => entry_link(app, id),
            _ => None,
        },
        _ => None,
    };
    let Some((link_id, entry_id, title)) = target else {
        app.status
            .error("Nothing to read here: select a link or an entry");
        return vec![];
    };
    app.reader = Some(ReaderState::new(link_id, entry_id, app.screen, &title));
    app.screen = Screen::Reader;
    vec![ReaderFx::Load(link_id).into()]
}

/// The link and title of an entry of the issue shown.
fn entry_link(app: &App, entry_id: i64) -> Option<(i64, Option<i64>, String)> {
    let issue = app.issue.issue.as_ref()?;
    let e = issue
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .find(|e| e.id == entry_id)?;
    let title = e.title.clone().unwrap_or_else(|| e.url.clone());
    Some((e.link_id, Some(e.id), title))
}

pub fn on_article(app: &mut App, article: Article) {
    let cols = app.size.0;
    if let Some(r) = app.reader.as_mut().filter(|r| r.link_id == article.link_id) {
        r.set_article(article, cols);
        if !r.search.query.is_empty() {
            research(r, page_height(app.size.1));
        }
    }
}

/// A quote reached the entry: later quotes go into the same entry.
pub fn on_quoted(app: &mut App, link_id: i64, entry_id: i64) {
    if let Some(r) = app.reader.as_mut().filter(|r| r.link_id == link_id) {
        r.entry_id = Some(entry_id);
    }
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let page = page_height(app.size.1);
    let cols = app.size.0;
    let Some(r) = app.reader.as_mut() else {
        app.screen = Screen::Inbox;
        return vec![];
    };
    r.relayout(cols);
    let last = r.last_scroll(page);
    match action {
        Action::Back if r.selection.is_some() => r.selection = None,
        Action::Back if !r.search.query.is_empty() => r.search = Default::default(),
        Action::Back => {
            app.screen = r.origin;
            app.reader = None;
        }
        Action::Up | Action::Down if r.selection.is_some() => {
            step_sentence(r, action == Action::Down, page)
        }
        Action::Up => r.scroll = r.scroll.saturating_sub(1),
        Action::Down => r.scroll = (r.scroll + 1).min(last),
        Action::Top => r.scroll = 0,
        Action::Bottom => r.scroll = last,
        Action::PageUp => r.scroll = r.scroll.saturating_sub(page.saturating_sub(1).max(1)),
        Action::PageDown => r.scroll = (r.scroll + page.saturating_sub(1).max(1)).min(last),
        Action::Search => {
            r.search = Default::default();
            r.search.typing = true;
        }
        Action::NextMatch | Action::PrevMatch => step_match(r, action == Action::NextMatch, page),
        Action::Select => select(r, page),
        Action::ExtendWord => resize(r, Unit::Word, true, page),
        Action::ShrinkWord => resize(r, Unit::Word, false, page),
        Action::ExtendSentence => resize(r, Unit::Sentence, true, page),
        Action::ShrinkSentence => resize(r, Unit::Sentence, false, page),
        Action::ExtendLine => resize(r, Unit::Line, true, page),
        Action::ShrinkLine => resize(r, Unit::Line, false, page),
        Action::ExtendParagraph => resize(r, Unit::Paragraph, true, page),
        Action::ShrinkParagraph => resize(r, Unit::Paragraph, false, page),
        Action::TakeQuote => return take_quote(app),
        Action::Refetch => {
            let id = r.link_id;
            r.body = Body::Loading;
            app.status.info("Fetching the page again…");
            return vec![InboxFx::Fetch(vec![id]).into()];
        }
        Action::Open if !r.url.is_empty() => return vec![AppFx::OpenUrl(r.url.clone()).into()],
        _ => {}
    }
    vec![]
}

/// Keys typed into the search: text narrows it at once (the first match at or after the top
/// of the screen is shown), Enter keeps it, Esc drops it.
pub fn search_input(app: &mut App, action: Option<Action>, ch: Option<char>, backspace: bool) {
    let page = page_height(app.size.1);
    let Some(r) = app.reader.as_mut() else {
        return;
    };
    match action {
        Some(Action::Confirm) => r.search.typing = false,
        Some(Action::Back) => r.search = Default::default(),
        _ => {
            if let Some(c) = ch {
                r.search.query.push(c);
            } else if backspace {
                r.search.query.pop();
            } else {
                return;
            }
            research(r, page);
        }
    }
}

/// A paste goes into the search being typed (one line); anywhere else in the reader it is
/// ignored rather than taken for URLs to add.
pub fn on_paste(app: &mut App, text: &str) {
    let page = page_height(app.size.1);
    if let Some(r) = app.reader.as_mut().filter(|r| r.search.typing) {
        r.search
            .query
            .push_str(&text.split_whitespace().collect::<Vec<_>>().join(" "));
        research(r, page);
    }
}

fn research(r: &mut ReaderState, page: usize) {
    let top = r.lines.get(r.scroll).map_or(0, |l| l.range.start);
    r.search.matches = r.doc().map(|d| d.find(&r.search.query)).unwrap_or_default();
    r.search.current = r.search.matches.iter().position(|m| m.start >= top).or((!r
        .search
        .matches
        .is_empty())
    .then_some(0));
    if let Some(m) = r.search.current.and_then(|i| r.search.matches.get(i)) {
        let at = m.start;
        r.show(at, page);
    }
}

fn step_match(r: &mut ReaderState, forward: bool, page: usize) {
    let n = r.search.matches.len();
    if n == 0 {
        return;
    }
    let i = match (r.search.current, forward) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, _) => 0,
    };
    r.search.current = Some(i);
    let at = r.search.matches[i].start;
    r.show(at, page);
}

/// Starts a selection: the search match shown (whole words), else the first sentence that
/// starts on the screen.
fn select(r: &mut ReaderState, page: usize) {
    let Some(doc) = r.doc() else {
        return;
    };
    let top = r.lines.get(r.scroll).map_or(0, |l| l.range.start);
    let bottom = r
        .lines
        .get(r.scroll + page)
        .map_or(usize::MAX, |l| l.range.start);
    let shown_match = r
        .search
        .current
        .and_then(|i| r.search.matches.get(i))
        .filter(|m| m.start >= top && m.start < bottom)
        .cloned();
    r.selection = match shown_match {
        Some(m) => Some(doc.whole_words(m)),
        None => {
            let sentences = doc.sentences();
            sentences
                .iter()
                .find(|s| s.start >= top)
                .or(sentences.iter().find(|s| s.end > top))
                .or(sentences.last())
                .cloned()
        }
    };
}

/// Moves the selection to the next (or previous) sentence, one sentence long.
fn step_sentence(r: &mut ReaderState, forward: bool, page: usize) {
    let (Some(doc), Some(sel)) = (r.doc(), r.selection.clone()) else {
        return;
    };
    let sentences = doc.sentences();
    let next = if forward {
        sentences.iter().find(|s| s.start >= sel.end)
    } else {
        sentences.iter().rev().find(|s| s.start < sel.start)
    };
    if let Some(s) = next.cloned() {
        let at = s.start;
        r.selection = Some(s);
        r.show(at, page);
    }
}

/// Grows (or shrinks) the selection's end to the next (or previous) end of `unit`; without
/// a selection, growing starts one.
fn resize(r: &mut ReaderState, unit: Unit, grow: bool, page: usize) {
    if r.selection.is_none() {
        if grow {
            select(r, page);
        }
        return;
    }
    let Some(doc) = r.doc() else {
        return;
    };
    let Some(sel) = r.selection.clone() else {
        return;
    };
    let ends = doc.ends(unit, &r.lines);
    let end = if grow {
        ends.iter().find(|e| **e > sel.end)
    } else {
        ends.iter().rev().find(|e| **e < sel.end && **e > sel.start)
    };
    if let Some(&end) = end {
        r.selection = Some(sel.start..end);
        r.show(end, page);
    }
}

/// Takes the selection as a pull-quote, with its anchor. From the editor it goes in at the
/// editor's cursor (the editor saves it as typing does); else the runner appends it to the
/// entry's body, placing the link first when it is still in the inbox.
fn take_quote(app: &mut App) -> Vec<Effect> {
    let Some(r) = app.reader.as_mut() else {
        return vec![];
    };
    let anchor = match (r.doc(), r.selection.clone()) {
        (Some(doc), Some(sel)) => anchor_passage(&doc.text, sel),
        _ => None,
    };
    let Some(anchor) = anchor else {
        app.status
            .error("Select a passage first (v starts at the sentence on screen)");
        return vec![];
    };
    let link_id = r.link_id;
    // A link in no section of the draft yet: the editor picks the section first, as `enter`
    // does in the inbox (the selection stays until then, so Esc loses nothing).
    let in_draft = app.issue.issue.as_ref().is_some_and(|i| {
        i.sections
            .iter()
            .flat_map(|s| &s.entries)
            .any(|e| e.link_id == link_id)
    });
    if r.entry_id.is_none()
        && !in_draft
        && let Some(mut picker) = PickerState::for_place(app.issue.issue.as_ref(), link_id, &r.url)
    {
        let number = app.issue.issue.as_ref().map_or(0, |i| i.number);
        picker.title = format!("Quote into #{number} · which section?");
        picker.purpose = Pick::Quote(link_id);
        r.pending_quote = Some(anchor);
        app.overlay = Some(Overlay::Picker(picker));
        return vec![];
    }
    r.selection = None;
    let editing = match (&app.editor, r.entry_id) {
        (Some(ed), Some(id)) if r.origin == Screen::Editor && ed.target == Target::Entry(id) => {
            Some((id, ed.heading.clone()))
        }
        _ => None,
    };
    let title = r.title.clone();
    match (editing, app.editor.as_mut()) {
        (Some((entry_id, heading)), Some(ed)) => {
            let mut fx = ed.insert_block_quote(&anchor.exact);
            fx.push(ReaderFx::SaveAnchor { entry_id, anchor }.into());
            let place = heading.trim_start_matches("Entry · ");
            app.status.info(format!(
                "Quoted into «{}» ({place})",
                crate::tui::view::fit(&title, 40)
            ));
            fx
        }
        _ => vec![
            ReaderFx::Quote {
                link_id,
                entry_id: r.entry_id,
                anchor,
                section: None,
            }
            .into(),
        ],
    }
}
