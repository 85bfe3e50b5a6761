//! Issue operations, the one place the CLI and the TUI both call: start an issue, place a
//! link (with the disclosure rules' notes), move and remove entries, reorder sections,
//! publish. The store does the writing; the choices (numbers, titles, default sections,
//! which notes) are made here.

use super::disclosure::suggested_for_link;
use crate::config::Config;
use crate::model::{Credit, Entry, Issue, SectionStyle};
use crate::store::{CorrectionKind, Result, Store, StoreError};

/// Issue numbers roundup accepts: a week's number, never zero, negative or absurd (an issue
/// at i64::MAX would make "the next one" wrap around).
pub const MAX_ISSUE_NUMBER: i64 = 999_999;

/// Refuses a number outside 1..=MAX_ISSUE_NUMBER with a line that says so.
pub fn check_number(number: i64) -> Result<()> {
    if (1..=MAX_ISSUE_NUMBER).contains(&number) {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "issue number {number} is out of range (1 to {MAX_ISSUE_NUMBER})"
        )))
    }
}

/// The number `issue new` proposes: the last issue's + 1, else the configured first number.
pub fn next_number(store: &Store, config: &Config) -> Result<i64> {
    Ok(match store.last_issue_number()? {
        Some(n) => n.saturating_add(1),
        None => config.newsletter.first_number,
    })
}

/// Starts draft `number` (default: `next_number`) with the configured title pattern and
/// sections, and makes it the current draft: the one `export`, `check` and the TUI open.
pub fn new_issue(store: &Store, config: &Config, number: Option<i64>) -> Result<Issue> {
    let number = match number {
        Some(n) => n,
        None => next_number(store, config)?,
    };
    check_number(number)?;
    let sections: Vec<(&str, SectionStyle)> = config
        .sections
        .iter()
        .map(|s| (s.heading.as_str(), s.style))
        .collect();
    // The sponsor usually runs for several weeks: the previous issue's is carried over
    // (the editor changes or removes it in the new draft).
    let sponsor = match store.last_issue_number()? {
        Some(last) => store.issue(last)?.sponsor,
        None => None,
    };
    let issue = store.create_issue(number, &config.issue_title(number), &sections)?;
    if let Some(sponsor) = &sponsor {
        store.set_sponsor(issue.id, Some(sponsor))?;
    }
    store.set_setting("current_issue", &issue.number.to_string())?;
    store.issue_by_id(issue.id)
}

/// Gives draft `from` the number `to` (drafts only; `to` not taken). A title that follows
/// the pattern follows the number; a title the editor wrote stays.
pub fn renumber(store: &Store, config: &Config, from: i64, to: i64) -> Result<Issue> {
    check_number(to)?;
    let issue = store.issue(from)?;
    let title = if issue.title == config.issue_title(from) {
        config.issue_title(to)
    } else {
        issue.title.clone()
    };
    store.renumber_issue(from, to, &title)?;
    store.issue(to)
}

/// Deletes draft `number`; its links go back to the inbox with their writing (placing one
/// again brings it back). Returns how many entries went back.
pub fn delete_draft(store: &Store, number: i64) -> Result<usize> {
    store.delete_draft(number)
}

/// The first articles section of the current draft, starting a draft when there is none
/// (and a section when the draft has none).
pub fn default_section(store: &Store, config: &Config) -> Result<i64> {
    let issue = match store.current_draft()? {
        Some(i) => i,
        None => new_issue(store, config, None)?,
    };
    let found = issue
        .sections
        .iter()
        .find(|s| s.style == SectionStyle::Articles)
        .or(issue.sections.first())
        .map(|s| s.id);
    match found {
        Some(id) => Ok(id),
        None => store.add_section(issue.id, "Articles", SectionStyle::Articles),
    }
}

