//! Drawing the first-run dialog.

use super::state::{LABELS, SetupState};
use crate::tui::theme::Theme;
use crate::tui::view::popup;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw(s: &SetupState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let rect = popup(area, 72, 11);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(" Welcome to roundup ")
        .border_style(theme.border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let rows = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .split(inner);
    frame.render_widget(
        Paragraph::new("Your newsletter, once: roundup writes it to config.toml.")
            .wrap(Wrap { trim: false }),
        rows[0],
    );
    for (i, label) in LABELS.iter().enumerate() {
        let [l, f] =
            Layout::horizontal([Constraint::Length(20), Constraint::Min(1)]).areas(rows[i + 1]);
        let style = if s.focus == i { theme.focus } else { theme.dim };
        frame.render_widget(Paragraph::new(Span::styled(format!(" {label}"), style)), l);
        let mut ta = s.fields[i].clone();
        ta.set_cursor_style(if s.focus == i {
            theme.focus.add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        });
        frame.render_widget(&ta, f);
    }
    let example = s.pattern().replace("{number}", &s.text(2));
    let mut lines = vec![Line::from(Span::styled(
        format!(" The first issue will be \"{example}\""),
        theme.dim,
    ))];
    if let Some(p) = &s.problem {
        lines.push(Line::from(Span::styled(format!(" {p}"), theme.error)));
    }
    lines.push(Line::from(Span::styled(
        " tab / enter: next field · enter on the last: save · esc: skip",
        theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rows[5]);
}
