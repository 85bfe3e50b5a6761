//! What the archive's effect does: a full-text search, fast enough for every keystroke.

use crate::tui::effects::ArchiveFx;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, fx: ArchiveFx) -> Res {
    let ArchiveFx::Search { query } = fx;
    Ok(vec![Msg::SearchResults {
        hits: rt.store.search(&query, super::state::LIMIT)?,
        query,
    }])
}
