//! Quitting while writes wait for another process's write lock: the TUI stays, says it is
//! waiting, and quits once they land. A second `q` (or ctrl-c) asks whether to quit without
//! them; only an explicit yes does, and even then they are kept in a recovery file.

use super::action::Action;
use super::effects::{AppFx, Effect};
use super::state::App;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quitting {
    /// "Quit and lose N unsaved edits? y/N" is showing.
    pub asking: bool,
}

impl Quitting {
    /// The status bar's line.
    pub fn line(&self, waiting: usize) -> String {
        let s = if waiting == 1 { "" } else { "s" };
        if self.asking {
            format!("Quit and lose {waiting} unsaved edit{s}? y/N (a recovery file keeps them)")
        } else {
            format!(
                "Saving {waiting} edit{s} before quitting (q: quit anyway, esc: stay) · {}",
                super::runner::WAITING
            )
        }
    }
}

/// The quit key: now when nothing waits, else once the writes land.
pub fn quit(app: &mut App) -> Vec<Effect> {
    if app.status.waiting == 0 {
        app.quit = true;
    } else {
        log::info!("quit asked with {} writes waiting", app.status.waiting);
        app.quitting = Some(Quitting::default());
    }
    vec![]
}

/// Keys while quitting waits: quit again asks, yes drops (to the recovery file), esc stays.
pub fn on_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(q) = &mut app.quitting else {
        return vec![];
    };
    if q.asking {
        if matches!(key.code, KeyCode::Char('y' | 'Y')) {
            return vec![AppFx::SaveRecovery.into()];
        }
        q.asking = false;
        return vec![];
    }
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    match action {
        _ if ctrl_c => q.asking = true,
        Some(Action::Quit) => q.asking = true,
        Some(Action::Back) => app.quitting = None,
        _ => {}
    }
    vec![]
}

/// How many writes wait; none left while quitting: quit.
pub fn on_waiting(app: &mut App, n: usize) {
    app.status.waiting = n;
    app.status.unsaved = n > 0;
    if n == 0 && app.quitting.is_some() {
        app.quit = true;
    }
}

/// The writes were kept in a recovery file: the quit asked for can happen.
pub fn on_recovered(app: &mut App, path: &std::path::Path) {
    app.status.waiting = 0;
    app.status.unsaved = false;
    app.status
        .error(format!("Unsaved edits kept in {}", path.display()));
    if app.quitting.is_some() {
        app.quit = true;
    }
}
