//! The help overlay's state: the keys of the screen it was opened on, straight from the
//! keymap, and how far it is scrolled. Its keys are in `keys.rs`.

use crate::tui::action::Action;
use crate::tui::keymap::{Ctx, Keymap};
use crate::tui::list::ListCursor;

#[derive(Debug, Clone, PartialEq)]
pub struct HelpState {
    pub title: String,
    pub lines: Vec<(String, Action)>,
    /// `selected` is the first line shown.
    pub scroll: ListCursor,
}

impl HelpState {
    pub fn new(title: &str, keymap: &Keymap, chain: &[Ctx]) -> HelpState {
        HelpState {
            title: format!("Keys · {title}"),
            lines: keymap.help(chain),
            scroll: ListCursor::default(),
        }
    }
}
