//! The check panel: one or two lines per problem (severity, entry, message; the suggestion
//! under it), over the issue screen; under the list, the selected problem in full, wrapped
//! (a long message or URL is cut in the list).

use super::state::CheckState;
use crate::check::Severity;
use crate::model::Issue;
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// The title of the entry a problem is about, looked up by id in the issue shown.
fn entry_title(issue: Option<&Issue>, entry_id: i64, url: &str) -> String {
    issue
        .into_iter()
        .flat_map(|i| &i.sections)
        .flat_map(|s| &s.entries)
        .find(|e| e.id == entry_id)
        .and_then(|e| e.title.clone())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| url.to_string())
}

pub fn draw(
    st: &CheckState,
    issue: Option<&Issue>,
    hint: &str,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let rect = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    let w = rect.width.saturating_sub(2) as usize;
    let inner = rect.height.saturating_sub(3) as usize;
    let detail = st
        .problems
        .get(st.cursor.selected)
        .map(|p| detail_lines(p, issue, theme))
        .unwrap_or_default();
    // The detail takes what its wrapped text needs, at most half the panel; a rule above it.
    let detail_h = if detail.is_empty() {
        0
    } else {
        wrapped_height(&detail, w.saturating_sub(1)).min(inner / 2)
    };
    let rows = inner.saturating_sub(detail_h + usize::from(detail_h > 0));
    // (problem index, line): a problem with a suggestion takes two lines.
    let mut lines: Vec<(usize, Line)> = Vec::new();
    for (i, p) in st.problems.iter().enumerate() {
        let selected = i == st.cursor.selected;
        let (mark, mark_style) = match p.severity {
            Severity::Error => ("✗", theme.error),
            Severity::Warning => ("!", theme.warn),
        };
        let base = if selected {
            theme.selected
        } else {
            theme.normal
        };
        let who = match &p.entry {
            Some(e) => entry_title(issue, e.entry_id, &e.url),
            None => "Issue".to_string(),
        };
        let who = fit(&who, (w / 3).max(12));
        let text = format!(" {who} — {}", p.message);
        let text = format!("{:<width$}", fit(&text, w.saturating_sub(2)), width = w - 2);
        lines.push((
            i,
            Line::from(vec![
                Span::styled(format!(" {mark}"), mark_style.patch(base)),
                Span::styled(text, base),
            ]),
        ));
        if let Some(s) = &p.suggestion {
            let text = fit(&format!("     → {s}"), w);
            lines.push((i, Line::from(Span::styled(text, theme.dim))));
        }
    }
    // Scroll so the selected problem's first line is on screen.
    let first = lines
        .iter()
        .position(|(i, _)| *i == st.cursor.selected)
        .unwrap_or(0);
    let skip = first.saturating_sub(rows.saturating_sub(2));
    let mut body: Vec<Line> = if st.problems.is_empty() {
        vec![Line::from(" No problems found.")]
    } else {
        lines
            .into_iter()
            .skip(skip)
            .take(rows)
            .map(|(_, l)| l)
            .collect()
    };
    while body.len() < rows {
        body.push(Line::from(""));
    }
    if detail_h > 0 {
        body.push(Line::from(Span::styled("─".repeat(w), theme.border)));
        body.extend((0..detail_h).map(|_| Line::from("")));
    }
    body.push(Line::from(Span::styled(format!(" {hint}"), theme.dim)));
    let (e, wn) = st.counts();
    let title = format!(" Check · {e} errors · {wn} warnings ");
    boxed(frame, rect, &title, Paragraph::new(body), theme);
    if detail_h > 0 {
        let area = Rect::new(
            rect.x + 1,
            rect.y + 2 + rows as u16,
            rect.width.saturating_sub(3),
            detail_h as u16,
        );
        let text = Paragraph::new(detail).wrap(Wrap { trim: false });
        frame.render_widget(text, area.intersection(rect));
    }
}

/// The selected problem in full: the entry (title and URL), the severity and message, the
/// suggestion.
fn detail_lines<'a>(
    p: &'a crate::check::Problem,
    issue: Option<&Issue>,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let mut lines = match &p.entry {
        Some(e) => vec![
            Line::from(format!(" {}", entry_title(issue, e.entry_id, &e.url))),
            Line::from(Span::styled(format!(" {}", e.url), theme.dim)),
        ],
        None => vec![Line::from(" The issue")],
    };
    lines.push(Line::from(format!(
        " {}: {}",
        p.severity.as_str(),
        p.message
    )));
    if let Some(s) = &p.suggestion {
        lines.push(Line::from(Span::styled(format!(" → {s}"), theme.dim)));
    }
    lines
}

/// Rows `lines` take wrapped at `width` columns (words are kept whole, so a line may need
/// one more row than its length alone says).
fn wrapped_height(lines: &[Line], width: usize) -> usize {
    let width = width.max(1);
    lines
        .iter()
        .map(|l| {
            let n = l.width();
            n.div_ceil(width).max(1) + usize::from(n > width)
        })
        .sum()
}
