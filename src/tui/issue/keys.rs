//! What the issue screen's keys do: move through the rows, open the editor, move and remove
//! entries, reorder sections, switch, start, publish and export issues; and the section
//! picker's keys. Structural edits are applied to the state at once for instant feedback and
//! sent as effects; the answer (a reload) then replaces the issue.

use super::state::{Pick, PickerState, Row, page_rows};
use crate::model::{IssueStatus, LinkState};
use crate::tui::action::Action;
use crate::tui::editor::state::EditorState;
use crate::tui::effects::{EditorFx, Effect, InboxFx, IssueFx};
use crate::tui::export::state::ExportState;
use crate::tui::state::{App, ConfirmState, Overlay, Screen};

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
                    app.inbox
                        .rows
                        .iter_mut()
                        .filter(|r| r.id == link_id)
                        .for_each(|r| r.state = LinkState::Used);
                    app.inbox.refilter(true);
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
                Pick::Move(entry_id) => {
                    app.status.info(format!("Moved to {heading}"));
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
        // Esc always backs out: from the issue to the inbox.
        Action::Back => app.screen = Screen::Inbox,
        Action::PrevIssue | Action::NextIssue => {
            return switch_issue(app, action == Action::NextIssue);
        }
        Action::NewIssue => return vec![IssueFx::New.into()],
        Action::PreviewFormat => {
            app.preview.markdown = !app.preview.markdown;
            return crate::tui::preview::keys::render(app);
        }
        Action::Export => {
            if let Some(issue) = &st.issue {
                let mut x = ExportState::new(issue, &app.export_dir);
                x.problems = app.check.count_for(issue.id);
                x.check_key = app
                    .keymap
                    .key_for(&[crate::tui::keymap::Ctx::Export], Action::Check)
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Export(x));
            }
        }
        _ => return edit_action(app, action),
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

fn edit_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(row) = app.issue.current() else {
        return vec![];
    };
    let Some(issue) = app.issue.issue.as_mut() else {
        return vec![];
    };
    let read_only = issue.status == IssueStatus::Published;
    let issue_id = issue.id;
    let mut fx = Vec::new();
    let edits = matches!(
        action,
        Action::MoveUp
            | Action::MoveDown
            | Action::MoveToSection
            | Action::Remove
            | Action::Publish
            | Action::Edit
            | Action::EditSponsor
            | Action::EditIntro
    );
    if read_only && edits {
        app.status.error(format!(
            "Issue #{} is published: it is read-only",
            issue.number
        ));
        return fx;
    }
    match (action, row) {
        (Action::Edit, Row::Sponsor) | (Action::EditSponsor, _) => {
            app.editor = Some(EditorState::sponsor(issue).ready());
            open_editor(app);
        }
        (Action::Edit, Row::Intro) | (Action::EditIntro, _) => {
            app.editor = Some(EditorState::intro(issue).ready());
            open_editor(app);
        }
        (Action::Edit, Row::Entry(si, ei)) => {
            let s = &issue.sections[si];
            let e = &s.entries[ei];
            fx.push(EditorFx::SuggestDisclosures { entry_id: e.id }.into());
            app.editor = Some(EditorState::entry(e, &s.heading, ei).ready());
            open_editor(app);
        }
        (Action::MoveUp | Action::MoveDown, Row::Entry(si, ei)) => {
            let up = action == Action::MoveUp;
            let entries = &mut issue.sections[si].entries;
            let to = if up {
                ei.checked_sub(1)
            } else {
                Some(ei + 1).filter(|t| *t < entries.len())
            };
            if let Some(to) = to {
                let id = entries[ei].id;
                entries.swap(ei, to);
                app.issue.place_cursor(Row::Entry(si, to));
                fx.push(
                    IssueFx::MoveEntry {
                        entry_id: id,
                        delta: if up { -1 } else { 1 },
                    }
                    .into(),
                );
            }
        }
        (Action::MoveUp | Action::MoveDown, Row::Section(si)) => {
            let up = action == Action::MoveUp;
            let to = if up {
                si.checked_sub(1)
            } else {
                Some(si + 1).filter(|t| *t < issue.sections.len())
            };
            if let Some(to) = to {
                let id = issue.sections[si].id;
                issue.sections.swap(si, to);
                app.issue.place_cursor(Row::Section(to));
                fx.push(
                    IssueFx::MoveSection {
                        section_id: id,
                        delta: if up { -1 } else { 1 },
                    }
                    .into(),
                );
            }
        }
        (Action::MoveToSection, Row::Entry(si, ei)) => {
            let e = &issue.sections[si].entries[ei];
            let options: Vec<(i64, String)> = issue
                .sections
                .iter()
                .filter(|s| s.id != e.section_id)
                .map(|s| (s.id, s.heading.clone()))
                .collect();
            if !options.is_empty() {
                app.overlay = Some(Overlay::Picker(PickerState {
                    title: format!(
                        "Move \"{}\" to",
                        e.title.clone().unwrap_or_else(|| e.url.clone())
                    ),
                    options,
                    cursor: Default::default(),
                    purpose: Pick::Move(e.id),
                }));
            }
        }
        (Action::Remove, Row::Entry(si, ei)) => {
            let e = issue.sections[si].entries.remove(ei);
            app.status.info("Removed: the link is back in the inbox");
            let rows = app.issue.rows().len();
            app.issue.cursor.clamp(rows);
            fx.push(IssueFx::RemoveEntry(e.id).into());
            fx.push(InboxFx::LoadRows(vec![e.link_id]).into());
        }
        (Action::Publish, _) => {
            app.overlay = Some(Overlay::Confirm(ConfirmState {
                question: format!("Publish issue #{}? It moves to the archive.", issue.number),
                on_yes: vec![IssueFx::Publish(issue_id).into()],
            }));
        }
        _ => {}
    }
    fx
}

fn open_editor(app: &mut App) {
    app.prev_screen = app.screen;
    app.screen = Screen::Editor;
}
