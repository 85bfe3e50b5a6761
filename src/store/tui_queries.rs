//! Queries shaped for the TUI's inbox list: one query, only the columns a list row needs, so
//! 100,000 links load in tens of milliseconds and stay small in memory. The full `Link` (for
//! the detail pane) is read one at a time with `Store::link`.

use super::{Result, Store, from_json_list};
use crate::model::LinkState;
use rusqlite::Row;

/// One line of the inbox list. The searchable text (title, authors, publication, URL) is kept
/// in one string so fuzzy matching reads a single haystack per row without copying; the
/// link's source and tags follow it in the same string (one allocation per row, and the rows
/// stay small: the filter's speed over 100,000 of them depends on it).
#[derive(Debug, Clone, PartialEq)]
pub struct InboxRow {
    pub id: i64,
    /// `title \u{1f} authors \u{1f} publication \u{1f} url \u{1f} source \u{1f} tags…`
    /// (tags lower-cased, `\u{1f}` between them); the offsets below split it.
    hay: Box<str>,
    title_end: u32,
    authors_end: u32,
    publication_end: u32,
    url_end: u32,
    /// Where the filter's haystack ends: after the URL's host when the link has a title
    /// (the path mostly repeats the title, and each character of it costs every keystroke
    /// over 100,000 rows), else after the whole URL (an untitled link is known by its path).
    /// The rest of the URL, `path()`, is matched by whole words only (`filter.rs`).
    match_end: u32,
    source_end: u32,
    /// Words in its article text; 0 when it has none.
    words: u32,
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
}

