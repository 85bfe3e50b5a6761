//! `roundup list [--state …] [--tag TAG] [--json]`, and the summary shown by a bare
//! `roundup`.

use super::StateArg;
use crate::model::{Link, LinkExtras, LinkState, reading_minutes};
use crate::store::{LinkFilter, Store};
use serde_json::json;

/// The stable JSON shape of a link for scripts (and for `roundup serve`'s answers).
/// `word_count`: of its article text, when it has some; `reading_minutes` follows from it
/// (`model::WORDS_PER_MINUTE`).
pub fn link_json(link: &Link, extras: &LinkExtras) -> serde_json::Value {
    json!({
        "id": link.id,
        "url": link.url,
        "canonical_url": link.canonical_url,
        "title": link.title,
        "authors": link.authors,
        "publication": link.publication,
        "description": link.description,
        "published": link.published,
        "state": link.state,
        "via": link.via,
        "note": link.note,
        "added_at": link.added_at,
        "fetched_at": link.fetched_at,
        "fetch_error": link.fetch_error,
        "featured_in": link.featured_in,
        "source": extras.source,
        "tags": extras.tags,
        "quote_candidates": extras.quote_candidates,
        "word_count": extras.words,
        "reading_minutes": extras.words.map(reading_minutes),
    })
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn line(link: &Link, tags: &[String]) -> String {
    let mut who = link.publication.clone().unwrap_or_default();
    if !link.authors.is_empty() {
        if !who.is_empty() {
            who.push_str(" · ");
        }
        who.push_str(&link.authors.join(", "));
    }
    if let Some(err) = &link.fetch_error {
        who = format!("✗ {err}");
    }
    let featured = if link.featured_in.is_empty() {
        String::new()
    } else {
        let nums: Vec<String> = link.featured_in.iter().map(|n| format!("#{n}")).collect();
        format!("  [featured in {}]", nums.join(", "))
    };
    let tags = if tags.is_empty() {
        String::new()
    } else {
        let t: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
        format!("  {}", t.join(" "))
    };
    format!(
        "{:>6}  {:<9} {}  {}{}{tags}\n        {}",
        link.id,
        link.state.as_str(),
        link.added_at.get(..10).unwrap_or(&link.added_at),
        truncate(link.display_title(), 70),
        featured,
        if who.is_empty() {
            link.url.clone()
        } else {
            format!("{who} · {}", link.url)
        },
    )
}

pub fn run(store: &Store, state: StateArg, tag: Option<String>, json: bool) -> anyhow::Result<i32> {
    let mut links = if state == StateArg::Stale {
        store.stale_links()?
    } else {
        store.links(&LinkFilter {
            states: state.states(),
            tag: None,
            limit: None,
        })?
    };
    let tags = store.tags_by_link()?;
    if let Some(want) = tag.as_deref() {
        let want = want.trim().trim_start_matches('#');
        links.retain(|l| {
            tags.get(&l.id)
                .is_some_and(|t| t.iter().any(|t| t.eq_ignore_ascii_case(want)))
        });
    }
    if json {
        let arr = links
            .iter()
            .map(|l| Ok(link_json(l, &store.link_extras(l.id)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        out!("{}", serde_json::to_string_pretty(&arr)?);
    } else if links.is_empty() {
        out!("no links");
    } else {
        for link in &links {
            out!(
                "{}",
                line(link, tags.get(&link.id).map_or(&[], Vec::as_slice))
            );
        }
    }
    Ok(0)
}

/// What a bare `roundup` prints.
pub fn summary(store: &Store) -> anyhow::Result<i32> {
    let counts: Vec<String> = LinkState::ALL
        .iter()
        .map(|s| Ok(format!("{} {}", store.count_links(*s)?, s)))
        .collect::<anyhow::Result<_>>()?;
    let db = store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    out!("roundup · {db}");
    out!("links: {}", counts.join(", "));
    let recent = store.links(&LinkFilter {
        states: Some(vec![LinkState::Inbox]),
        tag: None,
        limit: Some(10),
    })?;
    for link in &recent {
        out!("{}", line(link, &store.link_tags(link.id)?));
    }
    out!("\nAdd links with `roundup add URL`; see `roundup --help` for every command.");
    Ok(0)
}
