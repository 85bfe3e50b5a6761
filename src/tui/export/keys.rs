//! What the export dialog's keys do: choose a format and a destination, type the file's
//! path, export (or push a draft to a mailing tool), or check the issue first.

use super::state::{ExportState, Focus};
use crate::tui::action::Action;
use crate::tui::effects::{Destination, Effect, ExportFx};
use crate::tui::state::{App, Overlay};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub fn on_key(app: &mut App, action: Option<Action>, key: KeyEvent) -> Vec<Effect> {
    let Some(Overlay::Export(x)) = &mut app.overlay else {
        return vec![];
    };
    // In the path field, letters are typing (a path may hold a "c"); enter, esc and tab
    // still act.
    let typing = x.focus == Focus::Path
        && !matches!(
            action,
            Some(Action::Back | Action::Confirm | Action::NextField | Action::PrevField)
        );
    if typing {
        if key.code != KeyCode::Enter {
            x.path.input(key);
        }
        return vec![];
    }
    match action {
        Some(Action::Back) => app.overlay = None,
        Some(Action::Check) => {
            app.overlay = None;
            return crate::tui::check::keys::start(app);
        }
        Some(a) => {
            if let Some(fx) = choose(x, a) {
                if let Destination::Push(service) = fx.dest {
                    // The push runs on a worker; its answer replaces this line.
                    app.status.info(format!(
                        "Pushing #{} to {} as a draft…",
                        x.number,
                        service.label()
                    ));
                }
                app.overlay = None;
                return vec![fx.into()];
            }
        }
        None => {}
    }
    vec![]
}

/// A path pasted into the dialog goes into the path field.
pub fn on_paste(app: &mut App, text: &str) {
    if let Some(Overlay::Export(x)) = &mut app.overlay {
        x.dest = 1;
        x.focus = Focus::Path;
        x.path.insert_str(text.trim());
    }
}

/// `Some` when the dialog is done (confirmed): the export to run.
fn choose(x: &mut ExportState, action: Action) -> Option<ExportFx> {
    match action {
        Action::Up | Action::Down => {
            let up = action == Action::Up;
            match x.focus {
                Focus::Format => {
                    let f = if up {
                        x.format.saturating_sub(1)
                    } else {
                        x.format + 1
                    };
                    x.set_format(f);
                }
                Focus::Destination if up => x.dest = x.dest.saturating_sub(1),
                Focus::Destination => x.dest = (x.dest + 1).min(x.destinations() - 1),
                Focus::Path => {}
            }
        }
        Action::NextField => x.next_focus(false),
        Action::PrevField => x.next_focus(true),
        Action::Confirm => {
            return Some(ExportFx {
                issue_id: x.issue_id,
                format: x.format(),
                dest: x.destination(),
                overwrite: false,
            });
        }
        _ => {}
    }
    None
}

/// The file is there already: replacing it needs a yes.
pub fn ask_overwrite(app: &mut App, mut fx: ExportFx) -> Vec<Effect> {
    let Destination::File(path) = &fx.dest else {
        return vec![];
    };
    let question = format!("{} exists. Replace it?", path.display());
    fx.overwrite = true;
    app.overlay = Some(Overlay::Confirm(crate::tui::state::ConfirmState {
        question,
        on_yes: vec![fx.into()],
    }));
    vec![]
}
