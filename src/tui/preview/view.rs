//! The preview pane: the exporter's output, scrolled.

use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let p = &app.preview;
    let kind = if p.markdown { "Markdown" } else { "text" };
    let block = Block::bordered()
        .title(format!(" Preview ({kind}) "))
        .border_style(theme.border);
    let text = if p.text.is_empty() {
        "(nothing to preview yet)"
    } else {
        &p.text
    };
    let scroll = u16::try_from(p.scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(block),
        area,
    );
}
