//! Plain lists of URLs: one per line, optionally followed by a title; `#` starts a comment.

use super::{Format, ImportError, Plan, clean};
use crate::model::NewLink;
use crate::model::canonical::CanonicalOptions;

pub(crate) fn plan(content: &str, opts: &CanonicalOptions) -> Result<Plan, ImportError> {
    let mut plan = Plan::default();
    let mut first_bad = None;
    for (i, raw) in content.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (url, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let before = plan.invalid.len();
        plan.push_link(
            || format!("line {}", i + 1),
            NewLink {
                url: url.to_string(),
                title: clean(rest),
                ..Default::default()
            },
            opts,
        );
        if plan.invalid.len() > before && first_bad.is_none() {
            first_bad = plan.invalid.last().cloned();
        }
    }
    // A file in which not one line is a URL is not a URL list (a CSV, a binary, the wrong
    // file): refuse it rather than report thousands of invalid lines.
    if plan.links.is_empty()
        && let Some(bad) = first_bad
    {
        return Err(ImportError::Broken {
            format: Format::Text,
            at: bad.at,
            reason: format!("{} (no line of the file is a URL)", bad.reason),
        });
    }
    Ok(plan)
}
