//! The help overlay: every key of the screen, generated from the keymap, then what each
//! mark in the lists means. As wide as its longest line allows (wrapping, never cut).

use super::state::HelpState;
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Every mark the inbox and the issue show, with its meaning.
pub const LEGEND: &[(&str, &str)] = &[
    ("●", "inbox: added in the last day"),
    ("◌", "inbox: being fetched"),
    (
        "✗",
        "inbox: the fetch failed (the detail says why); check: an error",
    ),
    ("⚑", "inbox: held for a later issue"),
    ("⚠", "inbox: featured in an earlier issue; check: a warning"),
    ("◷", "inbox: stale (older than stale_after_days)"),
    ("–", "inbox: discarded (v shows every link)"),
    (
        "✓",
        "inbox: used in an issue; issue: the entry has writing and a credit",
    ),
    ("·", "issue: the entry has writing but no credit"),
    ("✎", "issue: the entry has no writing yet"),
    ("!", "issue: the last check found a problem with the entry"),
];

pub fn draw(h: &HelpState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let key_w = h
        .lines
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(4)
        .min(24);
    let mut lines: Vec<Line> = h
        .lines
        .iter()
        .map(|(k, a)| {
            Line::from(vec![
                Span::styled(format!(" {k:<key_w$} "), theme.key),
                Span::raw(a.describe()),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(" Marks", theme.dim)));
    for (mark, meaning) in LEGEND {
        lines.push(Line::from(vec![
            Span::styled(format!(" {mark:<key_w$} "), theme.key),
            Span::raw(*meaning),
        ]));
    }
    let widest = lines.iter().map(Line::width).max().unwrap_or(30) as u16 + 3;
    let total = lines.len();
    let rect = popup(area, widest.max(40), total as u16 + 2);
    let rows = rect.height.saturating_sub(2) as usize;
    let title = if total > rows {
        let last = (h.scroll.selected + rows).min(total);
        format!(
            " {} · {}–{} of {} ",
            h.title,
            h.scroll.selected + 1,
            last,
            total
        )
    } else {
        format!(" {} ", h.title)
    };
    let shown: Vec<Line> = lines.into_iter().skip(h.scroll.selected).collect();
    boxed(
        frame,
        rect,
        &title,
        Paragraph::new(shown).wrap(Wrap { trim: false }),
        theme,
    );
}
