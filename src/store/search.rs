//! Full-text search over every link and every published entry (SQLite FTS5, migration 0002),
//! and over the articles' readable text (migration 0007), ranked below them.

use super::links::{LINK_COLUMNS, link_from_row};
use super::{Result, Store};
use crate::model::Link;
use crate::text::{markdown_to_text, word_spans};
use rusqlite::OptionalExtension;
use std::collections::HashSet;

/// Where a search looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchScope {
    /// What links and entries say about themselves: titles, authors, publications,
    /// descriptions, URLs, and the editor's blurbs, quotes and credits.
    Title,
    /// The articles' readable text.
    Text,
    /// Both; a match in an article's text ranks below every match in a title or blurb.
    #[default]
    All,
}

/// A link that matched, with the issues it was featured in (`link.featured_in`) and, when the
/// match was in a published entry, a snippet of that entry's text.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub link: Link,
    /// bm25: lower is better.
    pub score: f64,
    pub snippet: Option<String>,
    /// The published entry the hit stands for: the one that matched, else the link's newest
    /// published entry; `None` when the link was never in a published issue.
    pub entry: Option<PublishedEntry>,
}

/// A link's entry in a published issue, titled as the issue printed it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedEntry {
    pub entry_id: i64,
    pub issue_number: i64,
    /// The editor's title, else the link's fetched one (what the issue showed).
    pub title: String,
}

/// Turns what the editor typed into a safe FTS5 query: every word must appear (AND), each
/// word is a quoted phrase so FTS operators and punctuation in the input mean nothing, and the
/// last word matches as a prefix so results come while typing. `None` when nothing is left.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    if words.is_empty() {
        return None;
    }
    let mut q = words.join(" ");
    q.push('*');
    Some(q)
}

/// `fts_query` for article text: the last word is a prefix only when it has at least
/// `TEXT_PREFIX_MIN` characters.
fn text_query(input: &str) -> Option<String> {
    let q = fts_query(input)?;
    let last = input
        .split_whitespace()
        .rfind(|w| w.chars().any(char::is_alphanumeric))?;
    if last.chars().count() >= TEXT_PREFIX_MIN {
        Some(q)
    } else {
        Some(q.trim_end_matches('*').to_string())
    }
}

// Column weights: a match in a title or an author counts more than one in a description.
// Each side keeps only its best rows before the join and grouping, so a word that matches a
// fifth of the archive costs a top-N sort, not a join over thousands of rows; the snippet is
// made afterwards for the few entries shown. Each side ranks only the rows from its floor
// (?4, ?5) on: see `TITLE_RANK_WINDOW`.
const SEARCH_SQL: &str = "
WITH lh AS (
    SELECT rowid AS link_id, bm25(links_fts, 4.0, 1.0, 2.0, 2.0, 0.5) AS score
      FROM links_fts WHERE links_fts MATCH ?1 AND rowid >= ?4 ORDER BY score LIMIT ?3
), eh AS (
    SELECT rowid AS entry_id, bm25(entries_fts, 4.0, 1.5, 2.0, 2.0, 1.0, 0.5) AS score
      FROM entries_fts WHERE entries_fts MATCH ?1 AND rowid >= ?5 ORDER BY score LIMIT ?3
), hits(link_id, score, entry_id) AS (
    SELECT link_id, score, NULL FROM lh
    UNION ALL
    SELECT e.link_id, eh.score, eh.entry_id
      FROM eh
      JOIN entries e ON e.id = eh.entry_id
      JOIN sections s ON s.id = e.section_id
      JOIN issues i ON i.id = s.issue_id
     WHERE i.status = 'published'
)
SELECT link_id, min(score) AS best, max(entry_id) FROM hits
 GROUP BY link_id ORDER BY best, link_id LIMIT ?2";

/// The rowid of the `TITLE_RANK_WINDOW`-th newest match in links (`LINKS_FLOOR_SQL`) and in
/// entries (`ENTRIES_FLOOR_SQL`).
const LINKS_FLOOR_SQL: &str = "SELECT rowid FROM links_fts WHERE links_fts MATCH ?1 \
     ORDER BY rowid DESC LIMIT 1 OFFSET ?2";
const ENTRIES_FLOOR_SQL: &str = "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?1 \
     ORDER BY rowid DESC LIMIT 1 OFFSET ?2";

