//! The `issues` and `sections` tables: drafts, the archive, and the order of sections.
//! Positions are kept dense (0, 1, 2…) by every operation that changes them.

use super::entries::{entries_of_section, release_links_of};
use super::{Result, Store, StoreError, now};
use crate::model::{Issue, IssueStatus, Section, SectionStyle, Sponsor};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

/// One line of `issue list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueSummary {
    pub id: i64,
    pub number: i64,
    pub title: String,
    pub date: Option<String>,
    pub status: IssueStatus,
    pub sections: i64,
    pub entries: i64,
}

const ISSUE_COLUMNS: &str =
    "id, number, title, date, status, intro, sponsor_name, sponsor_url, sponsor_message";

fn issue_from_row(row: &Row) -> rusqlite::Result<Issue> {
    let status: String = row.get(4)?;
    let sponsor_name: Option<String> = row.get(6)?;
    Ok(Issue {
        id: row.get(0)?,
        number: row.get(1)?,
        title: row.get(2)?,
        date: row.get(3)?,
        status: IssueStatus::parse(&status).unwrap_or(IssueStatus::Draft),
        intro: row.get(5)?,
        sponsor: sponsor_name.map(|name| Sponsor {
            name,
            url: row.get(7).ok().flatten(),
            message: row.get(8).ok().flatten(),
        }),
        sections: Vec::new(),
    })
}

fn section_from_row(row: &Row) -> rusqlite::Result<Section> {
    let style: String = row.get(3)?;
    Ok(Section {
        id: row.get(0)?,
        issue_id: row.get(1)?,
        heading: row.get(2)?,
        style: SectionStyle::parse(&style).unwrap_or_default(),
        position: row.get(4)?,
        entries: Vec::new(),
    })
}

