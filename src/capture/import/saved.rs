//! One saved item of a read-later export, as every importer reads it, and what it becomes:
//! title and save time kept, the saver's note as the link's note, folders/tags/read state as
//! tags, highlights as quote candidates. Also the text and time clean-up they share.

use super::{Format, ImportError, Plan};
use crate::capture::canonical::CanonicalOptions;
use crate::model::{NewLink, PlannedLink, QuoteCandidate};
use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};

/// What every importer needs to know besides the file.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub opts: CanonicalOptions,
    /// Leave out items the source marks as read or archived.
    pub unread_only: bool,
    /// Where each saved item goes as soon as it is read, when the import is written while
    /// the file is still being read (`stream.rs`); `None`: into the plan.
    pub sink: Option<Sink>,
}

/// The writer's end of a streamed import, and the source its links are marked with. Links
/// go over in chunks: one hand-over per link cost more in wake-ups than reading the link.
/// The writer sends each written chunk back to be freed here, where it was allocated: freeing
/// another thread's memory costs glibc's allocator its slow path (~30 % of the writer's time
/// outside the inserts went to it).
#[derive(Debug)]
pub(crate) struct Sink {
    pub tx: std::sync::mpsc::SyncSender<Vec<PlannedLink>>,
    pub written: std::sync::mpsc::Receiver<Vec<PlannedLink>>,
    pub source: &'static str,
}

/// Links per chunk a streamed import hands over; the last, partial chunk stays in the plan.
pub(crate) const CHUNK: usize = 512;

/// Longest kept: a title, a note or a highlight, a tag list. Exports carry whole articles in
/// places; the inbox needs none of that.
const MAX_TITLE: usize = 1_000;
const MAX_TEXT: usize = 20_000;

#[derive(Debug, Default)]
pub(crate) struct Saved {
    pub url: String,
    pub title: Option<String>,
    pub note: Option<String>,
    pub description: Option<String>,
    pub authors: Vec<String>,
    /// RFC 3339 UTC: when it was saved in the source.
    pub added_at: Option<String>,
    pub tags: Vec<String>,
    pub quotes: Vec<QuoteCandidate>,
    /// `Some(true)` read/archived, `Some(false)` unread, `None` when the source has no state.
    pub read: Option<bool>,
    pub favorite: bool,
}

impl Plan {
    /// Adds a saved item (or counts it as skipped when it was read and only unread ones are
    /// wanted); its read state and star become tags.
    pub fn push_saved(&mut self, at: impl Fn() -> String, mut s: Saved, ctx: &Ctx) {
        if ctx.unread_only && s.read == Some(true) {
            self.skipped_read += 1;
            return;
        }
        match s.read {
            Some(true) => s.tags.push("archived".into()),
            Some(false) => s.tags.push("unread".into()),
            None => {}
        }
        if s.favorite {
            s.tags.push("favorite".into());
        }
        let mut quotes: Vec<QuoteCandidate> = Vec::with_capacity(s.quotes.len());
        for q in s.quotes {
            if let Some(quote) = text(&q.text)
                && !quotes.iter().any(|seen| seen.text == quote)
            {
                quotes.push(QuoteCandidate {
                    text: quote,
                    note: q.note.as_deref().and_then(text),
                    highlighted_at: q.highlighted_at,
                });
            }
        }
        let link = NewLink {
            url: s.url.trim().to_string(),
            title: s.title.as_deref().and_then(title),
            note: s.note.as_deref().and_then(text),
            description: s.description.as_deref().and_then(text),
            authors: s.authors.iter().filter_map(|a| title(a)).collect(),
            added_at: s.added_at,
            tags: s.tags,
            quote_candidates: quotes,
            ..Default::default()
        };
        self.push_link(at, link, &ctx.opts);
        if let Some(sink) = &ctx.sink
            && self.links.len() >= CHUNK
        {
            let mut chunk = std::mem::take(&mut self.links);
            for planned in &mut chunk {
                planned
                    .link
                    .source
                    .get_or_insert_with(|| sink.source.to_string());
            }
            super::clean_links(&mut chunk);
            // A closed channel means the writer stopped on an error: it reports that.
            let _ = sink.tx.send(chunk);
            sink.written.try_iter().for_each(drop);
        }
    }
}

/// Without control characters (a title could otherwise drive the terminal it is shown in).
fn no_controls(s: &str, keep_newlines: bool) -> String {
    s.chars()
        .filter(|c| !c.is_control() || (keep_newlines && (*c == '\n' || *c == '\t')))
        .collect()
}

