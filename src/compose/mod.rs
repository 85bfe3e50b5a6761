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
use crate::store::{EntryField, Result, Store};

/// Places a link at the end of a section, prefilled from its metadata, with the notes the
/// disclosure rules suggest stored on the entry (the editor may remove them). The note the
/// link was saved with (in Pocket, Raindrop, a bookmarklet…) starts the blurb.
pub fn place_link(store: &Store, config: &Config, link_id: i64, section_id: i64) -> Result<Entry> {
    let link = store.link(link_id)?;
    let issue = store.issue_of_section(section_id)?;
    let notes = suggested_for_link(&link, &issue, config);
    let entry = store.place_link_with(link_id, section_id, &notes)?;
    match link
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(note) if entry.blurb.trim().is_empty() => {
            store.update_entry_field(entry.id, EntryField::Blurb(note.to_string()))?;
            store.entry(entry.id)
        }
        _ => Ok(entry),
    }
}

/// Turns a disclosure note on or off for an entry (the TUI shows the suggestions as
/// toggles); returns whether it is now on.
pub fn toggle_disclosure(store: &Store, entry_id: i64, note: &str) -> Result<bool> {
    let mut notes = store.entry(entry_id)?.disclosures;
    let on = match notes.iter().position(|n| n == note) {
        Some(i) => {
            notes.remove(i);
            false
        }
        None => {
            notes.push(note.to_string());
            true
        }
    };
    store.update_entry_field(entry_id, EntryField::Disclosures(notes))?;
    Ok(on)
}

#[cfg(test)]
mod tests;
