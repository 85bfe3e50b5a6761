//! The export dialog: a format and a destination, then one export effect.

use crate::model::Issue;
use crate::tui::action::Action;
use crate::tui::effects::{Destination, Effect, ExportFormat};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub struct ExportState {
    pub issue_id: i64,
    pub number: i64,
    pub format: usize,
    /// 0 clipboard, 1 file.
    pub dest: usize,
    /// Focus: 0 format, 1 destination.
    pub focus: usize,
    pub dir: PathBuf,
    pub summary: String,
    /// Problems found by the last check of this issue, and the key that checks.
    pub problems: usize,
    pub check_key: String,
}

impl ExportState {
    pub fn new(issue: &Issue, dir: &Path) -> ExportState {
        let parts: Vec<String> = issue
            .sections
            .iter()
            .map(|s| format!("{} {}", s.entries.len(), s.heading.to_lowercase()))
            .collect();
        ExportState {
            issue_id: issue.id,
            number: issue.number,
            format: 0,
            dest: 0,
            focus: 0,
            dir: dir.to_path_buf(),
            summary: parts.join(" · "),
            problems: 0,
            check_key: String::new(),
        }
    }

    pub fn format(&self) -> ExportFormat {
        ExportFormat::ALL[self.format.min(2)]
    }

    pub fn file(&self) -> PathBuf {
        self.dir
            .join(format!("issue-{}.{}", self.number, self.format().ext()))
    }

    /// `Some` when the dialog is done (confirmed): the effect to run.
    pub fn on_action(&mut self, action: Action) -> Option<Effect> {
        let (value, n) = if self.focus == 0 {
            (&mut self.format, 3)
        } else {
            (&mut self.dest, 2)
        };
        match action {
            Action::Up => *value = value.saturating_sub(1),
            Action::Down => *value = (*value + 1).min(n - 1),
            Action::NextField | Action::PrevField => self.focus = 1 - self.focus,
            Action::Confirm => {
                let dest = if self.dest == 0 {
                    Destination::Clipboard
                } else {
                    Destination::File(self.file())
                };
                return Some(Effect::Export {
                    issue_id: self.issue_id,
                    format: self.format(),
                    dest,
                });
            }
            _ => {}
        }
        None
    }
}
