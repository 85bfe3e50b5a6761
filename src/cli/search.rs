//! `roundup search QUERY [--json]`: the archive and the inbox, full text, best first.

use super::list::link_json;
use crate::store::Store;

pub fn run(store: &Store, query: &str, json: bool) -> anyhow::Result<i32> {
    let hits = store.search(query, 50)?;
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
