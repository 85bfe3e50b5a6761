//! Inserting a whole pull-quote (taken in the reader, or an imported highlight) into the
//! body at the cursor: a block quote on lines of its own, blank lines around it.

use super::field::Role;
use super::state::EditorState;
use crate::model::body::quote_block;
use crate::tui::effects::Effect;
use ratatui_textarea::CursorMove;

impl EditorState {
    /// Puts `text` as a block quote after the body's line the cursor is on, and saves.
    pub fn insert_block_quote(&mut self, text: &str) -> Vec<Effect> {
        let Some(at) = self.position(Role::Body) else {
            return vec![];
        };
        let block = quote_block(text);
        if block.is_empty() {
            return vec![];
        }
        self.focus = at;
        let f = &mut self.fields[at];
        f.area.move_cursor(CursorMove::End);
        let row = f.area.cursor().0;
        let lines = f.area.lines();
        let blank = |i: usize| lines.get(i).is_none_or(|l| l.trim().is_empty());
        let lead = match (blank(row), row == 0 || blank(row - 1)) {
            (true, true) => "",
            (true, false) => "\n",
            (false, _) => "\n\n",
        };
        // A line right after the quote would continue it: keep a blank line between.
        let trail = if blank(row + 1) { "" } else { "\n" };
        f.area.insert_str(format!("{lead}{block}{trail}"));
        self.refresh_cursors();
        self.changed()
    }
}
