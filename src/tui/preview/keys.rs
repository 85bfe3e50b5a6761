//! What the preview screen's keys do: scroll, switch text/Markdown, export, go back.

use crate::tui::action::Action;
use crate::tui::effects::{Effect, PreviewFx};
use crate::tui::state::App;

/// Asks for the issue shown to be rendered again (after any change to it).
pub fn render(app: &App) -> Vec<Effect> {
    match &app.issue.issue {
        Some(i) => vec![
            PreviewFx::Render {
                issue_id: i.id,
                markdown: app.preview.markdown,
            }
            .into(),
        ],
        None => vec![],
    }
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.size.1.saturating_sub(4) as usize;
    match action {
        Action::Back => app.screen = app.prev_screen,
        Action::PreviewFormat | Action::Export => {
            return crate::tui::issue::keys::on_action(app, action);
        }
        a => scroll(app, a, page),
    }
    vec![]
}

/// A text view, not a list: the last page ends at the last line.
fn scroll(app: &mut App, action: Action, page: usize) {
    let p = &mut app.preview;
    let last = p.text.lines().count().saturating_sub(1);
    p.scroll = match action {
        Action::Up => p.scroll.saturating_sub(1),
        Action::Down => (p.scroll + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last.saturating_sub(page),
        Action::PageUp => p.scroll.saturating_sub(page),
        Action::PageDown => (p.scroll + page).min(last),
        _ => p.scroll,
    };
}
