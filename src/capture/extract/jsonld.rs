//! JSON-LD (`<script type="application/ld+json">`): the article object's headline, authors,
//! publisher, date and description.

use super::{select, tidy};
use dom_query::Document;
use serde_json::Value;

/// Types whose `headline`/`author` describe the page's article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reportagenewsarticle",
    "reviewnewsarticle",
    "socialmediaposting",
    "liveblogposting",
    "discussionforumposting",
    "howto",
    "recipe",
    "creativework",
];

#[derive(Debug, Default)]
pub(crate) struct LinkedData {
    pub headline: Option<String>,
    /// `name`, when it differs from `headline` (Wikipedia: name "New Zealand", headline
    /// "constitutional monarchy in Oceania").
    pub name: Option<String>,
    pub authors: Vec<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub description: Option<String>,
}

impl LinkedData {
    pub fn collect(doc: &Document) -> LinkedData {
        let mut objects = Vec::new();
        for script in select(doc, r#"script[type="application/ld+json" i]"#) {
            let text = script.text();
            let text = text
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>")
                .trim()
                .trim_end_matches(';');
            // Raw newlines and tabs inside strings are invalid JSON but common in the wild.
            let parsed = serde_json::from_str::<Value>(text)
                .or_else(|_| serde_json::from_str::<Value>(&text.replace(['\n', '\r', '\t'], " ")));
            if let Ok(value) = parsed {
                flatten(value, &mut objects, 0);
            }
        }
        let article = objects
            .iter()
            .find(|o| is_article(o))
            .or_else(|| objects.iter().find(|o| o.get("headline").is_some()));
        let Some(article) = article else {
            return LinkedData::default();
        };
        let mut authors = Vec::new();
        if let Some(a) = article.get("author").or_else(|| article.get("creator")) {
            collect_names(a, &mut authors, 0);
        }
        LinkedData {
            headline: string_of(article.get("headline")),
            name: string_of(article.get("name")),
            authors,
            publisher: article
                .get("publisher")
                .and_then(name_of)
                .or_else(|| article.get("isPartOf").and_then(name_of)),
            published: string_of(article.get("datePublished"))
                .or_else(|| string_of(article.get("dateCreated"))),
            description: string_of(article.get("description")),
        }
    }
}

impl LinkedData {
    /// The article's title: `headline`, or `name` when that is closer to the page's
    /// `<title>` (some sites put a subtitle or a section in `headline`).
    pub fn headline(&self, title_tag: Option<&str>) -> Option<String> {
        // A "title" that is the publisher's name describes the site, not the article.
        let not_site = |s: &&String| {
            self.publisher
                .as_ref()
                .is_none_or(|p| !p.eq_ignore_ascii_case(s))
        };
        let headline = self.headline.as_ref().filter(not_site);
        let name = self.name.as_ref().filter(not_site);
        match (headline, name, title_tag) {
            (Some(h), Some(n), Some(t)) if h != n => {
                let t = t.to_lowercase();
                if t.contains(&n.to_lowercase()) && !t.contains(&h.to_lowercase()) {
                    Some(n.clone())
                } else {
                    Some(h.clone())
                }
            }
            (Some(h), _, _) => Some(h.clone()),
            (None, Some(n), _) => Some(n.clone()),
            _ => None,
        }
    }
}

/// Spreads arrays and `@graph` lists into one list of objects (bounded depth: a hostile page
/// cannot make this recurse without end).
fn flatten(value: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity").cloned()
                && main.is_object()
            {
                flatten(main, out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn is_article(obj: &Value) -> bool {
    let matches = |t: &str| ARTICLE_TYPES.contains(&t.to_ascii_lowercase().as_str());
    match obj.get("@type") {
        Some(Value::String(t)) => matches(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(matches),
        _ => false,
    }
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => tidy(&html_unescape(s)),
        Value::Array(items) => items.iter().find_map(|i| string_of(Some(i))),
        _ => None,
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => tidy(s),
        Value::Object(_) => string_of(v.get("name")),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
}

/// `author` may be a string, a Person object, or an array of either.
fn collect_names(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Object(_) => {
            if let Some(name) = string_of(v.get("name")) {
                out.push(name);
            } else if let (Some(g), Some(f)) = (
                string_of(v.get("givenName")),
                string_of(v.get("familyName")),
            ) {
                out.push(format!("{g} {f}"));
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_names(i, out, depth + 1)),
        _ => {}
    }
}

/// Some sites put entities in JSON strings; only the common ones matter for titles.
fn html_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}
