//! What the help overlay's keys do: scroll, close.

use super::state::HelpState;
use crate::tui::action::Action;

/// Scrolls (the first line shown moves like a list selection); true when `action` was used.
pub fn on_action(h: &mut HelpState, action: Action) -> bool {
    // The keys, a blank line, the "Marks" heading and the legend.
    let total = h.lines.len() + 2 + super::view::LEGEND.len();
    h.scroll.navigate(action, total, 1)
}
