//! `roundup check [N] [--json] [--offline]`: the pre-send check of an issue (the current
//! draft by default). Exit status 1 when any error is found, so a script can refuse to send.

use super::issue::config;
use crate::check::{CheckOptions, Problem, Severity, check_issue, context_for};
use crate::model::Issue;
use crate::store::Store;
use anyhow::bail;

pub struct CheckArgs {
    pub number: Option<i64>,
    pub json: bool,
    /// Only the lints: no link is fetched.
    pub offline: bool,
}

pub fn run(store: &Store, args: CheckArgs) -> anyhow::Result<i32> {
    let issue = match args.number {
        Some(n) => store.issue(n)?,
        None => match store.current_draft()? {
            Some(issue) => issue,
            None => bail!("no draft issue; give its number (`roundup issue list`)"),
        },
    };
    let config = config()?;
    let ctx = context_for(store, &config, None, &issue)?;
    let opts = CheckOptions {
        network: !args.offline,
        ..CheckOptions::for_store(store)?
    };
    let links = issue
        .sections
        .iter()
        .map(|s| s.entries.len())
        .sum::<usize>();
    if !args.json && opts.network && links > 0 {
        err!("checking {links} links of #{}…", issue.number);
    }
    let problems = check_issue(&issue, &ctx, &opts);
    if args.json {
        out!("{}", serde_json::to_string_pretty(&problems)?);
    } else {
        print!(
            "{}",
            crate::model::text::printable(&human(&issue, &problems))
        );
    }
    let failed = problems.iter().any(|p| p.severity == Severity::Error);
    Ok(i32::from(failed))
}

/// Problems grouped by entry, in the issue's order, each under its entry's heading line.
fn human(issue: &Issue, problems: &[Problem]) -> String {
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let mut out = String::new();
    let mut current: Option<Option<(usize, usize)>> = None;
    for p in problems {
        let key = p.entry.as_ref().map(|e| (e.section, e.entry));
        if current != Some(key) {
            current = Some(key);
            out.push('\n');
            out.push_str(&heading(issue, p));
            out.push('\n');
        }
        let mark = match p.severity {
            Severity::Error => "✗ error  ",
            Severity::Warning => "! warning",
        };
        let kind = serde_json::to_value(p.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        out.push_str(&format!("  {mark} {}  [{kind}]\n", p.message));
        if let Some(s) = &p.suggestion {
            out.push_str(&format!("            → {s}\n"));
        }
    }
    let summary = if problems.is_empty() {
        format!("#{}: no problems found\n", issue.number)
    } else {
        format!(
            "\n#{}: {errors} error{}, {warnings} warning{}\n",
            issue.number,
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )
    };
    out.push_str(&summary);
    out.trim_start_matches('\n').to_string()
}

fn heading(issue: &Issue, p: &Problem) -> String {
    let Some(at) = &p.entry else {
        return format!("Issue #{}", issue.number);
    };
    let section = issue.sections.get(at.section);
    let title = section
        .and_then(|s| s.entries.get(at.entry))
        .and_then(|e| e.title.as_deref())
        .filter(|t| !t.trim().is_empty())
        .unwrap_or("(untitled)");
    format!(
        "{} #{}: {title}\n  {}",
        section.map(|s| s.heading.as_str()).unwrap_or("?"),
        at.entry + 1,
        at.url
    )
}
