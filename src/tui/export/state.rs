//! The export dialog's state: a format and a destination. Its keys are in `keys.rs`.

use crate::model::Issue;
use crate::tui::effects::ExportFormat;
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
}
