-- 0006: where a link came from and what its saver attached to it (issue 14). Editors switch
-- from read-later tools (Pocket, Omnivore, Raindrop, Readwise, Instapaper, Pinboard, linkding,
-- wallabag, Karakeep) with their whole history, and keep saving through `roundup serve`: the
-- tool's name, the saver's folders/tags/read state and highlights must survive the move.

-- The tool or path a link came in by: pocket, raindrop, omnivore, readwise, instapaper,
-- pinboard, linkding, wallabag, karakeep, bookmarks, feed, urls, serve, miniflux, manual.
-- NULL for links stored before this was recorded (except feed items, recognised below).
ALTER TABLE links ADD COLUMN source TEXT;
UPDATE links SET source = 'feed' WHERE feed_id IS NOT NULL;

-- A link's tags: the source's folders and tags, and its read state ('archived', 'unread',
-- 'favorite'). A table rather than a JSON list so `list --tag` and the inbox's `#tag` filter
-- use its primary key (link_id, tag); NOCASE so '#SRE' and '#sre' are one tag.
CREATE TABLE link_tags (
    link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    tag     TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (link_id, tag)
) WITHOUT ROWID;

-- Highlights and selections from a read-later tool, offered in the entry editor as
-- pull-quotes. Kept apart from entries: a link has them before it is placed, and placing it
-- twice (in two issues) offers them twice. UNIQUE so importing the same export again, or a
-- second tool's copy of the same highlight, adds nothing.
CREATE TABLE quote_candidates (
    id             INTEGER PRIMARY KEY,
    link_id        INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    note           TEXT,                      -- the saver's annotation on the highlight
    highlighted_at TEXT,                      -- RFC 3339 UTC, when the source says
    UNIQUE (link_id, text)
);

-- Bookmark files imported before this migration kept their TAGS attribute in the note as
-- "tags: a,b": move those into link_tags, where they belong now.
WITH RECURSIVE split(link_id, rest, tag) AS (
    SELECT id, substr(note, 7) || ',', NULL FROM links WHERE note LIKE 'tags: %'
    UNION ALL
    SELECT link_id, substr(rest, instr(rest, ',') + 1),
           trim(substr(rest, 1, instr(rest, ',') - 1))
      FROM split WHERE rest != ''
)
INSERT OR IGNORE INTO link_tags (link_id, tag)
    SELECT link_id, tag FROM split WHERE tag IS NOT NULL AND tag != '';
UPDATE links SET note = NULL, source = COALESCE(source, 'bookmarks') WHERE note LIKE 'tags: %';
