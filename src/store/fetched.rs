//! What a fetch learned, written onto its link; and the links a fetch should visit.

use super::links::{LINK_COLUMNS, link_from_row};
use super::{Result, Store, now, to_json_list};
use crate::model::{FetchFailure, Link, PageMeta};
use rusqlite::{Connection, OptionalExtension, params};

/// Which links `roundup fetch` visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FetchSelection {
    /// Never fetched.
    #[default]
    Unfetched,
    /// The last fetch failed.
    Failed,
    All,
}

/// The stored link `canonical` duplicates: same canonical URL, or same final URL after
/// redirects (the editor adds the article a short link already led to).
pub(super) fn find_duplicate_on(conn: &Connection, canonical: &str) -> Result<Option<Link>> {
    match super::links::find_canonical_on(conn, canonical)? {
        Some(link) => Ok(Some(link)),
        None => find_final_url_on(conn, canonical),
    }
}

/// A link whose last fetch ended at `canonical` (the canonical form of its final URL), so
/// adding the short link or the redirect target again is recognised as a duplicate.
pub(super) fn find_final_url_on(conn: &Connection, canonical: &str) -> Result<Option<Link>> {
    let sql = format!("SELECT {LINK_COLUMNS} FROM links l WHERE l.final_url = ?1 LIMIT 1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([canonical], link_from_row)
        .optional()?)
}

impl Store {
    /// Records a fetch on its link. Success fills in what the page said (keeping what was
    /// known, from a feed for example, where the page is silent), replaces its readable text
    /// when the fetch looked for it, and clears the last error, all in one transaction;
    /// failure only stores the short reason: the link and its text stay as they were.
    pub fn record_fetch(
        &self,
        link_id: i64,
        result: &Result<PageMeta, FetchFailure>,
    ) -> Result<()> {
        match result {
            Ok(meta) => {
                let final_url = meta
                    .final_url
                    .as_deref()
                    .map(|u| self.canonical(u).unwrap_or_else(|_| u.to_string()));
                let authors = (!meta.authors.is_empty()).then(|| to_json_list(&meta.authors));
                let tx = self.write_tx()?;
                tx.execute(
                    "UPDATE links SET title = COALESCE(?2, title), \
                     authors = COALESCE(?3, authors), publication = COALESCE(?4, publication), \
                     description = COALESCE(?5, description), published = COALESCE(?6, published), \
                     final_url = COALESCE(?7, final_url), fetched_at = ?8, fetch_error = NULL \
                     WHERE id = ?1",
                    params![
                        link_id,
                        meta.title,
                        authors,
                        meta.publication,
                        meta.description,
                        meta.published,
                        final_url,
                        now(),
                    ],
                )?;
                if let Some(readable) = &meta.readable {
                    super::articles::record_on(&tx, link_id, readable)?;
                }
                tx.commit()?;
            }
            Err(failure) => {
                self.conn.execute(
                    "UPDATE links SET fetched_at = ?2, fetch_error = ?3 WHERE id = ?1",
                    params![link_id, now(), failure.to_string()],
                )?;
            }
        }
        Ok(())
    }

    pub fn find_by_final_url(&self, canonical: &str) -> Result<Option<Link>> {
        find_final_url_on(&self.conn, canonical)
    }

    /// (id, url) of the links to fetch, oldest first.
    pub fn links_to_fetch(&self, which: FetchSelection) -> Result<Vec<(i64, String)>> {
        let filter = match which {
            FetchSelection::Unfetched => "WHERE fetched_at IS NULL",
            FetchSelection::Failed => "WHERE fetch_error IS NOT NULL",
            FetchSelection::All => "",
        };
        let sql = format!("SELECT id, url FROM links {filter} ORDER BY id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The stored final URL (canonical form) of a link, if it was fetched.
    pub fn final_url(&self, link_id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT final_url FROM links WHERE id = ?1",
                [link_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }
}