/// The length of `url` up to the end of its host ("https://example.com" of
/// "https://example.com/a/b"); all of it when it has no path.
fn host_end(url: &str) -> usize {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i)
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
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
        Self::with_all(
            id,
            [title, authors, publication, url],
            "",
            None,
            added_unix,
            state,
        )
    }

    /// `parts` are the title, authors, publication and URL; `tags` separated by `\u{1f}`.
    fn with_all(
        id: i64,
        parts: [&str; 4],
        source: &str,
        tags: Option<&str>,
        added_unix: i64,
        state: LinkState,
    ) -> InboxRow {
        let tags = tags.unwrap_or("");
        let len: usize = parts.iter().map(|p| p.len()).sum::<usize>() + source.len() + tags.len();
        let mut hay = String::with_capacity(len + 5);
        let mut ends = [0u32; 4];
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                hay.push('\u{1f}');
            }
            hay.push_str(part);
            ends[i] = offset(hay.len());
        }
        let ascii = hay.is_ascii();
        let match_end = if parts[0].trim().is_empty() {
            ends[3]
        } else {
            ends[3] - offset(parts[3].len() - host_end(parts[3]))
        };
        hay.push('\u{1f}');
        hay.push_str(source);
        let source_end = offset(hay.len());
        if !tags.is_empty() {
            hay.push('\u{1f}');
            hay.push_str(tags);
        }
        InboxRow {
            id,
            ascii,
            hay: hay.into_boxed_str(),
            title_end: ends[0],
            authors_end: ends[1],
            publication_end: ends[2],
            url_end: ends[3],
            match_end,
            source_end,
            words: 0,
            added_unix,
            state,
            fetched: false,
            error: None,
            featured: false,
            held_from: None,
        }
    }

    /// The row with a source and tags (any case: kept ASCII-lower-cased, as `link_tags`
    /// compares them).
    pub fn with_extras<S: AsRef<str>>(self, source: Option<&str>, tags: &[S]) -> InboxRow {
        let tags: Vec<String> = tags
            .iter()
            .map(|t| t.as_ref().to_ascii_lowercase())
            .collect();
        let joined = tags.join("\u{1f}");
        let mut row = Self::with_all(
            self.id,
            [
                self.title_raw(),
                self.authors(),
                self.publication(),
                self.url(),
            ],
            source.unwrap_or(""),
            Some(&joined),
            self.added_unix,
            self.state,
        );
        row.words = self.words;
        row.fetched = self.fetched;
        row.error = self.error;
        row.featured = self.featured;
        row.held_from = self.held_from;
        row
    }

    /// Words in its article text, when it has some (the list shows the reading time).
    pub fn words(&self) -> Option<u32> {
        (self.words > 0).then_some(self.words)
    }
    /// Where it came from ("pocket", "serve"…), when recorded.
    pub fn source(&self) -> Option<&str> {
        let s = &self.hay[self.url_end as usize + 1..self.source_end as usize];
        (!s.is_empty()).then_some(s)
    }
    /// Its tags, ASCII-lower-cased.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        self.hay
            .get(self.source_end as usize + 1..)
            .into_iter()
            .flat_map(|t| t.split('\u{1f}'))
    }
    /// Everything the filter matches against: title, authors, publication and the URL (up to
    /// its host when the link has a title).
    pub fn haystack(&self) -> &str {
        &self.hay[..self.match_end as usize]
    }
    /// The URL after what `haystack` holds: its path and query when the link has a title.
    pub fn path(&self) -> &str {
        &self.hay[self.match_end as usize..self.url_end as usize]
    }
    fn title_raw(&self) -> &str {
        &self.hay[..self.title_end as usize]
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
        &self.hay[self.publication_end as usize + 1..self.url_end as usize]
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
    let mut r = InboxRow::with_all(
        row.get(0)?,
        [text(1)?, &authors_text(text(3)?), text(4)?, text(2)?],
        text(12)?,
        row.get_ref(13)?.as_str_or_null()?,
        row.get(6)?,
        state,
    );
    r.fetched = row.get(7)?;
    r.error = row.get_ref(8)?.as_str_or_null()?.map(Box::from);
    r.featured = row.get(9)?;
    r.held_from = row.get(10)?;
    r.words = row.get::<_, Option<u32>>(11)?.unwrap_or(0);
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
    use crate::store::AddOutcome;

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
        assert_eq!(
            (r.source(), r.tags().count(), r.words()),
            (Some("manual"), 0, None)
        );
        assert_eq!(store.inbox_rows_by_id(&[r.id]).unwrap()[0], *r);
    }

    #[test]
    fn rows_carry_source_tags_and_words() {
        let store = Store::open_in_memory().unwrap();
        let AddOutcome::Added(id) = store
            .add_link(&NewLink {
                url: "https://a.example/y".into(),
                title: Some("Tagged".into()),
                source: Some("pocket".into()),
                tags: vec!["SRE".into(), "ops".into()],
                ..Default::default()
            })
            .unwrap()
        else {
            panic!("not added")
        };
        let meta = crate::model::PageMeta {
            readable: Some(crate::model::Readable::Article {
                markdown: "one two three".into(),
                text: "one two three".into(),
                words: 3,
            }),
            ..Default::default()
        };
        store.record_fetch(id, &Ok(meta)).unwrap();
        let r = &store.inbox_rows_by_id(&[id]).unwrap()[0];
        let mut tags: Vec<&str> = r.tags().collect();
        tags.sort_unstable();
        assert_eq!(tags, ["ops", "sre"]);
        assert_eq!((r.source(), r.words()), (Some("pocket"), Some(3)));
        assert_eq!(r.url(), "https://a.example/y");
        // A titled link is matched up to its URL's host; an untitled one by its whole URL.
        assert_eq!(r.haystack(), "Tagged\u{1f}\u{1f}\u{1f}https://a.example");
        assert_eq!(r.path(), "/y");
        let untitled = InboxRow::new(1, "", "", "", "https://b.example/kafka-lag", 0, r.state);
        assert_eq!(
            untitled.haystack(),
            "\u{1f}\u{1f}\u{1f}https://b.example/kafka-lag"
        );
        assert_eq!(untitled.title(), "https://b.example/kafka-lag");
        assert_eq!(untitled.path(), "");
        for (url, host) in [
            ("https://c.example?q=1", "https://c.example"),
            ("c.example", "c.example"),
            ("https://c.example", "https://c.example"),
        ] {
            assert_eq!(
                InboxRow::new(1, "T", "", "", url, 0, r.state).haystack(),
                format!("T\u{1f}\u{1f}\u{1f}{host}")
            );
        }
    }
}
