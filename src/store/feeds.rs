//! The `feeds` table: subscriptions.

use super::{Result, Store, now};
use crate::model::Feed;
use rusqlite::{Connection, OptionalExtension, Row, params};

const FEED_COLUMNS: &str =
    "id, url, title, site_url, etag, last_modified, last_pulled_at, last_error, added_at";

fn feed_from_row(row: &Row) -> rusqlite::Result<Feed> {
    Ok(Feed {
        id: row.get(0)?,
        url: row.get(1)?,
        title: row.get(2)?,
        site_url: row.get(3)?,
        etag: row.get(4)?,
        last_modified: row.get(5)?,
        last_pulled_at: row.get(6)?,
        last_error: row.get(7)?,
        added_at: row.get(8)?,
    })
}

/// Subscribes to `url` unless already subscribed; returns (id, newly added).
pub(super) fn insert_feed_on(
    conn: &Connection,
    url: &str,
    title: Option<&str>,
    site_url: Option<&str>,
) -> Result<(i64, bool)> {
    if let Some(id) = conn
        .prepare_cached("SELECT id FROM feeds WHERE url = ?1")?
        .query_row([url], |r| r.get(0))
        .optional()?
    {
        return Ok((id, false));
    }
    conn.prepare_cached(
        "INSERT INTO feeds (url, title, site_url, added_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![url, title, site_url, now()])?;
    Ok((conn.last_insert_rowid(), true))
}

impl Store {
    pub fn add_feed(
        &self,
        url: &str,
        title: Option<&str>,
        site_url: Option<&str>,
    ) -> Result<(i64, bool)> {
        insert_feed_on(&self.conn, url, title, site_url)
    }

    pub fn feeds(&self) -> Result<Vec<Feed>> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], feed_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn feed(&self, id: i64) -> Result<Option<Feed>> {
        let sql = format!("SELECT {FEED_COLUMNS} FROM feeds WHERE id = ?1");
        Ok(self.conn.query_row(&sql, [id], feed_from_row).optional()?)
    }
}
