-- A removed entry's quote anchors are kept with its writing, so placing the link again
-- brings back where each quote came from, not only its text. quote_anchors is keyed by
-- entry (0007), so removing an entry deleted them, and the pre-send check could then only
-- guess whether a quote was still on the page. A JSON list of {exact, prefix, suffix,
-- created_at}, as quote_anchors holds them; '[]' when there were none.
ALTER TABLE link_writing ADD COLUMN anchors TEXT NOT NULL DEFAULT '[]';
