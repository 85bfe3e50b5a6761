//! The export dialog's state: a format, a destination (the clipboard, a file, or a draft in
//! each configured mailing tool) and, for a file, its path (typed, defaulting to the last
//! folder used). Its keys are in `keys.rs`.

use crate::model::Issue;
use crate::publish::Service;
use crate::tui::effects::{Destination, ExportFormat, ExportPrefs};
use ratatui_textarea::{CursorMove, TextArea};
use std::path::PathBuf;

/// The dialog's fields, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Format,
    Destination,
    Path,
}

#[derive(Debug, Clone)]
pub struct ExportState {
    pub issue_id: i64,
    pub number: i64,
    pub format: usize,
    /// 0 clipboard, 1 file, then a push to each of `services`.
    pub dest: usize,
    /// The mailing tools with complete settings, in the order shown.
    pub services: Vec<Service>,
    pub focus: Focus,
    /// The file's path, as typed.
    pub path: TextArea<'static>,
    pub summary: String,
    /// Problems found by the last check of this issue, and the key that checks.
    pub problems: usize,
    pub check_key: String,
}

impl ExportState {
    pub fn new(issue: &Issue, prefs: &ExportPrefs, services: &[Service]) -> ExportState {
        let parts: Vec<String> = issue
            .sections
            .iter()
            .map(|s| format!("{} {}", s.entries.len(), s.heading.to_lowercase()))
            .collect();
        let format = ExportFormat::ALL
            .iter()
            .position(|f| *f == prefs.format)
            .unwrap_or(0);
        let mut x = ExportState {
            issue_id: issue.id,
            number: issue.number,
            format,
            dest: usize::from(prefs.to_file),
            services: services.to_vec(),
            focus: Focus::Format,
            path: TextArea::default(),
            summary: parts.join(" · "),
            problems: 0,
            check_key: String::new(),
        };
        x.set_path(&prefs.dir.join(x.default_name()));
        x
    }

    pub fn format(&self) -> ExportFormat {
        ExportFormat::ALL[self.format.min(2)]
    }

    /// Destinations offered: the clipboard, a file, then one per mailing tool.
    pub fn destinations(&self) -> usize {
        2 + self.services.len()
    }

    /// The destination chosen.
    pub fn destination(&self) -> Destination {
        match self.dest {
            0 => Destination::Clipboard,
            1 => Destination::File(self.file()),
            n => match self.services.get(n - 2) {
                Some(s) => Destination::Push(*s),
                None => Destination::Clipboard,
            },
        }
    }

    fn default_name(&self) -> String {
        format!("issue-{}.{}", self.number, self.format().ext())
    }

    pub fn file(&self) -> PathBuf {
        PathBuf::from(self.path.lines().join("").trim())
    }

    fn set_path(&mut self, path: &std::path::Path) {
        let mut area = TextArea::new(vec![path.display().to_string()]);
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(CursorMove::End);
        self.path = area;
    }

    /// A new format: a file still named as roundup named it takes the new extension; a name
    /// the editor typed stays.
    pub fn set_format(&mut self, format: usize) {
        let was = self.default_name();
        self.format = format.min(ExportFormat::ALL.len() - 1);
        let file = self.file();
        if file.file_name().and_then(|n| n.to_str()) == Some(was.as_str()) {
            let path = file.with_file_name(self.default_name());
            self.set_path(&path);
        }
    }

    pub fn next_focus(&mut self, back: bool) {
        self.focus = match (self.focus, back) {
            (Focus::Format, false) | (Focus::Path, true) => Focus::Destination,
            (Focus::Destination, false) if self.dest == 1 => Focus::Path,
            (Focus::Destination, true) | (Focus::Path, false) | (Focus::Destination, false) => {
                Focus::Format
            }
            (Focus::Format, true) if self.dest == 1 => Focus::Path,
            (Focus::Format, true) => Focus::Destination,
        };
    }
}
