//! Loading a whole issue (an issue file, validated by compose) over a draft, or as a new
//! issue: one transaction, so a file that fails half-way changes nothing.

use super::entries::{insert_entry, release_links_of};
use super::issues::{insert_issue, insert_section, issue_tree};
use super::links::insert_on;
use super::{AddOutcome, Result, Store, StoreError, now};
use crate::model::{IssuePlan, IssueStatus, LinkState, PlannedLink};
use rusqlite::{Connection, params};

impl Store {
    /// Writes `plan` as issue `plan.number`. An existing draft with that number has its
    /// content replaced (its old entries' links go back to the inbox first); a published
    /// issue is refused, since the archive is the record of what was sent. Returns the
    /// issue's id.
    pub fn load_issue_plan(&mut self, plan: &IssuePlan) -> Result<i64> {
        self.transaction(|tx| {
            let id = match issue_tree(tx, "number = ?1", plan.number)? {
                Some(issue) if issue.status == IssueStatus::Published => {
                    return Err(StoreError::Invalid(format!(
                        "issue #{} is published; the archive is not overwritten",
                        plan.number
                    )));
                }
                Some(issue) => {
                    release_links_of(
                        tx,
                        "SELECT e.link_id FROM entries e JOIN sections s ON s.id = e.section_id \
                         WHERE s.issue_id = ?1",
                        issue.id,
                    )?;
                    tx.execute("DELETE FROM sections WHERE issue_id = ?1", [issue.id])?;
                    tx.execute(
                        "UPDATE issues SET title = ?2, date = ?3 WHERE id = ?1",
                        params![issue.id, plan.title, plan.date],
                    )?;
                    issue.id
                }
                None => insert_issue(tx, plan.number, &plan.title, plan.date.as_deref())?,
            };
            let sponsor = plan.sponsor.as_ref();
            tx.execute(
                "UPDATE issues SET intro = ?2, sponsor_name = ?3, sponsor_url = ?4, \
                 sponsor_message = ?5, updated_at = ?6 WHERE id = ?1",
                params![
                    id,
                    plan.intro,
                    sponsor.map(|s| &s.name),
                    sponsor.and_then(|s| s.url.as_ref()),
                    sponsor.and_then(|s| s.message.as_ref()),
                    now()
                ],
            )?;
            for section in &plan.sections {
                let section_id = insert_section(tx, id, &section.heading, section.style)?;
                for entry in &section.entries {
                    let link_id = link_for(tx, &entry.link)?;
                    insert_entry(tx, section_id, link_id, &entry.entry)?;
                }
            }
            Ok(id)
        })
    }
}

/// The stored link for an entry's URL, created (as `used`) when new.
fn link_for(tx: &Connection, planned: &PlannedLink) -> Result<i64> {
    Ok(match insert_on(tx, &planned.link, &planned.canonical)? {
        AddOutcome::Added(id) => {
            tx.execute(
                "UPDATE links SET state = ?2 WHERE id = ?1",
                params![id, LinkState::Used.as_str()],
            )?;
            id
        }
        AddOutcome::Duplicate(link) => link.id,
    })
}
