//! Drawing the dialogs: a small box in the middle of the screen.

use super::state::{ConfirmState, PromptState};
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw_prompt(p: &PromptState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = popup(area, 70, 5);
    let text = vec![
        Line::from(p.label.clone()),
        Line::from(vec![
            Span::raw(p.text.clone()),
            Span::styled("▏", theme.focus),
        ]),
    ];
    boxed(
        frame,
        rect,
        " Add ",
        Paragraph::new(text).wrap(Wrap { trim: false }),
        theme,
    );
}

pub fn draw_confirm(c: &ConfirmState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = popup(area, 60, 4);
    let text = vec![
        Line::from(c.question.clone()),
        Line::from(Span::styled("y / enter: yes · n / esc: no", theme.dim)),
    ];
    boxed(
        frame,
        rect,
        " Confirm ",
        Paragraph::new(text).wrap(Wrap { trim: false }),
        theme,
    );
}
