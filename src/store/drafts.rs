//! Operations on whole drafts and their sections that only drafts allow: renumbering,
//! deleting (the writing stays with the links), showing or hiding a section's heading.
//! The archive (published issues) is the record of what was sent: all of these refuse it.

use super::issues::{section_issue, touch_issue};
use super::writing::release_entries;
use super::{Result, Store, StoreError};
use crate::model::IssueStatus;
use rusqlite::{OptionalExtension, params};

impl Store {
    /// The draft numbered `number`, else an error saying why not.
    fn draft_id(&self, number: i64) -> Result<i64> {
        let found: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, status FROM issues WHERE number = ?1",
                [number],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match found {
            None => Err(StoreError::NotFound(format!("issue #{number}"))),
            Some((_, status)) if status == IssueStatus::Published.as_str() => {
                Err(StoreError::Invalid(format!(
                    "issue #{number} is published: the archive is kept as sent"
                )))
            }
            Some((id, _)) => Ok(id),
        }
    }

    /// Gives draft `from` the number `to` (free) and `title`. The current draft follows.
    pub fn renumber_issue(&self, from: i64, to: i64, title: &str) -> Result<()> {
        let id = self.draft_id(from)?;
        let tx = self.write_tx()?;
        let taken: Option<i64> = tx
            .query_row("SELECT id FROM issues WHERE number = ?1", [to], |r| {
                r.get(0)
            })
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::Invalid(format!("issue #{to} already exists")));
        }
        tx.execute(
            "UPDATE issues SET number = ?2, title = ?3 WHERE id = ?1",
            params![id, to, title],
        )?;
        tx.execute(
            "UPDATE settings SET value = ?2 WHERE key = 'current_issue' AND value = ?1",
            params![from.to_string(), to.to_string()],
        )?;
        touch_issue(&tx, id)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes draft `number`: its links go back to the inbox with their writing kept on
    /// them (placing one again brings its writing back). Returns how many entries it had.
    pub fn delete_draft(&self, number: i64) -> Result<usize> {
        let id = self.draft_id(number)?;
        let tx = self.write_tx()?;
        let entries: i64 = tx.query_row(
            "SELECT count(*) FROM entries e JOIN sections s ON s.id = e.section_id \
             WHERE s.issue_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        release_entries(&tx, "s.issue_id = ?1", id)?;
        tx.execute("DELETE FROM issues WHERE id = ?1", [id])?;
        tx.execute(
            "DELETE FROM settings WHERE key = 'current_issue' AND value = ?1",
            [number.to_string()],
        )?;
        tx.commit()?;
        Ok(usize::try_from(entries).unwrap_or(0))
    }

    /// Shows or hides a section's heading in the exports.
    pub fn set_section_heading_shown(&self, section_id: i64, shown: bool) -> Result<()> {
        let (issue_id, status) = section_issue(&self.conn, section_id)?;
        if status == IssueStatus::Published {
            return Err(StoreError::Invalid(
                "the issue is published; its sections cannot change".into(),
            ));
        }
        self.conn.execute(
            "UPDATE sections SET show_heading = ?2 WHERE id = ?1",
            params![section_id, shown],
        )?;
        touch_issue(&self.conn, issue_id)
    }
}
