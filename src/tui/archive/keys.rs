//! What the archive screen's keys do: text goes into the search box, the keymap's
//! [archive] actions move, jump to a hit (a published entry opens its issue, read-only, at
//! that entry; an inbox link is shown in the inbox) and leave.

use super::state::{ArchiveState, page_rows, where_is};
use crate::model::LinkState;
use crate::tui::action::Action;
use crate::tui::effects::{ArchiveFx, Effect, IssueFx};
use crate::tui::issue::state::Follow;
use crate::tui::state::{App, Screen};

fn search(st: &ArchiveState) -> Vec<Effect> {
    vec![
        ArchiveFx::Search {
            query: st.query.clone(),
        }
        .into(),
    ]
}

/// Keys on the archive screen: text goes into the search box, the keymap's [archive]
/// actions move, jump and leave.
pub fn on_input(
    app: &mut App,
    action: Option<Action>,
    ch: Option<char>,
    backspace: bool,
) -> Vec<Effect> {
    let page = page_rows(app.size);
    let st = &mut app.archive;
    if let Some(a) = action
        && st.cursor.navigate(a, st.hits.len(), page)
    {
        return vec![];
    }
    match action {
        Some(Action::Back) if !st.query.is_empty() => {
            st.query.clear();
            st.hits.clear();
            st.answered.clear();
            st.cursor.reset();
        }
        Some(Action::Back) => app.screen = Screen::Inbox,
        Some(Action::Confirm) => return jump(app),
        _ => {
            if let Some(c) = ch {
                st.query.push(c);
            } else if backspace {
                st.query.pop();
            } else {
                return vec![];
            }
            st.cursor.reset();
            return search(st);
        }
    }
    vec![]
}

/// Enter on a hit: a published entry opens its issue on the issue screen with the cursor on
/// it (esc comes back here, query and results kept); an inbox (or held) link is shown
/// selected in the inbox.
fn jump(app: &mut App) -> Vec<Effect> {
    let Some(hit) = app.archive.hits.get(app.archive.cursor.selected) else {
        return vec![];
    };
    let (id, state) = (hit.link.id, hit.link.state);
    if let Some(entry) = &hit.entry {
        let number = entry.issue_number;
        let shown = app.issue.issue.as_ref().map(|i| i.number);
        // Esc goes back to the archive and puts back the issue that was shown.
        app.issue.from_archive = Some(shown);
        app.issue.follow = Some(Follow::Link(id));
        app.screen = Screen::Issue;
        return vec![IssueFx::Load(Some(number)).into()];
    }
    if !matches!(state, LinkState::Inbox | LinkState::Held) {
        let what = where_is(hit);
        app.status.info(format!("Not in the inbox ({what})"));
        return vec![];
    }
    app.screen = Screen::Inbox;
    app.inbox.filtering = false;
    app.inbox
        .show_link(id, crate::tui::inbox::state::page_rows(app.size))
}
