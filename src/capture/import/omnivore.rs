//! Omnivore's export (the service closed in November 2024): a zip, or its unzipped folder, of
//! `metadata_N_to_M.json` files (`id, slug, title, description, author, url, state
//! ("Active"/"Archived"), labels, savedAt, publishedAt…`) and `highlights/{slug}.md`, each
//! highlight a `> quote` block followed by its labels and the saver's annotation. Exports made
//! through Omnivore's API carry a `highlights` list (`quote`, `annotation`) in the metadata
//! instead; both are read.

use super::json_services::{TagItem, parse};
use super::saved::{Ctx, Saved, time, time_at};
use super::{Format, ImportError, Plan};
use crate::model::QuoteCandidate;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default, alias = "originalUrl")]
    url: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    labels: Vec<TagItem>,
    #[serde(default, rename = "savedAt")]
    saved_at: Option<String>,
    #[serde(default)]
    highlights: Vec<ApiHighlight>,
}

#[derive(Deserialize)]
struct ApiHighlight {
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    annotation: Option<String>,
    #[serde(default, rename = "createdAt")]
    created_at: Option<String>,
}

/// `metadata_0_to_20.json`, anywhere in the zip or folder.
pub(crate) fn is_metadata_file(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    base.starts_with("metadata_") && base.ends_with(".json")
}

pub(crate) fn is_highlights_file(name: &str) -> bool {
    name.ends_with(".md") && (name.starts_with("highlights/") || name.contains("/highlights/"))
}

/// Plans every metadata file, with the highlight files keyed by the slug in their name.
pub(crate) fn plan(
    metadata: &[(&str, &str)],
    highlight_files: &[(&str, &str)],
    ctx: &Ctx,
) -> Result<Plan, ImportError> {
    let format = Format::Omnivore;
    let by_slug: HashMap<&str, &str> = highlight_files
        .iter()
        .filter_map(|(name, text)| {
            let base = name.rsplit('/').next()?;
            Some((base.strip_suffix(".md")?, *text))
        })
        .collect();
    let mut plan = Plan::default();
    for (file, content) in metadata {
        let items: Vec<Item> = parse(content, format).map_err(|e| match *file {
            "" => e,
            name => e.in_file(name),
        })?;
        for (i, item) in items.into_iter().enumerate() {
            let at = match *file {
                "" => format!("[{i}]"),
                name => format!("{name} [{i}]"),
            };
            let Some(url) = item.url else {
                plan.invalid.push(super::Invalid {
                    at,
                    reason: "an item without a url".into(),
                });
                continue;
            };
            let mut quotes: Vec<QuoteCandidate> = item
                .highlights
                .into_iter()
                .filter_map(|h| {
                    Some(QuoteCandidate {
                        text: h.quote.filter(|q| !q.trim().is_empty())?,
                        note: h.annotation,
                        highlighted_at: h
                            .created_at
                            .as_deref()
                            .and_then(|t| time(t).ok().flatten()),
                    })
                })
                .collect();
            if let Some(md) = item.slug.as_deref().and_then(|s| by_slug.get(s)) {
                quotes.extend(markdown_highlights(md));
            }
            let read = match item
                .state
                .as_deref()
                .map(str::to_ascii_lowercase)
                .as_deref()
            {
                Some("archived") => Some(true),
                Some("active" | "succeeded" | "content_not_fetched") => Some(false),
                _ => None,
            };
            plan.push_saved(
                || at.clone(),
                Saved {
                    url,
                    title: item.title,
                    description: item.description,
                    authors: item.author.into_iter().collect(),
                    added_at: time_at(item.saved_at.as_deref().unwrap_or(""), format, &at)?,
                    tags: item.labels.into_iter().map(TagItem::into_name).collect(),
                    quotes,
                    read,
                    ..Saved::default()
                },
                ctx,
            );
        }
    }
    Ok(plan)
}

/// Omnivore's `highlightToMarkdown`, read back: blocks separated by blank lines; a block of
/// `> ` lines is a highlight (blank lines inside one were written as `> `), a block of
/// `#label`s belongs to it, anything else is the annotation of the highlight before it.
fn markdown_highlights(md: &str) -> Vec<QuoteCandidate> {
    let md = md.replace("\r\n", "\n");
    let mut out: Vec<QuoteCandidate> = Vec::new();
    for block in md.split("\n\n") {
        let block = block.trim_matches('\n');
        if block.trim().is_empty() {
            continue;
        }
        if block.starts_with('>') {
            let text: Vec<&str> = block
                .lines()
                .map(|l| {
                    l.strip_prefix("> ")
                        .or_else(|| l.strip_prefix('>'))
                        .unwrap_or(l)
                })
                .collect();
            out.push(QuoteCandidate {
                text: text.join("\n").trim().to_string(),
                ..QuoteCandidate::default()
            });
        } else if block.split_whitespace().all(|w| w.starts_with('#')) {
            continue;
        } else if let Some(q) = out.last_mut() {
            let note = q.note.get_or_insert_with(String::new);
            if !note.is_empty() {
                note.push_str("\n\n");
            }
            note.push_str(block.trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown_highlights;

    #[test]
    fn highlights_markdown_as_omnivore_writes_it() {
        let md = "> The first quote,\n> on two lines.  \n\n#sre #oncall\n\nMy note.\n\n> Second.";
        let q = markdown_highlights(md);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].text, "The first quote,\non two lines.");
        assert_eq!(q[0].note.as_deref(), Some("My note."));
        assert_eq!(q[1].text, "Second.");
        assert_eq!(q[1].note, None);
    }
}
