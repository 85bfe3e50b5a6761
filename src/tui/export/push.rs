//! "Push as draft to …" from the export dialog: `publish::push_issue` on a worker thread
//! with its own connection (a push waits on the network, and the loop's connection never
//! leaves the loop's thread). The answer is one status line: the draft made or updated, or
//! the service's error (which never carries a secret: `publish` redacts them).

use crate::config::Config;
use crate::publish::{PushAction, PushOptions, PushReport, Service, process_env, push_issue};
use crate::store::Store;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;
use std::path::Path;

pub(crate) fn start(rt: &mut Runner, issue_id: i64, service: Service) -> Res {
    let Some(path) = rt.store.path().map(Path::to_path_buf) else {
        anyhow::bail!("pushing needs the database in a file (this one is in memory)");
    };
    let config = rt.config.clone();
    rt.in_background(move || match push(&path, &config, issue_id, service) {
        Ok(line) => Msg::Info(line),
        Err(e) => Msg::Error(format!("Not pushed: {e}")),
    });
    Ok(vec![])
}

/// The push itself, on the worker: the status line of its outcome.
fn push(path: &Path, config: &Config, issue_id: i64, service: Service) -> anyhow::Result<String> {
    let store = Store::open(path)?;
    let issue = store.issue_by_id(issue_id)?;
    let report = push_issue(
        &store,
        config,
        &issue,
        service,
        &PushOptions::default(),
        &process_env,
    )?;
    let name = service.label();
    Ok(match report {
        PushReport::Pushed {
            remote_id, action, ..
        } => match action {
            PushAction::Created => {
                format!("Draft created in {name} (id {remote_id}); nothing was sent")
            }
            PushAction::Updated => {
                format!("Draft updated in {name} (id {remote_id}); nothing was sent")
            }
            PushAction::Recreated { previous } => format!(
                "The draft in {name} (id {previous}) was deleted there: made a new one \
                 (id {remote_id}); nothing was sent"
            ),
        },
        // Never asked for here; said plainly all the same.
        PushReport::DryRun(_) => format!("Nothing was sent to {name} (a dry run)"),
    })
}