/// A one-line title: whitespace collapsed, capped; `None` when empty.
pub(crate) fn title(raw: &str) -> Option<String> {
    let t = no_controls(raw, true)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let t: String = t.chars().take(MAX_TITLE).collect();
    (!t.is_empty()).then_some(t)
}

/// A note or a highlight: lines kept (a quote's short lines must stay lines), CRs dropped,
/// trimmed, capped; `None` when empty.
pub(crate) fn text(raw: &str) -> Option<String> {
    let t = no_controls(&raw.replace("\r\n", "\n"), true);
    let t = t.trim();
    let t: String = t.chars().take(MAX_TEXT).collect();
    (!t.is_empty()).then_some(t)
}

/// Splits a tag list on `sep`, dropping empty pieces.
pub(crate) fn split_tags(raw: &str, sep: char) -> Vec<String> {
    raw.split(sep)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// A list written as `["a","b"]` (JSON) or `['a', 'b']` (Python), as Instapaper and Reader
/// export tags; a plain comma list also works.
pub(crate) fn list_tags(raw: &str) -> Vec<String> {
    let raw = raw.trim();
    if let Ok(list) = serde_json::from_str::<Vec<String>>(raw) {
        return list;
    }
    let inner = raw.trim_start_matches('[').trim_end_matches(']');
    inner
        .split(',')
        .map(|t| t.trim().trim_matches(|c| c == '\'' || c == '"').trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// A save time as exports write it: Unix seconds (or milliseconds), RFC 3339, ISO 8601 with a
/// `+0200` offset or a space for the `T`, or a bare date. Empty is `Ok(None)` (now); anything
/// else is an error naming the value, so a file with mangled times is refused.
pub(crate) fn time(raw: &str) -> Result<Option<String>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let stamp = |dt: DateTime<Utc>| Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true));
    if let Ok(n) = raw.parse::<i64>() {
        let secs = match n {
            n if n > 100_000_000_000_000 => n / 1_000_000,
            n if n > 100_000_000_000 => n / 1_000,
            n => n,
        };
        return DateTime::from_timestamp(secs, 0)
            .map(stamp)
            .ok_or_else(|| format!("'{raw}' is not a time"));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(raw) {
        return Ok(stamp(dt.with_timezone(&Utc)));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(raw, fmt) {
            return Ok(stamp(dt.with_timezone(&Utc)));
        }
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(raw, fmt) {
            return Ok(stamp(dt.and_utc()));
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        && let Some(dt) = d.and_hms_opt(0, 0, 0)
    {
        return Ok(stamp(dt.and_utc()));
    }
    Err(format!("'{raw}' is not a date or time"))
}

/// `time`, as a refusal of the whole file at `at`.
pub(crate) fn time_at(raw: &str, format: Format, at: &str) -> Result<Option<String>, ImportError> {
    time(raw).map_err(|reason| ImportError::Broken {
        format,
        at: at.to_string(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_every_shape_exports_use() {
        let t = |s: &str| time(s).unwrap().unwrap();
        assert_eq!(t("1600322788"), "2020-09-17T06:06:28Z");
        assert_eq!(t("1600322788000"), "2020-09-17T06:06:28Z");
        assert_eq!(t("2023-01-10T17:17:19.203Z"), "2023-01-10T17:17:19Z");
        assert_eq!(t("2016-09-08T11:55:58+0200"), "2016-09-08T09:55:58Z");
        assert_eq!(t("2022-11-06 04:33:50+00:00"), "2022-11-06T04:33:50Z");
        assert_eq!(t("2024-01-02"), "2024-01-02T00:00:00Z");
        assert_eq!(time("").unwrap(), None);
        assert!(time("yesterday").unwrap_err().contains("yesterday"));
    }

    #[test]
    fn tag_lists_in_json_python_and_plain_shapes() {
        assert_eq!(
            list_tags(r#"["react","javascript"]"#),
            ["react", "javascript"]
        );
        assert_eq!(list_tags("['sre', 'on-call']"), ["sre", "on-call"]);
        assert_eq!(list_tags("[]"), Vec::<String>::new());
        assert_eq!(split_tags("a| b ||c", '|'), ["a", "b", "c"]);
    }

    #[test]
    fn text_keeps_lines_and_drops_control_characters() {
        assert_eq!(
            text("  line one\r\nline\u{1b}[31m two \u{7} ").as_deref(),
            Some("line one\nline[31m two")
        );
        assert_eq!(title(" a\n\tb\u{9b} ").as_deref(), Some("a b"));
        assert_eq!(title(" \u{1b} "), None);
    }
}
