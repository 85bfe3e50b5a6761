//! What the dialogs' keys do: type into the prompt, confirm or cancel.

use super::state::PromptFor;
use crate::tui::action::Action;
use crate::tui::effects::Effect;
use crate::tui::state::{App, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn on_prompt(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Prompt(p)) = &mut app.overlay else {
        return vec![];
    };
    match action {
        Some(Action::Back) => app.overlay = None,
        Some(Action::Confirm) => {
            let text = std::mem::take(&mut p.text);
            let purpose = p.purpose;
            app.overlay = None;
            return match purpose {
                PromptFor::AddUrls => crate::tui::inbox::keys::on_prompt_confirm(app, &text),
            };
        }
        _ => match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => p.text.push(c),
            KeyCode::Backspace => {
                p.text.pop();
            }
            _ => {}
        },
    }
    vec![]
}

/// Pasted text goes into the prompt on one line.
pub fn on_prompt_paste(app: &mut App, text: &str) {
    if let Some(Overlay::Prompt(p)) = &mut app.overlay {
        p.text.push_str(&text.replace(['\r', '\n'], " "));
    }
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
