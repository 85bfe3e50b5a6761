//! Hold and aging: held links come back for the next issue; old unused links go stale.

use super::links::{LINK_COLUMNS, link_from_row};
use super::{Result, Store, now};
use crate::model::{Link, LinkState};
use chrono::{Duration, SecondsFormat, Utc};
use rusqlite::Connection;

/// Puts every held link back in the inbox. Publishing calls it in its own transaction:
/// "hold for next week" means exactly until the next issue. Returns how many came back.
pub(super) fn release_held_on(conn: &Connection) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE links SET state = 'inbox', state_changed_at = ?1 WHERE state = 'held'",
        [now()],
    )?)
}

impl Store {
    pub fn release_held(&self) -> Result<usize> {
        release_held_on(&self.conn)
    }

    fn stale_cutoff(&self) -> Result<String> {
        let days = self.settings()?.stale_after_days;
        Ok((Utc::now() - Duration::days(days)).to_rfc3339_opts(SecondsFormat::Secs, true))
    }

    /// Inbox links added more than `stale_after_days` ago that were never placed in an issue.
    pub fn stale_links(&self) -> Result<Vec<Link>> {
        let sql = format!(
            "SELECT {LINK_COLUMNS} FROM links l WHERE l.state = 'inbox' AND l.added_at < ?1 \
             AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.link_id = l.id) \
             ORDER BY l.added_at DESC, l.id DESC"
        );
        let cutoff = self.stale_cutoff()?;
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([cutoff], link_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Discards every stale link in one transaction; returns how many.
    pub fn discard_stale(&mut self) -> Result<usize> {
        let cutoff = self.stale_cutoff()?;
        self.transaction(|tx| {
            Ok(tx.execute(
                "UPDATE links SET state = 'discarded', state_changed_at = ?2 \
                 WHERE state = 'inbox' AND added_at < ?1 \
                 AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.link_id = links.id)",
                [cutoff, now()],
            )?)
        })
    }

    /// Sets the state of many links in one transaction (the TUI's "discard every stale link").
    pub fn set_links_state(&self, ids: &[i64], state: LinkState) -> Result<usize> {
        let tx = self.conn.unchecked_transaction()?;
        let mut n = 0;
        {
            let mut stmt = tx.prepare_cached(
                "UPDATE links SET state = ?2, state_changed_at = ?3 WHERE id = ?1",
            )?;
            let at = now();
            for id in ids {
                n += stmt.execute(rusqlite::params![id, state.as_str(), at])?;
            }
        }
        tx.commit()?;
        Ok(n)
    }

    /// Whether `link` counts as stale under the current setting (for markers in lists).
    pub fn is_stale(&self, link: &Link) -> Result<bool> {
        Ok(link.state == LinkState::Inbox
            && link.featured_in.is_empty()
            && link.added_at < self.stale_cutoff()?)
    }
}
