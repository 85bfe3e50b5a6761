//! The editor's highlight picker: the quote candidates imported with the entry's link (from
//! Pocket, Omnivore, Readwise…), one of which Enter inserts at the cursor as a block quote.
//! State, keys and drawing together: it is one small overlay.

use crate::model::QuoteCandidate;
use crate::tui::action::Action;
use crate::tui::editor::state::Target;
use crate::tui::effects::{Effect, ReaderFx};
use crate::tui::list::ListCursor;
use crate::tui::state::{App, Overlay};
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, fit, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Candidates shown at once.
const ROWS: usize = 8;

#[derive(Debug, Clone, PartialEq)]
pub struct CandidatePicker {
    pub link_id: i64,
    pub items: Vec<QuoteCandidate>,
    pub cursor: ListCursor,
}

/// Asks for the highlights of the edited entry's link.
pub fn open(app: &mut App) -> Vec<Effect> {
    let entry = match app.editor.as_ref().map(|e| e.target) {
        Some(Target::Entry(id)) => id,
        _ => return vec![],
    };
    let link = app.issue.issue.as_ref().and_then(|i| {
        i.sections
            .iter()
            .flat_map(|s| &s.entries)
            .find(|e| e.id == entry)
            .map(|e| e.link_id)
    });
    match link {
        Some(link_id) => vec![ReaderFx::Candidates { link_id }.into()],
        None => vec![],
    }
}

/// The highlights arrived: show them, or say there are none.
pub fn on_candidates(app: &mut App, link_id: i64, items: Vec<QuoteCandidate>) {
    if app.editor.is_none() || app.overlay.is_some() {
        return;
    }
    if items.is_empty() {
        app.status
            .info("No imported highlights for this link (import from Pocket, Readwise…)");
        return;
    }
    app.overlay = Some(Overlay::Candidates(CandidatePicker {
        link_id,
        items,
        cursor: ListCursor::default(),
    }));
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Candidates(p)) = &mut app.overlay else {
        return vec![];
    };
    if p.cursor.navigate(action, p.items.len(), ROWS) {
        return vec![];
    }
    match action {
        Action::Back => {
            app.overlay = None;
            vec![]
        }
        Action::Confirm => {
            let text = p.items.get(p.cursor.selected).map(|c| c.text.clone());
            app.overlay = None;
            match (text, app.editor.as_mut()) {
                (Some(t), Some(ed)) => {
                    let fx = ed.insert_block_quote(&t);
                    app.status.info("Highlight inserted as a pull-quote");
                    fx
                }
                _ => vec![],
            }
        }
        _ => vec![],
    }
}

pub fn draw(p: &CandidatePicker, frame: &mut Frame, area: Rect, theme: &Theme) {
    let width = area.width.saturating_sub(8).clamp(20, 90);
    let shown = p.items.len().min(ROWS);
    let rect = popup(area, width, shown as u16 * 2 + 2);
    let text_w = usize::from(width.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::new();
    for (i, c) in p.items.iter().enumerate().skip(p.cursor.offset).take(ROWS) {
        let style = if i == p.cursor.selected {
            theme.selected
        } else {
            theme.normal
        };
        let flat = c.text.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.push(Line::from(Span::styled(
            format!(" ❝ {:<text_w$}", fit(&flat, text_w)),
            style,
        )));
        let note = c
            .note
            .as_deref()
            .map_or(String::new(), |n| format!("note: {n}"));
        lines.push(Line::from(Span::styled(
            format!("   {}", fit(&note, text_w)),
            theme.dim,
        )));
    }
    let title = format!(" Highlights ({}) · enter inserts ", p.items.len());
    boxed(frame, rect, &title, Paragraph::new(lines), theme);
}
