//! Plain lists of URLs: one per line, optionally followed by a title; `#` starts a comment.
//! A large list is read line by line into one transaction (`import_streamed`), so a 100 MB
//! file is imported in bounded memory.

use super::{Format, ImportError, ImportSummary, Invalid, Plan, clean};
use crate::model::canonical::{CanonicalOptions, canonicalize};
use crate::model::{NewLink, PlannedLink};
use crate::store::{Store, StoreError};
use std::io::BufRead;
use std::path::Path;

/// How many invalid lines are reported one by one; the rest are counted.
const MAX_REPORTED: usize = 1_000;

/// Line `i` (0-based) of a list: nothing (blank, a comment), a link, or why it is not one.
fn line_link(i: usize, raw: &str, opts: &CanonicalOptions) -> Option<Result<PlannedLink, Invalid>> {
    let line = raw.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (url, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    Some(match canonicalize(url, opts) {
        Ok(canonical) => Ok(PlannedLink {
            canonical,
            link: NewLink {
                url: url.to_string(),
                title: clean(rest),
                ..Default::default()
            },
        }),
        Err(e) => Err(Invalid {
            at: format!("line {}", i + 1),
            reason: e.to_string(),
        }),
    })
}

/// A file in which not one line is a URL is not a URL list (a CSV, a binary, the wrong
/// file): refuse it rather than report thousands of invalid lines.
fn not_a_list(bad: Invalid) -> ImportError {
    ImportError::Broken {
        format: Format::Text,
        at: bad.at,
        reason: format!("{} (no line of the file is a URL)", bad.reason),
    }
}

pub(crate) fn plan(content: &str, opts: &CanonicalOptions) -> Result<Plan, ImportError> {
    let mut plan = Plan::default();
    for (i, raw) in content.lines().enumerate() {
        match line_link(i, raw, opts) {
            Some(Ok(planned)) => plan.links.push(planned),
            Some(Err(bad)) => plan.invalid.push(bad),
            None => {}
        }
    }
    if plan.links.is_empty()
        && let Some(bad) = plan.invalid.first().cloned()
    {
        return Err(not_a_list(bad));
    }
    Ok(plan)
}

/// Imports the URL list at `path` line by line, in one transaction: all of it or none.
pub(crate) fn import_streamed(
    store: &mut Store,
    path: &Path,
    opts: &CanonicalOptions,
) -> Result<ImportSummary, ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut invalid = Vec::new();
    let mut more_invalid = 0usize;
    let mut line = Vec::new();
    let mut i = 0usize;
    let counts = store.add_links_streamed(|| {
        loop {
            line.clear();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if n == 0 {
                return Ok(None);
            }
            let text = std::str::from_utf8(&line).map_err(|_| {
                format!(
                    "{} file is broken at line {}: not UTF-8 text; nothing was imported",
                    Format::Text,
                    i + 1
                )
            })?;
            let found = line_link(i, text, opts);
            i += 1;
            match found {
                Some(Ok(mut planned)) => {
                    planned.link.source = Some(Format::Text.source().to_string());
                    planned.link = planned.link.cleaned();
                    return Ok(Some(planned));
                }
                Some(Err(bad)) if invalid.len() < MAX_REPORTED => invalid.push(bad),
                Some(Err(_)) => more_invalid += 1,
                None => {}
            }
        }
    });
    let counts = match counts {
        Ok(c) => c,
        Err(StoreError::Invalid(msg)) => {
            return Err(ImportError::Empty(
                msg.trim_end_matches("; nothing was imported").to_string(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    if counts.added.is_empty()
        && counts.duplicates == 0
        && let Some(bad) = invalid.first().cloned()
    {
        return Err(not_a_list(bad));
    }
    if more_invalid > 0 {
        invalid.push(Invalid {
            at: "…".into(),
            reason: format!("{more_invalid} more lines are not URLs"),
        });
    }
    Ok(ImportSummary {
        format: Some(Format::Text),
        added: counts.added.len(),
        duplicates: counts.duplicates,
        invalid,
        added_ids: counts.added,
        ..Default::default()
    })
}
