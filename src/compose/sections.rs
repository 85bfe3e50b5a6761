//! Section operations on a draft: add, rename, delete (only an empty one: entries are never
//! removed by accident with their section), reorder, show or hide the heading.

use crate::model::{IssueStatus, SectionStyle};
use crate::store::{Result, Store, StoreError};

fn draft_of_section(store: &Store, section_id: i64) -> Result<crate::model::Issue> {
    let issue = store.issue_of_section(section_id)?;
    if issue.status == IssueStatus::Published {
        return Err(StoreError::Invalid(format!(
            "issue #{} is published: its sections cannot change",
            issue.number
        )));
    }
    Ok(issue)
}

/// Appends a section to draft `issue_id`; returns its id.
pub fn add_section(
    store: &Store,
    issue_id: i64,
    heading: &str,
    style: SectionStyle,
) -> Result<i64> {
    let heading = heading.trim();
    if heading.is_empty() {
        return Err(StoreError::Invalid("a section needs a heading".into()));
    }
    let issue = store.issue_by_id(issue_id)?;
    if issue.status == IssueStatus::Published {
        return Err(StoreError::Invalid(format!(
            "issue #{} is published: its sections cannot change",
            issue.number
        )));
    }
    store.add_section(issue_id, heading, style)
}

pub fn rename_section(store: &Store, section_id: i64, heading: &str) -> Result<()> {
    let heading = heading.trim();
    if heading.is_empty() {
        return Err(StoreError::Invalid("a section needs a heading".into()));
    }
    draft_of_section(store, section_id)?;
    store.rename_section(section_id, heading)
}

/// Deletes a section that has no entries (move or remove them first).
pub fn delete_section(store: &Store, section_id: i64) -> Result<()> {
    let issue = draft_of_section(store, section_id)?;
    let section = issue.sections.iter().find(|s| s.id == section_id);
    if let Some(s) = section.filter(|s| !s.entries.is_empty()) {
        return Err(StoreError::Invalid(format!(
            "{} still has {} entries: move or remove them first",
            s.heading,
            s.entries.len()
        )));
    }
    store.remove_section(section_id)
}

/// A deleted section made again at `position` with its heading, style and visibility (what
/// undo does); returns its new id.
pub fn restore_section(
    store: &Store,
    issue_id: i64,
    heading: &str,
    style: SectionStyle,
    shown: bool,
    position: usize,
) -> Result<i64> {
    let id = add_section(store, issue_id, heading, style)?;
    if !shown {
        store.set_section_heading_shown(id, false)?;
    }
    let count = store.issue_by_id(issue_id)?.sections.len();
    let delta = position as i64 - (count as i64 - 1);
    if delta != 0 {
        store.move_section(id, delta)?;
    }
    Ok(id)
}

pub fn set_heading_shown(store: &Store, section_id: i64, shown: bool) -> Result<()> {
    store.set_section_heading_shown(section_id, shown)
}

pub fn set_section_style(store: &Store, section_id: i64, style: SectionStyle) -> Result<()> {
    draft_of_section(store, section_id)?;
    store.set_section_style(section_id, style)
}
