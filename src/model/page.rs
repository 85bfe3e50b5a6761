//! What fetching a link can tell: the page's metadata, why a fetch failed, what a feed pull
//! found. Plain data, shared by capture (which produces it) and the store (which records
//! it), so neither has to know the other.

use super::NewLink;
use serde::{Deserialize, Serialize};

/// What a fetch learns about a page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publication: Option<String>,
    pub description: Option<String>,
    /// As found on the page (ISO 8601 when the page says so).
    pub published: Option<String>,
    /// Where the request ended after redirects; set by the fetcher, not by `extract`.
    pub final_url: Option<String>,
    /// The article's readable text; `None` when it was not looked for (the fetch's deadline
    /// had passed), so what is stored from an earlier fetch stays.
    pub readable: Option<super::Readable>,
}

/// Why a fetch failed, as the short reason stored on the link.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchFailure {
    #[error("timeout")]
    Timeout,
    #[error("HTTP {0}")]
    Status(u16),
    /// Not produced by `fetch_one` (a PDF or an image gets a title from its URL instead);
    /// for callers that need an HTML page, such as a link checker.
    #[error("not HTML")]
    NotHtml,
    #[error("too large")]
    TooLarge,
    #[error("TLS error")]
    Tls,
    #[error("connection refused")]
    Refused,
    #[error("DNS error")]
    Dns,
    #[error("too many redirects")]
    TooManyRedirects,
    #[error("connection failed")]
    Connection,
    #[error("invalid URL")]
    InvalidUrl,
    #[error("{0}")]
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum PullOutcome {
    /// 304: nothing changed since the last pull.
    NotModified,
    Fetched {
        title: Option<String>,
        etag: Option<String>,
        last_modified: Option<String>,
        /// Every item, newest as the feed orders them; the store skips known URLs.
        items: Vec<NewLink>,
    },
}
