//! `roundup push [N] --to SERVICE [--dry-run] [--test-to ADDRESS]`: the issue as a draft in
//! a mailing tool (see `publish`). Never sends it.

use super::export::print_out;
use super::issue::config;
use crate::model::Issue;
use crate::publish::{self, PushAction, PushOptions, PushReport, Service};
use crate::store::Store;
use anyhow::bail;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ServiceArg {
    Ghost,
    Buttondown,
    Listmonk,
    Kit,
    Mailchimp,
}

impl From<ServiceArg> for Service {
    fn from(s: ServiceArg) -> Self {
        match s {
            ServiceArg::Ghost => Service::Ghost,
            ServiceArg::Buttondown => Service::Buttondown,
            ServiceArg::Listmonk => Service::Listmonk,
            ServiceArg::Kit => Service::Kit,
            ServiceArg::Mailchimp => Service::Mailchimp,
        }
    }
}

pub struct PushArgs {
    pub number: Option<i64>,
    pub to: Service,
    pub dry_run: bool,
    pub test_to: Option<String>,
}

/// The issue numbered `n`, else the current draft (as `export` does).
pub(super) fn issue_or_draft(store: &Store, number: Option<i64>) -> anyhow::Result<Issue> {
    Ok(match number {
        Some(n) => store.issue(n)?,
        None => match store.current_draft()? {
            Some(issue) => issue,
            None => bail!("no draft issue; give its number (`roundup issue list`)"),
        },
    })
}

pub fn run(store: &Store, args: PushArgs) -> anyhow::Result<i32> {
    let issue = issue_or_draft(store, args.number)?;
    let opts = PushOptions {
        dry_run: args.dry_run,
        test_to: args.test_to,
    };
    let report = publish::push_issue(
        store,
        &config()?,
        &issue,
        args.to,
        &opts,
        &publish::process_env,
    )?;
    let n = issue.number;
    let service = args.to;
    match report {
        PushReport::DryRun(requests) => {
            err!("dry run: nothing was sent; secrets are shown as [redacted]");
            let text: Vec<String> = requests.iter().map(ToString::to_string).collect();
            print_out(&text.join("\n"))?;
        }
        PushReport::Pushed {
            remote_id,
            action,
            test_sent_to,
            ..
        } => {
            match action {
                PushAction::Created => {
                    err!("created a draft of #{n} in {service} (id {remote_id}); nothing was sent")
                }
                PushAction::Updated => {
                    err!(
                        "updated the draft of #{n} in {service} (id {remote_id}); nothing was sent"
                    )
                }
                PushAction::Recreated { previous } => err!(
                    "the draft of #{n} in {service} (id {previous}) was deleted there: created a \
                     new one (id {remote_id}); nothing was sent"
                ),
            }
            if let Some(to) = test_sent_to {
                err!("sent a test of it to {to}");
            }
        }
    }
    Ok(0)
}
