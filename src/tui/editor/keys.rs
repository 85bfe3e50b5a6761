//! What the editor's keys do: move between fields, type and paste into them, add and delete
//! quotes, complete credits, toggle disclosures, hand a field to `$EDITOR`, go back.

use super::field::{Field, Role};
use super::state::EditorState;
use crate::store::CreditKind;
use crate::tui::action::Action;
use crate::tui::effects::{AppFx, EditorFx, Effect, IssueFx};
use crate::tui::state::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

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
                let n = self.stops();
                self.focus = if action == Action::NextField {
                    (self.focus + 1) % n
                } else {
                    (self.focus + n - 1) % n
                };
                self.suggestions.clear();
                vec![]
            }
            Action::AddQuote if self.has_disclosures() => {
                let at = self
                    .fields
                    .iter()
                    .rposition(|f| matches!(f.role, Role::Quote(_) | Role::Blurb))
                    .map_or(0, |p| p + 1);
                self.fields.insert(at, Field::new(Role::Quote(0), ""));
                self.renumber_quotes();
                self.focus = at;
                vec![]
            }
            Action::DeleteQuote => {
                if matches!(self.focused().map(|f| f.role), Some(Role::Quote(_))) {
                    self.fields.remove(self.focus);
                    self.renumber_quotes();
                    self.focus = self.focus.saturating_sub(1);
                    return vec![self.save_effect()];
                }
                vec![]
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
        vec![self.save_effect()]
    }

    fn toggle_disclosure(&mut self) -> Vec<Effect> {
        match self.disclosures.get_mut(self.disc_sel) {
            Some(d) => {
                d.1 = !d.1;
                vec![self.save_effect()]
            }
            None => vec![],
        }
    }

    /// Credit autocomplete: the prefix being typed in the focused credit field.
    fn suggest_effect(&mut self) -> Vec<Effect> {
        self.sugg_idx = 0;
        match self.focused() {
            Some(f) if f.role.credit() => {
                let text = f.text();
                let prefix = text.rsplit(',').next().unwrap_or("").trim().to_string();
                if prefix.is_empty() {
                    self.suggestions.clear();
                    vec![]
                } else {
                    let kind = match f.role {
                        Role::Authors => CreditKind::Author,
                        Role::Publication => CreditKind::Publication,
                        _ => CreditKind::Via,
                    };
                    vec![EditorFx::Suggest { kind, prefix }.into()]
                }
            }
            _ => {
                self.suggestions.clear();
                vec![]
            }
        }
    }

    /// A key the keymap did not claim: typing into the focused field.
    pub fn on_typed(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.focus >= self.fields.len() {
            let n = self.disclosures.len();
            match key.code {
                KeyCode::Up | KeyCode::Char('k') => self.disc_sel = self.disc_sel.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => {
                    self.disc_sel = (self.disc_sel + 1).min(n.saturating_sub(1))
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
            let mut fx = vec![self.save_effect()];
            fx.extend(self.suggest_effect());
            fx
        } else {
            vec![]
        }
    }

    pub fn on_paste(&mut self, text: &str) -> Vec<Effect> {
        let Some(f) = self.fields.get_mut(self.focus) else {
            return vec![];
        };
        let text = if f.role.multiline() {
            text.replace('\r', "")
        } else {
            text.replace(['\r', '\n'], " ")
        };
        f.area.insert_str(text);
        vec![self.save_effect()]
    }
}

#[cfg(test)]
#[path = "tests.rs"]
mod tests;
