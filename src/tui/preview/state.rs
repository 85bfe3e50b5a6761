//! The preview: the issue as the exporter renders it, re-rendered after every change.

use crate::tui::action::Action;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviewState {
    pub text: String,
    /// Markdown view instead of plain text.
    pub markdown: bool,
    pub scroll: usize,
}

impl PreviewState {
    pub fn on_action(&mut self, action: Action, page: usize) -> bool {
        let last = self.text.lines().count().saturating_sub(1);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => (self.scroll + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last.saturating_sub(page),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown => (self.scroll + page).min(last),
            _ => return false,
        };
        true
    }
}
