//! The help overlay: every key of the screen, generated from the keymap.

use super::state::HelpState;
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(h: &HelpState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let key_w = h
        .lines
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4)
        .min(24);
    let rect = popup(area, (key_w + 30) as u16, h.lines.len() as u16 + 2);
    let lines: Vec<Line> = h
        .lines
        .iter()
        .skip(h.scroll.selected)
        .map(|(k, a)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$} "), theme.key),
                Span::raw(a.describe()),
            ])
        })
        .collect();
    let rows = rect.height.saturating_sub(2) as usize;
    let title = if h.lines.len() > rows {
        let last = (h.scroll.selected + rows).min(h.lines.len());
        format!(
            " {} · {}–{} of {} ",
            h.title,
            h.scroll.selected + 1,
            last,
            h.lines.len()
        )
    } else {
        format!(" {} ", h.title)
    };
    boxed(frame, rect, &title, Paragraph::new(lines), theme);
}
