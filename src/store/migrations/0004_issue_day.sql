-- 0004: what a first real issue day asked of the model (issue #11). Each change says why.

-- 1. An entry's writing is one Markdown body whose block quotes are its pull-quotes, in any
-- order with the commentary (a quote may open the entry). The old blurb + quotes become the
-- blurb followed by each quote as a block quote: the same conversion as
-- model::body::legacy_body, which loads old issue files, so both give the same text.
ALTER TABLE entries ADD COLUMN body TEXT NOT NULL DEFAULT '';
UPDATE entries SET body = ltrim(
    rtrim(blurb, char(10) || ' ') || coalesce((
        SELECT group_concat(
            char(10) || char(10) || '> ' ||
            replace(rtrim(j.value, char(10) || ' '), char(10), char(10) || '> '), '')
        FROM json_each(entries.quotes) j
        WHERE trim(j.value) != ''), ''),
    char(10));

-- The search index follows: body instead of blurb and quotes.
DROP TRIGGER entries_fts_insert;
DROP TRIGGER entries_fts_delete;
DROP TRIGGER entries_fts_update;
DROP TABLE entries_fts;
ALTER TABLE entries DROP COLUMN blurb;
ALTER TABLE entries DROP COLUMN quotes;

CREATE VIRTUAL TABLE entries_fts USING fts5(
    title, body, authors, publication, via, disclosures,
    content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, authors, publication, via, disclosures)
    VALUES (new.id, new.title, new.body, new.authors, new.publication, new.via, new.disclosures);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, authors, publication, via, disclosures)
    VALUES ('delete', old.id, old.title, old.body, old.authors, old.publication, old.via, old.disclosures);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, authors, publication, via, disclosures ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, authors, publication, via, disclosures)
    VALUES ('delete', old.id, old.title, old.body, old.authors, old.publication, old.via, old.disclosures);
    INSERT INTO entries_fts (rowid, title, body, authors, publication, via, disclosures)
    VALUES (new.id, new.title, new.body, new.authors, new.publication, new.via, new.disclosures);
END;
INSERT INTO entries_fts (entries_fts) VALUES ('rebuild');

-- 2. Removing an entry (or deleting a draft) must not destroy what the editor wrote: the
-- writing stays with the link, and placing the link again brings it back.
CREATE TABLE link_writing (
    link_id     INTEGER PRIMARY KEY REFERENCES links(id) ON DELETE CASCADE,
    title       TEXT,
    body        TEXT NOT NULL DEFAULT '',
    authors     TEXT NOT NULL DEFAULT '[]',
    publication TEXT,
    via         TEXT,
    disclosures TEXT NOT NULL DEFAULT '[]',
    saved_at    TEXT NOT NULL
);

-- 3. A sponsor's link has its own text ("Check out this lightning demo"), not the bare URL.
ALTER TABLE issues ADD COLUMN sponsor_link_text TEXT;

-- 4. A section may go without a visible heading (a lone "Events" note, a sponsor-like box).
ALTER TABLE sections ADD COLUMN show_heading INTEGER NOT NULL DEFAULT 1;

-- 5. Credits the editor corrected teach the next placement: a fetched name ("jvns", a
-- site's "Staff") maps to the name the editor wrote ("Julia Evans").
CREATE TABLE credit_corrections (
    kind      TEXT NOT NULL CHECK (kind IN ('author', 'publication')),
    fetched   TEXT NOT NULL,
    corrected TEXT NOT NULL,
    PRIMARY KEY (kind, fetched)
);
