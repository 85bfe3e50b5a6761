//! `update`: one message in, the state changed, effects out. Pure: no I/O, no clock, no
//! terminal, so every key can be tested on plain data.
//!
//! Keys are resolved to actions through the keymap (first match in the chain of contexts)
//! and routed to the owner: the overlay in front, else the screen. Each owner handles its
//! keys in its own `keys.rs`; a key nobody binds does nothing.

use super::action::Action;
use super::effects::{AppFx, Effect, InboxFx, IssueFx};
use super::help::state::HelpState;
use super::keymap::Key;
use super::state::{App, Msg, Overlay, Screen};
use super::{
    archive, check, dialog, editor, export, help, inbox, issue, preview, quitting, reader,
};
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
        Msg::PollChanges => vec![AppFx::CheckDataVersion.into()],
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
            // The row followed (a moved entry, an archive hit) may be below the page.
            let page = issue::state::page_rows(app.size);
            app.issue.cursor.scroll_into_view(page);
            preview::keys::render(app)
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
                ed.set_suggested(notes);
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
            let mut fx = vec![InboxFx::LoadRows(vec![id]).into()];
            if app.inbox.selected_id() == Some(id) {
                fx.push(InboxFx::LoadDetail(id).into());
            }
            // The reader waiting on this fetch shows the new text.
            if app.reader.as_ref().is_some_and(|r| r.link_id == id) {
                fx.push(super::effects::ReaderFx::Load(id).into());
            }
            fx
        }
        Msg::FetchFinished => {
            app.status.fetches_finished(&mut app.inbox.fetching);
            vec![]
        }
        Msg::ExternalEdited { field, text } => match &mut app.editor {
            Some(ed) => ed.set_text(field, &text),
            None => vec![],
        },
        Msg::Checked { issue_id, problems } => {
            check::state::on_result(app, issue_id, problems);
            vec![]
        }
        Msg::CheckFailed(m) => {
            app.check.running = false;
            app.status.error(m);
            vec![]
        }
        Msg::UrlChecked {
            entry_id,
            url,
            result,
        } => check::state::on_url_checked(app, entry_id, url, result),
        Msg::UrlReplaced { entry_id } => {
            check::state::on_url_replaced(app, entry_id);
            app.status.info("Link replaced with the suggested URL");
            vec![]
        }
        Msg::SearchResults { query, hits } => {
            archive::state::on_results(app, query, hits);
            vec![]
        }
        Msg::AskOverwrite(fx) => export::keys::ask_overwrite(app, fx),
        Msg::ExportPrefs(p) => {
            app.export_prefs = p;
            vec![]
        }
        Msg::AskNewNumber(n) => issue::edit::ask_number(app, n),
        Msg::UndoPush(op) => {
            app.issue.push_undo(op);
            vec![]
        }
        Msg::SectionRestored { old, new } => {
            for op in &mut app.issue.undo {
                op.renumber_section(old, new);
            }
            vec![]
        }
        Msg::Follow(f) => {
            app.issue.follow = Some(f);
            vec![]
        }
        Msg::Article(article) => {
            reader::keys::on_article(app, *article);
            vec![]
        }
        Msg::Quoted { link_id, entry_id } => {
            reader::keys::on_quoted(app, link_id, entry_id);
            vec![]
        }
        Msg::Candidates { link_id, list } => {
            reader::picker::on_candidates(app, link_id, list);
            vec![]
        }
        Msg::Saved => {
            app.status.unsaved = app.status.waiting > 0;
            app.status.saved_once = true;
            vec![]
        }
        Msg::Waiting(n) => {
            quitting::on_waiting(app, n);
            vec![]
        }
        Msg::Recovered(path) => {
            quitting::on_recovered(app, &path);
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
    let mut fx: Vec<Effect> = vec![
        InboxFx::Load {
            all: app.inbox.show_all,
            limit: None,
        }
        .into(),
        IssueFx::Load(app.issue.issue.as_ref().map(|i| i.number)).into(),
    ];
    // The selected link itself may have changed (a fetch by `feed pull`).
    fx.extend(
        app.inbox
            .selected_id()
            .map(|id| InboxFx::LoadDetail(id).into()),
    );
    fx
}

fn detail_of_selection(app: &App) -> Vec<Effect> {
    match app.inbox.selected_id() {
        Some(id) if app.inbox.detail.as_ref().map(|d| d.id) != Some(id) => {
            vec![InboxFx::LoadDetail(id).into()]
        }
        _ => vec![],
    }
}

