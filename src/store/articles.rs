//! The readable text of fetched pages (migration 0007): the Markdown Brotli-compressed in
//! `articles`, its plain text in the contentless full-text index `articles_fts`.

use super::{Result, Store, StoreError, now};
use crate::model::Readable;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;
use std::io::{Read, Write};

/// Brotli quality 5: 3.1x on the fixture articles at ~1.7 ms each; 9 and 11 gain little
/// more for 10–20x the time (docs/readable.md).
const QUALITY: u32 = 5;
/// Brotli window: 2^22 bytes, more than any article.
const WINDOW: u32 = 22;

/// What `roundup read` can say about a link's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleText {
    Article {
        markdown: String,
        words: u32,
    },
    /// The page is HTML but has no article in it.
    NotArticle,
    /// Not an HTML page: what the server said it was.
    NotHtml {
        content_type: String,
    },
    /// The link was never fetched.
    NeverFetched,
    /// The last fetch failed (and no earlier one left text): the short reason.
    FetchFailed {
        reason: String,
    },
    /// Fetched, but before roundup kept readable text (or the fetch ran out of time).
    NotExtracted,
}

/// Replaces the stored readable text of `link_id` (inside the caller's transaction).
pub(crate) fn record_on(conn: &Connection, link_id: i64, readable: &Readable) -> Result<()> {
    // The delete trigger takes the old row out of the index too.
    conn.execute("DELETE FROM articles WHERE link_id = ?1", [link_id])?;
    let (kind, content_type, words, packed) = match readable {
        Readable::Article {
            markdown, words, ..
        } => ("article", None, Some(*words), Some(compress(markdown)?)),
        Readable::NotArticle => ("not_article", None, None, None),
        Readable::NotHtml { content_type } => ("not_html", Some(content_type.as_str()), None, None),
    };
    conn.execute(
        "INSERT INTO articles (link_id, kind, content_type, words, markdown, extracted_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![link_id, kind, content_type, words, packed, now()],
    )?;
    if let Readable::Article { text, .. } = readable {
        conn.execute(
            "INSERT INTO articles_fts (rowid, text) VALUES (?1, ?2)",
            params![link_id, text],
        )?;
    }
    Ok(())
}

fn compress(text: &str) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 3 + 64);
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, QUALITY, WINDOW);
        w.write_all(text.as_bytes())
            .map_err(|e| StoreError::Invalid(format!("cannot compress an article: {e}")))?;
    }
    Ok(out)
}

pub(crate) fn decompress(packed: &[u8]) -> Result<String> {
    let mut out = String::with_capacity(packed.len() * 4);
    brotli::Decompressor::new(packed, 64 * 1024)
        .read_to_string(&mut out)
        .map_err(|e| StoreError::Invalid(format!("a stored article is damaged: {e}")))?;
    Ok(out)
}

type Row = (String, Option<String>, Option<u32>, Option<Vec<u8>>);

impl Store {
    /// A link's readable text, or why there is none. `NotFound` for an unknown id.
    pub fn article_text(&self, link_id: i64) -> Result<ArticleText> {
        let link: Option<(Option<String>, Option<String>)> = self
            .conn
            .prepare_cached("SELECT fetched_at, fetch_error FROM links WHERE id = ?1")?
            .query_row([link_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((fetched_at, fetch_error)) = link else {
            return Err(StoreError::NotFound(format!("link {link_id}")));
        };
        let row: Option<Row> = self
            .conn
            .prepare_cached(
                "SELECT kind, content_type, words, markdown FROM articles WHERE link_id = ?1",
            )?
            .query_row([link_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        // Text from an earlier fetch is still worth reading when the latest one failed.
        Ok(match row {
            Some((kind, content_type, words, packed)) => match kind.as_str() {
                "article" => ArticleText::Article {
                    markdown: decompress(packed.as_deref().unwrap_or_default())?,
                    words: words.unwrap_or(0),
                },
                "not_html" => ArticleText::NotHtml {
                    content_type: content_type.unwrap_or_default(),
                },
                _ => ArticleText::NotArticle,
            },
            None => match (fetched_at, fetch_error) {
                (_, Some(reason)) => ArticleText::FetchFailed { reason },
                (None, None) => ArticleText::NeverFetched,
                (Some(_), None) => ArticleText::NotExtracted,
            },
        })
    }

    /// Words in one link's article text; `None` when it has none.
    pub fn word_count(&self, link_id: i64) -> Result<Option<u32>> {
        let words = self
            .conn
            .prepare_cached("SELECT words FROM articles WHERE link_id = ?1 AND kind = 'article'")?
            .query_row([link_id], |r| r.get::<_, Option<u32>>(0))
            .optional()?;
        Ok(words.map(|w| w.unwrap_or(0)))
    }

    /// Word counts of every link that has article text, by link id.
    pub fn word_counts(&self) -> Result<HashMap<i64, u32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT link_id, words FROM articles WHERE kind = 'article'")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<u32>>(1)?)))?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, words) = row?;
            out.insert(id, words.unwrap_or(0));
        }
        Ok(out)
    }

    /// The Markdown of a stored article (for search snippets); `None` when there is none.
    pub(crate) fn article_markdown(&self, link_id: i64) -> Result<Option<String>> {
        let packed: Option<Option<Vec<u8>>> = self
            .conn
            .prepare_cached("SELECT markdown FROM articles WHERE link_id = ?1")?
            .query_row([link_id], |r| r.get(0))
            .optional()?;
        match packed.flatten() {
            Some(p) => Ok(Some(decompress(&p)?)),
            None => Ok(None),
        }
    }
}
