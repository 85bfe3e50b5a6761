//! Authors: structured data first, then byline markup in the body (our selectors, then the
//! byline the Readability pass found); names are cleaned ("By …", handles, URLs) and lists
//! split ("A, B and C").

use super::{Page, element_text, select, tidy};
use dom_query::NodeRef;

/// Meta keys naming the author, best first. `article:author` is last: it is often a profile
/// URL or a user name rather than a person's name.
const META_KEYS: &[&str] = &[
    "dc:creator",
    "dc.creator",
    "dcterm:creator",
    "dcterms.creator",
    "author",
    "parsely-author",
    "byl",
    "sailthru.author",
    "citation_author",
];

/// Byline markup, most specific first.
const BYLINE_SELECTORS: &[&str] = &[
    r#"[itemprop~="author"] [itemprop~="name"]"#,
    r#"[itemprop~="author"]"#,
    r#"a[rel~="author"]"#,
    ".byline__name, .byline-name, .author-name, .author__name, .byline__author",
    r#"[class~="p-author"], [class~="h-card"]"#,
    ".byline, #byline, .by-line, .article-byline, .post-author, .entry-author",
    ".author, #author, .writer, [class*=\"byline\"]",
];

/// Author values that name nobody.
const PLACEHOLDERS: &[&str] = &[
    "admin",
    "administrator",
    "unknown",
    "anonymous",
    "null",
    "none",
    "author",
];

/// Longer than this, a "byline" element is a paragraph, not a name.
const MAX_BYLINE: usize = 100;

/// What the page declares: JSON-LD, then author meta tags, then Parse.ly's metadata.
pub(crate) fn declared(page: &Page) -> Vec<String> {
    let from_ld = names(page.ld.authors.iter().map(String::as_str));
    if !from_ld.is_empty() {
        return from_ld;
    }
    for key in META_KEYS {
        let found = names(page.meta.all(key).iter().map(String::as_str));
        if !found.is_empty() {
            return found;
        }
    }
    parsely(page)
}

/// Byline markup in the body, most specific selector first.
pub(crate) fn from_markup(page: &Page) -> Vec<String> {
    for css in BYLINE_SELECTORS {
        for el in select(&page.doc, css) {
            let text = byline_text(&el);
            if text.chars().count() > MAX_BYLINE {
                continue;
            }
            let found = names(std::iter::once(text.as_str()));
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// The last resort: `article:author`, often a profile URL rather than a name.
pub(crate) fn article_author(page: &Page) -> Vec<String> {
    names(page.meta.all("article:author").iter().map(String::as_str))
}

/// A byline found by the Readability pass, cleaned and split like any other.
pub(crate) fn from_byline(byline: &str) -> Vec<String> {
    match tidy(byline) {
        Some(t) if t.chars().count() <= MAX_BYLINE => names(std::iter::once(t.as_str())),
        _ => Vec::new(),
    }
}

/// An element's text, or its `content` attribute (`<meta itemprop=author content=…>`).
fn byline_text(el: &NodeRef) -> String {
    el.attr("content")
        .map(|c| c.to_string())
        .unwrap_or_else(|| element_text(el))
}

/// `<meta name="parsely-page" content='{"author": …}'>` and `parsely-metadata` JSON.
fn parsely(page: &Page) -> Vec<String> {
    for key in ["parsely-page", "parsely-metadata"] {
        for raw in page.meta.all(key) {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else {
                continue;
            };
            let list: Vec<&str> = match v.get("authors").or_else(|| v.get("author")) {
                Some(serde_json::Value::String(s)) => vec![s.as_str()],
                Some(serde_json::Value::Array(a)) => {
                    a.iter().filter_map(serde_json::Value::as_str).collect()
                }
                _ => Vec::new(),
            };
            let found = names(list.into_iter());
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

/// Cleans and splits each raw value, dropping duplicates and non-names.
fn names<'a>(raw: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in raw {
        for name in split_authors(value) {
            if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                out.push(name);
            }
        }
    }
    out
}

/// "By A, B and C" → [A, B, C]. Commas split only when every part looks like a full name,
/// so "Jong, Michiel de" and "Brenda Goodman, MA" stay whole.
pub fn split_authors(raw: &str) -> Vec<String> {
    let Some(cleaned) = tidy(raw).map(|s| strip_by(&s)) else {
        return Vec::new();
    };
    if cleaned.chars().count() > MAX_BYLINE * 2 {
        return Vec::new();
    }
    let mut parts: Vec<String> = Vec::new();
    for chunk in cleaned.split([';', '|']) {
        let chunk = chunk.replace(", and ", ", ").replace(" & ", " and ");
        for piece in chunk.split(" and ") {
            let commas: Vec<&str> = piece.split(',').map(str::trim).collect();
            if commas.len() > 1 && commas.iter().all(|p| p.split_whitespace().count() >= 2) {
                parts.extend(commas.iter().map(|s| s.to_string()));
            } else {
                parts.push(piece.to_string());
            }
        }
    }
    parts.iter().filter_map(|p| clean_author(p)).collect()
}

fn strip_by(s: &str) -> String {
    let mut s = s.to_string();
    for prefix in ["written by", "posted by", "by:", "by "] {
        if s.get(..prefix.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
        {
            s = s[prefix.len()..].trim().to_string();
        }
    }
    s
}

/// One name, tidied: no "By", no trailing punctuation; `None` for URLs, handles, e-mail
/// addresses and text that is not a name.
pub fn clean_author(raw: &str) -> Option<String> {
    let s = strip_by(&tidy(raw)?)
        .trim_matches(|c: char| c == ',' || c == '|' || c == '-' || c == '·' || c.is_whitespace())
        .to_string();
    let lower = s.to_ascii_lowercase();
    let looks_like_url = lower.contains("://")
        || lower.starts_with("www.")
        || (lower.contains('/') && lower.contains('.'));
    if s.is_empty()
        || looks_like_url
        || s.starts_with('@')
        || s.contains('@')
        || !s.chars().any(char::is_alphabetic)
        // Dates and times ("April 28, 2019 at 6:01 am") sit in byline markup; names have
        // no digits.
        || s.chars().any(|c| c.is_ascii_digit())
        || PLACEHOLDERS.iter().any(|p| lower == *p)
        || s.chars().count() > MAX_BYLINE
    {
        return None;
    }
    Some(s)
}
