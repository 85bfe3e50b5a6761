//! Queries shaped for the TUI's inbox list: one query, only the columns a list row needs, so
//! 100,000 links load in tens of milliseconds and stay small in memory. The full `Link` (for
//! the detail pane) is read one at a time with `Store::link`.

use super::{Result, Store, from_json_list};
use crate::model::LinkState;
use rusqlite::Row;

/// One line of the inbox list. The searchable text (title, authors, publication, URL) is kept
/// in one string so fuzzy matching reads a single haystack per row without copying.
#[derive(Debug, Clone, PartialEq)]
pub struct InboxRow {
    pub id: i64,
    /// `title \u{1f} authors \u{1f} publication \u{1f} url`; the offsets below split it.
    hay: Box<str>,
    title_end: u32,
    authors_end: u32,
    publication_end: u32,
    /// Seconds since the epoch.
    pub added_unix: i64,
    pub state: LinkState,
    pub fetched: bool,
    pub error: Option<Box<str>>,
    /// Featured in a published issue before.
    pub featured: bool,
    /// The haystack is ASCII (known once here, not checked again on every keystroke).
    pub ascii: bool,
    /// For a held link: the newest issue that existed when it was held ("held from #379").
    pub held_from: Option<i64>,
    /// Words in its article text, when it has some (the list shows the reading time).
    pub words: Option<u32>,
    /// Where it came from ("pocket", "serve"…), when recorded.
    pub source: Option<Box<str>>,
    /// Its tags, lower-cased, separated by `\u{1f}` (one allocation, none when untagged).
    tags: Option<Box<str>>,
}

impl InboxRow {
    pub fn new(
        id: i64,
        title: &str,
        authors: &str,
        publication: &str,
        url: &str,
        added_unix: i64,
        state: LinkState,
    ) -> InboxRow {
        let mut hay =
            String::with_capacity(title.len() + authors.len() + publication.len() + url.len() + 3);
        for (i, part) in [title, authors, publication, url].into_iter().enumerate() {
            if i > 0 {
                hay.push('\u{1f}');
            }
            hay.push_str(part);
        }
        let title_end = title.len() as u32;
        let authors_end = title_end + 1 + authors.len() as u32;
        let publication_end = authors_end + 1 + publication.len() as u32;
        InboxRow {
            id,
            ascii: hay.is_ascii(),
            hay: hay.into_boxed_str(),
            title_end,
            authors_end,
            publication_end,
            added_unix,
            state,
            fetched: false,
            error: None,
            featured: false,
            held_from: None,
            words: None,
            source: None,
            tags: None,
        }
    }
    /// Gives the row its tags (any case: kept ASCII-lower-cased, as `link_tags` compares).
    pub fn with_tags<S: AsRef<str>>(mut self, tags: &[S]) -> InboxRow {
        let joined: Vec<String> = tags
            .iter()
            .map(|t| t.as_ref().to_ascii_lowercase())
            .collect();
        self.tags = (!joined.is_empty()).then(|| joined.join("\u{1f}").into_boxed_str());
        self
    }
    /// Its tags, ASCII-lower-cased.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.tags
            .as_deref()
            .into_iter()
            .flat_map(|t| t.split('\u{1f}'))
    }
    /// Everything the filter matches against.
    pub fn haystack(&self) -> &str {
        &self.hay
    }
    /// The stored title, or the URL when there is none yet.
    pub fn title(&self) -> &str {
        let t = &self.hay[..self.title_end as usize];
        if t.trim().is_empty() { self.url() } else { t }
    }
    pub fn authors(&self) -> &str {
        &self.hay[self.title_end as usize + 1..self.authors_end as usize]
    }
    pub fn publication(&self) -> &str {
        &self.hay[self.authors_end as usize + 1..self.publication_end as usize]
    }
    pub fn url(&self) -> &str {
        &self.hay[self.publication_end as usize + 1..]
    }
}

// "Featured before" as a correlated EXISTS: an index probe per row, where a join against the
// published entries would make SQLite materialise and sort.
const ROW_SQL: &str = "SELECT l.id, coalesce(l.title, ''), l.url, l.authors, coalesce(l.publication, ''), \
     l.state, coalesce(unixepoch(l.added_at), 0), l.fetched_at IS NOT NULL, l.fetch_error, \
     EXISTS (SELECT 1 FROM entries e JOIN sections s ON s.id = e.section_id \
        JOIN issues i ON i.id = s.issue_id WHERE e.link_id = l.id AND i.status = 'published'), \
     CASE WHEN l.state = 'held' THEN (SELECT max(i.number) FROM issues i \
        WHERE i.created_at <= l.state_changed_at) END, \
     (SELECT a.words FROM articles a WHERE a.link_id = l.id), l.source, \
     (SELECT group_concat(lower(t.tag), char(31)) FROM link_tags t WHERE t.link_id = l.id) \
     FROM links l";

