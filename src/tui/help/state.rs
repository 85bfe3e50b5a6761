//! The help overlay lists the keys of the screen it was opened on, straight from the keymap.

use crate::tui::action::Action;
use crate::tui::keymap::{Ctx, Keymap};

#[derive(Debug, Clone, PartialEq)]
pub struct HelpState {
    pub title: String,
    pub lines: Vec<(String, Action)>,
    pub scroll: usize,
}

impl HelpState {
    pub fn new(title: &str, keymap: &Keymap, chain: &[Ctx]) -> HelpState {
        HelpState {
            title: format!("Keys · {title}"),
            lines: keymap.help(chain),
            scroll: 0,
        }
    }
    pub fn on_action(&mut self, action: Action) {
        let last = self.lines.len().saturating_sub(1);
        self.scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => (self.scroll + 1).min(last),
            Action::Top => 0,
            Action::Bottom => last,
            _ => self.scroll,
        };
    }
}
