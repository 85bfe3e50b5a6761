//! The issue screen's edits: open the editor, move and remove entries, reorder, add, rename,
//! delete and hide sections, renumber, delete and publish the draft, and undo. Each change is
//! applied to the state at once (instant feedback), sent as an effect, and pushed on the undo
//! stack as what takes it back; the reload that follows replaces the issue.

use super::state::{Follow, Pick, PickerState, Row};
use super::undo::Undo;
use crate::check::Severity;
use crate::model::IssueStatus;
use crate::tui::action::Action;
use crate::tui::editor::state::EditorState;
use crate::tui::effects::{EditorFx, Effect, InboxFx, IssueFx};
use crate::tui::state::{App, ConfirmState, Overlay, PromptFor, PromptState, Screen};
use crate::tui::view::fit;

/// Actions that change the issue: refused on a published one.
fn changes(action: Action) -> bool {
    matches!(
        action,
        Action::MoveUp
            | Action::MoveDown
            | Action::MoveToSection
            | Action::Remove
            | Action::Publish
            | Action::Edit
            | Action::EditSponsor
            | Action::EditIntro
            | Action::Undo
            | Action::AddSection
            | Action::RenameSection
            | Action::ToggleHeading
            | Action::RenumberIssue
            | Action::DeleteIssue
    )
}

