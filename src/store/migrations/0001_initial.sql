-- 0001: the whole model of DESIGN.md at once, so that later features add behaviour rather
-- than reshaping tables under an editor's existing data.

-- Every URL the editor collected. canonical_url is the de-duplication key (see
-- capture::canonical); url keeps what was given, for display and for re-fetching.
-- Lists (authors) are JSON arrays of strings: they are read and written whole.
CREATE TABLE links (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL,
    canonical_url TEXT NOT NULL UNIQUE,
    final_url     TEXT,                       -- after redirects, from the last fetch
    title         TEXT,
    authors       TEXT NOT NULL DEFAULT '[]',
    publication   TEXT,
    description   TEXT,
    published     TEXT,                       -- as found on the page, ISO 8601
    state         TEXT NOT NULL DEFAULT 'inbox'
                  CHECK (state IN ('inbox', 'held', 'used', 'discarded')),
    via           TEXT,
    note          TEXT,
    feed_id       INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
    added_at      TEXT NOT NULL,              -- RFC 3339 UTC
    fetched_at    TEXT,
    fetch_error   TEXT,                       -- short reason: 'timeout', 'HTTP 404'
    state_changed_at TEXT                     -- when held/discarded: for aging and "held from #N"
);
-- The inbox is listed newest first, filtered by state.
CREATE INDEX links_state_added ON links(state, added_at DESC, id DESC);
CREATE INDEX links_feed ON links(feed_id);

-- Feed subscriptions; etag/last_modified make the next pull a conditional request.
CREATE TABLE feeds (
    id             INTEGER PRIMARY KEY,
    url            TEXT NOT NULL UNIQUE,
    title          TEXT,
    site_url       TEXT,
    etag           TEXT,
    last_modified  TEXT,
    last_pulled_at TEXT,
    last_error     TEXT,
    added_at       TEXT NOT NULL
);

-- Issues: drafts are edited, published ones form the archive ("featured in #N").
CREATE TABLE issues (
    id              INTEGER PRIMARY KEY,
    number          INTEGER NOT NULL UNIQUE,
    title           TEXT NOT NULL,
    date            TEXT,
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    intro           TEXT,
    sponsor_name    TEXT,
    sponsor_url     TEXT,
    sponsor_message TEXT,
    created_at      TEXT NOT NULL,
    published_at    TEXT,
    updated_at      TEXT NOT NULL
);

-- Ordered sections of an issue. position is not UNIQUE so a reorder can swap two rows
-- without a temporary value; the code keeps positions dense (0, 1, 2…).
CREATE TABLE sections (
    id       INTEGER PRIMARY KEY,
    issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    heading  TEXT NOT NULL,
    style    TEXT NOT NULL DEFAULT 'articles' CHECK (style IN ('articles', 'list')),
    position INTEGER NOT NULL
);
CREATE INDEX sections_issue ON sections(issue_id, position);

-- A link placed in a section. The entry owns what the editor wrote (blurb, quotes, credit,
-- disclosures); the link owns what was fetched. title NULL means "use the link's title".
-- RESTRICT: a link cannot vanish from under an entry that cites it.
CREATE TABLE entries (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    link_id     INTEGER NOT NULL REFERENCES links(id) ON DELETE RESTRICT,
    position    INTEGER NOT NULL,
    title       TEXT,
    blurb       TEXT NOT NULL DEFAULT '',
    quotes      TEXT NOT NULL DEFAULT '[]',
    authors     TEXT NOT NULL DEFAULT '[]',
    publication TEXT,
    via         TEXT,
    disclosures TEXT NOT NULL DEFAULT '[]',
    updated_at  TEXT NOT NULL
);
CREATE INDEX entries_section ON entries(section_id, position);
CREATE INDEX entries_link ON entries(link_id);

-- Settings that belong to the data rather than to a machine's config file (so a database
-- copied to another machine behaves the same): upgrade_http, fetch_concurrency,
-- stale_after_days, current_issue. Values are text; the code owns the defaults.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
