//! What the export dialog's keys do: choose a format and a destination, export, or check
//! the issue first.

use super::state::ExportState;
use crate::tui::action::Action;
use crate::tui::effects::{Destination, Effect, ExportFx};
use crate::tui::state::{App, Overlay};

pub fn on_key(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Some(Overlay::Export(x)) = &mut app.overlay else {
        return vec![];
    };
    match action {
        Some(Action::Back) => app.overlay = None,
        Some(Action::Check) => {
            app.overlay = None;
            return crate::tui::check::keys::start(app);
        }
        Some(a) => {
            if let Some(fx) = choose(x, a) {
                app.overlay = None;
                return vec![fx.into()];
            }
        }
        None => {}
    }
    vec![]
}

/// `Some` when the dialog is done (confirmed): the export to run.
fn choose(x: &mut ExportState, action: Action) -> Option<ExportFx> {
    let (value, n) = if x.focus == 0 {
        (&mut x.format, 3)
    } else {
        (&mut x.dest, 2)
    };
    match action {
        Action::Up => *value = value.saturating_sub(1),
        Action::Down => *value = (*value + 1).min(n - 1),
        Action::NextField | Action::PrevField => x.focus = 1 - x.focus,
        Action::Confirm => {
            let dest = if x.dest == 0 {
                Destination::Clipboard
            } else {
                Destination::File(x.file())
            };
            return Some(ExportFx {
                issue_id: x.issue_id,
                format: x.format(),
                dest,
            });
        }
        _ => {}
    }
    None
}
