//! `update`: one message in, the state changed, effects out. Pure: no I/O, no clock, no
//! terminal, so every key can be tested on plain data.

use super::action::Action;
use super::archive::state as archive;
use super::check::state as check;
use super::effects::Effect;
use super::help::state::HelpState;
use super::inbox::keys as inbox;
use super::issue::state as issue;
use super::keymap::Key;
use super::state::{App, Msg, Overlay, Screen};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Paste(text) => on_paste(app, &text),
        Msg::Resize(w, h) => {
            app.size = (w, h);
            vec![]
        }
        Msg::Tick(now) => {
            app.now = now;
            vec![]
        }
        Msg::PollChanges => vec![Effect::CheckDataVersion],
        Msg::DataChanged => reload_all(app),
        Msg::InboxLoaded { rows, complete } => {
            app.inbox.set_rows(rows, complete);
            detail_of_selection(app)
        }
        Msg::RowsUpdated(rows) => {
            app.inbox.upsert(rows);
            detail_of_selection(app)
        }
        Msg::Detail { link, notes } => {
            if app.inbox.selected_id() == Some(link.id) {
                app.inbox.detail = Some(*link);
                app.inbox.detail_notes = notes;
            }
            vec![]
        }
        Msg::IssueLoaded { issue, issues } => {
            app.issue.set_issue(issue.map(|b| *b), issues);
            issue::preview_effect(app)
        }
        Msg::Preview(text) => {
            app.preview.text = text;
            vec![]
        }
        Msg::Suggestions(list) => {
            if let Some(ed) = &mut app.editor {
                ed.set_suggestions(list);
            }
            vec![]
        }
        Msg::Disclosures(notes) => {
            if let Some(ed) = &mut app.editor {
                ed.add_suggested(notes);
            }
            vec![]
        }
        Msg::FetchQueued(n) => {
            app.status.fetch_total += n;
            vec![]
        }
        Msg::FetchStarted(id) => {
            app.inbox.fetching.insert(id);
            vec![]
        }
        Msg::FetchDone { id, ok } => {
            app.inbox.fetching.remove(&id);
            app.status.fetch_done += 1;
            app.status.fetch_failed += usize::from(!ok);
            let mut fx = vec![Effect::LoadRows(vec![id])];
            if app.inbox.selected_id() == Some(id) {
                fx.push(Effect::LoadDetail(id));
            }
            fx
        }
        Msg::FetchFinished => {
            if app.status.fetching() == 0 {
                let (n, failed) = (app.status.fetch_total, app.status.fetch_failed);
                app.status.fetch_total = 0;
                app.status.fetch_done = 0;
                app.status.fetch_failed = 0;
                app.inbox.fetching.clear();
                if n > 0 && app.status.message.is_none() {
                    let s = if n == 1 { "" } else { "s" };
                    match failed {
                        0 => app.status.info(format!("Fetched {n} link{s}")),
                        f => app
                            .status
                            .error(format!("Fetched {n} link{s}: {f} failed (✗ in the list)")),
                    }
                }
            }
            vec![]
        }
        Msg::ExternalEdited { field, text } => match &mut app.editor {
            Some(ed) => ed.set_text(field, &text),
            None => vec![],
        },
        Msg::Checked { issue_id, problems } => {
            check::on_result(app, issue_id, problems);
            vec![]
        }
        Msg::CheckFailed(m) => {
            app.check.running = false;
            app.status.error(m);
            vec![]
        }
        Msg::UrlReplaced { entry_id } => {
            check::on_url_replaced(app, entry_id);
            app.status.info("Link replaced with the suggested URL");
            vec![]
        }
        Msg::SearchResults { query, hits } => {
            archive::on_results(app, query, hits);
            vec![]
        }
        Msg::Saved => {
            app.status.unsaved = false;
            app.status.saved_once = true;
            vec![]
        }
        Msg::Info(m) => {
            app.status.info(m);
            vec![]
        }
        Msg::Error(m) => {
            app.status.error(m);
            vec![]
        }
    }
}

/// Another process wrote: read the inbox and the issue shown again. The inbox keeps its
/// selection (by id) and filter (`InboxState::set_rows`); the issue its cursor.
fn reload_all(app: &App) -> Vec<Effect> {
    let mut fx = vec![
        Effect::LoadInbox {
            all: app.inbox.show_all,
            limit: None,
        },
        Effect::LoadIssue(app.issue.issue.as_ref().map(|i| i.number)),
    ];
    // The selected link itself may have changed (a fetch by `feed pull`).
    fx.extend(app.inbox.selected_id().map(Effect::LoadDetail));
    fx
}

fn detail_of_selection(app: &App) -> Vec<Effect> {
    match app.inbox.selected_id() {
        Some(id) if app.inbox.detail.as_ref().map(|d| d.id) != Some(id) => {
            vec![Effect::LoadDetail(id)]
        }
        _ => vec![],
    }
}

fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    match (&mut app.overlay, app.screen) {
        (Some(Overlay::Prompt(p)), _) => {
            p.text.push_str(&text.replace(['\r', '\n'], " "));
            vec![]
        }
        (Some(_), _) => vec![],
        (None, Screen::Editor) => {
            let fx = app
                .editor
                .as_mut()
                .map(|e| e.on_paste(text))
                .unwrap_or_default();
            mark_unsaved(app, fx)
        }
        (None, Screen::Inbox) if app.inbox.filtering => {
            app.inbox.filter.query.push_str(text.trim());
            app.inbox.refilter(false);
            vec![]
        }
        // Pasting URLs anywhere else adds them: the quickest capture there is.
        (None, _) => inbox::on_prompt_confirm(app, text),
    }
}

