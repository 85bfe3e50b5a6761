//! The archive screen: the search box, then two lines per hit (title; where it is and the
//! snippet).

use super::state::{page_rows, where_is};
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::view::fit;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let st = &app.archive;
    let [search, list] = Layout::vertical([Constraint::Length(3), Constraint::Fill(1)]).areas(area);
    let input = Paragraph::new(Line::from(vec![
        Span::raw(format!(" {}", st.query)),
        Span::styled("▏", theme.focus),
    ]))
    .block(
        Block::bordered()
            .title(" Search the archive ")
            .border_style(theme.border),
    );
    frame.render_widget(input, search);
    let block = Block::bordered()
        .title(format!(" Results {} ", st.hits.len()))
        .border_style(theme.border);
    let inner = block.inner(list);
    frame.render_widget(block, list);
    let w = inner.width as usize;
    let page = page_rows(app.size).min((inner.height as usize / 2).max(1));
    let offset = st.cursor.selected.saturating_sub(page.saturating_sub(1));
    let mut lines = Vec::new();
    if st.hits.is_empty() {
        let msg = if st.query.trim().is_empty() {
            " Type to search every link and every published entry."
        } else if st.answered == st.query {
            " Nothing matches."
        } else {
            " Searching…"
        };
        lines.push(Line::from(Span::styled(msg, theme.dim)));
    }
    for (i, hit) in st.hits.iter().enumerate().skip(offset).take(page) {
        let style = if i == st.cursor.selected {
            theme.selected
        } else {
            theme.normal
        };
        // A published entry is named as the issue printed it.
        let title = match &hit.entry {
            Some(e) => format!(" {}", e.title),
            None => format!(" {}", hit.link.display_title()),
        };
        lines.push(Line::from(Span::styled(
            format!("{:<w$}", fit(&title, w)),
            style,
        )));
        let mut second = format!("   {}", where_is(hit));
        if let Some(s) = &hit.snippet {
            second.push_str(&format!(" · {s}"));
        }
        lines.push(Line::from(Span::styled(fit(&second, w), theme.dim)));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
