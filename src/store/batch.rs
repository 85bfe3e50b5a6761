//! Writes in bulk (imports: links and feeds, all or nothing) and the row counts callers use
//! to see what a write did.

use super::feeds::insert_feed_on;
use super::link_extras::{find_by_title_on, insert_tags_on, merge_extras_on, normalise_tag};
use super::links::{Redirects, insert_row_on};
use super::search::with_bulk_link_indexing;
use super::{AddOutcome, Result, Store, StoreError};
use crate::model::{NewFeed, PlannedLink, TitledQuotes};

/// The page cache of a bulk write, in KiB as `PRAGMA cache_size` takes it (negative): an
/// upper bound, only filled by the pages the import touches (~25 MB for 50,000 links).
const BULK_CACHE_KIB: i64 = -64 * 1024;

/// What a bulk write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchCounts {
    /// Ids of the links added, in the order given.
    pub added: Vec<i64>,
    pub duplicates: usize,
    pub feeds_added: usize,
    pub feeds_existing: usize,
    /// Highlights stored as quote candidates (on new links and merged into known ones).
    pub quotes_added: usize,
    /// Highlights of titled documents no stored link matched.
    pub quotes_unmatched: usize,
}

/// What a streamed batch writes once its links have all come: the last links, then the
/// feeds and the highlights matched by title.
#[derive(Debug, Default)]
pub struct BatchRest {
    pub links: Vec<PlannedLink>,
    pub feeds: Vec<NewFeed>,
    pub by_title: Vec<TitledQuotes>,
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

fn insert_feeds(
    tx: &rusqlite::Transaction,
    feeds: &[NewFeed],
    counts: &mut BatchCounts,
) -> Result<()> {
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
    Ok(())
}

/// The links of one bulk write. Two costs of adding links one at a time are paid once:
/// the redirect probe is skipped when no stored link has a final URL (nothing can match;
/// a batch adds none, and its transaction keeps other writers out), and the new links'
/// tags are written together by `finish`, several hundred per statement.
struct Bulk {
    redirects: Redirects,
    tags: Vec<(i64, String)>,
    /// The id of the batch's first new link: a duplicate of a link at or after it joins
    /// its tags to the buffer, so the spelling the file gave first is the one kept
    /// (`link_tags.tag` is NOCASE: "Rust" then "rust" is one tag, stored as "Rust").
    first_added: Option<i64>,
}

impl Bulk {
    fn new(tx: &rusqlite::Transaction) -> Result<Bulk> {
        let fetched: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM links WHERE final_url IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        Ok(Bulk {
            redirects: if fetched {
                Redirects::Probe
            } else {
                Redirects::NoneStored
            },
            tags: Vec::new(),
            first_added: None,
        })
    }

    /// One link of a batch: added, or counted as a duplicate whose tags and highlights are
    /// merged into the stored link.
    fn insert(
        &mut self,
        tx: &rusqlite::Transaction,
        planned: &PlannedLink,
        counts: &mut BatchCounts,
    ) -> Result<()> {
        let link = &planned.link;
        // Foreign keys are not checked in a bulk write (`bulk_transaction`): this one is.
        if let Some(feed) = link.feed_id {
            let stored: bool = tx
                .prepare_cached("SELECT EXISTS (SELECT 1 FROM feeds WHERE id = ?1)")?
                .query_row([feed], |r| r.get(0))?;
            if !stored {
                return Err(StoreError::Invalid(format!(
                    "{} names feed {feed}, which is not stored",
                    link.url
                )));
            }
        }
        match insert_row_on(tx, link, &planned.canonical, self.redirects)? {
            AddOutcome::Added(id) => {
                counts.added.push(id);
                self.first_added.get_or_insert(id);
                self.buffer_tags(id, &link.tags);
                counts.quotes_added += merge_extras_on(tx, id, &[], &link.quote_candidates)?;
            }
            AddOutcome::Duplicate(existing)
                if self.first_added.is_some_and(|f| existing.id >= f) =>
            {
                counts.duplicates += 1;
                self.buffer_tags(existing.id, &link.tags);
                counts.quotes_added +=
                    merge_extras_on(tx, existing.id, &[], &link.quote_candidates)?;
            }
            AddOutcome::Duplicate(existing) => {
                counts.duplicates += 1;
                counts.quotes_added +=
                    merge_extras_on(tx, existing.id, &link.tags, &link.quote_candidates)?;
            }
        }
        Ok(())
    }

    fn buffer_tags(&mut self, id: i64, tags: &[String]) {
        let tags = tags.iter().filter_map(|t| normalise_tag(t));
        self.tags.extend(tags.map(|tag| (id, tag)));
    }

    fn finish(self, tx: &rusqlite::Transaction) -> Result<()> {
        insert_tags_on(tx, &self.tags)
    }
}

fn attach_by_title(
    tx: &rusqlite::Transaction,
    by_title: &[TitledQuotes],
    counts: &mut BatchCounts,
) -> Result<()> {
    for doc in by_title {
        match find_by_title_on(tx, &doc.title)? {
            Some(id) => counts.quotes_added += merge_extras_on(tx, id, &doc.tags, &doc.quotes)?,
            None => counts.quotes_unmatched += doc.quotes.len(),
        }
    }
    Ok(())
}

/// The connection settings of a bulk write (`Store::bulk_transaction`), put back by
/// `restore` or, if a panic unwinds past it, by its drop.
struct BulkSettings<'c> {
    conn: &'c rusqlite::Connection,
    cache_size: i64,
    restored: bool,
}

