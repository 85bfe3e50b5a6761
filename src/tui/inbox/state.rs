//! The inbox: the list of links, the filter, the selected link's details, and what the inbox
//! keys do.

use super::filter::Filter;
use super::tags::Tags;
use crate::model::{Link, LinkState};
use crate::store::InboxRow;
use crate::tui::effects::{Effect, InboxFx};
use crate::tui::list::ListCursor;
use std::collections::HashSet;

#[derive(Debug)]
pub struct InboxState {
    pub rows: Vec<InboxRow>,
    /// Indices into `rows` of what the list shows, in display order.
    pub visible: Vec<u32>,
    pub cursor: ListCursor,
    pub filter: Filter,
    /// Typing into the filter.
    pub filtering: bool,
    /// Used and discarded links too (to restore one).
    pub show_all: bool,
    pub detail: Option<Link>,
    pub detail_notes: Vec<String>,
    pub fetching: HashSet<i64>,
    /// The full list has arrived (the first frame shows only the first page).
    pub complete: bool,
    pub last_discarded: Option<i64>,
    /// Inbox links added more than this many days ago, never used, are stale (a setting).
    pub stale_days: i64,
    /// The `#tag` words of the filter the list answers.
    tags: Tags,
}

/// Rows of the list on screen for a terminal of `size` (two lines per link).
pub fn page_rows(size: (u16, u16)) -> usize {
    (size.1.saturating_sub(4) as usize / 2).max(1)
}

impl Default for InboxState {
    fn default() -> Self {
        InboxState {
            rows: Vec::new(),
            visible: Vec::new(),
            cursor: ListCursor::default(),
            filter: Filter::default(),
            filtering: false,
            show_all: false,
            detail: None,
            detail_notes: Vec::new(),
            fetching: HashSet::new(),
            complete: false,
            last_discarded: None,
            stale_days: crate::store::Settings::default().stale_after_days,
            tags: Tags::default(),
        }
    }
}

impl InboxState {
    /// Old enough to go: in the inbox, never featured, added before the stale age.
    pub fn is_stale(&self, row: &InboxRow, now: i64) -> bool {
        row.state == LinkState::Inbox
            && !row.featured
            && now - row.added_unix > self.stale_days.saturating_mul(86_400)
    }

    fn keep(show_all: bool) -> impl Fn(&InboxRow) -> bool {
        move |r: &InboxRow| show_all || matches!(r.state, LinkState::Inbox | LinkState::Held)
    }

    pub fn refilter(&mut self, full: bool) {
        let tags = Tags::of(&self.filter.query);
        // Another tag set is another list: the fuzzy filter's earlier answers do not hold.
        let full = full || tags != self.tags;
        self.tags = tags.clone();
        let state = Self::keep(self.show_all);
        let keep = move |r: &InboxRow| state(r) && (tags.is_empty() || tags.matches(r));
        self.filter.apply(&self.rows, keep, &mut self.visible, full);
        self.cursor.clamp(self.visible.len());
    }

    pub fn selected_row(&self) -> Option<&InboxRow> {
        self.visible
            .get(self.cursor.selected)
            .and_then(|i| self.rows.get(*i as usize))
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.selected_row().map(|r| r.id)
    }

    pub(super) fn select_id(&mut self, id: i64) {
        if let Some(pos) = self
            .visible
            .iter()
            .position(|i| self.rows.get(*i as usize).map(|r| r.id) == Some(id))
        {
            self.cursor.selected = pos;
        }
    }

    pub fn set_rows(&mut self, mut rows: Vec<InboxRow>, complete: bool) {
        let keep = self.selected_id();
        // Links added while a background read ran are newer than anything it returned.
        let newest = rows.first().map(|r| (r.added_unix, r.id));
        let fresh: Vec<InboxRow> = self
            .rows
            .iter()
            .take_while(|r| newest.is_some_and(|n| (r.added_unix, r.id) > n))
            .cloned()
            .collect();
        if !fresh.is_empty() {
            rows.splice(0..0, fresh);
        }
        self.rows = rows;
        self.complete = complete;
        self.refilter(true);
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    /// Replaces rows by id, or puts new ones at the top (they are the newest).
    pub fn upsert(&mut self, rows: Vec<InboxRow>) {
        let keep = self.selected_id();
        let shown = Self::keep(self.show_all);
        let mut new = Vec::new();
        let mut moved = false;
        for row in rows {
            match self.rows.iter_mut().find(|r| r.id == row.id) {
                Some(slot) => {
                    moved |= shown(slot) != shown(&row);
                    *slot = row;
                }
                None => new.push(row),
            }
        }
        if new.is_empty() && !moved && !self.filter.is_active() {
            // Rows replaced in place (a fetch result): the list itself is unchanged.
            return;
        }
        if !new.is_empty() {
            new.sort_by_key(|r| std::cmp::Reverse((r.added_unix, r.id)));
            self.rows.splice(0..0, new);
        }
        self.refilter(true);
        if let Some(id) = keep {
            self.select_id(id);
        }
    }

    pub(crate) fn set_state(&mut self, id: i64, state: LinkState) {
        if let Some(r) = self.rows.iter_mut().find(|r| r.id == id) {
            r.state = state;
        }
        if !self.show_all && matches!(state, LinkState::Used | LinkState::Discarded) {
            self.visible
                .retain(|i| self.rows.get(*i as usize).map(|r| r.id) != Some(id));
            self.cursor.clamp(self.visible.len());
        }
    }

    /// Selects link `id` and scrolls to it, clearing a filter that hides it (a jump from the
    /// archive).
    pub fn show_link(&mut self, id: i64, page: usize) -> Vec<Effect> {
        let shown = |st: &InboxState| {
            st.visible
                .iter()
                .any(|i| st.rows.get(*i as usize).map(|r| r.id) == Some(id))
        };
        if !shown(self) && self.filter.is_active() {
            self.filter.query.clear();
            self.refilter(true);
        }
        self.select_id(id);
        self.scroll_into_view(page);
        self.detail_effect()
    }

    pub(super) fn scroll_into_view(&mut self, page: usize) {
        self.cursor.scroll_into_view(page);
    }

    pub(super) fn detail_effect(&self) -> Vec<Effect> {
        match self.selected_id() {
            Some(id) if self.detail.as_ref().map(|d| d.id) != Some(id) => {
                vec![InboxFx::LoadDetail(id).into()]
            }
            _ => vec![],
        }
    }
}
