//! What the check panel's effects do: read the context here (it needs the store), run the
//! network part of `check_issue` on a thread (its answer arrives through the runner's
//! `poll`), and replace an entry's link with a suggested URL once a fetch of it (also on a
//! thread) answered OK.

use crate::check::{CheckOptions, check_issue, context_for, verify_url};
use crate::tui::effects::CheckFx;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, fx: CheckFx) -> Res {
    match fx {
        // A failure must end the "checking…" state, not only show an error.
        CheckFx::Run { issue_id } => Ok(start(rt, issue_id)
            .unwrap_or_else(|e| vec![Msg::CheckFailed(format!("Check failed: {e:#}"))])),
        CheckFx::VerifyUrl { entry_id, url } => verify(rt, entry_id, url),
        CheckFx::ReplaceUrl { entry_id, url } => replace_url(rt, entry_id, &url),
    }
}

/// Fetches the suggested URL on a thread (never on the loop's: it may take the whole
/// timeout). With the network off (tests of the lints) it is taken as it is.
fn verify(rt: &mut Runner, entry_id: i64, url: String) -> Res {
    if !rt.check_network {
        return Ok(vec![Msg::UrlChecked {
            entry_id,
            url,
            result: Ok(()),
        }]);
    }
    let opts = CheckOptions::for_store(&rt.store)?;
    rt.in_background(move || Msg::UrlChecked {
        result: verify_url(&url, &opts),
        entry_id,
        url,
    });
    Ok(vec![])
}

fn start(rt: &mut Runner, issue_id: i64) -> Res {
    let issue = rt.store.issue_by_id(issue_id)?;
    let ctx = context_for(&rt.store, &rt.config, rt.exporter.as_ref(), &issue)?;
    let opts = CheckOptions {
        network: rt.check_network,
        ..CheckOptions::for_store(&rt.store)?
    };
    rt.in_background(move || Msg::Checked {
        issue_id,
        problems: check_issue(&issue, &ctx, &opts),
    });
    Ok(vec![])
}

/// The entry's link takes `url` (refused when another link already has it).
fn replace_url(rt: &mut Runner, entry_id: i64, url: &str) -> Res {
    let entry = rt.store.entry(entry_id)?;
    rt.store.replace_link_url(entry.link_id, url)?;
    let mut msgs = vec![Msg::Saved, Msg::UrlReplaced { entry_id }];
    msgs.push(Msg::RowsUpdated(
        rt.store.inbox_rows_by_id(&[entry.link_id])?,
    ));
    msgs.extend(crate::tui::issue::run::load(rt, None)?);
    Ok(msgs)
}
