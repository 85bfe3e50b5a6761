//! What the check panel's keys do: move through the problems, jump to an entry, take a
//! suggested URL, check again.

use crate::tui::action::Action;
use crate::tui::effects::{CheckFx, Effect};
use crate::tui::issue::state::Row;
use crate::tui::state::{App, Screen};

/// Starts a check of the issue shown (in the background: the runner answers with
/// `Msg::Checked` when it is done).
pub fn start(app: &mut App) -> Vec<Effect> {
    let Some(issue) = &app.issue.issue else {
        app.status.error("No issue to check");
        return vec![];
    };
    if app.check.running {
        app.status.info("A check is already running");
        return vec![];
    }
    app.check.running = true;
    app.status.info("checking…");
    vec![CheckFx::Run { issue_id: issue.id }.into()]
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let st = &mut app.check;
    if st.cursor.navigate(action, st.problems.len(), 10) {
        return vec![];
    }
    match action {
        Action::Back => app.overlay = None,
        Action::Check => {
            app.overlay = None;
            return start(app);
        }
        Action::Confirm => {
            let target = st
                .problems
                .get(st.cursor.selected)
                .and_then(|p| p.entry.as_ref())
                .map(|e| e.entry_id);
            app.overlay = None;
            app.screen = Screen::Issue;
            if let Some(id) = target {
                jump_to_entry(app, id);
            }
        }
        Action::AcceptSuggestion => {
            let Some(p) = st.problems.get(st.cursor.selected) else {
                return vec![];
            };
            let (Some(url), Some(entry)) = (&p.suggestion, &p.entry) else {
                app.status.error("This problem has no suggested URL");
                return vec![];
            };
            if !p.kind.suggests_url() {
                app.status.error("This suggestion is not a URL to use");
                return vec![];
            }
            if app.issue.is_published() {
                app.status.error("The issue is published: it is read-only");
                return vec![];
            }
            // Fetched first, on a thread: the answer (`Msg::UrlChecked`) decides.
            app.status.info(format!("Checking {url} before using it…"));
            return vec![
                CheckFx::VerifyUrl {
                    entry_id: entry.entry_id,
                    url: url.clone(),
                }
                .into(),
            ];
        }
        _ => {}
    }
    vec![]
}

/// Puts the issue cursor on the entry (by id: the issue may have been edited since).
fn jump_to_entry(app: &mut App, entry_id: i64) {
    let Some(issue) = &app.issue.issue else {
        return;
    };
    let found = issue.sections.iter().enumerate().find_map(|(si, s)| {
        s.entries
            .iter()
            .position(|e| e.id == entry_id)
            .map(|ei| Row::Entry(si, ei))
    });
    match found {
        Some(row) => app
            .issue
            .show_row(row, crate::tui::issue::state::page_rows(app.size)),
        None => app.status.error("That entry is no longer in the issue"),
    }
}