impl<'c> BulkSettings<'c> {
    fn apply(conn: &'c rusqlite::Connection) -> Result<BulkSettings<'c>> {
        let cache_size: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let settings = BulkSettings {
            conn,
            cache_size,
            restored: false,
        };
        conn.pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        conn.pragma_update(None, "foreign_keys", false)?;
        Ok(settings)
    }

    /// Foreign keys on again, and checked: SQLite ignores the pragma inside a transaction
    /// without saying so, and a connection left without them would no longer cascade.
    fn restore(mut self) -> Result<()> {
        self.restored = true;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        self.conn
            .pragma_update(None, "cache_size", self.cache_size)?;
        let on: bool = self
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        if !on || !self.conn.is_autocommit() {
            return Err(StoreError::Invalid(
                "foreign-key checks could not be turned on again after an import".into(),
            ));
        }
        Ok(())
    }
}

impl Drop for BulkSettings<'_> {
    fn drop(&mut self) {
        if !self.restored {
            let _ = self.conn.pragma_update(None, "foreign_keys", true);
            let _ = self.conn.pragma_update(None, "cache_size", self.cache_size);
        }
    }
}

impl Store {
    /// Subscribes `feeds`, adds `links` and attaches `by_title` highlights, in one
    /// transaction: a failure adds nothing. A duplicate (of a stored link, or of an earlier
    /// one of the batch) is counted and keeps both sets of tags and highlights; nothing else
    /// about the stored link changes.
    pub fn add_batch(
        &mut self,
        feeds: &[NewFeed],
        links: &[PlannedLink],
        by_title: &[TitledQuotes],
    ) -> Result<BatchCounts> {
        self.bulk_transaction(|tx| {
            let mut counts = BatchCounts::default();
            insert_feeds(tx, feeds, &mut counts)?;
            with_bulk_link_indexing(tx, || {
                let mut bulk = Bulk::new(tx)?;
                for planned in links {
                    bulk.insert(tx, planned, &mut counts)?;
                }
                bulk.finish(tx)
            })?;
            attach_by_title(tx, by_title, &mut counts)?;
            Ok(counts)
        })
    }

    /// `add_batch` for links that arrive while the file is still being read (an importer on
    /// another thread): each chunk is written as it comes and handed to `written` (to be
    /// freed by the thread that made it), then `rest` is asked for the last
    /// links, the feeds and the title-matched highlights, or for the reason to abandon the
    /// whole batch (`Err`: nothing is added, the error is `StoreError::Invalid(reason)`).
    pub fn add_batch_streamed(
        &mut self,
        chunks: impl Iterator<Item = Vec<PlannedLink>>,
        mut written: impl FnMut(Vec<PlannedLink>),
        rest: impl FnOnce() -> std::result::Result<BatchRest, String>,
    ) -> Result<BatchCounts> {
        self.bulk_transaction(|tx| {
            let mut counts = BatchCounts::default();
            let rest = with_bulk_link_indexing(tx, || {
                let mut bulk = Bulk::new(tx)?;
                for chunk in chunks {
                    for planned in &chunk {
                        bulk.insert(tx, planned, &mut counts)?;
                    }
                    written(chunk);
                }
                let rest = rest().map_err(StoreError::Invalid)?;
                for planned in &rest.links {
                    bulk.insert(tx, planned, &mut counts)?;
                }
                bulk.finish(tx)?;
                Ok(rest)
            })?;
            insert_feeds(tx, &rest.feeds, &mut counts)?;
            attach_by_title(tx, &rest.by_title, &mut counts)?;
            Ok(counts)
        })
    }

    /// Adds the links `next` yields, one at a time, in one transaction: a very long list
    /// (a 100 MB URL list) is written without being held in memory. `next` returns
    /// `Ok(None)` at the end, or `Err(reason)` to abandon the whole batch (nothing is added;
    /// the reason is the error's message).
    pub fn add_links_streamed(
        &mut self,
        mut next: impl FnMut() -> std::result::Result<Option<PlannedLink>, String>,
    ) -> Result<BatchCounts> {
        self.bulk_transaction(|tx| {
            let mut counts = BatchCounts::default();
            with_bulk_link_indexing(tx, || {
                let mut bulk = Bulk::new(tx)?;
                while let Some(planned) = next().map_err(StoreError::Invalid)? {
                    bulk.insert(tx, &planned, &mut counts)?;
                }
                bulk.finish(tx)
            })?;
            Ok(counts)
        })
    }

    /// `transaction` for a bulk write: with a page cache large enough for a whole import,
    /// and without SQLite's foreign-key checks; both are put back afterwards, whatever
    /// happened.
    /// - With the default 2 MB cache, a 50,000-link import outgrew it halfway and SQLite
    ///   spilled dirty pages to the WAL mid-transaction, then wrote many of them again (10 %
    ///   of the import's time). Durability is unchanged: the commit is the same.
    /// - A checked tag insert looks its link up first: 100,000 tags took 0.11 s checked,
    ///   0.03–0.05 s not (`sqlite3`, same rows). Nothing a bulk write adds can break a key:
    ///   every tag and highlight row names a link inserted or read in this transaction, and
    ///   `Bulk::insert` refuses a link naming a feed that is not stored. Rows are only
    ///   added, so no ON DELETE action is skipped. (The pragma is per connection and cannot
    ///   change inside a transaction, hence here.)
    fn bulk_transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T>,
    ) -> Result<T> {
        let settings = BulkSettings::apply(&self.conn)?;
        let out = (|| -> Result<T> {
            let tx = rusqlite::Transaction::new_unchecked(
                &self.conn,
                rusqlite::TransactionBehavior::Immediate,
            )?;
            let out = f(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        // The transaction is over (committed, or rolled back by its drop) before this.
        let restored = settings.restore();
        let out = out?;
        restored?;
        Ok(out)
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
