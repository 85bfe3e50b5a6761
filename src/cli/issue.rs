//! `roundup issue new [--number N] | list [--json] | load FILE | publish N | renumber N M |
//! delete N`.

use crate::atomic::WriteError;
use crate::compose::issue_file::{
    export_issue_file, has_writing, issue_file_json, load_issue_file, parse_issue_file,
};
use crate::config::Config;
use crate::model::{Issue, IssueStatus};
use crate::store::Store;
use anyhow::{Context, bail};
use clap::Subcommand;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum IssueCommand {
    /// Start a draft (default: the last number + 1) with the configured sections; it becomes
    /// the current draft
    New {
        /// The issue's number (the first issue of a newsletter that already has a history)
        #[arg(long, value_name = "N")]
        number: Option<i64>,
    },
    /// List issues, newest first
    List {
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Load an issue file (JSON; '-' reads stdin); replaces a draft with the same number
    /// (one with writing only with --replace)
    Load {
        file: PathBuf,
        /// Replace a draft that has writing; a copy of it is kept as a JSON file
        #[arg(long)]
        replace: bool,
    },
    /// Move an issue to the archive (its links then read "featured in #N")
    Publish { number: i64 },
    /// Give draft N the number M (drafts only; M must not be taken)
    Renumber { number: i64, to: i64 },
    /// Delete draft N; its links go back to the inbox with their writing
    Delete { number: i64 },
}

pub fn config() -> anyhow::Result<Config> {
    Ok(Config::load(None)?)
}

pub fn run(store: &mut Store, command: IssueCommand) -> anyhow::Result<i32> {
    match command {
        IssueCommand::New { number } => {
            let issue = crate::compose::new_issue(store, &config()?, number)?;
            out!("created draft #{}: {}", issue.number, issue.title);
        }
        IssueCommand::List { json } => list(store, json)?,
        IssueCommand::Load { file, replace } => load(store, &file, replace)?,
        IssueCommand::Renumber { number, to } => {
            let issue = crate::compose::renumber(store, &config()?, number, to)?;
            out!("renumbered #{number} to #{}: {}", issue.number, issue.title);
        }
        IssueCommand::Delete { number } => {
            let back = crate::compose::delete_draft(store, number)?;
            out!(
                "deleted draft #{number}; {back} link{} back in the inbox with {} writing",
                if back == 1 { "" } else { "s" },
                if back == 1 { "its" } else { "their" }
            );
        }
        IssueCommand::Publish { number } => {
            let issue = crate::compose::publish(store, number)?;
            out!(
                "published #{} ({})",
                issue.number,
                issue.date.unwrap_or_default()
            );
        }
    }
    Ok(0)
}

fn list(store: &Store, json: bool) -> anyhow::Result<()> {
    let issues = store.issue_summaries()?;
    if json {
        super::export::print_out(&format!("{}\n", serde_json::to_string_pretty(&issues)?))?;
    } else if issues.is_empty() {
        out!("no issues; start one with `roundup issue new`");
    } else {
        let mut text = String::new();
        for i in &issues {
            let status = match i.status {
                IssueStatus::Draft => "draft",
                IssueStatus::Published => "published",
            };
            text.push_str(&format!(
                "#{:<5} {:<9} {:<10}  {:>3} entries  {}\n",
                i.number,
                status,
                i.date.as_deref().unwrap_or("-"),
                i.entries,
                i.title
            ));
        }
        super::export::print_out(&text)?;
    }
    Ok(())
}

fn load(store: &mut Store, file: &Path, replace: bool) -> anyhow::Result<()> {
    let shown = file.display().to_string();
    let text = if shown == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {shown}"))?
    };
    let parsed = parse_issue_file(&text).with_context(|| format!("{shown} was not loaded"))?;
    let kept = match store.issue(parsed.number) {
        Ok(old) if old.status == IssueStatus::Draft && has_writing(&old) => {
            if !replace {
                bail!(
                    "{shown} was not loaded: draft #{} has writing that loading would replace; \
                     give --replace to replace it (a copy is kept)",
                    old.number
                );
            }
            Some(keep_copy(store, &old)?)
        }
        _ => None,
    };
    let issue = load_issue_file(store, &config()?, &parsed)
        .with_context(|| format!("{shown} was not loaded"))?;
    let entries: usize = issue.sections.iter().map(|s| s.entries.len()).sum();
    out!(
        "loaded #{}: {} ({} sections, {} entries)",
        issue.number,
        issue.title,
        issue.sections.len(),
        entries
    );
    if let Some(kept) = kept {
        out!("the replaced draft was kept in {}", kept.display());
    }
    Ok(())
}

/// Writes the draft about to be replaced as an issue file beside the database (never over
/// another file), so one wrong number cannot wipe a week's writing.
fn keep_copy(store: &Store, old: &Issue) -> anyhow::Result<PathBuf> {
    let dir = store
        .path()
        .and_then(|p| p.parent())
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let json = issue_file_json(&export_issue_file(old));
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    for n in 0..100 {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!(
            "replaced-issue-{}-{stamp}{suffix}.json",
            old.number
        ));
        match crate::atomic::write_new(&path, json.as_bytes(), true) {
            Ok(()) => return Ok(path),
            Err(WriteError::Exists { .. }) => continue,
            Err(e) => return Err(e).context("the draft was not replaced"),
        }
    }
    bail!(
        "the draft was not replaced: no free name for its copy in {}",
        dir.display()
    )
}
