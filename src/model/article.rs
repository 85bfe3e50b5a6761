//! An article's readable text (issue 13) and where a pull-quote came from in it: what the
//! fetch workers store, the reader shows, and the check and exports use to find a quote again.

use serde::{Deserialize, Serialize};

/// What a fetch found as a page's readable text (issue 13): the article's main text, taken
/// out of the page by a Readability port at fetch time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Readable {
    /// The article, as Markdown, with its plain text (what search indexes: no link targets,
    /// no image addresses) and the number of words in that text.
    Article {
        markdown: String,
        text: String,
        words: u32,
    },
    /// An HTML page with no article in it (a home page, a login form, an app shell).
    NotArticle,
    /// Not an HTML page at all (a PDF, an image, JSON); `content_type` as the server said.
    NotHtml { content_type: String },
}

/// Words read per minute, for reading times: Brysbaert (2019), "How many words do we read per
/// minute?", the mean silent-reading rate of adults for non-fiction in English.
pub const WORDS_PER_MINUTE: u32 = 238;

/// Minutes to read `words` words, rounded up (a 40-word page is still "1 min").
pub fn reading_minutes(words: u32) -> u32 {
    words.div_ceil(WORDS_PER_MINUTE)
}

/// Where a pull-quote came from, as the W3C Web Annotation TextQuoteSelector records it: the
/// exact text plus a few words before and after. The context lets the check tell a quote
/// whose words were edited ("changed") from one whose passage is no longer there ("gone"),
/// and lets an export link the quote to its place with a `#:~:text=` fragment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteAnchor {
    /// The quoted passage, whitespace collapsed.
    pub exact: String,
    /// A few words just before the passage; a paragraph break stays as "\n\n", so a text
    /// fragment can keep to the passage's own block.
    pub prefix: String,
    /// A few words just after the passage (same form as `prefix`).
    pub suffix: String,
}
