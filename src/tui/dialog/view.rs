//! Drawing the dialogs: a small box in the middle of the screen.

use super::state::{ConfirmState, LineVerdict, PromptState, judge_line};
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, popup};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw_prompt(p: &PromptState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = p.area.lines().len() as u16;
    let verdicts: Vec<(usize, LineVerdict)> = if p.purpose.multiline() {
        p.area
            .lines()
            .iter()
            .map(|l| judge_line(l))
            .enumerate()
            .filter(|(_, v)| *v != LineVerdict::Blank)
            .collect()
    } else {
        Vec::new()
    };
    let refused: Vec<Line> = verdicts
        .iter()
        .filter_map(|(i, v)| match v {
            LineVerdict::Refused(why) => Some(Line::from(Span::styled(
                format!("✗ line {}: {why}", i + 1),
                theme.error,
            ))),
            _ => None,
        })
        .collect();
    let urls: usize = verdicts
        .iter()
        .map(|(_, v)| match v {
            LineVerdict::Urls(u) => u.len(),
            _ => 0,
        })
        .sum();
    let body_h = lines.clamp(1, 12);
    let width = 90.min(area.width);
    // A reason wraps: each takes the rows it needs inside the box.
    let inner_w = width.saturating_sub(2).max(1) as usize;
    let extra = if p.purpose.multiline() {
        1 + refused
            .iter()
            .map(|l| l.width().div_ceil(inner_w).max(1) as u16)
            .sum::<u16>()
    } else {
        0
    };
    let rect = popup(area, width, body_h + extra + 3);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(p.purpose.title())
        .border_style(theme.border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [label, text, notes] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(body_h),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(p.label.clone(), theme.dim)),
        label,
    );
    let mut ta = p.area.clone();
    ta.set_cursor_style(theme.focus.add_modifier(Modifier::REVERSED));
    frame.render_widget(&ta, text);
    if p.purpose.multiline() {
        let mut out = vec![Line::from(Span::styled(
            format!(
                "{urls} link{} to add · enter adds · esc cancels",
                if urls == 1 { "" } else { "s" }
            ),
            theme.dim,
        ))];
        out.extend(refused);
        frame.render_widget(Paragraph::new(out).wrap(Wrap { trim: false }), notes);
    }
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
