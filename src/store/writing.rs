//! What the editor wrote about a link, kept when its entry goes (removed from the issue, its
//! section or its draft deleted, a draft replaced by an issue file): placing the link again
//! brings the writing back. And the credit corrections the editor made, which the next
//! placement of the same fetched name applies.

use super::{Result, Store, from_json_list, now};
use crate::model::{Credit, NewEntry};
use rusqlite::{Connection, OptionalExtension, params};

/// Keeps the writing of the entries `where_sql` selects (one bound argument; the entries
/// table is `e`, its section `s`) on their links, and sends the links back to the inbox
/// unless another entry still uses them. Call before deleting the entries.
pub(super) fn release_entries(conn: &Connection, where_sql: &str, arg: i64) -> Result<()> {
    let sql = format!(
        "SELECT e.link_id, e.title, e.body, e.authors, e.publication, e.via, e.disclosures, \
         ({ANCHORS_OF_E}) FROM entries e JOIN sections s ON s.id = e.section_id \
         WHERE {where_sql}"
    );
    let rows: Vec<Kept> = conn
        .prepare(&sql)?
        .query_map([arg], |r| {
            Ok(Kept {
                link: r.get(0)?,
                title: r.get(1)?,
                body: r.get(2)?,
                authors: r.get(3)?,
                publication: r.get(4)?,
                via: r.get(5)?,
                disclosures: r.get(6)?,
                anchors: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut keep = conn.prepare_cached(
        "INSERT INTO link_writing (link_id, title, body, authors, publication, via, \
         disclosures, saved_at, anchors) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) \
         ON CONFLICT(link_id) DO UPDATE SET title = excluded.title, body = excluded.body, \
         authors = excluded.authors, publication = excluded.publication, via = excluded.via, \
         disclosures = excluded.disclosures, saved_at = excluded.saved_at, \
         anchors = excluded.anchors",
    )?;
    let mut release = conn.prepare_cached(
        "UPDATE links SET state = 'inbox', state_changed_at = ?2 WHERE id = ?1 \
         AND (SELECT count(*) FROM entries WHERE link_id = ?1) <= 1",
    )?;
    for k in rows {
        keep.execute(params![
            k.link,
            k.title,
            k.body,
            k.authors,
            k.publication,
            k.via,
            k.disclosures,
            now(),
            k.anchors
        ])?;
        release.execute(params![k.link, now()])?;
    }
    Ok(())
}

/// An entry's writing as stored (lists as their JSON text), on its way to `link_writing`.
struct Kept {
    link: i64,
    title: Option<String>,
    body: String,
    authors: String,
    publication: Option<String>,
    via: Option<String>,
    disclosures: String,
    /// The entry's quote anchors, as a JSON list (`ANCHORS_OF_E`).
    anchors: String,
}

/// An entry `e`'s quote anchors as one JSON list, oldest first.
const ANCHORS_OF_E: &str = "SELECT json_group_array(json_object('exact', a.exact, \
     'prefix', a.prefix, 'suffix', a.suffix, 'created_at', a.created_at)) \
     FROM (SELECT * FROM quote_anchors WHERE entry_id = e.id ORDER BY created_at, rowid) a";

/// The writing kept for `link_id`, taken (it is about to become an entry's again), with its
/// quote anchors as a JSON list for `restore_anchors`.
pub(super) fn take_writing(conn: &Connection, link_id: i64) -> Result<Option<(NewEntry, String)>> {
    let found = conn
        .prepare_cached(
            "SELECT title, body, authors, publication, via, disclosures, anchors \
             FROM link_writing WHERE link_id = ?1",
        )?
        .query_row([link_id], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .optional()?;
    forget_writing(conn, link_id)?;
    let Some((title, body, authors, publication, via, disclosures, anchors)) = found else {
        return Ok(None);
    };
    let entry = NewEntry {
        title,
        body,
        credit: Credit {
            authors: from_json_list(&authors).unwrap_or_default(),
            publication,
            via,
        },
        disclosures: from_json_list(&disclosures).unwrap_or_default(),
    };
    Ok(Some((entry, anchors)))
}

/// Gives entry `entry_id` the anchors `take_writing` kept (a JSON list; an entry that has
/// an anchor for the same exact text keeps its own).
pub(super) fn restore_anchors(conn: &Connection, entry_id: i64, anchors: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO quote_anchors (entry_id, exact, prefix, suffix, created_at) \
         SELECT ?1, j.value ->> 'exact', coalesce(j.value ->> 'prefix', ''), \
         coalesce(j.value ->> 'suffix', ''), coalesce(j.value ->> 'created_at', ?3) \
         FROM json_each(?2) j WHERE j.value ->> 'exact' IS NOT NULL",
    )?
    .execute(params![entry_id, anchors, now()])?;
    Ok(())
}

/// A new entry's writing supersedes what was kept for its link.
pub(super) fn forget_writing(conn: &Connection, link_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM link_writing WHERE link_id = ?1")?
        .execute([link_id])?;
    Ok(())
}

/// Which credit names a correction is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionKind {
    Author,
    Publication,
}

impl CorrectionKind {
    fn as_str(self) -> &'static str {
        match self {
            CorrectionKind::Author => "author",
            CorrectionKind::Publication => "publication",
        }
    }
}

impl Store {
    /// Whether writing is kept for the link (it comes back when the link is placed).
    pub fn has_kept_writing(&self, link_id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM link_writing WHERE link_id = ?1")?
            .query_row([link_id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Remembers that the editor wrote `corrected` where a page said `fetched`.
    pub fn record_credit_correction(
        &self,
        kind: CorrectionKind,
        fetched: &str,
        corrected: &str,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO credit_corrections (kind, fetched, corrected) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(kind, fetched) DO UPDATE SET corrected = excluded.corrected",
            )?
            .execute(params![kind.as_str(), fetched.trim(), corrected.trim()])?;
        Ok(())
    }

    /// The editor's name for a fetched one, if they corrected it before.
    pub fn credit_correction(&self, kind: CorrectionKind, fetched: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT corrected FROM credit_corrections WHERE kind = ?1 AND fetched = ?2",
            )?
            .query_row(params![kind.as_str(), fetched.trim()], |r| r.get(0))
            .optional()?)
    }
}
