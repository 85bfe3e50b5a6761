//! The `entries` table: links placed in sections, with what the editor wrote about them.
//! Every setter is one immediate write (the TUI writes through as the editor types).

use super::issues::{section_issue, shifted, touch_issue};
use super::writing::{release_entries, restore_anchors, take_writing};
use super::{Result, Store, StoreError, from_json_list, now, to_json_list};
use crate::model::{Credit, Entry, IssueStatus, LinkState, NewEntry};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// One editable field of an entry.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryField {
    /// `None` (or empty) falls back to the link's fetched title.
    Title(Option<String>),
    /// Markdown with the pull-quotes as block quotes.
    Body(String),
    Authors(Vec<String>),
    Publication(Option<String>),
    Via(Option<String>),
    Disclosures(Vec<String>),
}

/// `title` is the effective title (the editor's, else the link's) so an `Issue` tree can
/// be exported without the links; writing `Title(None)` restores the fallback.
const ENTRY_COLUMNS: &str = "e.id, e.section_id, e.link_id, e.position, l.url, \
     coalesce(nullif(e.title, ''), l.title), e.body, e.authors, e.publication, \
     e.via, e.disclosures";

fn entry_from_row(row: &Row) -> rusqlite::Result<Entry> {
    let list = |i: usize| -> rusqlite::Result<Vec<String>> {
        let text: String = row.get(i)?;
        Ok(from_json_list(&text).unwrap_or_default())
    };
    Ok(Entry {
        id: row.get(0)?,
        section_id: row.get(1)?,
        link_id: row.get(2)?,
        position: row.get(3)?,
        url: row.get(4)?,
        title: row.get(5)?,
        body: row.get(6)?,
        credit: Credit {
            authors: list(7)?,
            publication: row.get(8)?,
            via: row.get(9)?,
        },
        disclosures: list(10)?,
    })
}

pub(super) fn entries_of_section(conn: &Connection, section_id: i64) -> Result<Vec<Entry>> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e JOIN links l ON l.id = e.link_id \
         WHERE e.section_id = ?1 ORDER BY e.position, e.id"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_map([section_id], entry_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

fn entry_on(conn: &Connection, id: i64) -> Result<Entry> {
    let sql = format!(
        "SELECT {ENTRY_COLUMNS} FROM entries e JOIN links l ON l.id = e.link_id WHERE e.id = ?1"
    );
    conn.prepare_cached(&sql)?
        .query_row([id], entry_from_row)
        .optional()?
        .ok_or_else(|| StoreError::NotFound(format!("entry {id}")))
}

/// Appends an entry at the end of `section_id` and marks its link `used`.
pub(super) fn insert_entry(
    conn: &Connection,
    section_id: i64,
    link_id: i64,
    e: &NewEntry,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO entries (section_id, link_id, position, title, body, authors, \
         publication, via, disclosures, updated_at) VALUES (?1, ?2, \
         (SELECT count(*) FROM entries WHERE section_id = ?1), ?3,?4,?5,?6,?7,?8,?9)",
    )?
    .execute(params![
        section_id,
        link_id,
        e.title,
        e.body,
        to_json_list(&e.credit.authors),
        e.credit.publication,
        e.credit.via,
        to_json_list(&e.disclosures),
        now(),
    ])?;
    let id = conn.last_insert_rowid();
    super::writing::forget_writing(conn, link_id)?;
    conn.prepare_cached(
        "UPDATE links SET state = 'used', state_changed_at = ?2 WHERE id = ?1 AND state != 'used'",
    )?
    .execute(params![link_id, now()])?;
    Ok(id)
}

