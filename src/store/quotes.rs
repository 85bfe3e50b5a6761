//! Taking a pull-quote into an entry (issue 13): the entry's new body and the quote's anchor
//! are written together, so a quote never exists without the place it came from.

use super::{Result, Store, StoreError, now};
use crate::model::QuoteAnchor;
use rusqlite::params;

impl Store {
    /// Replaces the body of `entry_id` with `body` (which holds the new quote) and remembers
    /// the quote's anchor, in one transaction.
    pub fn write_quote(&self, entry_id: i64, body: &str, anchor: &QuoteAnchor) -> Result<()> {
        let tx = self.write_tx()?;
        let changed = tx.execute(
            "UPDATE entries SET body = ?2, updated_at = ?3 WHERE id = ?1",
            params![entry_id, body, now()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(format!("entry {entry_id}")));
        }
        tx.execute(
            "INSERT INTO quote_anchors (entry_id, exact, prefix, suffix, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (entry_id, exact) DO UPDATE SET prefix = excluded.prefix, \
             suffix = excluded.suffix",
            params![entry_id, anchor.exact, anchor.prefix, anchor.suffix, now()],
        )?;
        tx.commit()?;
        Ok(())
    }
}
