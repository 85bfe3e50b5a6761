//! The preview pane: the exporter's output, scrolled.

use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph, Wrap};

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