/// At most this many matches per side (links, entries) are ranked: the newest, as rowids
/// follow the order links were added and entries written. Scoring is what a common word
/// costs: "the" matches 10,000 links and 10,000 entries in the benchmark's archive, and
/// ranking them all took 32 ms of a 20 ms budget (bm25 for each row); the newest 2,000 take
/// ~5 ms a side. A word rarer than that (nearly every word an editor searches for) is ranked
/// over the whole archive, and a second word narrows the matches below the window.
const TITLE_RANK_WINDOW: i64 = 2_000;

/// Article-text matches, best first, among the newest `TEXT_RANK_WINDOW` matching articles
/// (rowid ≥ ?3). The index is contentless, so the snippet is made from the stored article
/// afterwards.
const ARTICLE_SQL: &str = "SELECT rowid, bm25(articles_fts) AS score FROM articles_fts \
     WHERE articles_fts MATCH ?1 AND rowid >= ?3 ORDER BY score LIMIT ?2";

/// The rowid of the `TEXT_RANK_WINDOW`-th newest matching article: walking the index by rowid
/// stops there, where ranking would score every match.
const ARTICLE_FLOOR_SQL: &str = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1 \
     ORDER BY rowid DESC LIMIT 1 OFFSET ?2";

/// At most this many article-text matches are ranked (the newest links: rowids follow the
/// order links were added). A word in every article ("the") would otherwise cost a bm25
/// score for each of them, ~90 ms over 10,000 articles; the newest thousand hold the
/// articles an editor is looking for, and within them the best match still comes first.
const TEXT_RANK_WINDOW: i64 = 1_000;

/// The last word matches as a prefix in article text only from this many characters on. A
/// short prefix expands to hundreds of the articles' words, each with a long list of
/// articles to merge: over 10,000 articles "the*" took 70 ms, "cons*" 12 ms, "t*" 220 ms,
/// while five letters ("obser*") take 2 ms. An FTS5 prefix index would make short prefixes
/// fast at +65 % of index size (docs/readable.md); typing on to the fifth letter is cheaper.
const TEXT_PREFIX_MIN: usize = 5;

/// Words shown around a match in an article's text.
const SNIPPET_WORDS: usize = 12;