fn entry_ids(conn: &Connection, section_id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM entries WHERE section_id = ?1 ORDER BY position, id")?
        .query_map([section_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

fn write_entry_positions(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE entries SET position = ?2 WHERE id = ?1")?;
    for (pos, id) in ids.iter().enumerate() {
        stmt.execute(params![id, pos as i64])?;
    }
    Ok(())
}

fn draft_section(conn: &Connection, section_id: i64) -> Result<i64> {
    let (issue_id, status) = section_issue(conn, section_id)?;
    if status == IssueStatus::Published {
        return Err(StoreError::Invalid(
            "the issue is published; its entries cannot change".into(),
        ));
    }
    Ok(issue_id)
}

impl Store {
    pub fn entry(&self, id: i64) -> Result<Entry> {
        entry_on(&self.conn, id)
    }

    /// Places link `link_id` at the end of `section_id`; the link becomes `used`. Writing
    /// kept from an earlier entry of the link comes back; else the entry starts with `credit`
    /// and `disclosures`. Callers go through `compose::place_link`, which chooses them.
    pub fn place_link(
        &self,
        link_id: i64,
        section_id: i64,
        credit: &Credit,
        disclosures: &[String],
    ) -> Result<Entry> {
        let link = self.link(link_id)?;
        let tx = self.write_tx()?;
        let issue_id = draft_section(&tx, section_id)?;
        let already: Option<i64> = tx
            .query_row(
                "SELECT e.id FROM entries e JOIN sections s ON s.id = e.section_id \
                 WHERE e.link_id = ?1 AND s.issue_id = ?2",
                params![link_id, issue_id],
                |r| r.get(0),
            )
            .optional()?;
        if already.is_some() {
            return Err(StoreError::Invalid(format!(
                "{} is already in this issue",
                link.display_title()
            )));
        }
        // Writing kept from an earlier entry of this link comes back as it was, and with it
        // where its quotes came from.
        let (new, anchors) = match take_writing(&tx, link_id)? {
            Some((kept, anchors)) => (kept, Some(anchors)),
            None => {
                let fresh = NewEntry {
                    credit: credit.clone(),
                    disclosures: disclosures.to_vec(),
                    ..NewEntry::default()
                };
                (fresh, None)
            }
        };
        let id = insert_entry(&tx, section_id, link_id, &new)?;
        if let Some(anchors) = anchors {
            restore_anchors(&tx, id, &anchors)?;
        }
        touch_issue(&tx, issue_id)?;
        tx.commit()?;
        self.entry(id)
    }

    /// Writes one field of an entry.
    pub fn update_entry_field(&self, entry_id: i64, field: EntryField) -> Result<()> {
        let (sql, value): (&str, Option<String>) = match field {
            EntryField::Title(t) => (
                "UPDATE entries SET title = ?2, updated_at = ?3 WHERE id = ?1",
                t.filter(|t| !t.trim().is_empty()),
            ),
            EntryField::Body(b) => (
                "UPDATE entries SET body = ?2, updated_at = ?3 WHERE id = ?1",
                Some(b),
            ),
            EntryField::Authors(a) => (
                "UPDATE entries SET authors = ?2, updated_at = ?3 WHERE id = ?1",
                Some(to_json_list(&a)),
            ),
            EntryField::Publication(p) => (
                "UPDATE entries SET publication = ?2, updated_at = ?3 WHERE id = ?1",
                p.filter(|p| !p.trim().is_empty()),
            ),
            EntryField::Via(v) => (
                "UPDATE entries SET via = ?2, updated_at = ?3 WHERE id = ?1",
                v.filter(|v| !v.trim().is_empty()),
            ),
            EntryField::Disclosures(d) => (
                "UPDATE entries SET disclosures = ?2, updated_at = ?3 WHERE id = ?1",
                Some(to_json_list(&d)),
            ),
        };
        let n = self
            .conn
            .prepare_cached(sql)?
            .execute(params![entry_id, value, now()])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("entry {entry_id}")));
        }
        Ok(())
    }

    /// Moves an entry up (negative) or down (positive) in its section; returns its new
    /// position.
    pub fn move_entry(&self, entry_id: i64, delta: i64) -> Result<i64> {
        let entry = self.entry(entry_id)?;
        let tx = self.write_tx()?;
        let issue_id = draft_section(&tx, entry.section_id)?;
        let ids = entry_ids(&tx, entry.section_id)?;
        let (order, to) = shifted(&ids, entry_id, delta)
            .ok_or_else(|| StoreError::NotFound(format!("entry {entry_id}")))?;
        write_entry_positions(&tx, &order)?;
        touch_issue(&tx, issue_id)?;
        tx.commit()?;
        Ok(to as i64)
    }

    /// Moves an entry to the end of another section of the same issue.
    pub fn move_entry_to_section(&self, entry_id: i64, section_id: i64) -> Result<Entry> {
        let entry = self.entry(entry_id)?;
        if entry.section_id == section_id {
            return Ok(entry);
        }
        let tx = self.write_tx()?;
        let from_issue = draft_section(&tx, entry.section_id)?;
        let to_issue = draft_section(&tx, section_id)?;
        if from_issue != to_issue {
            return Err(StoreError::Invalid(
                "an entry can only move to a section of its own issue".into(),
            ));
        }
        tx.execute(
            "UPDATE entries SET section_id = ?2, updated_at = ?3, position = \
             (SELECT count(*) FROM entries WHERE section_id = ?2) WHERE id = ?1",
            params![entry_id, section_id, now()],
        )?;
        write_entry_positions(&tx, &entry_ids(&tx, entry.section_id)?)?;
        write_entry_positions(&tx, &entry_ids(&tx, section_id)?)?;
        touch_issue(&tx, from_issue)?;
        tx.commit()?;
        self.entry(entry_id)
    }

    /// Removes an entry; its link goes back to the inbox.
    pub fn remove_entry(&self, entry_id: i64) -> Result<()> {
        let entry = self.entry(entry_id)?;
        let tx = self.write_tx()?;
        let issue_id = draft_section(&tx, entry.section_id)?;
        release_entries(&tx, "e.id = ?1", entry_id)?;
        tx.execute("DELETE FROM entries WHERE id = ?1", [entry_id])?;
        write_entry_positions(&tx, &entry_ids(&tx, entry.section_id)?)?;
        touch_issue(&tx, issue_id)?;
        tx.commit()?;
        Ok(())
    }

    /// Names used in past credits, most used first, for autocomplete. `prefix` filters
    /// case-insensitively (ASCII); `limit` caps the list.
    pub fn past_credits(
        &self,
        kind: CreditKind,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<String>> {
        let sql = match kind {
            CreditKind::Author => {
                "SELECT j.value, count(*) AS n FROM entries e, json_each(e.authors) j \
                 WHERE j.value LIKE ?1 ESCAPE '\\' GROUP BY j.value ORDER BY n DESC, j.value \
                 LIMIT ?2"
            }
            CreditKind::Publication => {
                "SELECT publication, count(*) AS n FROM entries WHERE publication IS NOT NULL \
                 AND publication LIKE ?1 ESCAPE '\\' GROUP BY publication \
                 ORDER BY n DESC, publication LIMIT ?2"
            }
            CreditKind::Via => {
                "SELECT via, count(*) AS n FROM entries WHERE via IS NOT NULL \
                 AND via LIKE ?1 ESCAPE '\\' GROUP BY via ORDER BY n DESC, via LIMIT ?2"
            }
        };
        let pattern = format!(
            "{}%",
            prefix
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map(params![pattern, limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// The link's state, for callers that placed or removed it.
    pub fn link_state(&self, link_id: i64) -> Result<LinkState> {
        Ok(self.link(link_id)?.state)
    }
}

/// Which part of past credits to autocomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditKind {
    Author,
    Publication,
    Via,
}
