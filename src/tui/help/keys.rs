//! What the help overlay's keys do: scroll, close.

use super::state::HelpState;
use crate::tui::action::Action;

/// Scrolls (the first line shown moves like a list selection); true when `action` was used.
pub fn on_action(h: &mut HelpState, action: Action) -> bool {
    h.scroll.navigate(action, h.lines.len(), 1)
}
