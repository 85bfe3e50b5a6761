//! The `links` table: the inbox and everything ever collected.

use super::{Result, Store, StoreError, from_json_list, now, to_json_list};
use crate::model::canonical::{CanonicalOptions, canonicalize, strip_tracking};
use crate::model::{Link, LinkState, NewLink};
use rusqlite::{Connection, OptionalExtension, Row, params};

/// What adding a URL did.
#[derive(Debug, Clone, PartialEq)]
pub enum AddOutcome {
    Added(i64),
    /// The canonical form was already stored: nothing was added.
    Duplicate(Box<Link>),
}

/// Which links to list.
#[derive(Debug, Clone, Default)]
pub struct LinkFilter {
    /// `None` lists every state.
    pub states: Option<Vec<LinkState>>,
    /// Only links carrying this tag (any case).
    pub tag: Option<String>,
    pub limit: Option<usize>,
}

pub(super) const LINK_COLUMNS: &str = "l.id, l.url, l.canonical_url, l.title, l.authors, l.publication, \
     l.description, l.published, l.state, l.via, l.note, l.feed_id, l.added_at, l.fetched_at, \
     l.fetch_error, \
     (SELECT group_concat(number) FROM (SELECT DISTINCT i.number FROM entries e \
        JOIN sections s ON s.id = e.section_id JOIN issues i ON i.id = s.issue_id \
        WHERE e.link_id = l.id AND i.status = 'published' ORDER BY i.number))";

/// The one row-to-Link mapping; every query selects `LINK_COLUMNS`.
pub(super) fn link_from_row(row: &Row) -> rusqlite::Result<Link> {
    let authors: String = row.get(4)?;
    let state: String = row.get(8)?;
    let featured: Option<String> = row.get(15)?;
    Ok(Link {
        id: row.get(0)?,
        url: row.get(1)?,
        canonical_url: row.get(2)?,
        title: row.get(3)?,
        authors: from_json_list(&authors).unwrap_or_default(),
        publication: row.get(5)?,
        description: row.get(6)?,
        published: row.get(7)?,
        state: state.parse().unwrap_or(LinkState::Inbox),
        via: row.get(9)?,
        note: row.get(10)?,
        feed_id: row.get(11)?,
        added_at: row.get(12)?,
        fetched_at: row.get(13)?,
        fetch_error: row.get(14)?,
        featured_in: featured
            .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
            .unwrap_or_default(),
    })
}

/// Inserts one link on any connection (a plain one or a transaction), with its tags and
/// quote candidates. The URL must already be valid; `canonical` is its canonical form.
pub(super) fn insert_on(conn: &Connection, link: &NewLink, canonical: &str) -> Result<AddOutcome> {
    let outcome = insert_row_on(conn, link, canonical, Redirects::Probe)?;
    if let AddOutcome::Added(id) = outcome {
        super::link_extras::merge_extras_on(conn, id, &link.tags, &link.quote_candidates)?;
    }
    Ok(outcome)
}

/// Whether an insert must look for a stored link whose last fetch was redirected to the
/// new URL (which makes the new one a duplicate too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Redirects {
    Probe,
    /// No stored link has a final URL (a first import, in its write transaction): there
    /// is nothing to probe, 50,000 times.
    NoneStored,
}

/// The `links` row alone: the caller writes the new link's tags and quote candidates.
pub(super) fn insert_row_on(
    conn: &Connection,
    link: &NewLink,
    canonical: &str,
    redirects: Redirects,
) -> Result<AddOutcome> {
    // A link whose last fetch was redirected to this URL is a duplicate too. That probe is
    // a partial index (only fetched links); the canonical URL is probed by the insert
    // itself (its UNIQUE index), which spares a second descent of that index per new link.
    if redirects == Redirects::Probe {
        let redirected: Option<i64> = conn
            .prepare_cached("SELECT 1 FROM links WHERE final_url = ?1 LIMIT 1")?
            .query_row([canonical], |r| r.get(0))
            .optional()?;
        if redirected.is_some()
            && let Some(existing) = super::fetched::find_duplicate_on(conn, canonical)?
        {
            return Ok(AddOutcome::Duplicate(Box::new(existing)));
        }
    }
    let added_at = link.added_at.clone().unwrap_or_else(now);
    let source = link.source.as_deref().unwrap_or(match link.feed_id {
        Some(_) => "feed",
        None => "manual",
    });
    let inserted = conn
        .prepare_cached(
            "INSERT INTO links (url, canonical_url, title, authors, publication, description, \
             published, via, note, feed_id, added_at, source) \
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) \
             ON CONFLICT (canonical_url) DO NOTHING",
        )?
        .execute(params![
            // Stored and exported without tracking parameters, otherwise as given.
            strip_tracking(&link.url),
            canonical,
            link.title,
            to_json_list(&link.authors),
            link.publication,
            link.description,
            link.published,
            link.via,
            link.note,
            link.feed_id,
            added_at,
            source,
        ])?;
    if inserted == 0 {
        // Only the canonical URL can conflict: the link stored under it is the duplicate.
        return match find_canonical_on(conn, canonical)? {
            Some(existing) => Ok(AddOutcome::Duplicate(Box::new(existing))),
            None => Err(StoreError::Invalid(format!(
                "{canonical} was removed by another process while being added"
            ))),
        };
    }
    Ok(AddOutcome::Added(conn.last_insert_rowid()))
}

