//! `roundup search QUERY [--in title|text|all] [--json]`: the archive, the inbox and the
//! articles' text, full text, best first (article-text matches after the others).

use super::list::link_json;
use crate::store::{SearchScope, Store};
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InArg {
    /// Titles, authors, descriptions, URLs, and the blurbs and quotes of published issues
    Title,
    /// The articles' readable text
    Text,
    /// Both
    All,
}

impl From<InArg> for SearchScope {
    fn from(a: InArg) -> Self {
        match a {
            InArg::Title => SearchScope::Title,
            InArg::Text => SearchScope::Text,
            InArg::All => SearchScope::All,
        }
    }
}

pub fn run(store: &Store, query: &str, scope: SearchScope, json: bool) -> anyhow::Result<i32> {
    let hits = store.search_in(query, 50, scope)?;
    if json {
        let arr = hits
            .iter()
            .map(|h| {
                let mut v = link_json(&h.link, &store.link_extras(h.link.id)?);
                v["score"] = serde_json::json!(h.score);
                v["snippet"] = serde_json::json!(h.snippet);
                Ok(v)
            })
            .collect::<anyhow::Result<Vec<serde_json::Value>>>()?;
        out!("{}", serde_json::to_string_pretty(&arr)?);
        return Ok(0);
    }
    if hits.is_empty() {
        out!("no matches for '{query}'");
    }
    for h in &hits {
        let issues = if h.link.featured_in.is_empty() {
            h.link.state.to_string()
        } else {
            let nums: Vec<String> = h.link.featured_in.iter().map(|n| format!("#{n}")).collect();
            format!("featured in {}", nums.join(", "))
        };
        out!("{}  ({issues})\n    {}", h.link.display_title(), h.link.url);
        if let Some(s) = &h.snippet {
            out!("    {s}");
        }
    }
    Ok(0)
}
