//! Issue operations above the store, the one home the CLI and the TUI both call: starting
//! and publishing issues, placing a link with its suggested disclosures, moving and removing
//! entries (`issues`), pull-quotes taken from the reader (`quotes`), credit lines, disclosure
//! rules, and the JSON issue file (load and export).

pub mod credits;
pub mod disclosure;
pub mod issue_file;
pub mod issues;
pub mod quotes;
pub mod sections;

pub use credits::{credit_line, join_names};
pub use disclosure::{suggested_disclosures, suggested_for_entry, suggested_for_link};
pub use issue_file::{IssueFile, IssueFileError, export_issue_file, load_issue_file};
pub use issues::{
    default_section, delete_draft, learn_credit, move_entry, move_entry_to_section, move_section,
    new_issue, next_number, place_link, publish, put_entry_at, remove_entry, renumber,
};
pub use sections::{
    add_section, delete_section, rename_section, restore_section, set_heading_shown,
    set_section_style,
};

use crate::store::{EntryField, Result, Store};

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
