//! Links from pull-quotes to their place on the page (the `quote_links` setting): each quote
//! that has an anchor ends with a small link whose `#:~:text=` fragment makes the browser
//! scroll to the passage and highlight it. Only the HTML and Markdown exports carry them.

use crate::model::{Entry, Issue, QuoteAnchor};
use crate::store::Store;
use crate::text::anchor::{is_quote_of, quote_link};
use std::collections::HashMap;

/// What the link reads as: small, and it says where it goes.
const LINK_TEXT: &str = "↗";

/// Entry id → the anchors of its quotes (`Store::anchors_of`). Empty: no quote is linked.
#[derive(Debug, Clone, Default)]
pub struct QuoteLinks {
    anchors: HashMap<i64, Vec<QuoteAnchor>>,
}

impl QuoteLinks {
    pub fn new(anchors: HashMap<i64, Vec<QuoteAnchor>>) -> QuoteLinks {
        QuoteLinks { anchors }
    }

    /// The anchors of `issue`'s quotes when the store's `quote_links` setting is on; none
    /// (nothing linked) when it is off. What the CLI's and the TUI's exports both use.
    pub fn for_issue(store: &Store, issue: &Issue) -> crate::store::Result<QuoteLinks> {
        if !store.settings()?.quote_links {
            return Ok(QuoteLinks::default());
        }
        let ids: Vec<i64> = issue
            .sections
            .iter()
            .flat_map(|s| s.entries.iter().map(|e| e.id))
            .collect();
        Ok(QuoteLinks::new(store.anchors_of(&ids)?))
    }

    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The quote's Markdown with the link to its place added, when it has an anchor and the
    /// entry's URL is a web URL; the quote as it is otherwise.
    pub(super) fn quote<'a>(&self, entry: &Entry, quote: &'a str) -> std::borrow::Cow<'a, str> {
        let link = self
            .anchors
            .get(&entry.id)
            .and_then(|list| list.iter().find(|a| is_quote_of(a, quote)))
            .and_then(|a| quote_link(&entry.url, a));
        let Some(url) = link else {
            return quote.into();
        };
        let body = quote.trim_end();
        // At the end of the last paragraph; after a code block or a table, which a trailing
        // link would break, in a paragraph of its own. The angle brackets keep any ')' of the
        // URL inside the destination.
        let last = body.lines().last().unwrap_or("");
        let own_paragraph = last.starts_with("```")
            || last.starts_with("~~~")
            || last.starts_with('|')
            || last.starts_with("    ");
        let sep = if own_paragraph { "\n\n" } else { " " };
        format!("{body}{sep}[{LINK_TEXT}](<{url}>)").into()
    }
}
