//! The dialogs' state: what is being asked, and what answering does.

use crate::tui::effects::Effect;

/// A one-line text prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct PromptState {
    pub label: String,
    pub text: String,
    pub purpose: PromptFor,
}

/// What the prompt's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    /// URLs to add to the inbox (several, separated by spaces or lines).
    AddUrls,
}

impl PromptState {
    pub fn new(label: impl Into<String>, purpose: PromptFor) -> PromptState {
        PromptState {
            label: label.into(),
            text: String::new(),
            purpose,
        }
    }
}

/// A yes/no question before something that cannot be taken back lightly.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmState {
    pub question: String,
    /// What "yes" does.
    pub on_yes: Vec<Effect>,
}
