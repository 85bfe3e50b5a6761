-- 0005: `roundup push` updates the same remote draft on the next push, so it keeps the id the
-- mailing tool gave the draft, per issue and service ('ghost', 'buttondown', 'listmonk', 'kit',
-- 'mailchimp'). Ids only: credentials never enter the database (config file or environment).
CREATE TABLE push_remotes (
    issue_id   INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
    service    TEXT NOT NULL,
    remote_id  TEXT NOT NULL,
    pushed_at  TEXT NOT NULL,                 -- RFC 3339 UTC, the last successful push
    PRIMARY KEY (issue_id, service)
);
