//! The inbox: the list of links, the filter, the selected link's details, and what the inbox
//! keys do.

use super::filter::Filter;
use crate::model::{Link, LinkState};
use crate::store::InboxRow;
use crate::tui::action::Action;
use crate::tui::effects::Effect;
use crate::tui::issue::state::PickerState;
use crate::tui::state::{App, Overlay, PromptState, Screen};
use std::collections::HashSet;

#[derive(Debug)]
pub struct InboxState {
    pub rows: Vec<InboxRow>,
    /// Indices into `rows` of what the list shows, in display order.
    pub visible: Vec<u32>,
    pub selected: usize,
    pub offset: usize,
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
            selected: 0,
            offset: 0,
            filter: Filter::default(),
            filtering: false,
            show_all: false,
            detail: None,
            detail_notes: Vec::new(),
            fetching: HashSet::new(),
            complete: false,
            last_discarded: None,
            stale_days: crate::store::Settings::default().stale_after_days,
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
        let keep = Self::keep(self.show_all);
        self.filter.apply(&self.rows, keep, &mut self.visible, full);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&InboxRow> {
        self.visible
            .get(self.selected)
            .and_then(|i| self.rows.get(*i as usize))
    }

    pub fn selected_id(&self) -> Option<i64> {
        self.selected_row().map(|r| r.id)
    }

