//! The check panel: the problems of the last `check_issue` run (it runs on a thread; the
//! result arrives as a message), a cursor, and what the panel's keys do.

use crate::check::{Problem, Severity};
use crate::tui::action::Action;
use crate::tui::effects::Effect;
use crate::tui::issue::state::Row;
use crate::tui::state::{App, Overlay, Screen};

#[derive(Debug, Default)]
pub struct CheckState {
    /// The issue the problems are about (marks are shown only on that issue).
    pub issue_id: Option<i64>,
    pub problems: Vec<Problem>,
    pub selected: usize,
    /// A check is running in the background.
    pub running: bool,
}

impl CheckState {
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count();
        (errors, self.problems.len() - errors)
    }

    /// The last check found something about this entry of this issue (the "!" mark).
    pub fn flags(&self, issue_id: i64, entry_id: i64) -> bool {
        self.issue_id == Some(issue_id)
            && self
                .problems
                .iter()
                .any(|p| p.entry.as_ref().is_some_and(|e| e.entry_id == entry_id))
    }

    /// Problems from the last check of `issue_id` (for the export dialog's warning).
    pub fn count_for(&self, issue_id: i64) -> usize {
        if self.issue_id == Some(issue_id) {
            self.problems.len()
        } else {
            0
        }
    }

    pub fn summary(&self) -> String {
        let (e, w) = self.counts();
        if e + w == 0 {
            return "Check: no problems found".into();
        }
        let s = |n: usize| if n == 1 { "" } else { "s" };
        format!("Check: {e} error{}, {w} warning{}", s(e), s(w))
    }
}

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
    vec![Effect::RunCheck { issue_id: issue.id }]
}

/// The result of a check: the panel opens on it unless something else is in front.
pub fn on_result(app: &mut App, issue_id: i64, problems: Vec<Problem>) {
    app.check.running = false;
    app.check.issue_id = Some(issue_id);
    app.check.problems = problems;
    app.check.selected = 0;
    app.status.info(app.check.summary());
    if app.overlay.is_none() && matches!(app.screen, Screen::Issue | Screen::Preview) {
        app.screen = Screen::Issue;
        app.overlay = Some(Overlay::Check);
    }
}

/// A suggested URL replaced the entry's link: its URL problems are settled.
pub fn on_url_replaced(app: &mut App, entry_id: i64) {
    app.check.problems.retain(|p| {
        !(p.kind.suggests_url() && p.entry.as_ref().is_some_and(|e| e.entry_id == entry_id))
    });
    let last = app.check.problems.len().saturating_sub(1);
    app.check.selected = app.check.selected.min(last);
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let st = &mut app.check;
    let last = st.problems.len().saturating_sub(1);
    match action {
        Action::Up => st.selected = st.selected.saturating_sub(1),
        Action::Down => st.selected = (st.selected + 1).min(last),
        Action::Top => st.selected = 0,
        Action::Bottom => st.selected = last,
        Action::PageUp => st.selected = st.selected.saturating_sub(10),
        Action::PageDown => st.selected = (st.selected + 10).min(last),
        Action::Back => app.overlay = None,
        Action::Check => {
            app.overlay = None;
            return start(app);
        }
        Action::Confirm => {
            let target = st
                .problems
                .get(st.selected)
                .and_then(|p| p.entry.as_ref())
                .map(|e| e.entry_id);
            app.overlay = None;
            app.screen = Screen::Issue;
            if let Some(id) = target {
                jump_to_entry(app, id);
            }
        }
        Action::AcceptSuggestion => {
            let Some(p) = st.problems.get(st.selected) else {
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
            return vec![Effect::ReplaceUrl {
                entry_id: entry.entry_id,
                url: url.clone(),
            }];
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