pub fn edit_action(app: &mut App, action: Action) -> Vec<Effect> {
    let row = app.issue.current();
    let Some(issue) = app.issue.issue.as_mut() else {
        return vec![];
    };
    if issue.status == IssueStatus::Published && changes(action) {
        app.status.error(format!(
            "Issue #{} is published: it is read-only",
            issue.number
        ));
        return vec![];
    }
    let (issue_id, number) = (issue.id, issue.number);
    let mut fx = Vec::new();
    match (action, row) {
        (Action::Edit, Some(Row::Sponsor)) | (Action::EditSponsor, _) => {
            app.editor = Some(EditorState::sponsor(issue).ready());
            open_editor(app);
        }
        (Action::Edit, Some(Row::Intro)) | (Action::EditIntro, _) => {
            app.editor = Some(EditorState::intro(issue).ready());
            open_editor(app);
        }
        (Action::Edit, Some(Row::Entry(si, ei))) => {
            let s = &issue.sections[si];
            let e = &s.entries[ei];
            fx.push(EditorFx::SuggestDisclosures { entry_id: e.id }.into());
            app.editor = Some(EditorState::entry(e, &s.heading, ei).ready());
            open_editor(app);
        }
        (Action::Edit | Action::RenameSection, Some(Row::Section(si))) => {
            let s = &issue.sections[si];
            app.overlay = Some(Overlay::Prompt(PromptState::with_text(
                "Heading of the section",
                PromptFor::RenameSection { section_id: s.id },
                &s.heading,
            )));
        }
        (Action::MoveUp | Action::MoveDown, Some(Row::Entry(si, ei))) => {
            let delta = if action == Action::MoveUp { -1 } else { 1 };
            let entries = &mut issue.sections[si].entries;
            let to = ei as i64 + delta;
            if (0..entries.len() as i64).contains(&to) {
                let (id, link_id) = (entries[ei].id, entries[ei].link_id);
                entries.swap(ei, to as usize);
                app.issue.place_cursor(Row::Entry(si, to as usize));
                app.issue.push_undo(Undo::Moved {
                    link_id,
                    delta: -delta,
                });
                fx.push(
                    IssueFx::MoveEntry {
                        entry_id: id,
                        delta,
                    }
                    .into(),
                );
            }
        }
        (Action::MoveUp | Action::MoveDown, Some(Row::Section(si))) => {
            let delta = if action == Action::MoveUp { -1 } else { 1 };
            let to = si as i64 + delta;
            if (0..issue.sections.len() as i64).contains(&to) {
                let id = issue.sections[si].id;
                issue.sections.swap(si, to as usize);
                app.issue.place_cursor(Row::Section(to as usize));
                app.issue.push_undo(Undo::SectionMoved {
                    section_id: id,
                    delta: -delta,
                });
                fx.push(
                    IssueFx::MoveSection {
                        section_id: id,
                        delta,
                    }
                    .into(),
                );
            }
        }
        (Action::MoveToSection, Some(Row::Entry(si, ei))) => {
            let e = &issue.sections[si].entries[ei];
            let options: Vec<(i64, String)> = issue
                .sections
                .iter()
                .filter(|s| s.id != e.section_id)
                .map(|s| (s.id, s.heading.clone()))
                .collect();
            if options.is_empty() {
                app.status.info("There is no other section: A adds one");
            } else {
                app.overlay = Some(Overlay::Picker(PickerState {
                    title: format!("Move \"{}\" to", fit(e.display_title(), 50)),
                    options,
                    cursor: Default::default(),
                    purpose: Pick::Move(e.id),
                }));
            }
        }
        (Action::Remove, Some(Row::Entry(si, ei))) => {
            let e = issue.sections[si].entries.remove(ei);
            let title = fit(e.display_title(), 40);
            app.status
                .info(format!("Removed \"{title}\": back in the inbox (u undoes)"));
            app.issue.push_undo(Undo::Removed {
                link_id: e.link_id,
                section_id: e.section_id,
                position: ei,
                title,
            });
            let rows = app.issue.rows().len();
            app.issue.cursor.clamp(rows);
            fx.push(IssueFx::RemoveEntry(e.id).into());
            fx.push(InboxFx::LoadRows(vec![e.link_id]).into());
        }
        (Action::Remove, Some(Row::Section(si))) => {
            let s = &issue.sections[si];
            if !s.entries.is_empty() {
                app.status.error(format!(
                    "{} has {} entries: move or remove them first",
                    s.heading,
                    s.entries.len()
                ));
            } else {
                let s = issue.sections.remove(si);
                app.status
                    .info(format!("Deleted the section {} (u undoes)", s.heading));
                app.issue.push_undo(Undo::SectionDeleted {
                    section_id: s.id,
                    issue_id,
                    heading: s.heading,
                    style: s.style,
                    shown: s.show_heading,
                    position: si,
                });
                let rows = app.issue.rows().len();
                app.issue.cursor.clamp(rows);
                fx.push(IssueFx::DeleteSection(s.id).into());
            }
        }
        (Action::ToggleHeading, Some(Row::Section(si))) => {
            let s = &mut issue.sections[si];
            s.show_heading = !s.show_heading;
            let (section_id, shown) = (s.id, s.show_heading);
            app.status.info(if shown {
                format!("{}: the heading shows in the issue", s.heading)
            } else {
                format!(
                    "{}: no heading in the issue (its entries still show)",
                    s.heading
                )
            });
            app.issue.push_undo(Undo::HeadingShown {
                section_id,
                shown: !shown,
            });
            fx.push(IssueFx::ShowHeading { section_id, shown }.into());
        }
        (Action::ToggleHeading, _) => app.status.info("H works on a section's row"),
        (Action::AddSection, _) => {
            app.overlay = Some(Overlay::Prompt(PromptState::new(
                "Heading of the new section (it goes last; J/K move it)",
                PromptFor::AddSection { issue_id },
            )));
        }
        (Action::RenumberIssue, _) => {
            app.overlay = Some(Overlay::Prompt(PromptState::with_text(
                format!("New number for draft #{number}"),
                PromptFor::Renumber { from: number },
                &number.to_string(),
            )));
        }
        (Action::DeleteIssue, _) => {
            let n: usize = issue.sections.iter().map(|s| s.entries.len()).sum();
            app.overlay = Some(Overlay::Confirm(ConfirmState {
                question: format!(
                    "Delete draft #{number}? Its {n} entries go back to the inbox with their \
                     writing (placing a link again brings it back)."
                ),
                on_yes: vec![IssueFx::Delete(number).into()],
            }));
        }
        (Action::Undo, _) => match app.issue.undo.pop() {
            Some(op) => {
                if let Undo::Removed { link_id, .. }
                | Undo::Moved { link_id, .. }
                | Undo::MovedTo { link_id, .. } = &op
                {
                    app.issue.follow = Some(Follow::Link(*link_id));
                }
                fx.push(IssueFx::Undo { number, op }.into());
            }
            None => app.status.info("Nothing to undo"),
        },
        (Action::Publish, _) => {
            app.overlay = Some(Overlay::Confirm(ConfirmState {
                question: publish_question(app, issue_id, number),
                on_yes: vec![IssueFx::Publish(issue_id).into()],
            }));
        }
        _ => {}
    }
    fx
}

/// The publish question names what the last check found that must not go out.
fn publish_question(app: &App, issue_id: i64, number: i64) -> String {
    let ask = format!("Publish issue #{number}? It moves to the archive.");
    if app.check.issue_id != Some(issue_id) {
        return format!("{ask} The check has not run on it (c runs it).");
    }
    let errors: Vec<&str> = app
        .check
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.message.as_str())
        .collect();
    match errors.len() {
        0 => format!("{ask} The check found no errors."),
        n => format!(
            "{ask} The check found {n} error{} still there: {}",
            if n == 1 { "" } else { "s" },
            errors.join("; ")
        ),
    }
}

/// `n`: the number of the new draft, the next one proposed.
pub fn ask_number(app: &mut App, next: i64) -> Vec<Effect> {
    app.overlay = Some(Overlay::Prompt(PromptState::with_text(
        "Number of the new issue (enter takes it)",
        PromptFor::NewIssue,
        &next.to_string(),
    )));
    vec![]
}

fn open_editor(app: &mut App) {
    app.prev_screen = app.screen;
    app.screen = Screen::Editor;
}
