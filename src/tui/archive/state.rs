//! The archive screen: a search box over every link and published entry (`Store::search`,
//! fast enough to run on every keystroke), the hits, and jumping to a hit in the inbox.

use crate::model::LinkState;
use crate::store::SearchHit;
use crate::tui::action::Action;
use crate::tui::effects::Effect;
use crate::tui::state::{App, Screen};

/// Hits asked for per search: more than a screen, few enough to stay instant.
pub const LIMIT: usize = 50;

#[derive(Debug, Default)]
pub struct ArchiveState {
    pub query: String,
    /// The query `hits` answers (results of an older keystroke are dropped).
    pub answered: String,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
}

/// Rows of the list on screen: two lines per hit.
pub fn page_rows(size: (u16, u16)) -> usize {
    (size.1.saturating_sub(5) as usize / 2).max(1)
}

fn search(st: &ArchiveState) -> Vec<Effect> {
    vec![Effect::Search {
        query: st.query.clone(),
    }]
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
    let last = st.hits.len().saturating_sub(1);
    match action {
        Some(Action::Back) if !st.query.is_empty() => {
            st.query.clear();
            st.hits.clear();
            st.answered.clear();
            st.selected = 0;
        }
        Some(Action::Back) => app.screen = Screen::Inbox,
        Some(Action::Up) => st.selected = st.selected.saturating_sub(1),
        Some(Action::Down) => st.selected = (st.selected + 1).min(last),
        Some(Action::PageUp) => st.selected = st.selected.saturating_sub(page),
        Some(Action::PageDown) => st.selected = (st.selected + page).min(last),
        Some(Action::Confirm) => return jump(app),
        _ => {
            if let Some(c) = ch {
                st.query.push(c);
            } else if backspace {
                st.query.pop();
            } else {
                return vec![];
            }
            st.selected = 0;
            return search(st);
        }
    }
    vec![]
}

pub fn on_results(app: &mut App, query: String, hits: Vec<SearchHit>) {
    let st = &mut app.archive;
    if query == st.query {
        st.answered = query;
        st.hits = hits;
        st.selected = st.selected.min(st.hits.len().saturating_sub(1));
    }
}

/// "featured in #371, #380", else the link's state.
pub fn where_is(hit: &SearchHit) -> String {
    let link = &hit.link;
    if link.featured_in.is_empty() {
        return match link.state {
            LinkState::Used => "in the draft".to_string(),
            state => state.to_string(),
        };
    }
    let n: Vec<String> = link.featured_in.iter().map(|n| format!("#{n}")).collect();
    format!("featured in {}", n.join(", "))
}

/// Enter on a hit: an inbox (or held) link is shown selected in the inbox.
fn jump(app: &mut App) -> Vec<Effect> {
    let Some(hit) = app.archive.hits.get(app.archive.selected) else {
        return vec![];
    };
    let (id, state) = (hit.link.id, hit.link.state);
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