fn on_paste(app: &mut App, text: &str) -> Vec<Effect> {
    match (&app.overlay, app.screen) {
        (Some(Overlay::Prompt(_)), _) => {
            dialog::keys::on_prompt_paste(app, text);
            vec![]
        }
        (Some(Overlay::Setup(_)), _) => {
            if let Some(Overlay::Setup(s)) = &mut app.overlay {
                super::setup::keys::on_paste(s, text);
            }
            vec![]
        }
        (Some(Overlay::Export(_)), _) => {
            export::keys::on_paste(app, text);
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
        (None, Screen::Reader) => {
            reader::keys::on_paste(app, text);
            vec![]
        }
        // Pasting URLs anywhere else adds them: the quickest capture there is.
        (None, _) => dialog::keys::add_urls(app, text),
    }
}

/// Marks the status "saving…" when a write is on its way; `Msg::Saved` clears it.
fn mark_unsaved(app: &mut App, fx: Vec<Effect>) -> Vec<Effect> {
    if fx.iter().any(Effect::writes) {
        app.status.unsaved = true;
    }
    fx
}

fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    // A message stays until the next key: it was read by then.
    app.status.message = None;
    let action = app.keymap.resolve(&app.chain(), Key::from_event(&key));
    if app.quitting.is_some() {
        return quitting::on_key(app, action, key);
    }
    let fx = route(app, action, key);
    mark_unsaved(app, fx)
}

/// The overlay in front owns the key; else help and quit work everywhere; else the screen.
fn route(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    if let Some(overlay) = &mut app.overlay {
        return match overlay {
            Overlay::Help(h) => {
                match action {
                    Some(Action::Back) => app.overlay = None,
                    Some(a) => {
                        help::keys::on_action(h, a);
                    }
                    None => {}
                }
                vec![]
            }
            Overlay::Prompt(_) => dialog::keys::on_prompt(app, action, key),
            Overlay::Confirm(_) => dialog::keys::on_confirm(app, action),
            Overlay::Export(_) => export::keys::on_key(app, action, key),
            Overlay::Picker(_) => action.map_or_else(Vec::new, |a| issue::keys::on_picker(app, a)),
            Overlay::Check => action.map_or_else(Vec::new, |a| check::keys::on_action(app, a)),
            Overlay::Setup(_) => super::setup::keys::on_key(app, action, key),
            Overlay::Candidates(_) => {
                action.map_or_else(Vec::new, |a| reader::picker::on_action(app, a))
            }
        };
    }
    match action {
        Some(Action::Help) => {
            open_help(app);
            return vec![];
        }
        Some(Action::Quit) => return quitting::quit(app),
        _ => {}
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
        Screen::Inbox if app.inbox.filtering => {
            inbox::keys::filter_input(app, action, ch, backspace)
        }
        Screen::Archive => archive::keys::on_input(app, action, ch, backspace),
        Screen::Reader if app.reader.as_ref().is_some_and(|r| r.search.typing) => {
            reader::keys::search_input(app, action, ch, backspace);
            vec![]
        }
        Screen::Editor if action == Some(Action::Read) => reader::keys::open(app),
        Screen::Editor if action == Some(Action::QuoteCandidates) => reader::picker::open(app),
        Screen::Editor => editor::keys::on_key(app, action, key),
        _ => match action {
            Some(a) => on_screen_action(app, a),
            None => vec![],
        },
    }
}

fn open_help(app: &mut App) {
    let title = match app.screen {
        Screen::Inbox => "Inbox",
        Screen::Issue => "Issue",
        Screen::Editor => "Editor",
        Screen::Preview => "Preview",
        Screen::Archive => "Archive",
        Screen::Reader => "Reader",
    };
    app.overlay = Some(Overlay::Help(HelpState::new(
        title,
        &app.keymap,
        &app.screen_chain(),
    )));
}

/// Actions that switch screens work on every list screen; the rest belong to the screen.
fn on_screen_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::ShowInbox => {
            app.screen = Screen::Inbox;
            return vec![];
        }
        Action::ShowIssue => {
            app.screen = Screen::Issue;
            app.issue.from_archive = None;
            return vec![];
        }
        Action::ShowArchive => {
            app.screen = Screen::Archive;
            return vec![];
        }
        Action::Check if matches!(app.screen, Screen::Issue | Screen::Preview) => {
            return check::keys::start(app);
        }
        Action::Read if matches!(app.screen, Screen::Inbox | Screen::Issue) => {
            return reader::keys::open(app);
        }
        Action::ShowPreview => {
            app.prev_screen = if app.screen == Screen::Preview {
                app.prev_screen
            } else {
                app.screen
            };
            app.screen = Screen::Preview;
            return preview::keys::render(app);
        }
        _ => {}
    }
    match app.screen {
        Screen::Inbox => inbox::keys::on_action(app, action),
        Screen::Issue => issue::keys::on_action(app, action),
        Screen::Preview => preview::keys::on_action(app, action),
        Screen::Reader => reader::keys::on_action(app, action),
        Screen::Editor | Screen::Archive => vec![],
    }
}