pub(super) fn find_canonical_on(conn: &Connection, canonical: &str) -> Result<Option<Link>> {
    let sql = format!("SELECT {LINK_COLUMNS} FROM links l WHERE l.canonical_url = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([canonical], link_from_row)
        .optional()?)
}

impl Store {
    /// Adds a link unless its canonical form is already stored. An invalid URL is an error
    /// naming it, and nothing is written.
    pub fn add_link(&self, link: &NewLink) -> Result<AddOutcome> {
        let canonical = self.canonical(&link.url)?;
        insert_on(&self.conn, link, &canonical)
    }

    /// The canonical form of `url` under this database's settings.
    pub fn canonical(&self, url: &str) -> Result<String> {
        let opts = CanonicalOptions {
            upgrade_http: self.settings()?.upgrade_http,
        };
        canonicalize(url, &opts).map_err(|e| StoreError::Invalid(e.to_string()))
    }

    /// Points a link at another URL (a check's suggestion: where a permanent redirect leads,
    /// or the URL without tracking parameters). Refused when the new canonical URL is
    /// another link's: the two would be one link stored twice.
    pub fn replace_link_url(&self, id: i64, url: &str) -> Result<()> {
        let canonical = self.canonical(url)?;
        if let Some(other) = find_canonical_on(&self.conn, &canonical)?.filter(|l| l.id != id) {
            return Err(StoreError::Invalid(format!(
                "{url} is already stored as another link: {}",
                other.display_title()
            )));
        }
        let n = self.conn.execute(
            "UPDATE links SET url = ?2, canonical_url = ?3 WHERE id = ?1",
            rusqlite::params![id, url, canonical],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("link {id}")));
        }
        Ok(())
    }

    pub fn link(&self, id: i64) -> Result<Link> {
        let sql = format!("SELECT {LINK_COLUMNS} FROM links l WHERE l.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], link_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound(format!("link {id}")))
    }

    pub fn find_by_url(&self, url: &str) -> Result<Option<Link>> {
        let canonical = self.canonical(url)?;
        find_canonical_on(&self.conn, &canonical)
    }

    /// Links, newest first.
    pub fn links(&self, filter: &LinkFilter) -> Result<Vec<Link>> {
        let mut sql = format!("SELECT {LINK_COLUMNS} FROM links l");
        let mut args: Vec<String> = Vec::new();
        let mut wheres: Vec<String> = Vec::new();
        if let Some(states) = &filter.states {
            let marks: Vec<String> = (1..=states.len()).map(|i| format!("?{i}")).collect();
            wheres.push(format!("l.state IN ({})", marks.join(",")));
            args.extend(states.iter().map(|s| s.as_str().to_string()));
        }
        if let Some(tag) = &filter.tag {
            args.push(tag.trim().trim_start_matches('#').to_string());
            wheres.push(format!(
                "EXISTS (SELECT 1 FROM link_tags t WHERE t.link_id = l.id AND t.tag = ?{})",
                args.len()
            ));
        }
        if !wheres.is_empty() {
            sql.push_str(&format!(" WHERE {}", wheres.join(" AND ")));
        }
        sql.push_str(" ORDER BY l.added_at DESC, l.id DESC");
        if let Some(limit) = filter.limit {
            sql.push_str(&format!(" LIMIT {limit}"));
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), link_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn count_links(&self, state: LinkState) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM links WHERE state = ?1",
            [state.as_str()],
            |r| r.get(0),
        )?)
    }

    pub fn set_link_state(&self, id: i64, state: LinkState) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE links SET state = ?2, state_changed_at = ?3 WHERE id = ?1",
            params![id, state.as_str(), now()],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("link {id}")));
        }
        Ok(())
    }

    pub fn set_link_note(&self, id: i64, note: Option<&str>) -> Result<()> {
        self.conn.execute(
            "UPDATE links SET note = ?2 WHERE id = ?1",
            params![id, note],
        )?;
        Ok(())
    }
}
