//! What the editor's keys do: move between fields, type and paste into them (line breaks
//! kept), insert a quote at the cursor, undo and redo, complete credits, toggle the rules'
//! disclosures, hand a field to `$EDITOR`, go back.

use super::field::{Field, Role, unify_newlines};
use super::state::EditorState;
use crate::store::CreditKind;
use crate::tui::action::Action;
use crate::tui::effects::{AppFx, EditorFx, Effect, IssueFx};
use crate::tui::state::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::CursorMove;

/// A key on the editor screen: the keymap's action if it has one, else typing.
pub fn on_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    match action {
        Some(Action::Back) => {
            app.editor = None;
            app.screen = app.prev_screen;
            vec![IssueFx::Load(app.issue.issue.as_ref().map(|i| i.number)).into()]
        }
        Some(a) => app
            .editor
            .as_mut()
            .map(|e| e.on_action(a))
            .unwrap_or_default(),
        None => app
            .editor
            .as_mut()
            .map(|e| e.on_typed(key))
            .unwrap_or_default(),
    }
}

impl EditorState {
    pub fn on_action(&mut self, action: Action) -> Vec<Effect> {
        let fx = self.on_action_inner(action);
        self.refresh_cursors();
        fx
    }

    fn on_action_inner(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::NextField | Action::PrevField => {
                let n = self.stops().max(1);
                self.focus = if action == Action::NextField {
                    (self.focus + 1) % n
                } else {
                    (self.focus + n - 1) % n
                };
                self.suggestions.clear();
                vec![]
            }
            Action::AddQuote if self.is_entry() => self.insert_quote(),
            Action::Undo | Action::Redo => {
                let Some(f) = self.fields.get_mut(self.focus) else {
                    return vec![];
                };
                let changed = if action == Action::Undo {
                    f.area.undo()
                } else {
                    f.area.redo()
                };
                if changed { self.changed() } else { vec![] }
            }
            Action::ExternalEditor => match self.focused() {
                Some(f) => vec![
                    AppFx::ExternalEdit {
                        field: self.focus,
                        text: f.text(),
                    }
                    .into(),
                ],
                None => vec![],
            },
            Action::Complete => self.complete(),
            Action::ToggleDisclosure => self.toggle_disclosure(),
            _ => vec![],
        }
    }

    /// Starts a pull-quote at the cursor in the body: on a line of its own, behind `> `,
    /// ready for typing or pasting the passage.
    fn insert_quote(&mut self) -> Vec<Effect> {
        let Some(at) = self.position(Role::Body) else {
            return vec![];
        };
        self.focus = at;
        let f = &mut self.fields[at];
        f.area.move_cursor(CursorMove::End);
        let (row, _) = (f.area.cursor().0, ());
        let line_empty = f.current_line().trim().is_empty();
        let prev_empty = row == 0
            || f.area
                .lines()
                .get(row - 1)
                .is_none_or(|l| l.trim().is_empty());
        let insert = match (line_empty, prev_empty) {
            (true, true) => "> ",
            (true, false) => "\n> ",
            (false, _) => "\n\n> ",
        };
        f.area.insert_str(insert);
        self.changed()
    }

    fn complete(&mut self) -> Vec<Effect> {
        let Some(s) = self.suggestions.get(self.sugg_idx).cloned() else {
            return vec![];
        };
        let Some(f) = self.fields.get_mut(self.focus) else {
            return vec![];
        };
        let text = f.text();
        let head = match text.rfind(',') {
            Some(p) => format!("{}, ", text[..p].trim_end()),
            None => String::new(),
        };
        let role = f.role;
        *f = Field::new(role, &format!("{head}{s}"));
        self.sugg_idx = (self.sugg_idx + 1) % self.suggestions.len().max(1);
        self.changed()
    }

    /// Adds the selected suggested note to the notes, or takes it out.
    pub(super) fn toggle_disclosure(&mut self) -> Vec<Effect> {
        let Some(note) = self.suggested.get(self.suggested_sel).cloned() else {
            return vec![];
        };
        let on = self.has_note(&note);
        let mut notes = self.notes();
        if on {
            notes.retain(|n| !n.trim().eq_ignore_ascii_case(note.trim()));
        } else {
            notes.push(note);
        }
        if let Some(f) = self.field_mut(Role::Notes) {
            *f = Field::new(Role::Notes, &notes.join("\n"));
        }
        self.changed()
    }

    /// A field changed: write it; a credit field also asks for names and for the
    /// disclosures its new value suggests.
    pub(super) fn changed(&mut self) -> Vec<Effect> {
        let mut fx = vec![self.save_effect()];
        fx.extend(self.suggest_effect());
        fx
    }

    /// Credit autocomplete: the prefix being typed in the focused credit field.
    fn suggest_effect(&mut self) -> Vec<Effect> {
        self.sugg_idx = 0;
        let Some(f) = self.focused().filter(|f| f.role.credit()) else {
            self.suggestions.clear();
            return vec![];
        };
        let mut fx: Vec<Effect> = Vec::new();
        if let crate::tui::editor::state::Target::Entry(entry_id) = self.target {
            fx.push(EditorFx::SuggestDisclosures { entry_id }.into());
        }
        let text = f.text();
        let prefix = text.rsplit(',').next().unwrap_or("").trim().to_string();
        if prefix.is_empty() {
            self.suggestions.clear();
            return fx;
        }
        let kind = match f.role {
            Role::Authors => CreditKind::Author,
            Role::Publication => CreditKind::Publication,
            _ => CreditKind::Via,
        };
        fx.push(EditorFx::Suggest { kind, prefix }.into());
        fx
    }

    /// A key the keymap did not claim: typing into the focused field, or moving through
    /// the suggested disclosures.
    pub fn on_typed(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.focus >= self.fields.len() {
            let n = self.suggested.len();
            match key.code {
                KeyCode::Up | KeyCode::Char('k') => {
                    self.suggested_sel = self.suggested_sel.saturating_sub(1)
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    self.suggested_sel = (self.suggested_sel + 1).min(n.saturating_sub(1))
                }
                KeyCode::Char(' ') | KeyCode::Enter => return self.toggle_disclosure(),
                _ => {}
            }
            return vec![];
        }
        let Some(f) = self.fields.get_mut(self.focus) else {
            return vec![];
        };
        if key.code == KeyCode::Enter && !f.role.multiline() {
            return self.on_action(Action::NextField);
        }
        if f.area.input(key) {
            self.changed()
        } else {
            vec![]
        }
    }

    /// A bracketed paste: line breaks kept in a multi-line field whether the terminal sent
    /// CR, LF or CRLF (one line elsewhere). Pasted into a quote line, every pasted line stays
    /// in the quote.
    pub fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return vec![];
        };
        let text = unify_newlines(text);
        let text = if !f.role.multiline() {
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        } else if f.role == Role::Body && f.current_line().trim_start().starts_with('>') {
            let mut lines = text.trim_end_matches('\n').split('\n');
            let first = lines.next().unwrap_or("").to_string();
            let rest = lines.map(|l| {
                if l.trim().is_empty() {
                    ">".to_string()
                } else {
                    format!("> {l}")
                }
            });
            std::iter::once(first)
                .chain(rest)
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text
        };
        f.area.insert_str(text);
        self.changed()
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
