//! One field of the editor: what it holds (its role) and its text area.

use ratatui_textarea::TextArea;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Blurb,
    Quote(usize),
    Authors,
    Publication,
    Via,
    SponsorName,
    SponsorUrl,
    SponsorMessage,
    Intro,
}

impl Role {
    pub fn label(self) -> String {
        match self {
            Role::Title => "Title".into(),
            Role::Blurb => "Blurb".into(),
            Role::Quote(i) => format!("Quote {}", i + 1),
            Role::Authors => "Authors".into(),
            Role::Publication => "Publication".into(),
            Role::Via => "Via".into(),
            Role::SponsorName => "Sponsor".into(),
            Role::SponsorUrl => "URL".into(),
            Role::SponsorMessage => "Message".into(),
            Role::Intro => "Intro".into(),
        }
    }
    pub fn multiline(self) -> bool {
        matches!(
            self,
            Role::Blurb | Role::Quote(_) | Role::SponsorMessage | Role::Intro
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

impl Field {
    pub(super) fn new(role: Role, text: &str) -> Field {
        let mut area = TextArea::new(text.split('\n').map(str::to_string).collect());
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
}
