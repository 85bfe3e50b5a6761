//! `roundup read ID [--format markdown|text]`: a link's readable article text, from the
//! database (it was extracted when the page was fetched: no network here). Exit status 1,
//! with the reason on stderr, when the link has no text.

use super::export::print_out;
use crate::store::{ArticleText, Store};
use crate::text::markdown_to_text;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ReadFormat {
    /// The article as Markdown (headings, emphasis, links, block quotes)
    #[default]
    Markdown,
    /// Plain text: paragraphs, list items on their own lines, no link addresses
    Text,
}

pub fn run(store: &Store, id: i64, format: ReadFormat) -> anyhow::Result<i32> {
    let why = match store.article_text(id)? {
        ArticleText::Article { markdown, .. } => {
            let mut out = match format {
                ReadFormat::Markdown => markdown,
                ReadFormat::Text => markdown_to_text(&markdown),
            };
            out.push('\n');
            print_out(&out)?;
            return Ok(0);
        }
        ArticleText::NotArticle => {
            "has no article text: the page is not an article (a home page, a form, an app)"
                .to_string()
        }
        ArticleText::NotHtml { content_type } => {
            format!("has no article text: it is not a web page but {content_type}")
        }
        ArticleText::NeverFetched => {
            "has no article text yet: it was never fetched (`roundup fetch`)".to_string()
        }
        ArticleText::FetchFailed { reason } => format!(
            "has no article text: its fetch failed ({reason}); `roundup fetch --failed` retries"
        ),
        ArticleText::NotExtracted => "has no article text: it was fetched before roundup kept \
             article text; `roundup fetch --all` reads it again"
            .to_string(),
    };
    err!("roundup: link #{id} {why}");
    Ok(1)
}
