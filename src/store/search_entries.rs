//! The published entry a search hit stands for: the archive shows the entry's title as the
//! issue printed it (not the link's fetched title) and opens that issue at that entry.

use super::search::PublishedEntry;
use super::{Result, Store};
use rusqlite::{OptionalExtension, Row, params};

const COLUMNS: &str = "SELECT e.id, i.number, coalesce(nullif(e.title, ''), l.title, l.url) \
     FROM entries e JOIN links l ON l.id = e.link_id \
     JOIN sections s ON s.id = e.section_id JOIN issues i ON i.id = s.issue_id \
     WHERE i.status = 'published'";

fn published_entry_from_row(r: &Row) -> rusqlite::Result<PublishedEntry> {
    Ok(PublishedEntry {
        entry_id: r.get(0)?,
        issue_number: r.get(1)?,
        title: r.get(2)?,
    })
}

impl Store {
    /// Entry `entry_id` when its issue is published; else the newest published entry of
    /// link `link_id` (a hit on the link's own metadata that was featured).
    pub(super) fn published_entry(
        &self,
        entry_id: Option<i64>,
        link_id: i64,
    ) -> Result<Option<PublishedEntry>> {
        if let Some(id) = entry_id {
            let sql = format!("{COLUMNS} AND e.id = ?1");
            let found = self
                .conn
                .prepare_cached(&sql)?
                .query_row(params![id], published_entry_from_row)
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let sql = format!("{COLUMNS} AND e.link_id = ?1 ORDER BY i.number DESC LIMIT 1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![link_id], published_entry_from_row)
            .optional()?)
    }
}
