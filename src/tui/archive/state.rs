//! The archive screen's state: a search box over every link and published entry
//! (`Store::search`, fast enough to run on every keystroke) and the hits. Its keys are in
//! `keys.rs`.

use crate::model::LinkState;
use crate::store::SearchHit;
use crate::tui::list::ListCursor;
use crate::tui::state::App;

/// Hits asked for per search: more than a screen, few enough to stay instant.
pub const LIMIT: usize = 50;

#[derive(Debug, Default)]
pub struct ArchiveState {
    pub query: String,
    /// The query `hits` answers (results of an older keystroke are dropped).
    pub answered: String,
    pub hits: Vec<SearchHit>,
    pub cursor: ListCursor,
}

/// Rows of the list on screen: two lines per hit.
pub fn page_rows(size: (u16, u16)) -> usize {
    (size.1.saturating_sub(5) as usize / 2).max(1)
}

pub fn on_results(app: &mut App, query: String, hits: Vec<SearchHit>) {
    let st = &mut app.archive;
    if query == st.query {
        st.answered = query;
        st.hits = hits;
        st.cursor.clamp(st.hits.len());
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
