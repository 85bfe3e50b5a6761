-- 0007: the article's readable text (issue 13), so the editor reads, searches and quotes
-- articles inside roundup, offline; and the anchors of the quotes taken from it.

-- One row per fetched link whose page was looked at: what the Readability pass found.
-- The Markdown is stored Brotli-compressed (articles are ~3x smaller; docs/readable.md has the
-- measurements), so the full-text index below cannot be an external-content one over it.
-- words: of the plain text; NULL unless kind = 'article'.
CREATE TABLE articles (
    link_id      INTEGER PRIMARY KEY REFERENCES links(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('article', 'not_article', 'not_html')),
    content_type TEXT,                        -- for 'not_html': what the server said
    words        INTEGER,
    markdown     BLOB,                        -- Brotli-compressed UTF-8 Markdown
    extracted_at TEXT NOT NULL                -- RFC 3339 UTC
);

-- The plain text of each article (no link targets, no image addresses), indexed only:
-- contentless, so the text is not stored a second time uncompressed. contentless_delete lets
-- a re-fetch replace a row. rowid = articles.link_id.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    text,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Whoever removes an article row (a re-fetch, a deleted link) removes its index entry.
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.link_id;
END;

-- Where a pull-quote came from (a W3C TextQuoteSelector: exact text, a few words before and
-- after). Keyed by the entry and the quote's exact text, not by a position, because an
-- entry's quotes are block quotes inside its Markdown body and move as the editor writes.
CREATE TABLE quote_anchors (
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    exact      TEXT NOT NULL,
    prefix     TEXT NOT NULL DEFAULT '',
    suffix     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    PRIMARY KEY (entry_id, exact)
);
