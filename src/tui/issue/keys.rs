//! What the issue screen's keys do: move through the rows, open the editor, move and remove
//! entries, reorder sections, switch, start, publish and export issues; and the section
//! picker's keys. Structural edits are applied to the state at once for instant feedback and
//! sent as effects; the answer (a reload) then replaces the issue.

use super::state::{Follow, Pick, Row, page_rows};
use super::undo::Undo;
use crate::model::LinkState;
use crate::tui::action::Action;
use crate::tui::effects::{Effect, ExportFx, InboxFx, IssueFx, ReaderFx};
use crate::tui::export::state::ExportState;
use crate::tui::state::{App, Overlay, Screen};

pub fn on_picker(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Picker(p)) = &mut app.overlay else {
        return vec![];
    };
    if p.cursor.navigate(action, p.options.len(), p.options.len()) {
        return vec![];
    }
    match action {
        Action::Back => app.overlay = None,
        Action::Confirm => {
            let Some((section_id, heading)) = p.options.get(p.cursor.selected).cloned() else {
                return vec![];
            };
            let purpose = p.purpose;
            app.overlay = None;
            return match purpose {
                Pick::Place(link_id) => {
                    app.inbox.set_state(link_id, LinkState::Used);
                    app.status.info(format!("Placed in {heading}"));
                    vec![
                        InboxFx::Place {
                            link_id,
                            section: Some(section_id),
                        }
                        .into(),
                        InboxFx::LoadRows(vec![link_id]).into(),
                    ]
                }
                Pick::Quote(link_id) => {
                    let Some(anchor) = app.reader.as_mut().and_then(|r| {
                        r.selection = None;
                        r.pending_quote.take()
                    }) else {
                        return vec![];
                    };
                    app.inbox.set_state(link_id, LinkState::Used);
                    vec![
                        ReaderFx::Quote {
                            link_id,
                            entry_id: None,
                            anchor,
                            section: Some(section_id),
                        }
                        .into(),
                    ]
                }
                Pick::Move(entry_id) => {
                    app.status.info(format!("Moved to {heading} (u undoes)"));
                    if let Some(Row::Entry(si, ei)) = app.issue.current()
                        && let Some(e) = app
                            .issue
                            .issue
                            .as_ref()
                            .and_then(|i| i.sections.get(si)?.entries.get(ei))
                            .filter(|e| e.id == entry_id)
                    {
                        let op = Undo::MovedTo {
                            link_id: e.link_id,
                            section_id: e.section_id,
                            position: ei,
                        };
                        // The cursor goes with the entry: the next J/K moves it, not a section.
                        app.issue.follow = Some(Follow::Link(e.link_id));
                        app.issue.push_undo(op);
                    }
                    vec![
                        IssueFx::MoveEntryTo {
                            entry_id,
                            section_id,
                        }
                        .into(),
                    ]
                }
            };
        }
        _ => {}
    }
    vec![]
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let st = &mut app.issue;
    let n = st.rows().len();
    if st.cursor.navigate(action, n, page_rows(app.size)) {
        return vec![];
    }
    match action {
        // Esc always backs out: to the archive when a hit opened the issue, else the inbox.
        Action::Back => match st.from_archive.take() {
            Some(before) => {
                app.screen = Screen::Archive;
                if before != st.issue.as_ref().map(|i| i.number) {
                    return vec![IssueFx::Load(before).into()];
                }
            }
            None => app.screen = Screen::Inbox,
        },
        Action::PrevIssue | Action::NextIssue => {
            return switch_issue(app, action == Action::NextIssue);
        }
        Action::NewIssue => return vec![IssueFx::ProposeNumber.into()],
        Action::OpenInBrowser => return open_in_browser(app),
        Action::PreviewFormat => {
            app.preview.markdown = !app.preview.markdown;
            return crate::tui::preview::keys::render(app);
        }
        Action::Export => {
            if let Some(issue) = &st.issue {
                let mut x = ExportState::new(issue, &app.export_prefs, &app.push_services);
                x.problems = app.check.count_for(issue.id);
                x.check_key = app
                    .keymap
                    .key_for(&[crate::tui::keymap::Ctx::Export], Action::Check)
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Export(x));
            }
        }
        _ => return super::edit::edit_action(app, action),
    }
    vec![]
}

fn switch_issue(app: &mut App, next: bool) -> Vec<Effect> {
    let st = &app.issue;
    let cur = st.issue.as_ref().map(|i| i.number);
    let target = match cur {
        Some(n) if next => st.issues.iter().map(|r| r.number).filter(|m| *m > n).min(),
        Some(n) => st.issues.iter().map(|r| r.number).filter(|m| *m < n).max(),
        None => None,
    };
    match target {
        Some(n) => vec![IssueFx::Load(Some(n)).into()],
        None => {
            app.status.info(if next {
                "This is the newest issue"
            } else {
                "This is the oldest issue"
            });
            vec![]
        }
    }
}

/// `o`: the issue as the HTML export, in the browser (the runner writes it to a file first).
pub fn open_in_browser(app: &mut App) -> Vec<Effect> {
    match &app.issue.issue {
        Some(issue) => vec![ExportFx::open_in_browser(issue.id).into()],
        None => {
            app.status.info("No issue to open");
            vec![]
        }
    }
}
