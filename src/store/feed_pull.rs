//! Recording feed pulls: new items into the inbox, validators and errors on the feed.

use super::links::insert_on as insert_link_on;
use super::{AddOutcome, Result, Store, now};
use crate::model::PullOutcome;
use crate::model::canonical::{CanonicalOptions, canonicalize};
use rusqlite::params;

/// What one pull added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullCounts {
    pub added: usize,
    pub known: usize,
    pub invalid: usize,
}

impl Store {
    /// Stores a successful pull in one transaction: new items (de-duplicated by canonical
    /// URL, tagged with the feed), then the validators for the next conditional request.
    pub fn record_feed_pull(&mut self, feed_id: i64, outcome: &PullOutcome) -> Result<PullCounts> {
        let opts = CanonicalOptions {
            upgrade_http: self.settings()?.upgrade_http,
        };
        self.transaction(|tx| {
            let mut counts = PullCounts::default();
            if let PullOutcome::Fetched {
                title,
                etag,
                last_modified,
                items,
            } = outcome
            {
                for item in items {
                    let Ok(canonical) = canonicalize(&item.url, &opts) else {
                        counts.invalid += 1;
                        continue;
                    };
                    let mut link = item.clone();
                    link.feed_id = Some(feed_id);
                    match insert_link_on(tx, &link, &canonical)? {
                        AddOutcome::Added(_) => counts.added += 1,
                        AddOutcome::Duplicate(_) => counts.known += 1,
                    }
                }
                tx.execute(
                    "UPDATE feeds SET title = COALESCE(title, ?2), etag = ?3, last_modified = ?4 \
                     WHERE id = ?1",
                    params![feed_id, title, etag, last_modified],
                )?;
            }
            tx.execute(
                "UPDATE feeds SET last_pulled_at = ?2, last_error = NULL WHERE id = ?1",
                params![feed_id, now()],
            )?;
            Ok(counts)
        })
    }

    /// A failed pull: the reason is kept on the feed; its validators stay as they were.
    pub fn record_feed_error(&self, feed_id: i64, reason: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE feeds SET last_pulled_at = ?2, last_error = ?3 WHERE id = ?1",
            params![feed_id, now(), reason],
        )?;
        Ok(())
    }
}
