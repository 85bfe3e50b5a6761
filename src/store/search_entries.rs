//! The published entry a search hit stands for: the archive shows the entry's title as the
//! issue printed it (not the link's fetched title) and opens that issue at that entry; and
//! the snippet of that entry's writing around the match.

use super::search::{PublishedEntry, text_snippet, tidy_snippet};
use super::{Result, Store};
use crate::text::markdown_to_text;
use rusqlite::{OptionalExtension, Row, params};

/// An entry's indexed columns, in the order a snippet is looked for: the editor's writing
/// first, then the title and the credit.
const SNIPPET_COLUMNS_SQL: &str = "SELECT body, title, authors, publication, via, disclosures \
     FROM entries WHERE id = ?1";

/// FTS5's own snippet: only when the words were not found in the entry's text as typed
/// (FTS5 folds diacritics, so "resume" matches "résumé").
const FTS_SNIPPET_SQL: &str = "SELECT snippet(entries_fts, -1, '«', '»', '…', 12) \
     FROM entries_fts WHERE entries_fts MATCH ?1 AND rowid = ?2";

const COLUMNS: &str = "SELECT e.id, i.number, coalesce(nullif(e.title, ''), l.title, l.url) \
     FROM entries e JOIN links l ON l.id = e.link_id \
     JOIN sections s ON s.id = e.section_id JOIN issues i ON i.id = s.issue_id \
     WHERE i.status = 'published'";

fn published_entry_from_row(r: &Row) -> rusqlite::Result<PublishedEntry> {
    Ok(PublishedEntry {
        entry_id: r.get(0)?,
        issue_number: r.get(1)?,
        title: r.get(2)?,
    })
}

impl Store {
    /// Entry `entry_id` when its issue is published; else the newest published entry of
    /// link `link_id` (a hit on the link's own metadata that was featured).
    pub(super) fn published_entry(
        &self,
        entry_id: Option<i64>,
        link_id: i64,
    ) -> Result<Option<PublishedEntry>> {
        if let Some(id) = entry_id {
            let sql = format!("{COLUMNS} AND e.id = ?1");
            let found = self
                .conn
                .prepare_cached(&sql)?
                .query_row(params![id], published_entry_from_row)
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let sql = format!("{COLUMNS} AND e.link_id = ?1 ORDER BY i.number DESC LIMIT 1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![link_id], published_entry_from_row)
            .optional()?)
    }
}

impl Store {
    /// The words of entry `entry_id` around the match of `typed` (FTS query `q`), marked
    /// «like this». Made from the entry's own columns: FTS5's snippet() re-runs the query
    /// for every entry, and a prefix query ("the*") expands to hundreds of terms each time,
    /// 0.7 ms an entry, 34 ms for a page of 50 hits.
    pub(super) fn entry_snippet(
        &self,
        entry_id: i64,
        q: &str,
        typed: &str,
    ) -> Result<Option<String>> {
        let columns: Option<[Option<String>; 6]> = self
            .conn
            .prepare_cached(SNIPPET_COLUMNS_SQL)?
            .query_row(params![entry_id], |r| {
                Ok([
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ])
            })
            .optional()?;
        let Some([body, rest @ ..]) = columns else {
            return Ok(None);
        };
        let body = body.map(|md| markdown_to_text(&md));
        let found = std::iter::once(body)
            .chain(rest.into_iter().map(|c| c.map(|c| tidy_snippet(&c))))
            .flatten()
            .find_map(|text| text_snippet(&text, typed));
        if found.is_some() {
            return Ok(found);
        }
        let fts: Option<String> = self
            .conn
            .prepare_cached(FTS_SNIPPET_SQL)?
            .query_row(params![q, entry_id], |r| r.get(0))
            .optional()?;
        Ok(fts.map(|s| tidy_snippet(&s)))
    }
}
