//! The dialogs' state: what is being asked, and what answering does.

use crate::model::canonical::parse_user_url;
use crate::tui::effects::Effect;
use ratatui_textarea::{CursorMove, TextArea};

/// A text prompt: one line (a number, a heading, a path), or several for URLs to add.
#[derive(Debug, Clone)]
pub struct PromptState {
    pub label: String,
    pub area: TextArea<'static>,
    pub purpose: PromptFor,
}

/// What the prompt's text is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptFor {
    /// URLs to add to the inbox, one per line; refused lines stay with their reason.
    AddUrls,
    /// The number of a new draft.
    NewIssue,
    /// A new number for draft `from`.
    Renumber { from: i64 },
    /// The heading of a new section of draft `issue_id`.
    AddSection { issue_id: i64 },
    /// A new heading for a section.
    RenameSection { section_id: i64 },
    /// Where an export goes.
    ExportPath,
}

impl PromptFor {
    pub fn title(self) -> &'static str {
        match self {
            PromptFor::AddUrls => " Add links ",
            PromptFor::NewIssue => " New issue ",
            PromptFor::Renumber { .. } => " Renumber ",
            PromptFor::AddSection { .. } => " New section ",
            PromptFor::RenameSection { .. } => " Rename section ",
            PromptFor::ExportPath => " Export to ",
        }
    }
    pub fn multiline(self) -> bool {
        self == PromptFor::AddUrls
    }
}

impl PromptState {
    pub fn new(label: impl Into<String>, purpose: PromptFor) -> PromptState {
        PromptState::with_text(label, purpose, "")
    }

    /// A prompt holding `text` already (a default number, the heading to rename), the cursor
    /// at its end.
    pub fn with_text(label: impl Into<String>, purpose: PromptFor, text: &str) -> PromptState {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        PromptState {
            label: label.into(),
            area,
            purpose,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

/// What one line of the add dialog would become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineVerdict {
    Blank,
    /// The URLs it holds (a line of URLs separated by spaces holds several).
    Urls(Vec<String>),
    /// Why it cannot be added.
    Refused(String),
}

/// One line of the add dialog: a URL (`www.example.com/post` means https), or several full
/// URLs separated by spaces. Anything else with a space in it is refused, never cut at the
/// space (`http://exa mple.com/x` is not `http://exa`).
pub fn judge_line(line: &str) -> LineVerdict {
    let strip = |w: &str| {
        w.trim_matches(|c| matches!(c, '<' | '>' | '"' | '\'' | ',' | '(' | ')'))
            .to_string()
    };
    let t = line.trim().trim_start_matches(['-', '*', '•']).trim();
    if t.is_empty() {
        return LineVerdict::Blank;
    }
    let words: Vec<String> = t.split_whitespace().map(strip).collect();
    let all_full = words.len() > 1
        && words.iter().all(|w| {
            let l = w.to_ascii_lowercase();
            l.starts_with("http://") || l.starts_with("https://")
        });
    let candidates = if all_full { words } else { vec![strip(t)] };
    let mut urls = Vec::new();
    for c in candidates {
        match parse_user_url(&c) {
            Ok(u) => urls.push(u),
            Err(e) => return LineVerdict::Refused(e.to_string()),
        }
    }
    LineVerdict::Urls(urls)
}

/// A yes/no question before something that cannot be taken back lightly.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmState {
    pub question: String,
    /// What "yes" does.
    pub on_yes: Vec<Effect>,
}
