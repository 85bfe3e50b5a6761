//! Styles in one place, so NO_COLOR turns every colour off at once (modifiers stay: bold and
//! reverse still mark the selection).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub normal: Style,
    pub dim: Style,
    pub title: Style,
    pub selected: Style,
    pub key: Style,
    pub ok: Style,
    pub warn: Style,
    pub error: Style,
    pub bar: Style,
    pub border: Style,
    pub focus: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        let c = |style: Style, fg: Color| if color { style.fg(fg) } else { style };
        Theme {
            normal: Style::new(),
            dim: c(Style::new(), Color::DarkGray),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            key: c(Style::new().add_modifier(Modifier::BOLD), Color::Cyan),
            ok: c(Style::new(), Color::Green),
            warn: c(Style::new(), Color::Yellow),
            error: c(Style::new().add_modifier(Modifier::BOLD), Color::Red),
            bar: Style::new(),
            border: c(Style::new(), Color::DarkGray),
            focus: c(Style::new().add_modifier(Modifier::BOLD), Color::Cyan),
        }
    }
}
