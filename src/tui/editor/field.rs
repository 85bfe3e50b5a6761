//! One field of the editor: what it holds (its role) and its text area.

use ratatui_textarea::TextArea;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    /// Markdown: commentary and pull-quotes (block quotes), in any order.
    Body,
    Authors,
    Publication,
    Via,
    /// Disclosure notes, one per line: typed, or added from the rules' suggestions.
    Notes,
    SponsorName,
    SponsorUrl,
    SponsorLinkText,
    SponsorMessage,
    Intro,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Title => "Title",
            Role::Body => "Body",
            Role::Authors => "Authors",
            Role::Publication => "Publication",
            Role::Via => "Via",
            Role::Notes => "Disclosures",
            Role::SponsorName => "Sponsor",
            Role::SponsorUrl => "URL",
            Role::SponsorLinkText => "Link text",
            Role::SponsorMessage => "Message",
            Role::Intro => "Intro",
        }
    }
    pub fn multiline(self) -> bool {
        matches!(
            self,
            Role::Body | Role::Notes | Role::SponsorMessage | Role::Intro
        )
    }
    pub(super) fn credit(self) -> bool {
        matches!(self, Role::Authors | Role::Publication | Role::Via)
    }
}

#[derive(Debug, Clone)]
pub struct Field {
    pub role: Role,
    pub area: TextArea<'static>,
}

/// Edits `ctrl-z` can take back in one field. The text area's default is 50, and every
/// typed character is an edit: a paragraph typed into the wrong field could not be undone
/// back to what the field held (found trying it as an editor). A few hundred KB at most.
const UNDO_STEPS: usize = 10_000;

impl Field {
    pub(super) fn new(role: Role, text: &str) -> Field {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
        area.set_max_histories(UNDO_STEPS);
        area.set_cursor_line_style(ratatui::style::Style::new());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        if role.multiline() {
            area.set_wrap_mode(ratatui_textarea::WrapMode::Word);
        }
        Field { role, area }
    }
    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
    /// The line the cursor is on.
    pub fn current_line(&self) -> &str {
        let row = self.area.cursor().0;
        self.area.lines().get(row).map_or("", String::as_str)
    }
}

/// Line endings as one: terminals send a pasted line break as CR (xterm, VTE, tmux), some as
/// CRLF; a paragraph break must survive either.
pub fn unify_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}
