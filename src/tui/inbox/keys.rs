//! What the inbox does with a key: navigation, link actions (place, hold, discard…), the
//! filter as it is typed, and the add-URLs prompt. The state it changes is in `state.rs`.

use super::state::{InboxState, page_rows};
use crate::model::LinkState;
use crate::tui::action::Action;
use crate::tui::effects::{AppFx, Effect, InboxFx};
use crate::tui::issue::state::PickerState;
use crate::tui::state::{App, Overlay, PromptFor, PromptState, Screen};

pub fn navigate(inbox: &mut InboxState, action: Action, page: usize) -> bool {
    inbox.cursor.navigate(action, inbox.visible.len(), page)
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
            app.overlay = Some(Overlay::Prompt(PromptState::new(
                "Paste or type URLs, one per line (www.example.com/post means https)",
                PromptFor::AddUrls,
            )));
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
            vec![InboxFx::Load { all, limit: None }.into()]
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
            vec![InboxFx::SetStates(ids, LinkState::Discarded).into()]
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
                    fx.push(
                        InboxFx::Place {
                            link_id: id,
                            section: None,
                        }
                        .into(),
                    );
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
            fx.push(InboxFx::SetState(id, to).into());
        }
        Action::Discard => {
            app.inbox.set_state(id, LinkState::Discarded);
            app.inbox.last_discarded = Some(id);
            let key = app
                .keymap
                .key_for(&app.screen_chain(), Action::Restore)
                .unwrap_or_default();
            app.status.info(format!("Discarded · {key} restores it"));
            fx.push(InboxFx::SetState(id, LinkState::Discarded).into());
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
                fx.push(InboxFx::SetState(t, LinkState::Inbox).into());
            }
        }
        Action::Refetch => {
            fx.push(InboxFx::Fetch(vec![id]).into());
        }
        Action::Open => fx.push(AppFx::OpenUrl(url).into()),
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
            inbox.cursor.reset();
        }
    }
    inbox.detail_effect()
}

/// Adds URLs the add dialog (or a paste) accepted; the inbox shows them as they land.
pub fn add_urls(app: &mut App, urls: Vec<String>) -> Vec<Effect> {
    app.screen = Screen::Inbox;
    vec![InboxFx::AddUrls(urls).into()]
}