/// Marks the status "saving…" when a write is on its way; `Msg::Saved` clears it.
fn mark_unsaved(app: &mut App, fx: Vec<Effect>) -> Vec<Effect> {
    if fx.iter().any(is_write) {
        app.status.unsaved = true;
    }
    fx
}

fn is_write(e: &Effect) -> bool {
    matches!(
        e,
        Effect::SaveEntry { .. }
            | Effect::SaveSponsor { .. }
            | Effect::SaveIntro { .. }
            | Effect::SetLinkState(..)
            | Effect::PlaceLink { .. }
            | Effect::MoveEntry { .. }
            | Effect::MoveEntryTo { .. }
            | Effect::MoveSection { .. }
            | Effect::RemoveEntry(_)
            | Effect::ReplaceUrl { .. }
    )
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    // A message stays until the next key: it was read by then.
    app.status.message = None;
    let action = app.keymap.resolve(&app.chain(), Key::from_event(&key));
    let fx = dispatch(app, action, key);
    mark_unsaved(app, fx)
}

fn dispatch(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if app.overlay.is_some() {
        return on_overlay(app, action, key);
    }
    if action == Some(Action::Help) {
        let title = match app.screen {
            Screen::Inbox => "Inbox",
            Screen::Issue => "Issue",
            Screen::Editor => "Editor",
            Screen::Preview => "Preview",
            Screen::Archive => "Archive",
        };
        app.overlay = Some(Overlay::Help(HelpState::new(
            title,
            &app.keymap,
            &app.screen_chain(),
        )));
        return vec![];
    }
    if action == Some(Action::Quit) {
        app.quit = true;
        return vec![];
    }
    let ch = match key.code {
        KeyCode::Char(c)
            if !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    let backspace = key.code == KeyCode::Backspace;
    match app.screen {
        Screen::Inbox if app.inbox.filtering => inbox::filter_input(app, action, ch, backspace),
        Screen::Archive => archive::on_input(app, action, ch, backspace),
        Screen::Editor => match action {
            Some(Action::Back) => {
                app.editor = None;
                app.screen = app.prev_screen;
                vec![Effect::LoadIssue(
                    app.issue.issue.as_ref().map(|i| i.number),
                )]
            }
            Some(a) => app
                .editor
                .as_mut()
                .map(|e| e.on_action(a))
                .unwrap_or_default(),
            None => app
                .editor
                .as_mut()
                .map(|e| e.on_key(key))
                .unwrap_or_default(),
        },
        _ => match action {
            Some(a) => on_screen_action(app, a),
            None => vec![],
        },
    }
}

fn on_screen_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::ShowInbox => {
            app.screen = Screen::Inbox;
            return vec![];
        }
        Action::ShowIssue => {
            app.screen = Screen::Issue;
            return vec![];
        }
        Action::ShowArchive => {
            app.screen = Screen::Archive;
            return vec![];
        }
        Action::Check if matches!(app.screen, Screen::Issue | Screen::Preview) => {
            return check::start(app);
        }
        Action::ShowPreview => {
            app.prev_screen = if app.screen == Screen::Preview {
                app.prev_screen
            } else {
                app.screen
            };
            app.screen = Screen::Preview;
            return issue::preview_effect(app);
        }
        _ => {}
    }
    match app.screen {
        Screen::Inbox => inbox::on_action(app, action),
        // Esc always backs out: from the issue to the inbox.
        Screen::Issue if action == Action::Back => {
            app.screen = Screen::Inbox;
            vec![]
        }
        Screen::Issue => issue::on_action(app, action),
        Screen::Preview => {
            let page = app.size.1.saturating_sub(4) as usize;
            match action {
                Action::Back => app.screen = app.prev_screen,
                Action::PreviewFormat | Action::Export => return issue::on_action(app, action),
                a => {
                    app.preview.on_action(a, page);
                }
            }
            vec![]
        }
        Screen::Editor | Screen::Archive => vec![],
    }
}

fn on_overlay(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(overlay) = &mut app.overlay else {
        return vec![];
    };
    match overlay {
        Overlay::Help(h) => match action {
            Some(Action::Back) => app.overlay = None,
            Some(a) => h.on_action(a),
            None => {}
        },
        Overlay::Prompt(p) => match action {
            Some(Action::Back) => app.overlay = None,
            Some(Action::Confirm) => {
                let text = std::mem::take(&mut p.text);
                app.overlay = None;
                return inbox::on_prompt_confirm(app, &text);
            }
            _ => match key.code {
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    p.text.push(c)
                }
                KeyCode::Backspace => {
                    p.text.pop();
                }
                _ => {}
            },
        },
        Overlay::Picker(_) => return issue::on_picker(app, action.unwrap_or(Action::Help)),
        Overlay::Check => return check::on_action(app, action.unwrap_or(Action::Help)),
        Overlay::Export(x) => match action {
            Some(Action::Back) => app.overlay = None,
            Some(Action::Check) => {
                app.overlay = None;
                return check::start(app);
            }
            Some(a) => {
                if let Some(effect) = x.on_action(a) {
                    app.overlay = None;
                    return vec![effect];
                }
            }
            None => {}
        },
        Overlay::Confirm(c) => match action {
            Some(Action::Back) => app.overlay = None,
            Some(Action::Confirm) => {
                let id = c.issue_id;
                app.overlay = None;
                return vec![Effect::Publish(id)];
            }
            _ => {}
        },
    }
    vec![]
}
