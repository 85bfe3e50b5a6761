//! What a link carries besides its fetched metadata (migration 0006): its source, its tags
//! (`link_tags`) and its quote candidates (`quote_candidates`, highlights from a read-later
//! tool offered as pull-quotes).

use super::{Result, Store};
use crate::model::{LinkExtras, QuoteCandidate};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::collections::HashMap;

/// The longest tag kept; longer ones are cut (a folder path, never prose).
const MAX_TAG_CHARS: usize = 100;

/// A tag as stored: trimmed, without a leading '#', inner whitespace collapsed; `None` when
/// nothing is left.
pub fn normalise_tag(raw: &str) -> Option<String> {
    // Most tags are one plain ASCII word already: kept as they are, without the rebuild
    // below (it was a quarter of a bulk import's time spent on tags).
    if !raw.is_empty()
        && raw.len() <= MAX_TAG_CHARS
        && !raw.starts_with('#')
        && raw.bytes().all(|b| b.is_ascii_graphic())
    {
        return Some(raw.to_string());
    }
    let t = raw.trim().trim_start_matches('#');
    let t: String = t
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_TAG_CHARS)
        .collect();
    (!t.is_empty()).then_some(t)
}

fn quote_from_row(row: &Row) -> rusqlite::Result<QuoteCandidate> {
    Ok(QuoteCandidate {
        text: row.get(0)?,
        note: row.get(1)?,
        highlighted_at: row.get(2)?,
    })
}

/// Adds `tags` and `quotes` to a link, skipping the ones it already has. Returns how many
/// quote candidates were new.
pub(super) fn merge_extras_on(
    conn: &Connection,
    link_id: i64,
    tags: &[String],
    quotes: &[QuoteCandidate],
) -> Result<usize> {
    if !tags.is_empty() {
        let mut stmt =
            conn.prepare_cached("INSERT OR IGNORE INTO link_tags (link_id, tag) VALUES (?1, ?2)")?;
        for tag in tags.iter().filter_map(|t| normalise_tag(t)) {
            stmt.execute(params![link_id, tag])?;
        }
    }
    let mut added = 0;
    if !quotes.is_empty() {
        let mut stmt = conn.prepare_cached(
            "INSERT OR IGNORE INTO quote_candidates (link_id, position, text, note, highlighted_at) \
             VALUES (?1, (SELECT COALESCE(max(position) + 1, 0) FROM quote_candidates \
             WHERE link_id = ?1), ?2, ?3, ?4)",
        )?;
        for q in quotes.iter().filter(|q| !q.text.trim().is_empty()) {
            added += stmt.execute(params![link_id, q.text, q.note, q.highlighted_at])?;
        }
    }
    Ok(added)
}

/// Tags per statement of `insert_tags_on` (two parameters each; SQLite allows 32,766).
const TAGS_PER_INSERT: usize = 256;