    fn select_id(&mut self, id: i64) {
        if let Some(pos) = self
            .visible
            .iter()
            .position(|i| self.rows.get(*i as usize).map(|r| r.id) == Some(id))
        {
            self.selected = pos;
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

    fn set_state(&mut self, id: i64, state: LinkState) {
        if let Some(r) = self.rows.iter_mut().find(|r| r.id == id) {
            r.state = state;
        }
        if !self.show_all && matches!(state, LinkState::Used | LinkState::Discarded) {
            self.visible
                .retain(|i| self.rows.get(*i as usize).map(|r| r.id) != Some(id));
            self.selected = self.selected.min(self.visible.len().saturating_sub(1));
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

    fn scroll_into_view(&mut self, page: usize) {
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
    }

    fn detail_effect(&self) -> Vec<Effect> {
        match self.selected_id() {
            Some(id) if self.detail.as_ref().map(|d| d.id) != Some(id) => {
                vec![Effect::LoadDetail(id)]
            }
            _ => vec![],
        }
    }
}

/// Pulls URLs out of pasted or typed text: whitespace-separated, http(s) only.
pub fn urls_in(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c| matches!(c, '<' | '>' | '"' | '\'' | ',')))
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .map(str::to_string)
        .collect()
}

pub fn navigate(inbox: &mut InboxState, action: Action, page: usize) -> bool {
    let n = inbox.visible.len();
    let last = n.saturating_sub(1);
    let sel = inbox.selected;
    inbox.selected = match action {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(last),
        _ => return false,
    };
    inbox.scroll_into_view(page);
    true
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let page = page_rows(app.size);
    if navigate(&mut app.inbox, action, page) {
        return app.inbox.detail_effect();
    }
    let inbox = &mut app.inbox;
    let selected = inbox
        .selected_row()
        .map(|r| (r.id, r.state, r.url().to_string()));
    match action {
        Action::Filter => {
            inbox.filtering = true;
            vec![]
        }
        Action::Add => {
            app.overlay = Some(Overlay::Prompt(PromptState {
                label: "Add URLs (paste several, separated by spaces or lines)".into(),
                text: String::new(),
            }));
            vec![]
        }
        Action::ToggleAll => {
            inbox.show_all = !inbox.show_all;
            let all = inbox.show_all;
            app.status.info(if all {
                "Showing every link"
            } else {
                "Showing the inbox"
            });
            vec![Effect::LoadInbox { all, limit: None }]
        }
        Action::DiscardStale => {
            let now = app.now;
            let ids: Vec<i64> = inbox
                .rows
                .iter()
                .filter(|r| inbox.is_stale(r, now))
                .map(|r| r.id)
                .collect();
            let days = inbox.stale_days;
            if ids.is_empty() {
                app.status
                    .info(format!("No stale links (none older than {days} days)"));
                return vec![];
            }
            for id in &ids {
                inbox.set_state(*id, LinkState::Discarded);
            }
            app.status.info(format!(
                "Discarded {} stale link(s), older than {days} days",
                ids.len()
            ));
            vec![Effect::SetLinksState(ids, LinkState::Discarded)]
        }
        Action::Back if inbox.filter.is_active() => {
            inbox.filter.query.clear();
            inbox.refilter(true);
            inbox.detail_effect()
        }
        _ => {
            let Some((id, state, url)) = selected else {
                return vec![];
            };
            link_action(app, action, id, state, url)
        }
    }
}

fn link_action(
    app: &mut App,
    action: Action,
    id: i64,
    state: LinkState,
    url: String,
) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        Action::Place => {
            let picker = PickerState::for_place(app.issue.issue.as_ref(), id, &url);
            match picker {
                Some(p) => app.overlay = Some(Overlay::Picker(p)),
                // No draft yet: the default section of a new one.
                None => {
                    app.inbox.set_state(id, LinkState::Used);
                    fx.push(Effect::PlaceLink {
                        link_id: id,
                        section: None,
                    });
                }
            }
            return fx;
        }
        Action::Hold => {
            let to = if state == LinkState::Held {
                LinkState::Inbox
            } else {
                LinkState::Held
            };
            app.inbox.set_state(id, to);
            app.status.info(if to == LinkState::Held {
                "Held for next week"
            } else {
                "Back in the inbox"
            });
            fx.push(Effect::SetLinkState(id, to));
        }
        Action::Discard => {
            app.inbox.set_state(id, LinkState::Discarded);
            app.inbox.last_discarded = Some(id);
            let key = app
                .keymap
                .key_for(&app.screen_chain(), Action::Restore)
                .unwrap_or_default();
            app.status.info(format!("Discarded · {key} restores it"));
            fx.push(Effect::SetLinkState(id, LinkState::Discarded));
        }
        Action::Restore => {
            // Restoring the selected link when it is out of the inbox, else the last discard.
            let target = if state == LinkState::Inbox {
                app.inbox.last_discarded.take()
            } else {
                Some(id)
            };
            if let Some(t) = target {
                app.inbox.set_state(t, LinkState::Inbox);
                app.inbox.refilter(true);
                app.inbox.select_id(t);
                app.status.info("Restored to the inbox");
                fx.push(Effect::SetLinkState(t, LinkState::Inbox));
            }
        }
        Action::Refetch => {
            fx.push(Effect::Fetch(vec![id]));
        }
        Action::Open => fx.push(Effect::OpenUrl(url)),
        Action::Back => {}
        _ => {}
    }
    fx.extend(app.inbox.detail_effect());
    fx
}

/// Keys typed while the filter has focus: text edits the query, the keymap's [filter]
/// actions confirm or clear it.
pub fn filter_input(
    app: &mut App,
    action: Option<Action>,
    ch: Option<char>,
    backspace: bool,
) -> Vec<Effect> {
    let inbox = &mut app.inbox;
    match action {
        Some(Action::Confirm) => inbox.filtering = false,
        Some(Action::Back) => {
            inbox.filtering = false;
            inbox.filter.query.clear();
            inbox.refilter(true);
        }
        Some(a @ (Action::Up | Action::Down)) => {
            navigate(inbox, a, page_rows(app.size));
        }
        _ => {
            if let Some(c) = ch {
                inbox.filter.query.push(c);
                inbox.refilter(false);
            } else if backspace {
                inbox.filter.query.pop();
                inbox.refilter(false);
            } else {
                return vec![];
            }
            inbox.selected = 0;
            inbox.offset = 0;
        }
    }
    inbox.detail_effect()
}

pub fn on_prompt_confirm(app: &mut App, text: &str) -> Vec<Effect> {
    let urls = urls_in(text);
    if urls.is_empty() {
        app.status.error("No http(s) URL in what was typed");
        return vec![];
    }
    app.screen = Screen::Inbox;
    vec![Effect::AddUrls(urls)]
}