/// The whole tree of one issue.
pub(super) fn issue_tree(conn: &Connection, where_sql: &str, arg: i64) -> Result<Option<Issue>> {
    let sql = format!("SELECT {ISSUE_COLUMNS} FROM issues WHERE {where_sql}");
    let Some(mut issue) = conn
        .prepare_cached(&sql)?
        .query_row([arg], issue_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    let mut sections = conn
        .prepare_cached(
            "SELECT id, issue_id, heading, style, position FROM sections \
             WHERE issue_id = ?1 ORDER BY position, id",
        )?
        .query_map([issue.id], section_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for section in &mut sections {
        section.entries = entries_of_section(conn, section.id)?;
    }
    issue.sections = sections;
    Ok(Some(issue))
}

pub(super) fn insert_issue(
    conn: &Connection,
    number: i64,
    title: &str,
    date: Option<&str>,
) -> Result<i64> {
    let t = now();
    conn.execute(
        "INSERT INTO issues (number, title, date, created_at, updated_at) VALUES (?1,?2,?3,?4,?4)",
        params![number, title, date, t],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn insert_section(
    conn: &Connection,
    issue_id: i64,
    heading: &str,
    style: SectionStyle,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO sections (issue_id, heading, style, position) VALUES (?1, ?2, ?3, \
         (SELECT count(*) FROM sections WHERE issue_id = ?1))",
        params![issue_id, heading, style.as_str()],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn touch_issue(conn: &Connection, issue_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE issues SET updated_at = ?2 WHERE id = ?1")?
        .execute(params![issue_id, now()])?;
    Ok(())
}

/// Moves the item `id` among `ids` (in order) by `delta`, clamped; returns the new order.
pub(super) fn shifted(ids: &[i64], id: i64, delta: i64) -> Option<(Vec<i64>, usize)> {
    let from = ids.iter().position(|x| *x == id)?;
    let to = (from as i64 + delta).clamp(0, ids.len() as i64 - 1) as usize;
    let mut out = ids.to_vec();
    let item = out.remove(from);
    out.insert(to, item);
    Some((out, to))
}

fn section_ids(conn: &Connection, issue_id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM sections WHERE issue_id = ?1 ORDER BY position, id")?
        .query_map([issue_id], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?)
}

fn write_section_positions(conn: &Connection, ids: &[i64]) -> Result<()> {
    let mut stmt = conn.prepare_cached("UPDATE sections SET position = ?2 WHERE id = ?1")?;
    for (pos, id) in ids.iter().enumerate() {
        stmt.execute(params![id, pos as i64])?;
    }
    Ok(())
}

pub(super) fn section_issue(conn: &Connection, section_id: i64) -> Result<(i64, IssueStatus)> {
    conn.prepare_cached(
        "SELECT s.issue_id, i.status FROM sections s JOIN issues i ON i.id = s.issue_id \
         WHERE s.id = ?1",
    )?
    .query_row([section_id], |r| Ok((r.get(0)?, r.get::<_, String>(1)?)))
    .optional()?
    .map(|(id, st)| (id, IssueStatus::parse(&st).unwrap_or(IssueStatus::Draft)))
    .ok_or_else(|| StoreError::NotFound(format!("section {section_id}")))
}

impl Store {
    /// The issue numbered `number`, with its sections and entries.
    pub fn issue(&self, number: i64) -> Result<Issue> {
        issue_tree(&self.conn, "number = ?1", number)?
            .ok_or_else(|| StoreError::NotFound(format!("issue #{number}")))
    }

    pub fn issue_by_id(&self, id: i64) -> Result<Issue> {
        issue_tree(&self.conn, "id = ?1", id)?
            .ok_or_else(|| StoreError::NotFound(format!("issue id {id}")))
    }

    /// The issue a section belongs to.
    pub fn issue_of_section(&self, section_id: i64) -> Result<Issue> {
        let (issue_id, _) = section_issue(&self.conn, section_id)?;
        self.issue_by_id(issue_id)
    }

    /// The draft being edited: the `current_issue` setting when it names a draft, else the
    /// newest draft.
    pub fn current_draft(&self) -> Result<Option<Issue>> {
        if let Some(n) = self
            .setting("current_issue")?
            .and_then(|v| v.parse::<i64>().ok())
            && let Some(issue) = issue_tree(&self.conn, "number = ?1 AND status = 'draft'", n)?
        {
            return Ok(Some(issue));
        }
        let newest: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM issues WHERE status = 'draft' ORDER BY number DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        match newest {
            Some(id) => issue_tree(&self.conn, "id = ?1", id),
            None => Ok(None),
        }
    }

    /// Every issue, newest number first.
    pub fn issue_summaries(&self) -> Result<Vec<IssueSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, i.number, i.title, i.date, i.status, \
             (SELECT count(*) FROM sections s WHERE s.issue_id = i.id), \
             (SELECT count(*) FROM entries e JOIN sections s ON s.id = e.section_id \
              WHERE s.issue_id = i.id) \
             FROM issues i ORDER BY i.number DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            let status: String = r.get(4)?;
            Ok(IssueSummary {
                id: r.get(0)?,
                number: r.get(1)?,
                title: r.get(2)?,
                date: r.get(3)?,
                status: IssueStatus::parse(&status).unwrap_or(IssueStatus::Draft),
                sections: r.get(5)?,
                entries: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn last_issue_number(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row("SELECT max(number) FROM issues", [], |r| r.get(0))?)
    }

    /// Creates draft `number` with `title` and empty `sections` (heading, style), in one
    /// transaction. Choosing the number and the title is compose's job (`compose::new_issue`).
    pub fn create_issue(
        &self,
        number: i64,
        title: &str,
        sections: &[(&str, SectionStyle)],
    ) -> Result<Issue> {
        let tx = self.write_tx()?;
        let taken: Option<i64> = tx
            .query_row("SELECT id FROM issues WHERE number = ?1", [number], |r| {
                r.get(0)
            })
            .optional()?;
        if taken.is_some() {
            return Err(StoreError::Invalid(format!(
                "issue #{number} already exists"
            )));
        }
        let id = insert_issue(&tx, number, title, None)?;
        for (heading, style) in sections {
            insert_section(&tx, id, heading, *style)?;
        }
        tx.commit()?;
        self.issue_by_id(id)
    }

    pub fn set_issue_title(&self, issue_id: i64, title: &str) -> Result<()> {
        self.update_issue(
            issue_id,
            "UPDATE issues SET title = ?2 WHERE id = ?1",
            Some(title),
        )
    }

    pub fn set_issue_date(&self, issue_id: i64, date: Option<&str>) -> Result<()> {
        self.update_issue(issue_id, "UPDATE issues SET date = ?2 WHERE id = ?1", date)
    }

    /// The editor's intro paragraph (Markdown); empty text clears it.
    pub fn set_intro(&self, issue_id: i64, intro: Option<&str>) -> Result<()> {
        let intro = intro.filter(|s| !s.trim().is_empty());
        self.update_issue(
            issue_id,
            "UPDATE issues SET intro = ?2 WHERE id = ?1",
            intro,
        )
    }

    /// The sponsor block; `None` (or an empty name) removes it.
    pub fn set_sponsor(&self, issue_id: i64, sponsor: Option<&Sponsor>) -> Result<()> {
        let sponsor = sponsor.filter(|s| !s.name.trim().is_empty());
        let n = self.conn.execute(
            "UPDATE issues SET sponsor_name = ?2, sponsor_url = ?3, sponsor_message = ?4, \
             updated_at = ?5 WHERE id = ?1",
            params![
                issue_id,
                sponsor.map(|s| &s.name),
                sponsor.and_then(|s| s.url.as_ref()),
                sponsor.and_then(|s| s.message.as_ref()),
                now()
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("issue id {issue_id}")));
        }
        Ok(())
    }

    fn update_issue(&self, issue_id: i64, sql: &str, value: Option<&str>) -> Result<()> {
        let n = self
            .conn
            .prepare_cached(sql)?
            .execute(params![issue_id, value])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("issue id {issue_id}")));
        }
        touch_issue(&self.conn, issue_id)
    }

    /// Moves issue `number` to the archive: status published, date stamped (today, UTC)
    /// when unset. Its links then read "featured in #N".
    pub fn publish_issue(&self, number: i64) -> Result<Issue> {
        let issue = self.issue(number)?;
        if issue.status == IssueStatus::Published {
            return Err(StoreError::Invalid(format!(
                "issue #{number} is already published"
            )));
        }
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        let tx = self.write_tx()?;
        tx.execute(
            "UPDATE issues SET status = 'published', date = coalesce(date, ?2), \
             published_at = ?3, updated_at = ?3 WHERE id = ?1",
            params![issue.id, today, now()],
        )?;
        super::aging::release_held_on(&tx)?;
        tx.commit()?;
        self.issue(number)
    }

    pub fn add_section(&self, issue_id: i64, heading: &str, style: SectionStyle) -> Result<i64> {
        let id = insert_section(&self.conn, issue_id, heading, style)?;
        touch_issue(&self.conn, issue_id)?;
        Ok(id)
    }

    pub fn rename_section(&self, section_id: i64, heading: &str) -> Result<()> {
        let (issue_id, _) = section_issue(&self.conn, section_id)?;
        self.conn.execute(
            "UPDATE sections SET heading = ?2 WHERE id = ?1",
            params![section_id, heading],
        )?;
        touch_issue(&self.conn, issue_id)
    }

    pub fn set_section_style(&self, section_id: i64, style: SectionStyle) -> Result<()> {
        let (issue_id, _) = section_issue(&self.conn, section_id)?;
        self.conn.execute(
            "UPDATE sections SET style = ?2 WHERE id = ?1",
            params![section_id, style.as_str()],
        )?;
        touch_issue(&self.conn, issue_id)
    }

    /// Removes a section; its entries' links go back to the inbox.
    pub fn remove_section(&self, section_id: i64) -> Result<()> {
        let (issue_id, _) = section_issue(&self.conn, section_id)?;
        let tx = self.write_tx()?;
        release_links_of(
            &tx,
            "SELECT link_id FROM entries WHERE section_id = ?1",
            section_id,
        )?;
        tx.execute("DELETE FROM sections WHERE id = ?1", [section_id])?;
        write_section_positions(&tx, &section_ids(&tx, issue_id)?)?;
        touch_issue(&tx, issue_id)?;
        tx.commit()?;
        Ok(())
    }

    /// Moves a section up (negative) or down (positive); returns its new position.
    pub fn move_section(&self, section_id: i64, delta: i64) -> Result<i64> {
        let (issue_id, _) = section_issue(&self.conn, section_id)?;
        let tx = self.write_tx()?;
        let ids = section_ids(&tx, issue_id)?;
        let (order, to) = shifted(&ids, section_id, delta)
            .ok_or_else(|| StoreError::NotFound(format!("section {section_id}")))?;
        write_section_positions(&tx, &order)?;
        touch_issue(&tx, issue_id)?;
        tx.commit()?;
        Ok(to as i64)
    }
}
