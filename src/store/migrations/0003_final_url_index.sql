-- 0003: adding a link also looks for it among the pages earlier links redirected to
-- (links.final_url, stored canonical). Without an index each add scanned the whole table, which
-- made a 10,000-link import quadratic.
CREATE INDEX links_final_url ON links(final_url) WHERE final_url IS NOT NULL;
