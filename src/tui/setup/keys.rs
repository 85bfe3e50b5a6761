//! What the first-run dialog's keys do: type, move between fields, write, or skip.

use super::state::SetupState;
use crate::tui::action::Action;
use crate::tui::effects::{AppFx, Effect};
use crate::tui::state::{App, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub fn on_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Setup(s)) = &mut app.overlay else {
        return vec![];
    };
    match (action, key.code) {
        (Some(Action::Back), _) => {
            app.overlay = None;
            app.status
                .info("Setup skipped: the built-in name is used (set [newsletter] in config.toml)");
        }
        (Some(Action::NextField), _) | (_, KeyCode::Down | KeyCode::Tab) => {
            s.focus = (s.focus + 1) % 3
        }
        (Some(Action::PrevField), _) | (_, KeyCode::Up | KeyCode::BackTab) => {
            s.focus = (s.focus + 2) % 3
        }
        (Some(Action::Confirm), _) | (_, KeyCode::Enter) if s.focus < 2 => s.focus += 1,
        (Some(Action::Confirm), _) | (_, KeyCode::Enter) => match s.setup() {
            Ok(setup) => {
                app.overlay = None;
                app.newsletter = setup.name.clone();
                return vec![AppFx::WriteSetup(setup).into()];
            }
            Err(why) => s.problem = Some(why),
        },
        _ => {
            if s.fields[s.focus].input(key) && s.focus == 1 {
                s.pattern_edited = true;
            }
        }
    }
    vec![]
}

/// Pasted text goes into the field with focus, on one line.
pub fn on_paste(s: &mut SetupState, text: &str) {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    s.fields[s.focus].insert_str(line);
}
