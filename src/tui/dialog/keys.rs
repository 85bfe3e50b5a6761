//! What the dialogs' keys do: type into the prompt (a text area: the cursor moves, words
//! delete), confirm or cancel.

use super::state::{LineVerdict, PromptFor, PromptState, judge_line};
use crate::tui::action::Action;
use crate::tui::editor::field::unify_newlines;
use crate::tui::effects::{Effect, IssueFx};
use crate::tui::state::{App, ConfirmState, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub fn on_prompt(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Prompt(p)) = &mut app.overlay else {
        return vec![];
    };
    match action {
        Some(Action::Back) => app.overlay = None,
        Some(Action::Confirm) => return confirm(app),
        // Enter confirms; a line break only arrives by pasting.
        _ if key.code == KeyCode::Enter => {}
        _ => {
            p.area.input(key);
        }
    }
    vec![]
}

/// Pasted text: on one line for a one-line prompt, line by line for the add dialog.
pub fn on_prompt_paste(app: &mut App, text: &str) {
    if let Some(Overlay::Prompt(p)) = &mut app.overlay {
        let text = unify_newlines(text);
        if p.purpose.multiline() {
            p.area.insert_str(text.trim_end_matches('\n'));
        } else {
            p.area
                .insert_str(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
}

fn confirm(app: &mut App) -> Vec<Effect> {
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        return vec![];
    };
    let text = p.text();
    let purpose = p.purpose;
    let one = text.trim().to_string();
    let number = || one.trim_start_matches('#').parse::<i64>().ok();
    match purpose {
        PromptFor::AddUrls => return add_urls(app, &text),
        PromptFor::NewIssue => match number() {
            Some(n) => {
                app.overlay = None;
                return vec![IssueFx::New(Some(n)).into()];
            }
            None => app.status.error(format!("'{one}' is not an issue number")),
        },
        PromptFor::Renumber { from } => match number() {
            Some(to) if to == from => app.overlay = None,
            Some(to) => {
                app.overlay = Some(Overlay::Confirm(ConfirmState {
                    question: format!("Renumber draft #{from} to #{to}?"),
                    on_yes: vec![IssueFx::Renumber { from, to }.into()],
                }));
            }
            None => app.status.error(format!("'{one}' is not an issue number")),
        },
        PromptFor::AddSection { issue_id } if !one.is_empty() => {
            app.overlay = None;
            return vec![
                IssueFx::AddSection {
                    issue_id,
                    heading: one,
                }
                .into(),
            ];
        }
        PromptFor::RenameSection { section_id } if !one.is_empty() => {
            app.overlay = None;
            return vec![
                IssueFx::RenameSection {
                    section_id,
                    heading: one,
                }
                .into(),
            ];
        }
        PromptFor::AddSection { .. } | PromptFor::RenameSection { .. } => {
            app.status.error("A section needs a heading");
        }
        PromptFor::ExportPath => {
            app.overlay = None;
        }
    }
    vec![]
}

/// Adds every line that is a URL (from the dialog, or pasted on any screen); the refused lines stay in the dialog, each with its
/// reason beside it, to be fixed or left with esc.
pub fn add_urls(app: &mut App, text: &str) -> Vec<Effect> {
    let mut urls = Vec::new();
    let mut refused = Vec::new();
    for line in unify_newlines(text).split('\n') {
        match judge_line(line) {
            LineVerdict::Blank => {}
            LineVerdict::Urls(u) => urls.extend(u),
            LineVerdict::Refused(_) => refused.push(line.to_string()),
        }
    }
    if refused.is_empty() {
        app.overlay = None;
    } else {
        let label = format!(
            "{} line{} refused: fix {} (enter adds) or esc",
            refused.len(),
            if refused.len() == 1 { "" } else { "s" },
            if refused.len() == 1 { "it" } else { "them" }
        );
        app.overlay = Some(Overlay::Prompt(PromptState::with_text(
            label,
            PromptFor::AddUrls,
            &refused.join("\n"),
        )));
    }
    if urls.is_empty() {
        if refused.is_empty() {
            app.status.error("No URL in what was typed");
        }
        return vec![];
    }
    crate::tui::inbox::keys::add_urls(app, urls)
}

pub fn on_confirm(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Some(Overlay::Confirm(c)) = &mut app.overlay else {
        return vec![];
    };
    match action {
        Some(Action::Back) => app.overlay = None,
        Some(Action::Confirm) => {
            let fx = std::mem::take(&mut c.on_yes);
            app.overlay = None;
            return fx;
        }
        _ => {}
    }
    vec![]
}
