//! The check panel: one or two lines per problem (severity, entry, message; the suggestion
//! under it), over the issue screen.

use super::state::CheckState;
use crate::check::Severity;
use crate::model::Issue;
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

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
    let rows = rect.height.saturating_sub(3) as usize;
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
    body.push(Line::from(Span::styled(format!(" {hint}"), theme.dim)));
    let (e, wn) = st.counts();
    let title = format!(" Check · {e} errors · {wn} warnings ");
    boxed(frame, rect, &title, Paragraph::new(body), theme);
}
