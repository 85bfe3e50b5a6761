//! What the reader's effects do: read a link's article and highlights from the store (a
//! fast read: the text was extracted at fetch time), take a quote into an entry, remember a
//! quote's anchor, and list a link's highlights for the editor's picker.

use super::state::Article;
use crate::tui::effects::ReaderFx;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, fx: ReaderFx) -> Res {
    match fx {
        ReaderFx::Load(link_id) => {
            let link = rt.store.link(link_id)?;
            let mut byline = link.authors.join(", ");
            if let Some(p) = link.publication.as_deref().filter(|p| *p != byline) {
                if !byline.is_empty() {
                    byline.push_str(" · ");
                }
                byline.push_str(p);
            }
            let article = Article {
                link_id,
                title: link.display_title().to_string(),
                byline,
                url: link.url.clone(),
                text: rt.store.article_text(link_id)?,
                candidates: rt.store.link_extras(link_id)?.quote_candidates,
            };
            Ok(vec![Msg::Article(Box::new(article))])
        }
        ReaderFx::Quote {
            link_id,
            entry_id,
            anchor,
            section,
        } => {
            let q = crate::compose::quotes::take_quote(
                &rt.store, &rt.config, link_id, entry_id, &anchor, section,
            )?;
            // The editor's cache of what it last wrote would hide this change from it.
            rt.saved.remove(&q.entry.id);
            let title = q.entry.title.clone().unwrap_or(q.entry.url.clone());
            let mut msgs = vec![
                Msg::Saved,
                Msg::Quoted {
                    link_id,
                    entry_id: q.entry.id,
                },
                Msg::Info(format!(
                    "Quoted into «{}» ({}){}",
                    crate::tui::view::fit(&title, 40),
                    q.place,
                    if q.placed {
                        " · placed in the issue"
                    } else {
                        ""
                    }
                )),
            ];
            if q.placed {
                msgs.push(Msg::RowsUpdated(rt.store.inbox_rows_by_id(&[link_id])?));
            }
            msgs.extend(crate::tui::issue::run::load(rt, None)?);
            Ok(msgs)
        }
        ReaderFx::SaveAnchor { entry_id, anchor } => {
            rt.store.save_anchor(entry_id, &anchor)?;
            Ok(vec![Msg::Saved])
        }
        ReaderFx::Candidates { link_id } => Ok(vec![Msg::Candidates {
            link_id,
            list: rt.store.link_extras(link_id)?.quote_candidates,
        }]),
    }
}
