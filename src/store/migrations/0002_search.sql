-- 0002: full-text search over the archive (roundup search, the TUI archive screen).
-- External-content FTS5 tables index the rows in place (no second copy of the text) and are
-- kept in step by triggers, so every writer (CLI, TUI, import) updates them without knowing.

CREATE VIRTUAL TABLE links_fts USING fts5(
    title, description, authors, publication, url,
    content = 'links', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER links_fts_insert AFTER INSERT ON links BEGIN
    INSERT INTO links_fts (rowid, title, description, authors, publication, url)
    VALUES (new.id, new.title, new.description, new.authors, new.publication, new.url);
END;
CREATE TRIGGER links_fts_delete AFTER DELETE ON links BEGIN
    INSERT INTO links_fts (links_fts, rowid, title, description, authors, publication, url)
    VALUES ('delete', old.id, old.title, old.description, old.authors, old.publication, old.url);
END;
-- Only the indexed columns: a state change (hold, discard) must not rewrite the index.
CREATE TRIGGER links_fts_update AFTER UPDATE OF title, description, authors, publication, url ON links BEGIN
    INSERT INTO links_fts (links_fts, rowid, title, description, authors, publication, url)
    VALUES ('delete', old.id, old.title, old.description, old.authors, old.publication, old.url);
    INSERT INTO links_fts (rowid, title, description, authors, publication, url)
    VALUES (new.id, new.title, new.description, new.authors, new.publication, new.url);
END;

CREATE VIRTUAL TABLE entries_fts USING fts5(
    title, blurb, quotes, authors, publication, via, disclosures,
    content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, blurb, quotes, authors, publication, via, disclosures)
    VALUES (new.id, new.title, new.blurb, new.quotes, new.authors, new.publication, new.via, new.disclosures);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, blurb, quotes, authors, publication, via, disclosures)
    VALUES ('delete', old.id, old.title, old.blurb, old.quotes, old.authors, old.publication, old.via, old.disclosures);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, blurb, quotes, authors, publication, via, disclosures ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, blurb, quotes, authors, publication, via, disclosures)
    VALUES ('delete', old.id, old.title, old.blurb, old.quotes, old.authors, old.publication, old.via, old.disclosures);
    INSERT INTO entries_fts (rowid, title, blurb, quotes, authors, publication, via, disclosures)
    VALUES (new.id, new.title, new.blurb, new.quotes, new.authors, new.publication, new.via, new.disclosures);
END;

-- Index what a database upgraded from version 1 already holds.
INSERT INTO links_fts (links_fts) VALUES ('rebuild');
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');
