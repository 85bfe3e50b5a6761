//! `roundup import FILE`: Netscape bookmarks, OPML, RSS/Atom/JSON Feed files and plain URL
//! lists, told apart by content rather than by file name.
//!
//! Each importer first parses the whole file into a plan (links and feeds to add, invalid
//! items); only a file that parses is written, in one transaction, so a broken file adds
//! nothing.

mod bookmarks;
mod feedfile;
mod opml;
mod text;

use crate::model::canonical::{CanonicalOptions, canonicalize};
use crate::model::{NewFeed, NewLink, PlannedLink};
use crate::store::{Store, StoreError};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Bookmarks,
    Opml,
    Feed,
    Text,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Bookmarks => "bookmarks HTML",
            Format::Opml => "OPML",
            Format::Feed => "feed",
            Format::Text => "URL list",
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as its format; `at` names the line or element.
    #[error("{format} file is broken at {at}: {reason}; nothing was imported")]
    Broken {
        format: Format,
        at: String,
        reason: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An item of the file that was skipped because it is not an http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// "line 12" or "outline 3".
    pub at: String,
    pub reason: String,
}

/// What an importer found in a file, before anything is written.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub links: Vec<PlannedLink>,
    pub feeds: Vec<NewFeed>,
    pub invalid: Vec<Invalid>,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub format: Option<Format>,
    pub added: usize,
    pub duplicates: usize,
    pub invalid: Vec<Invalid>,
    pub feeds_added: usize,
    pub feeds_existing: usize,
    /// Ids of the links added, in file order (for fetching them next).
    pub added_ids: Vec<i64>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} duplicates, {} invalid",
            self.added,
            self.duplicates,
            self.invalid.len()
        )?;
        if self.feeds_added + self.feeds_existing > 0 {
            write!(
                f,
                "; {} feeds subscribed, {} already subscribed",
                self.feeds_added, self.feeds_existing
            )?;
        }
        Ok(())
    }
}

impl Plan {
    /// Adds a link if `url` is an http(s) URL, else records it as invalid at `at`.
    pub fn push_link(&mut self, at: impl Fn() -> String, link: NewLink, opts: &CanonicalOptions) {
        match canonicalize(&link.url, opts) {
            Ok(canonical) => self.links.push(PlannedLink { canonical, link }),
            Err(e) => self.invalid.push(Invalid {
                at: at(),
                reason: e.to_string(),
            }),
        }
    }
}

/// Tells the format from the content: the first meaningful characters decide.
pub fn detect(content: &str) -> Format {
    let head: String = content
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("<!doctype netscape-bookmark-file")
        || (head.contains("<dl") && head.contains("<dt"))
    {
        Format::Bookmarks
    } else if head.contains("<opml") {
        Format::Opml
    } else if head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
        || head.starts_with('{')
    {
        Format::Feed
    } else {
        Format::Text
    }
}

/// Imports `bytes` (the file's content) into the store.
pub fn import(store: &mut Store, bytes: &[u8]) -> Result<ImportSummary, ImportError> {
    let content = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ImportError::Broken {
            format: Format::Text,
            at: format!("line {line}"),
            reason: "not UTF-8 text".into(),
        }
    })?;
    let opts = CanonicalOptions {
        upgrade_http: store.settings()?.upgrade_http,
    };
    let format = detect(content);
    let plan = match format {
        Format::Bookmarks => bookmarks::plan(content, &opts)?,
        Format::Opml => opml::plan(content)?,
        Format::Feed => feedfile::plan(content, &opts)?,
        Format::Text => text::plan(content, &opts)?,
    };
    let mut summary = write_plan(store, plan)?;
    summary.format = Some(format);
    Ok(summary)
}

fn write_plan(store: &mut Store, plan: Plan) -> Result<ImportSummary, ImportError> {
    let counts = store.add_batch(&plan.feeds, &plan.links)?;
    Ok(ImportSummary {
        format: None,
        added: counts.added.len(),
        duplicates: counts.duplicates,
        invalid: plan.invalid,
        feeds_added: counts.feeds_added,
        feeds_existing: counts.feeds_existing,
        added_ids: counts.added,
    })
}

/// 1-based line number of byte offset `pos` in `text`.
pub(crate) fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Trims a title and drops it when empty.
pub(crate) fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}
