//! Writes in bulk (imports: links and feeds, all or nothing) and the row counts callers use
//! to see what a write did.

use super::feeds::insert_feed_on;
use super::links::insert_on;
use super::search::with_bulk_link_indexing;
use super::{AddOutcome, Result, Store};
use crate::model::{NewFeed, PlannedLink};

/// What a bulk write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchCounts {
    /// Ids of the links added, in the order given.
    pub added: Vec<i64>,
    pub duplicates: usize,
    pub feeds_added: usize,
    pub feeds_existing: usize,
}

/// How many rows each table holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableCounts {
    pub links: i64,
    pub feeds: i64,
    pub issues: i64,
    pub sections: i64,
    pub entries: i64,
}

impl Store {
    /// Subscribes `feeds` and adds `links` (duplicates of stored links, or of each other, are
    /// counted and skipped) in one transaction: a failure adds nothing.
    pub fn add_batch(&mut self, feeds: &[NewFeed], links: &[PlannedLink]) -> Result<BatchCounts> {
        self.transaction(|tx| {
            let mut counts = BatchCounts::default();
            for feed in feeds {
                let (_, added) = insert_feed_on(
                    tx,
                    &feed.url,
                    feed.title.as_deref(),
                    feed.site_url.as_deref(),
                )?;
                if added {
                    counts.feeds_added += 1;
                } else {
                    counts.feeds_existing += 1;
                }
            }
            with_bulk_link_indexing(tx, || {
                for planned in links {
                    match insert_on(tx, &planned.link, &planned.canonical)? {
                        AddOutcome::Added(id) => counts.added.push(id),
                        AddOutcome::Duplicate(_) => counts.duplicates += 1,
                    }
                }
                Ok(())
            })?;
            Ok(counts)
        })
    }

    pub fn table_counts(&self) -> Result<TableCounts> {
        let count = |table: &str| -> Result<i64> {
            // The table name is one of the constants below, never input.
            let sql = format!("SELECT count(*) FROM {table}");
            Ok(self.conn.query_row(&sql, [], |r| r.get(0))?)
        };
        Ok(TableCounts {
            links: count("links")?,
            feeds: count("feeds")?,
            issues: count("issues")?,
            sections: count("sections")?,
            entries: count("entries")?,
        })
    }
}
