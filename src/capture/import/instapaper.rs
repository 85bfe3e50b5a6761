//! Instapaper's CSV export: `URL,Title,Selection,Folder,Timestamp` (newer exports add `Tags`
//! as a JSON list). The folder is `Unread`, `Archive`, `Starred` or one of the saver's own;
//! the selection is the text highlighted when the page was saved.

use super::saved::{Ctx, Saved, list_tags, time_at};
use super::table::Table;
use super::{Format, ImportError, Plan};
use crate::model::QuoteCandidate;

pub(crate) fn plan(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::Instapaper;
    let mut plan = Plan::default();
    Table::each(content, format, &["url"], |table, row| {
        let mut tags = list_tags(table.get(row, "tags"));
        let folder = table.get(row, "folder").trim();
        let (read, favorite) = match folder.to_ascii_lowercase().as_str() {
            "unread" => (Some(false), false),
            "archive" => (Some(true), false),
            "starred" => (None, true),
            "" => (None, false),
            _ => {
                tags.insert(0, folder.to_string());
                (None, false)
            }
        };
        let quotes = table
            .opt(row, "selection")
            .map(|text| QuoteCandidate {
                text,
                ..QuoteCandidate::default()
            })
            .into_iter()
            .collect();
        plan.push_saved(
            || row.at(),
            Saved {
                url: table.get(row, "url").to_string(),
                title: table.opt(row, "title"),
                added_at: time_at(table.get(row, "timestamp"), format, &row.at())?,
                tags,
                quotes,
                read,
                favorite,
                ..Saved::default()
            },
            ctx,
        );
        Ok(())
    })?;
    Ok(plan)
}
