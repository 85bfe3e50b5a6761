//! Quote anchors (migration 0007): where each pull-quote taken from the reader came from,
//! keyed by its entry and its exact text, so a quote finds its anchor wherever it moves in
//! the entry's body.

use super::{Result, Store, now};
use crate::model::QuoteAnchor;
use rusqlite::{Row, params};
use std::collections::HashMap;

fn anchor_from_row(r: &Row) -> rusqlite::Result<QuoteAnchor> {
    Ok(QuoteAnchor {
        exact: r.get("exact")?,
        prefix: r.get("prefix")?,
        suffix: r.get("suffix")?,
    })
}

impl Store {
    /// Remembers where a quote of `entry_id` came from; the same exact text again replaces
    /// its context. Call it when the quote is inserted into the entry's body.
    pub fn save_anchor(&self, entry_id: i64, anchor: &QuoteAnchor) -> Result<()> {
        self.conn.execute(
            "INSERT INTO quote_anchors (entry_id, exact, prefix, suffix, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (entry_id, exact) DO UPDATE SET prefix = excluded.prefix, \
             suffix = excluded.suffix",
            params![entry_id, anchor.exact, anchor.prefix, anchor.suffix, now()],
        )?;
        Ok(())
    }

    /// Forgets an anchor (the quote was deleted from the body). Whether there was one.
    pub fn delete_anchor(&self, entry_id: i64, exact: &str) -> Result<bool> {
        let n = self.conn.execute(
            "DELETE FROM quote_anchors WHERE entry_id = ?1 AND exact = ?2",
            params![entry_id, exact],
        )?;
        Ok(n > 0)
    }

    /// The anchors of one entry, oldest first.
    pub fn anchors(&self, entry_id: i64) -> Result<Vec<QuoteAnchor>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT exact, prefix, suffix FROM quote_anchors WHERE entry_id = ?1 \
             ORDER BY created_at, rowid",
        )?;
        let rows = stmt.query_map([entry_id], anchor_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The anchors of several entries (an issue's), by entry id; entries without any are
    /// left out.
    pub fn anchors_of(&self, entry_ids: &[i64]) -> Result<HashMap<i64, Vec<QuoteAnchor>>> {
        let mut out = HashMap::new();
        for &id in entry_ids {
            let anchors = self.anchors(id)?;
            if !anchors.is_empty() {
                out.insert(id, anchors);
            }
        }
        Ok(out)
    }
}
