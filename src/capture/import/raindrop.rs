//! Raindrop.io's CSV backup: `id,title,note,excerpt,url,folder,tags,created,cover,highlights,
//! favorite` (a single collection's export has no `folder`). Tags are comma-separated, the
//! folder is a path (`Research/Go`), highlights are one per line or `Highlight:`/`Note:` pairs.

use super::saved::{Ctx, Saved, split_tags, time_at};
use super::table::Table;
use super::{Format, ImportError, Plan};
use crate::model::QuoteCandidate;

pub(crate) fn plan(content: &str, ctx: &Ctx) -> Result<Plan, ImportError> {
    let format = Format::Raindrop;
    let mut plan = Plan::default();
    Table::each(content, format, &["url"], |table, row| {
        let mut tags = split_tags(table.get(row, "tags"), ',');
        let folder = table.get(row, "folder").trim();
        // "Unsorted" is Raindrop's name for no folder.
        if !folder.is_empty() && !folder.eq_ignore_ascii_case("unsorted") {
            tags.insert(0, folder.to_string());
        }
        plan.push_saved(
            || row.at(),
            Saved {
                url: table.get(row, "url").to_string(),
                title: table.opt(row, "title"),
                note: table.opt(row, "note"),
                description: table.opt(row, "excerpt"),
                added_at: time_at(table.get(row, "created"), format, &row.at())?,
                tags,
                quotes: highlights(table.get(row, "highlights")),
                favorite: table
                    .get(row, "favorite")
                    .trim()
                    .eq_ignore_ascii_case("true"),
                ..Saved::default()
            },
            ctx,
        );
        Ok(())
    })?;
    Ok(plan)
}

fn highlights(cell: &str) -> Vec<QuoteCandidate> {
    let cell = cell.replace("\r\n", "\n");
    let structured = cell.lines().any(|l| {
        l.trim_start()
            .to_ascii_lowercase()
            .starts_with("highlight:")
    });
    if !structured {
        return cell
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| QuoteCandidate {
                text: l.trim().to_string(),
                ..QuoteCandidate::default()
            })
            .collect();
    }
    let mut out: Vec<QuoteCandidate> = Vec::new();
    let mut in_note = false;
    for line in cell.lines() {
        let t = line.trim_start();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("highlight:") {
            out.push(QuoteCandidate {
                text: t["highlight:".len()..].trim().to_string(),
                ..QuoteCandidate::default()
            });
            in_note = false;
        } else if lower.starts_with("note:") {
            if let Some(q) = out.last_mut() {
                q.note = Some(t["note:".len()..].trim().to_string());
                in_note = true;
            }
        } else if let Some(q) = out.last_mut() {
            // A highlight or note that spans lines.
            let field = if in_note {
                q.note.get_or_insert_with(String::new)
            } else {
                &mut q.text
            };
            field.push('\n');
            field.push_str(line);
        }
    }
    for q in &mut out {
        q.text = q.text.trim().to_string();
        q.note = q.note.take().map(|n| n.trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::highlights;

    #[test]
    fn highlights_one_per_line_or_in_pairs() {
        let plain = highlights("First highlight\nSecond highlight\n");
        assert_eq!(plain.len(), 2);
        assert_eq!(plain[1].text, "Second highlight");
        let pairs = highlights("Highlight: a line\nand its next\nNote: mine\n\nHighlight: b");
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].text, "a line\nand its next");
        assert_eq!(pairs[0].note.as_deref(), Some("mine"));
        assert_eq!(pairs[1].text, "b");
    }
}