/// Places a link at the end of a section (`None`: the default section), prefilled from its
/// metadata, with the notes the disclosure rules suggest stored on the entry (the editor may
/// remove them).
pub fn place_link(
    store: &Store,
    config: &Config,
    link_id: i64,
    section: Option<i64>,
) -> Result<Entry> {
    let section_id = match section {
        Some(id) => id,
        None => default_section(store, config)?,
    };
    let mut link = store.link(link_id)?;
    // Names the editor corrected before are corrected again ("jvns" → "Julia Evans").
    for author in &mut link.authors {
        if let Some(c) = store.credit_correction(CorrectionKind::Author, author)? {
            *author = c;
        }
    }
    if let Some(p) = &link.publication
        && let Some(c) = store.credit_correction(CorrectionKind::Publication, p)?
    {
        link.publication = Some(c);
    }
    let issue = store.issue_of_section(section_id)?;
    let notes = suggested_for_link(&link, &issue, config);
    let credit = Credit {
        authors: link.authors.clone(),
        publication: link.publication.clone(),
        via: link.via.clone(),
    };
    let entry = store.place_link(link_id, section_id, &credit, &notes)?;
    // The note the link was saved with (in Pocket, Raindrop, a bookmarklet…) starts the body
    // when nothing was written yet.
    match link
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(note) if entry.body.trim().is_empty() => {
            store.update_entry_field(entry.id, crate::store::EntryField::Body(note.to_string()))?;
            store.entry(entry.id)
        }
        _ => Ok(entry),
    }
}

/// Remembers the corrections the editor made to an entry's credit against what its page
/// said, so the next placement of the same names gets them: one author for one author (or
/// the same number of authors, in order), and the publication.
pub fn learn_credit(store: &Store, entry_id: i64) -> Result<()> {
    let entry = store.entry(entry_id)?;
    let link = store.link(entry.link_id)?;
    let ours = &entry.credit.authors;
    if !ours.is_empty() && ours.len() == link.authors.len() {
        for (fetched, corrected) in link.authors.iter().zip(ours) {
            if fetched.trim() != corrected.trim() && !corrected.trim().is_empty() {
                store.record_credit_correction(CorrectionKind::Author, fetched, corrected)?;
            }
        }
    }
    if let (Some(fetched), Some(corrected)) = (&link.publication, &entry.credit.publication)
        && fetched.trim() != corrected.trim()
        && !corrected.trim().is_empty()
    {
        store.record_credit_correction(CorrectionKind::Publication, fetched, corrected)?;
    }
    Ok(())
}

/// Moves an entry up (negative `delta`) or down within its section.
pub fn move_entry(store: &Store, entry_id: i64, delta: i64) -> Result<i64> {
    store.move_entry(entry_id, delta)
}

/// Moves an entry to the end of another section of its issue.
pub fn move_entry_to_section(store: &Store, entry_id: i64, section_id: i64) -> Result<Entry> {
    store.move_entry_to_section(entry_id, section_id)
}

/// Puts an entry at `position` (0-based) of `section_id`, from wherever it is in its issue:
/// what undoing a move or a removal needs.
pub fn put_entry_at(store: &Store, entry_id: i64, section_id: i64, position: usize) -> Result<()> {
    let entry = store.move_entry_to_section(entry_id, section_id)?;
    let last = store
        .issue_of_section(section_id)?
        .sections
        .iter()
        .find(|s| s.id == section_id)
        .and_then(|s| s.entries.iter().position(|e| e.id == entry.id))
        .unwrap_or(0);
    let delta = position as i64 - last as i64;
    if delta != 0 {
        store.move_entry(entry.id, delta)?;
    }
    Ok(())
}

/// Moves a section up (negative `delta`) or down.
pub fn move_section(store: &Store, section_id: i64, delta: i64) -> Result<i64> {
    store.move_section(section_id, delta)
}

/// Removes an entry from its issue; its link goes back to the inbox.
pub fn remove_entry(store: &Store, entry_id: i64) -> Result<()> {
    store.remove_entry(entry_id)
}

/// Moves issue `number` to the archive (held links come back to the inbox).
pub fn publish(store: &Store, number: i64) -> Result<Issue> {
    store.publish_issue(number)
}