/// Writes `(link_id, tag)` pairs (tags already normalised), several hundred per statement:
/// a bulk import's new links carry 100,000 tags, and one statement per tag was a fifth of
/// the time spent writing its links. A pair already stored is skipped, as one at a time.
pub(super) fn insert_tags_on(conn: &Connection, pairs: &[(i64, String)]) -> Result<()> {
    let sql = |n: usize| {
        let rows = vec!["(?,?)"; n].join(",");
        format!("INSERT OR IGNORE INTO link_tags (link_id, tag) VALUES {rows}")
    };
    let full = sql(TAGS_PER_INSERT);
    for chunk in pairs.chunks(TAGS_PER_INSERT) {
        let mut stmt = if chunk.len() == TAGS_PER_INSERT {
            conn.prepare_cached(&full)?
        } else {
            conn.prepare_cached(&sql(chunk.len()))?
        };
        for (i, (link_id, tag)) in chunk.iter().enumerate() {
            stmt.raw_bind_parameter(2 * i + 1, link_id)?;
            stmt.raw_bind_parameter(2 * i + 2, tag)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

/// The most recently added link whose title is `title` (any case): highlights exported
/// without a URL (Readwise) find their article this way.
pub(super) fn find_by_title_on(conn: &Connection, title: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM links WHERE title = ?1 COLLATE NOCASE ORDER BY added_at DESC, id DESC \
             LIMIT 1",
        )?
        .query_row([title.trim()], |r| r.get(0))
        .optional()?)
}

impl Store {
    /// A link's source, tags (alphabetical) and quote candidates (in the source's order).
    pub fn link_extras(&self, link_id: i64) -> Result<LinkExtras> {
        let source: Option<String> = self
            .conn
            .prepare_cached("SELECT source FROM links WHERE id = ?1")?
            .query_row([link_id], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(LinkExtras {
            source,
            tags: self.link_tags(link_id)?,
            quote_candidates: self.quote_candidates(link_id)?,
            words: self.word_count(link_id)?,
        })
    }

    pub fn link_tags(&self, link_id: i64) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT tag FROM link_tags WHERE link_id = ?1 ORDER BY tag")?;
        let rows = stmt.query_map([link_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    pub fn quote_candidates(&self, link_id: i64) -> Result<Vec<QuoteCandidate>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT text, note, highlighted_at FROM quote_candidates WHERE link_id = ?1 \
             ORDER BY position, id",
        )?;
        let rows = stmt.query_map([link_id], quote_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every tagged link's tags in one query (for filtering a whole inbox by `#tag`).
    pub fn tags_by_link(&self) -> Result<HashMap<i64, Vec<String>>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT link_id, tag FROM link_tags ORDER BY link_id, tag")?;
        let mut out: HashMap<i64, Vec<String>> = HashMap::new();
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, tag) = row?;
            out.entry(id).or_default().push(tag);
        }
        Ok(out)
    }

    /// Every tag in use with how many links carry it, most used first.
    pub fn tag_counts(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT tag, count(*) AS n FROM link_tags GROUP BY tag COLLATE NOCASE \
             ORDER BY n DESC, tag",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Adds tags to a link (those it has already are skipped).
    pub fn add_link_tags(&self, link_id: i64, tags: &[String]) -> Result<()> {
        let tx = self.write_tx()?;
        merge_extras_on(&tx, link_id, tags, &[])?;
        tx.commit()?;
        Ok(())
    }

    pub fn remove_link_tag(&self, link_id: i64, tag: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM link_tags WHERE link_id = ?1 AND tag = ?2",
            params![link_id, tag.trim().trim_start_matches('#')],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{MIGRATIONS, Store};
    use super::normalise_tag;

    #[test]
    fn migration_moves_bookmark_tags_out_of_notes_and_marks_feed_items() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("roundup.db");
        {
            let old = Store::open_with(&path, &MIGRATIONS[..3]).unwrap();
            old.conn
                .execute_batch(
                    "INSERT INTO feeds (id, url, added_at) VALUES (1, 'https://f.example/rss', 'x');
                     INSERT INTO links (id, url, canonical_url, note, feed_id, added_at) VALUES
                       (1, 'https://a.example/', 'https://a.example', 'tags: sre, on-call,', NULL, 'x'),
                       (2, 'https://b.example/', 'https://b.example', 'keep me', NULL, 'x'),
                       (3, 'https://c.example/', 'https://c.example', NULL, 1, 'x');",
                )
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let a = store.link_extras(1).unwrap();
        assert_eq!(a.tags, ["on-call", "sre"]);
        assert_eq!(a.source.as_deref(), Some("bookmarks"));
        assert_eq!(store.link(1).unwrap().note, None);
        assert_eq!(store.link(2).unwrap().note.as_deref(), Some("keep me"));
        assert_eq!(store.link_extras(2).unwrap().source, None);
        assert_eq!(
            store.link_extras(3).unwrap().source.as_deref(),
            Some("feed")
        );
    }

    #[test]
    fn tags_are_trimmed_collapsed_and_plain_words_kept() {
        for (raw, want) in [
            ("sre", Some("sre")),
            ("Kafka", Some("Kafka")),
            ("#sre", Some("sre")),
            ("  on  call ", Some("on call")),
            ("a#b", Some("a#b")),
            ("x\u{1b}]52;y", Some("x]52;y")),
            ("###", None),
            ("", None),
            ("   ", None),
        ] {
            assert_eq!(normalise_tag(raw).as_deref(), want, "{raw:?}");
        }
        let long = "t".repeat(150);
        assert_eq!(normalise_tag(&long).map(|t| t.len()), Some(100));
        let long_word = "t".repeat(100);
        assert_eq!(normalise_tag(&long_word), Some(long_word));
    }
}
