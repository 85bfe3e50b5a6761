//! The first-run dialog's state: three fields, the pattern following the name until the
//! editor edits it.

use ratatui_textarea::{CursorMove, TextArea};

#[derive(Debug, Clone)]
pub struct SetupState {
    pub fields: [TextArea<'static>; 3],
    pub focus: usize,
    /// The editor changed the pattern: it no longer follows the name.
    pub pattern_edited: bool,
    /// Why the last "enter" was refused.
    pub problem: Option<String>,
}

pub const LABELS: [&str; 3] = ["Newsletter name", "Issue title", "First issue number"];

/// What the first run writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub name: String,
    pub title_pattern: String,
    pub first_number: i64,
}

fn area(text: &str) -> TextArea<'static> {
    let mut a = TextArea::new(vec![text.to_string()]);
    a.set_cursor_line_style(ratatui::style::Style::new());
    a.move_cursor(CursorMove::End);
    a
}

impl Default for SetupState {
    fn default() -> SetupState {
        SetupState {
            fields: [area(""), area("{name} #{number}"), area("1")],
            focus: 0,
            pattern_edited: false,
            problem: None,
        }
    }
}

impl SetupState {
    pub fn text(&self, i: usize) -> String {
        self.fields[i].lines().join(" ").trim().to_string()
    }

    /// The title pattern as it will be written: `{name}` replaced by the name.
    pub fn pattern(&self) -> String {
        self.text(1).replace("{name}", &self.text(0))
    }

    /// What to write, or why not.
    pub fn setup(&self) -> Result<Setup, String> {
        let name = self.text(0);
        if name.is_empty() {
            return Err("The newsletter needs a name".into());
        }
        let title_pattern = self.pattern();
        if !title_pattern.contains("{number}") {
            return Err("The title needs {number} where the issue number goes".into());
        }
        let first_number = self
            .text(2)
            .trim_start_matches('#')
            .parse::<i64>()
            .ok()
            .filter(|n| crate::compose::issues::check_number(*n).is_ok())
            .ok_or_else(|| {
                format!(
                    "The first number must be 1 to {}",
                    crate::compose::issues::MAX_ISSUE_NUMBER
                )
            })?;
        Ok(Setup {
            name,
            title_pattern,
            first_number,
        })
    }
}