/// "[\"A\",\"B\"]" → "A, B" without a JSON parse for the common case (no escapes).
fn authors_text(json: &str) -> std::borrow::Cow<'_, str> {
    if json.len() <= 2 {
        return "".into();
    }
    if !json.contains("\",\"") && !json.contains('\\') {
        return json
            .trim_start_matches("[\"")
            .trim_end_matches("\"]")
            .into();
    }
    if json.contains('\\') {
        return from_json_list(json).unwrap_or_default().join(", ").into();
    }
    json.trim_start_matches("[\"")
        .trim_end_matches("\"]")
        .replace("\",\"", ", ")
        .into()
}

fn row_from(row: &Row) -> rusqlite::Result<InboxRow> {
    // Borrowed text: one allocation per row (the haystack) instead of one per column.
    let text = |i: usize| -> rusqlite::Result<&str> {
        Ok(row.get_ref(i)?.as_str_or_null()?.unwrap_or(""))
    };
    let state = text(5)?.parse().unwrap_or(LinkState::Inbox);
    let mut r = InboxRow::new(
        row.get(0)?,
        text(1)?,
        &authors_text(text(3)?),
        text(4)?,
        text(2)?,
        row.get(6)?,
        state,
    );
    r.fetched = row.get(7)?;
    r.error = row.get_ref(8)?.as_str_or_null()?.map(Box::from);
    r.featured = row.get(9)?;
    r.held_from = row.get(10)?;
    r.words = row.get(11)?;
    r.source = row.get_ref(12)?.as_str_or_null()?.map(Box::from);
    r.tags = row.get_ref(13)?.as_str_or_null()?.map(Box::from);
    Ok(r)
}

impl Store {
    /// The inbox list: links in `states`, newest first. One query per state, each read in
    /// the order of the `links_state_added` index, then merged here: with `state IN (…)`
    /// SQLite sorts every row in a temporary b-tree before returning the first one, which
    /// made the first page as slow as the whole list.
    pub fn inbox_rows(&self, states: &[LinkState], limit: Option<usize>) -> Result<Vec<InboxRow>> {
        let sql =
            format!("{ROW_SQL} WHERE l.state = ?1 ORDER BY l.added_at DESC, l.id DESC LIMIT ?2");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let cap = limit.map_or(-1, |n| n as i64);
        let mut lists = Vec::with_capacity(states.len());
        for state in states {
            let rows = stmt.query_map(rusqlite::params![state.as_str(), cap], row_from)?;
            lists.push(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        let mut out = match lists.len() {
            0 => Vec::new(),
            1 => lists.pop().unwrap_or_default(),
            _ => {
                let mut all: Vec<InboxRow> = lists.into_iter().flatten().collect();
                // Stable and mostly sorted runs: the merge sort is close to linear here.
                all.sort_by_key(|r| std::cmp::Reverse((r.added_unix, r.id)));
                all
            }
        };
        if let Some(n) = limit {
            out.truncate(n);
        }
        Ok(out)
    }

    /// Every issue as (id, number, published), oldest first: switching between issues.
    pub fn issue_numbers(&self) -> Result<Vec<(i64, i64, bool)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, number, status = 'published' FROM issues ORDER BY number",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The list rows of a few links (after an add or a fetch), in any state.
    pub fn inbox_rows_by_id(&self, ids: &[i64]) -> Result<Vec<InboxRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{ROW_SQL} WHERE l.id = ?1"))?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(r) = stmt.query_map([id], row_from)?.next() {
                out.push(r?);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NewLink;

    #[test]
    fn rows_split_their_haystack() {
        let store = Store::open_in_memory().unwrap();
        store
            .add_link(&NewLink {
                url: "https://a.example/x".into(),
                title: Some("Hello".into()),
                authors: vec!["Fred".into(), "Tal".into()],
                publication: Some("Pub".into()),
                ..Default::default()
            })
            .unwrap();
        let rows = store.inbox_rows(&[LinkState::Inbox], None).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!(
            (r.title(), r.authors(), r.publication(), r.url()),
            ("Hello", "Fred, Tal", "Pub", "https://a.example/x")
        );
        assert!(r.added_unix > 0);
        assert_eq!(store.inbox_rows_by_id(&[r.id]).unwrap()[0], *r);
    }
}
