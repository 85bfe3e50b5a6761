//! The preview pane: the exporter's output, scrolled.

use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The plain-text export's lines and the pane's two borders.
const TEXT_PANE: u16 = crate::export::text::WIDTH as u16 + 2;

/// A screen (left) and the preview beside it (right): `percent` of the width for the
/// screen, unless the preview shows plain text and is narrower than the export's 72
/// columns while the screen would keep `min_left` with it widened. Then it is widened, so
/// the text reads as it will be sent (a narrower pane wrapped its lines again, leaving a
/// word or two alone on every other line).
pub fn beside(app: &App, area: Rect, percent: u16, min_left: u16) -> [Rect; 2] {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(percent), Constraint::Fill(1)]).areas(area);
    if app.preview.markdown
        || right.width >= TEXT_PANE
        || area.width.saturating_sub(TEXT_PANE) < min_left
    {
        return [left, right];
    }
    Layout::horizontal([Constraint::Fill(1), Constraint::Length(TEXT_PANE)]).areas(area)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    draw_at(app, None, frame, area, theme);
}

/// Beside the issue or the editor, the preview follows the selected item: it scrolls to the
/// first line that is `anchor` (an entry's title, a section's heading).
pub fn draw_at(app: &App, anchor: Option<&str>, frame: &mut Frame, area: Rect, theme: &Theme) {
    let p = &app.preview;
    let found = anchor.and_then(|a| p.text.lines().position(|l| l.trim() == a.trim()));
    let kind = if p.markdown { "Markdown" } else { "text" };
    let block = Block::bordered()
        .title(format!(" Preview ({kind}) "))
        .border_style(theme.border);
    let text = if p.text.is_empty() {
        "(nothing to preview yet)"
    } else {
        &p.text
    };
    let scroll = found.map_or(p.scroll, |i| i.saturating_sub(1));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}
