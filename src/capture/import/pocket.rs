//! Pocket: the CSV export (`title,url,time_added,tags,status`, tags separated by `|`, status
//! `unread` or `archive`; a large account comes as a zip of `part_*.csv`) and the older
//! `ril_export.html` (an "Unread" and a "Read Archive" list of `<a href time_added tags>`).

use super::bookmarks::anchor_offsets;
use super::saved::{Ctx, Saved, split_tags, time_at};
use super::table::Table;
use super::{Format, ImportError, Plan, line_of};
use scraper::{Html, Selector};

pub(crate) fn plan_csv(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::PocketCsv;
    let mut plan = Plan::default();
    Table::each(content, format, &["url", "time_added"], |table, row| {
        let status = table.get(row, "status").trim().to_ascii_lowercase();
        let read = match status.as_str() {
            "archive" | "archived" | "read" => Some(true),
            "unread" => Some(false),
            "" => None,
            other => {
                return Err(ImportError::Broken {
                    format,
                    at: row.at(),
                    reason: format!("status '{other}' is neither 'unread' nor 'archive'"),
                });
            }
        };
        plan.push_saved(
            || row.at(),
            Saved {
                url: table.get(row, "url").to_string(),
                title: table.opt(row, "title"),
                added_at: time_at(table.get(row, "time_added"), format, &row.at())?,
                tags: split_tags(table.get(row, "tags"), '|'),
                read,
                ..Saved::default()
            },
            ctx,
        );
        Ok(())
    })?;
    Ok(plan)
}

pub(crate) fn plan_html(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::PocketHtml;
    let broken = |at: String, reason: &str| ImportError::Broken {
        format,
        at,
        reason: reason.into(),
    };
    let offsets = anchor_offsets(content);
    let lower = content.to_ascii_lowercase();
    // A cut file ends inside a list: every link must be closed.
    if lower.matches("</a>").count() < offsets.len() {
        let last = offsets.last().copied().unwrap_or(0);
        return Err(broken(
            format!("line {}", line_of(content, last)),
            "the file ends inside a link (cut short?)",
        ));
    }
    let doc = Html::parse_document(content);
    let sel = Selector::parse("h1, a").map_err(|e| broken("selector".into(), &e.to_string()))?;
    let mut plan = Plan::default();
    let mut read = None;
    let mut n = 0;
    for el in doc.select(&sel) {
        let text: String = el.text().collect();
        if el.value().name() == "h1" {
            let heading = text.trim().to_ascii_lowercase();
            read = Some(heading.contains("archive") || heading == "read");
            continue;
        }
        let at = match offsets.get(n) {
            Some(pos) => format!("line {}", line_of(content, *pos)),
            None => format!("link {}", n + 1),
        };
        n += 1;
        let Some(href) = el.value().attr("href") else {
            return Err(broken(at, "<a> without href"));
        };
        let added_at = match el.value().attr("time_added") {
            Some(t) => time_at(t, format, &at)?,
            None => None,
        };
        plan.push_saved(
            || at.clone(),
            Saved {
                url: href.to_string(),
                title: Some(text),
                added_at,
                tags: split_tags(el.value().attr("tags").unwrap_or(""), ','),
                read,
                ..Saved::default()
            },
            ctx,
        );
    }
    Ok(plan)
}
