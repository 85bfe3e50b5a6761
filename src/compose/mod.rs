//! Issue operations above the store: placing a link with its suggested disclosures,
//! credit lines, disclosure rules, and the JSON issue file (load and export).
//!
//! The plain edits (reorder, move, remove, set a field) are `Store` methods: see
//! `store::issues` and `store::entries`.

pub mod credits;
pub mod disclosure;
pub mod issue_file;

pub use credits::{credit_line, join_names};
pub use disclosure::{suggested_disclosures, suggested_for_entry, suggested_for_link};
pub use issue_file::{IssueFile, IssueFileError, export_issue_file, load_issue_file};

use crate::config::Config;
use crate::model::Entry;
use crate::store::{Result, Store, StoreError};

/// Places a link at the end of a section, prefilled from its metadata, with the notes the
/// disclosure rules suggest stored on the entry (the editor may remove them).
pub fn place_link(store: &Store, config: &Config, link_id: i64, section_id: i64) -> Result<Entry> {
    let link = store.link(link_id)?;
    let issue_id: i64 = store
        .conn()
        .query_row(
            "SELECT issue_id FROM sections WHERE id = ?1",
            [section_id],
            |r| r.get(0),
        )
        .map_err(|_| StoreError::NotFound(format!("section {section_id}")))?;
    let issue = store.issue_by_id(issue_id)?;
    let notes = suggested_for_link(&link, &issue, config);
    store.place_link_with(link_id, section_id, &notes)
}

#[cfg(test)]
mod tests;
