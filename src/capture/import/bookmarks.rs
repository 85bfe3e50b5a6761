//! Netscape bookmark files, as every browser exports them: `<DT><A HREF=… ADD_DATE=…>title</A>`.

use super::{Format, ImportError, Plan, clean, line_of};
use crate::model::NewLink;
use crate::model::canonical::CanonicalOptions;
use chrono::{DateTime, SecondsFormat};
use scraper::{Html, Selector};

fn broken(at: String, reason: impl Into<String>) -> ImportError {
    ImportError::Broken {
        format: Format::Bookmarks,
        at,
        reason: reason.into(),
    }
}

/// Byte offsets of every `<a` start tag, in document order, to name the line of an element.
/// Bookmark files put each anchor on its own line, so the n-th tag is the n-th element.
pub(crate) fn anchor_offsets(content: &str) -> Vec<usize> {
    let lower = content.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    lower
        .match_indices("<a")
        .map(|(i, _)| i)
        .filter(|i| {
            bytes
                .get(i + 2)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>')
        })
        .collect()
}

pub(crate) fn plan(content: &str, opts: &CanonicalOptions) -> Result<Plan, ImportError> {
    let doc = Html::parse_document(content);
    let sel = |s: &str| Selector::parse(s).map_err(|e| broken("selector".into(), e.to_string()));
    if doc.select(&sel("dl")?).next().is_none() {
        return Err(broken("line 1".into(), "no <DL> bookmark list found"));
    }
    if is_cut_short(content) {
        return Err(broken(
            format!("line {}", line_of(content, content.len())),
            "the file ends inside the bookmark list (cut short?)",
        ));
    }
    let offsets = anchor_offsets(content);
    let at = |n: usize| match offsets.get(n) {
        Some(pos) => format!("line {}", line_of(content, *pos)),
        None => format!("bookmark {}", n + 1),
    };
    let mut plan = Plan::default();
    for (n, a) in doc.select(&sel("a")?).enumerate() {
        let el = a.value();
        let title = clean(&a.text().collect::<String>());
        let Some(href) = el.attr("href") else {
            // Anchors without HREF are folder markers in some exports (NAME=…); anything
            // else means the file was cut or mangled.
            if el.attr("name").is_some() || el.attr("id").is_some() {
                continue;
            }
            return Err(broken(
                at(n),
                format!("<A> without HREF ({})", title.unwrap_or_default()),
            ));
        };
        let added_at = match el.attr("add_date").map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(raw) => Some(
                parse_add_date(raw)
                    .ok_or_else(|| broken(at(n), format!("ADD_DATE '{raw}' is not a Unix time")))?,
            ),
        };
        let tags = super::saved::split_tags(el.attr("tags").unwrap_or(""), ',');
        plan.push_link(
            || at(n),
            NewLink {
                url: href.to_string(),
                title,
                tags,
                added_at,
                ..Default::default()
            },
            opts,
        );
    }
    Ok(plan)
}

/// A bookmark file ends by closing its list (`</DL>`); one that ends inside a tag, or before
/// the list that holds its last bookmark is closed, was cut (a full disk, a failed copy), and
/// its last bookmark may be wrong (an HREF cut in the middle is still a valid URL).
fn is_cut_short(content: &str) -> bool {
    let lower = content.trim_end().to_ascii_lowercase();
    let inside_tag = lower.rfind('<') > lower.rfind('>');
    let last_close = lower.rfind("</dl");
    let last_item = ["<a ", "<dt", "<h3", "<dl"]
        .iter()
        .filter_map(|t| lower.rfind(t))
        .max();
    inside_tag || last_close < last_item
}

/// ADD_DATE is seconds since the epoch; a few exporters write microseconds.
fn parse_add_date(raw: &str) -> Option<String> {
    let n: i64 = raw.parse().ok()?;
    let secs = if n > 100_000_000_000 {
        n / 1_000_000
    } else {
        n
    };
    let dt = DateTime::from_timestamp(secs, 0)?;
    Some(dt.to_rfc3339_opts(SecondsFormat::Secs, true))
}
