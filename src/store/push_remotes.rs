//! The `push_remotes` table: which remote draft (`roundup push`) belongs to an issue in each
//! mailing tool, so the next push updates it instead of making another.

use super::{Result, Store, now};
use rusqlite::{OptionalExtension, Row, params};

/// The draft a mailing tool holds for an issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteDraft {
    pub issue_id: i64,
    pub service: String,
    pub remote_id: String,
    pub pushed_at: String,
}

fn remote_from_row(row: &Row) -> rusqlite::Result<RemoteDraft> {
    Ok(RemoteDraft {
        issue_id: row.get(0)?,
        service: row.get(1)?,
        remote_id: row.get(2)?,
        pushed_at: row.get(3)?,
    })
}

impl Store {
    /// The remote draft of `issue_id` in `service`, if one was pushed.
    pub fn remote_draft(&self, issue_id: i64, service: &str) -> Result<Option<RemoteDraft>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT issue_id, service, remote_id, pushed_at FROM push_remotes \
                 WHERE issue_id = ?1 AND service = ?2",
            )?
            .query_row(params![issue_id, service], remote_from_row)
            .optional()?)
    }

    /// Every remote draft of an issue, by service name.
    pub fn remote_drafts(&self, issue_id: i64) -> Result<Vec<RemoteDraft>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT issue_id, service, remote_id, pushed_at FROM push_remotes \
             WHERE issue_id = ?1 ORDER BY service",
        )?;
        let rows = stmt.query_map([issue_id], remote_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Records (or replaces) the remote draft of `issue_id` in `service` after a push.
    pub fn set_remote_draft(&self, issue_id: i64, service: &str, remote_id: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO push_remotes (issue_id, service, remote_id, pushed_at) \
                 VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (issue_id, service) DO UPDATE SET \
                 remote_id = excluded.remote_id, pushed_at = excluded.pushed_at",
            )?
            .execute(params![issue_id, service, remote_id, now()])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Store;

    #[test]
    fn one_remote_per_issue_and_service() {
        let store = Store::open_in_memory().unwrap();
        let issue = store.create_issue(1, "Issue #1", &[]).unwrap();
        assert_eq!(store.remote_draft(issue.id, "ghost").unwrap(), None);
        store.set_remote_draft(issue.id, "ghost", "abc").unwrap();
        store.set_remote_draft(issue.id, "ghost", "def").unwrap();
        store.set_remote_draft(issue.id, "kit", "7").unwrap();
        let got = store.remote_draft(issue.id, "ghost").unwrap().unwrap();
        assert_eq!(got.remote_id, "def");
        let all = store.remote_drafts(issue.id).unwrap();
        assert_eq!(
            all.iter().map(|r| r.service.as_str()).collect::<Vec<_>>(),
            ["ghost", "kit"]
        );
    }
}
