//! What the inbox's effects do: read the list (the full list of a big database on its own
//! connection, so keys keep working), a link's details, add, triage, fetch and place links.

use crate::model::{LinkState, NewLink};
use crate::store::{AddOutcome, Store, StoreError};
use crate::tui::effects::InboxFx;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, fx: InboxFx) -> Res {
    match fx {
        InboxFx::Load { all, limit } => load(rt, all, limit),
        InboxFx::LoadRows(ids) => Ok(vec![Msg::RowsUpdated(rt.store.inbox_rows_by_id(&ids)?)]),
        InboxFx::LoadDetail(id) => detail(rt, id),
        InboxFx::AddUrls(urls) => add_urls(rt, urls),
        InboxFx::SetState(id, state) => {
            rt.store.set_link_state(id, state)?;
            Ok(vec![Msg::Saved])
        }
        InboxFx::SetStates(ids, state) => {
            rt.store.set_links_state(&ids, state)?;
            Ok(vec![Msg::Saved])
        }
        InboxFx::Fetch(ids) => {
            let jobs = ids
                .iter()
                .filter_map(|id| rt.store.link(*id).ok().map(|l| (l.id, l.url)))
                .collect();
            Ok(rt.fetches.start(&rt.store, jobs))
        }
        InboxFx::Place { link_id, section } => {
            let entry = crate::compose::place_link(&rt.store, &rt.config, link_id, section)?;
            let mut msgs = vec![
                Msg::Saved,
                Msg::RowsUpdated(rt.store.inbox_rows_by_id(&[link_id])?),
            ];
            let title = entry.title.unwrap_or(entry.url);
            msgs.push(Msg::Info(format!(
                "Placed \"{}\"",
                crate::tui::view::fit(&title, 50)
            )));
            msgs.extend(crate::tui::issue::run::load(rt, None)?);
            Ok(msgs)
        }
    }
}

fn load(rt: &mut Runner, all: bool, limit: Option<usize>) -> Res {
    let states: Vec<LinkState> = if all {
        LinkState::ALL.to_vec()
    } else {
        vec![LinkState::Inbox, LinkState::Held]
    };
    // The whole list of a big database takes a moment: read it on a second connection so
    // keys keep working meanwhile.
    if let (None, Some(path)) = (limit, rt.store.path()) {
        let path = path.to_path_buf();
        rt.in_background(move || {
            match Store::open(&path).and_then(|st| st.inbox_rows(&states, None)) {
                Ok(rows) => Msg::InboxLoaded {
                    rows,
                    complete: true,
                },
                Err(e) => Msg::Error(format!("loading the inbox: {e}")),
            }
        });
        return Ok(vec![]);
    }
    let rows = rt.store.inbox_rows(&states, limit)?;
    let complete = limit.is_none_or(|n| rows.len() < n);
    Ok(vec![Msg::InboxLoaded { rows, complete }])
}

/// The link in full, with the notes the disclosure rules would suggest in the current draft.
fn detail(rt: &mut Runner, id: i64) -> Res {
    let link = rt.store.link(id)?;
    if rt.draft.is_none() {
        rt.draft = Some(rt.store.current_draft()?);
    }
    let notes = match rt.draft.as_ref().and_then(Option::as_ref) {
        Some(issue) => crate::compose::suggested_for_link(&link, issue, &rt.config),
        None => vec![],
    };
    Ok(vec![Msg::Detail {
        link: Box::new(link),
        notes,
    }])
}

fn add_urls(rt: &mut Runner, urls: Vec<String>) -> Res {
    let (mut added, mut dups, mut bad) = (Vec::new(), Vec::new(), Vec::new());
    for url in urls {
        match rt.store.add_link(&NewLink {
            url: url.clone(),
            ..Default::default()
        }) {
            Ok(AddOutcome::Added(id)) => added.push(id),
            Ok(AddOutcome::Duplicate(link)) => dups.push(link),
            Err(StoreError::Invalid(_)) => bad.push(url),
            Err(e) => return Err(e.into()),
        }
    }
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("Added {}", added.len()));
    }
    for d in &dups {
        let featured: Vec<String> = d.featured_in.iter().map(|n| format!("#{n}")).collect();
        let status = if featured.is_empty() {
            d.state.to_string()
        } else {
            format!("featured in {}", featured.join(", "))
        };
        parts.push(format!(
            "already stored ({status}): {}",
            crate::tui::view::fit(d.display_title(), 40)
        ));
    }
    if !bad.is_empty() {
        parts.push(format!("not a valid URL: {}", bad.join(" ")));
    }
    let mut msgs = vec![Msg::RowsUpdated(rt.store.inbox_rows_by_id(&added)?)];
    msgs.push(if bad.is_empty() {
        Msg::Info(parts.join(" · "))
    } else {
        Msg::Error(parts.join(" · "))
    });
    let jobs = added
        .iter()
        .filter_map(|id| rt.store.link(*id).ok().map(|l| (l.id, l.url)))
        .collect();
    msgs.extend(rt.fetches.start(&rt.store, jobs));
    Ok(msgs)
}