impl Store {
    /// Searches links, published entries and article text; best matches first (article
    /// text after titles and blurbs), at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.search_in(query, limit, SearchScope::All)
    }

    /// `search`, looking only where `scope` says.
    pub fn search_in(
        &self,
        query: &str,
        limit: usize,
        scope: SearchScope,
    ) -> Result<Vec<SearchHit>> {
        let Some(q) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut hits = match scope {
            SearchScope::Text => Vec::new(),
            SearchScope::Title | SearchScope::All => self.title_hits(&q, query, limit)?,
        };
        if scope != SearchScope::Title
            && hits.len() < limit
            && let Some(tq) = text_query(query)
        {
            self.add_text_hits(&tq, query, limit, &mut hits)?;
        }
        Ok(hits)
    }

    /// Links whose article text matches, after `hits` and without repeating them.
    fn add_text_hits(
        &self,
        q: &str,
        typed: &str,
        limit: usize,
        hits: &mut Vec<SearchHit>,
    ) -> Result<()> {
        let seen: HashSet<i64> = hits.iter().map(|h| h.link.id).collect();
        let want = (limit - hits.len() + seen.len()) as i64;
        let floor = self.rank_floor(ARTICLE_FLOOR_SQL, q, TEXT_RANK_WINDOW)?;
        let ids: Vec<(i64, f64)> = {
            let mut stmt = self.conn.prepare_cached(ARTICLE_SQL)?;
            let rows = stmt.query_map(rusqlite::params![q, want, floor], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let sql = format!("SELECT {LINK_COLUMNS} FROM links l WHERE l.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        for (id, score) in ids.into_iter().filter(|(id, _)| !seen.contains(id)) {
            if hits.len() >= limit {
                break;
            }
            let link = stmt.query_row([id], link_from_row)?;
            let snippet = self
                .article_markdown(id)?
                .and_then(|md| article_snippet(&md, typed));
            let entry = self.entry_of_hit(&link, None)?;
            hits.push(SearchHit {
                link,
                score,
                snippet,
                entry,
            });
        }
        Ok(())
    }

    /// Matches in link metadata and published entries.
    fn title_hits(&self, q: &str, typed: &str, limit: usize) -> Result<Vec<SearchHit>> {
        // Room for the same link matching on both sides, and for drafts filtered out.
        let per_side = (limit as i64).saturating_mul(4).max(50);
        let links_floor = self.rank_floor(LINKS_FLOOR_SQL, q, TITLE_RANK_WINDOW)?;
        let entries_floor = self.rank_floor(ENTRIES_FLOOR_SQL, q, TITLE_RANK_WINDOW)?;
        let ids: Vec<(i64, f64, Option<i64>)> = {
            let mut stmt = self.conn.prepare_cached(SEARCH_SQL)?;
            let params = rusqlite::params![q, limit as i64, per_side, links_floor, entries_floor];
            let rows = stmt.query_map(params, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let sql = format!("SELECT {LINK_COLUMNS} FROM links l WHERE l.id = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        ids.into_iter()
            .map(|(id, score, entry)| {
                let link = stmt.query_row([id], link_from_row)?;
                let snippet = match entry {
                    Some(e) => self.entry_snippet(e, q, typed)?,
                    None => None,
                };
                let entry = self.entry_of_hit(&link, entry)?;
                Ok(SearchHit {
                    link,
                    score,
                    snippet,
                    entry,
                })
            })
            .collect()
    }
}

impl Store {
    /// The lowest rowid among the newest `window` matches of `q` by `floor_sql`; 0 (rank
    /// every match) when there are fewer.
    fn rank_floor(&self, floor_sql: &str, q: &str, window: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(floor_sql)?
            .query_row(rusqlite::params![q, window - 1], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }

    /// Only a link featured in a published issue has an entry to look up: most hits cost
    /// nothing more.
    fn entry_of_hit(&self, link: &Link, entry: Option<i64>) -> Result<Option<PublishedEntry>> {
        if entry.is_none() && link.featured_in.is_empty() {
            return Ok(None);
        }
        self.published_entry(entry, link.id)
    }
}

/// The snippet of an article: only the first paragraph that mentions a query word is turned
/// into plain text (a whole article would cost ~0.5 ms, and a search shows 50 of them).
fn article_snippet(markdown: &str, typed: &str) -> Option<String> {
    let wanted = crate::text::words(typed);
    markdown
        .split("\n\n")
        .filter(|para| {
            let lower = para.to_lowercase();
            wanted.iter().any(|w| lower.contains(w.as_str()))
        })
        .find_map(|para| text_snippet(&markdown_to_text(para), typed))
}

/// About `SNIPPET_WORDS` words of `text` around the first word the query names (the last
/// query word as a prefix, as the search treats it), the match marked «like this».
pub(super) fn text_snippet(text: &str, typed: &str) -> Option<String> {
    let wanted: Vec<String> = crate::text::words(typed);
    let (last, rest) = wanted.split_last()?;
    let spans = word_spans(text);
    let at = spans
        .iter()
        .position(|(w, _)| rest.contains(w) || w.starts_with(last.as_str()))?;
    let from = at.saturating_sub(SNIPPET_WORDS / 3);
    let to = (from + SNIPPET_WORDS).min(spans.len());
    let (start, end) = (spans[from].1.start, spans[to - 1].1.end);
    let (m_start, m_end) = (spans[at].1.start, spans[at].1.end);
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    out.push_str(&text[start..m_start]);
    out.push('«');
    out.push_str(&text[m_start..m_end]);
    out.push('»');
    out.push_str(&text[m_end..end]);
    if to < spans.len() {
        out.push('…');
    }
    Some(out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Snippets of JSON-list columns (quotes, authors) carry `["…","…"]` punctuation.
pub(super) fn tidy_snippet(s: &str) -> String {
    s.replace("\",\"", " / ")
        .replace("[\"", "")
        .replace("\"]", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Runs a bulk insert of links with the per-row FTS trigger set aside, then indexes the new
/// rows in one statement. For 10,000 links this is ~4x faster than firing the trigger per row
/// (measured: 555 ms → 140 ms). Must run inside the caller's write transaction, so no other
/// writer can insert while the trigger is absent, and a failure rolls the DROP back too. The
/// trigger is recreated from its own stored SQL, so its definition lives only in the migration.
pub(super) fn with_bulk_link_indexing<T>(
    tx: &rusqlite::Transaction,
    f: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let trigger: Option<String> = tx
        .query_row(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'links_fts_insert'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(trigger) = trigger else {
        return f();
    };
    let before: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM links", [], |r| r.get(0))?;
    tx.execute_batch("DROP TRIGGER links_fts_insert")?;
    let out = f()?;
    tx.execute(
        "INSERT INTO links_fts (rowid, title, description, authors, publication, url) \
         SELECT id, title, description, authors, publication, url FROM links WHERE id > ?1",
        [before],
    )?;
    tx.execute_batch(&trigger)?;
    Ok(out)
}
