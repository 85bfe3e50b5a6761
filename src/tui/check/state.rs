//! The check panel's state: the problems of the last `check_issue` run (it runs on a thread;
//! the result arrives as a message) and a cursor. Its keys are in `keys.rs`.

use crate::check::{Problem, Severity};
use crate::tui::effects::{CheckFx, Effect};
use crate::tui::list::ListCursor;
use crate::tui::state::{App, Overlay, Screen};

#[derive(Debug, Default)]
pub struct CheckState {
    /// The issue the problems are about (marks are shown only on that issue).
    pub issue_id: Option<i64>,
    pub problems: Vec<Problem>,
    pub cursor: ListCursor,
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

/// The result of a check: the panel opens on it unless something else is in front.
pub fn on_result(app: &mut App, issue_id: i64, problems: Vec<Problem>) {
    app.check.running = false;
    app.check.issue_id = Some(issue_id);
    app.check.problems = problems;
    app.check.cursor.reset();
    app.status.info(app.check.summary());
    if app.overlay.is_none() && matches!(app.screen, Screen::Issue | Screen::Preview) {
        app.screen = Screen::Issue;
        app.overlay = Some(Overlay::Check);
    }
}

/// A suggested URL was fetched: one that answers OK replaces the entry's link (unless the
/// issue shown is now published); else the status says why and nothing changes.
pub fn on_url_checked(
    app: &mut App,
    entry_id: i64,
    url: String,
    result: Result<(), String>,
) -> Vec<Effect> {
    if let Err(why) = result {
        app.status.error(format!(
            "Kept the old URL: {url} does not answer OK ({why})"
        ));
        return vec![];
    }
    if app.issue.is_published() {
        app.status.error("The issue is published: it is read-only");
        return vec![];
    }
    app.status.unsaved = true;
    vec![CheckFx::ReplaceUrl { entry_id, url }.into()]
}

/// A suggested URL replaced the entry's link: its URL problems are settled.
pub fn on_url_replaced(app: &mut App, entry_id: i64) {
    app.check.problems.retain(|p| {
        !(p.kind.suggests_url() && p.entry.as_ref().is_some_and(|e| e.entry_id == entry_id))
    });
    let n = app.check.problems.len();
    app.check.cursor.clamp(n);
}
