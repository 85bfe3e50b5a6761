//! Readwise: the highlights CSV (`Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,
//! Tags,Location Type,Location,Highlighted at,Document tags`, one row per highlight) and
//! Reader's library CSV (`Title,URL,ID,Document tags,Saved date,Reading progress,Location,
//! Seen`).
//!
//! The highlights export names documents by title only: its highlights go to the stored link
//! with that title (imported from Reader, Pocket… before), and are counted when there is
//! none. A file that also has a URL column makes links of its documents.

use super::saved::{Ctx, Saved, list_tags, split_tags, time_at};
use super::table::Table;
use super::{Format, ImportError, Invalid, Plan, TitledQuotes};
use crate::model::QuoteCandidate;
use std::collections::HashMap;

/// The URL column, under the names Readwise and tools writing its format use.
const URL_COLUMNS: &[&str] = &["url", "source url", "book url"];

#[derive(Default)]
struct Document {
    at: String,
    url: Option<String>,
    title: String,
    author: Option<String>,
    tags: Vec<String>,
    quotes: Vec<QuoteCandidate>,
}

pub(crate) fn plan_highlights(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::ReadwiseHighlights;
    let table = Table::read(content, format, &["highlight", "book title"])?;
    let mut plan = Plan::default();
    let mut docs: Vec<Document> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let text = table.get(row, "highlight");
        if text.trim().is_empty() {
            plan.invalid.push(Invalid {
                at: row.at(),
                reason: "a row without highlight text".into(),
            });
            continue;
        }
        // Readwise's own actions are written as tags: ".discard" threw the highlight away.
        let highlight_tags = split_tags(table.get(row, "tags"), ',');
        if highlight_tags
            .iter()
            .any(|t| t.eq_ignore_ascii_case(".discard"))
        {
            continue;
        }
        let url = URL_COLUMNS.iter().find_map(|c| table.opt(row, c));
        let title = table.get(row, "book title").trim().to_string();
        let key = url.clone().unwrap_or_else(|| title.to_lowercase());
        let i = *index.entry(key).or_insert_with(|| {
            docs.push(Document {
                at: row.at(),
                url: url.clone(),
                title: title.clone(),
                author: table.opt(row, "book author"),
                ..Document::default()
            });
            docs.len() - 1
        });
        let doc = &mut docs[i];
        for tag in split_tags(table.get(row, "document tags"), ',') {
            if !doc.tags.contains(&tag) {
                doc.tags.push(tag);
            }
        }
        doc.quotes.push(QuoteCandidate {
            text: text.to_string(),
            note: table.opt(row, "note"),
            highlighted_at: time_at(table.get(row, "highlighted at"), format, &row.at())?,
        });
    }
    for doc in docs {
        match doc.url {
            Some(url) => plan.push_saved(
                || doc.at.clone(),
                Saved {
                    url,
                    title: Some(doc.title),
                    authors: doc.author.into_iter().collect(),
                    tags: doc.tags,
                    quotes: doc.quotes,
                    ..Saved::default()
                },
                ctx,
            ),
            None => plan.by_title.push(TitledQuotes {
                title: doc.title,
                tags: doc.tags,
                quotes: doc.quotes,
            }),
        }
    }
    Ok(plan)
}

pub(crate) fn plan_reader(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::ReadwiseReader;
    let mut plan = Plan::default();
    Table::each(content, format, &["url"], |table, row| {
        let mut tags = list_tags(table.get(row, "document tags"));
        let location = table.get(row, "location").trim().to_ascii_lowercase();
        let read = match location.as_str() {
            "archive" => Some(true),
            "new" | "later" | "shortlist" => Some(false),
            _ => None,
        };
        // Where Reader kept it is worth keeping: "later" and "shortlist" are the saver's
        // own triage, "feed" items were never saved by hand.
        if matches!(location.as_str(), "later" | "shortlist" | "feed") {
            tags.push(location.clone());
        }
        plan.push_saved(
            || row.at(),
            Saved {
                url: table.get(row, "url").to_string(),
                title: table.opt(row, "title"),
                added_at: time_at(table.get(row, "saved date"), format, &row.at())?,
                tags,
                read,
                ..Saved::default()
            },
            ctx,
        );
        Ok(())
    })?;
    Ok(plan)
}
