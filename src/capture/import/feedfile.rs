//! A saved RSS, Atom or JSON Feed file: its items go to the inbox.

use super::{Format, ImportError, Plan, clean};
use crate::model::NewLink;
use crate::model::canonical::CanonicalOptions;
use chrono::SecondsFormat;

pub(crate) fn plan(content: &str, opts: &CanonicalOptions) -> Result<Plan, ImportError> {
    let feed = feed_rs::parser::parse(content.as_bytes()).map_err(|e| ImportError::Broken {
        format: Format::Feed,
        at: "the document".into(),
        reason: e.to_string(),
    })?;
    let publication = feed.title.as_ref().and_then(|t| clean(&t.content));
    let mut plan = Plan::default();
    for (n, entry) in feed.entries.iter().enumerate() {
        let Some(link) = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
        else {
            plan.invalid.push(super::Invalid {
                at: format!("item {}", n + 1),
                reason: "item has no link".into(),
            });
            continue;
        };
        let authors = entry
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().and_then(clean))
            .collect();
        plan.push_link(
            || format!("item {}", n + 1),
            NewLink {
                url: link.href.clone(),
                title: entry.title.as_ref().and_then(|t| clean(&t.content)),
                authors,
                publication: publication.clone(),
                description: entry.summary.as_ref().and_then(|s| clean(&s.content)),
                published: entry
                    .published
                    .or(entry.updated)
                    .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
                ..Default::default()
            },
            opts,
        );
    }
    Ok(plan)
}
