//! Writes for `roundup serve`: many links from many requests in one transaction, and what a
//! writer that must never drop a link needs to know about a busy database.

use super::links::insert_on;
use super::{AddOutcome, Result, Store, StoreError};
use crate::model::NewLink;
use std::time::Duration;

impl StoreError {
    /// Another connection holds the write lock (or a read lock a checkpoint needs) beyond the
    /// busy timeout: trying again later may succeed, and nothing was written.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))
                if matches!(
                    e.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                )
        )
    }
}

impl Store {
    /// How long one statement waits for another process's lock before failing as busy. A
    /// writer that retries on its own (serve) waits in short steps, so it can tell the
    /// difference between "busy" and "stuck" and keep its callers informed.
    pub fn set_busy_timeout(&self, wait: Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        Ok(())
    }

    /// Adds every link in one transaction, in order; each outcome is the link's id or the
    /// stored link it duplicates (earlier links of the same batch included), or the reason its
    /// URL is refused. A failure of the transaction (busy, disk full) adds none of them.
    pub fn add_links_batch(
        &mut self,
        links: &[NewLink],
    ) -> Result<Vec<std::result::Result<AddOutcome, String>>> {
        let mut canonical = Vec::with_capacity(links.len());
        for link in links {
            canonical.push(match self.canonical(&link.url) {
                Ok(c) => Ok(c),
                Err(StoreError::Invalid(reason)) => Err(reason),
                Err(e) => return Err(e),
            });
        }
        self.transaction(|tx| {
            links
                .iter()
                .zip(&canonical)
                .map(|(link, c)| match c {
                    Ok(c) => insert_on(tx, link, c).map(Ok),
                    Err(reason) => Ok(Err(reason.clone())),
                })
                .collect()
        })
    }
}
