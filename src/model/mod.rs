//! Plain data shared by every part of roundup, at the bottom of the stack. No I/O here: the
//! store reads and writes these, capture fills them, compose edits them, export renders them,
//! the TUI shows them. The link vocabulary every layer needs lives here too: canonical URLs
//! (`canonical`), a fetched page's metadata, why a fetch failed, a feed pull's outcome.

mod article;
pub mod body;
pub mod canonical;
mod page;
mod plan;
pub mod text;

pub use article::{QuoteAnchor, Readable, WORDS_PER_MINUTE, reading_minutes};
pub use page::{FetchFailure, PageMeta, PullOutcome};
pub use plan::{EntryPlan, IssuePlan, NewEntry, NewFeed, PlannedLink, SectionPlan, TitledQuotes};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a link is in the editor's week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkState {
    /// Waiting to be triaged.
    Inbox,
    /// Kept back for a later issue.
    Held,
    /// Placed in an issue as an entry.
    Used,
    /// Thrown away (kept so it is not re-added from a feed).
    Discarded,
}

impl LinkState {
    pub const ALL: [LinkState; 4] = [Self::Inbox, Self::Held, Self::Used, Self::Discarded];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inbox => "inbox",
            Self::Held => "held",
            Self::Used => "used",
            Self::Discarded => "discarded",
        }
    }
}

impl fmt::Display for LinkState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LinkState {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| format!("unknown link state '{s}' (inbox, held, used, discarded)"))
    }
}

/// A collected URL with the metadata fetched for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub id: i64,
    /// As the editor (or the feed, or the bookmark file) gave it.
    pub url: String,
    /// The de-duplication key: see `model::canonical`.
    pub canonical_url: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publication: Option<String>,
    pub description: Option<String>,
    /// The article's publication date as found on the page (ISO 8601 date or date-time).
    pub published: Option<String>,
    pub state: LinkState,
    pub via: Option<String>,
    pub note: Option<String>,
    pub feed_id: Option<i64>,
    /// RFC 3339, UTC.
    pub added_at: String,
    pub fetched_at: Option<String>,
    /// A short reason ("timeout", "HTTP 404") when the last fetch failed.
    pub fetch_error: Option<String>,
    /// Numbers of the published issues this link was featured in.
    pub featured_in: Vec<i64>,
}

impl Link {
    /// What to show for the link: its title, else its URL.
    pub fn display_title(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.url)
    }
}

/// What the caller knows about a link before it is stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewLink {
    pub url: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub publication: Option<String>,
    pub description: Option<String>,
    pub published: Option<String>,
    pub via: Option<String>,
    pub note: Option<String>,
    pub feed_id: Option<i64>,
    /// RFC 3339; now when `None`.
    pub added_at: Option<String>,
    /// Where it came from ("pocket", "serve"…); "feed" or "manual" when `None`.
    pub source: Option<String>,
    /// Folders, tags and read state from the source.
    pub tags: Vec<String>,
    /// Highlights from the source, offered later as pull-quotes.
    pub quote_candidates: Vec<QuoteCandidate>,
    /// Words in its article text, when it has some (issue 13).
    pub words: Option<u32>,
}

/// A highlight or selection saved in a read-later tool: offered in the entry editor to be
/// inserted as a pull-quote.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteCandidate {
    pub text: String,
    /// The saver's annotation on the highlight.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// RFC 3339 UTC, when the source says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highlighted_at: Option<String>,
}

/// What a link carries besides its metadata: where it came from, its tags, its highlights.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkExtras {
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub quote_candidates: Vec<QuoteCandidate>,
    /// Words in its article text, when it has some (issue 13).
    pub words: Option<u32>,
}

/// A feed subscription.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_pulled_at: Option<String>,
    pub last_error: Option<String>,
    pub added_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IssueStatus {
    Draft,
    Published,
}

impl IssueStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Published => "published",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Self::Draft),
            "published" => Some(Self::Published),
            _ => None,
        }
    }
}

/// How a section renders: `articles` (headed entries with blurb, quotes, credit) or `list`
/// (the Outages style: a bulleted linked name with optional nested notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionStyle {
    #[default]
    Articles,
    List,
}

impl SectionStyle {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Articles => "articles",
            Self::List => "list",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "articles" => Some(Self::Articles),
            "list" => Some(Self::List),
            _ => None,
        }
    }
}

/// "A message from our sponsor, NAME:" + message + link (shown as `link_text` when set).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    pub name: String,
    pub url: Option<String>,
    pub message: Option<String>,
    #[serde(default)]
    pub link_text: Option<String>,
}

/// Authors + publication + via: "Shahar and Tal — Keep (via HackerNews)".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub authors: Vec<String>,
    pub publication: Option<String>,
    pub via: Option<String>,
}

/// A link placed in a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: i64,
    pub section_id: i64,
    pub link_id: i64,
    pub position: i64,
    pub url: String,
    /// The editor's title; falls back to the link's fetched title, then the URL.
    pub title: Option<String>,
    /// Markdown: the commentary, with the pull-quotes as block quotes (see `model::body`).
    pub body: String,
    pub credit: Credit,
    pub disclosures: Vec<String>,
}

impl Entry {
    /// What to show for the entry: its title, else its URL.
    pub fn display_title(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.url)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: i64,
    pub issue_id: i64,
    pub heading: String,
    pub style: SectionStyle,
    /// Off: the section's entries print without its heading.
    #[serde(default = "shown")]
    pub show_heading: bool,
    pub position: i64,
    pub entries: Vec<Entry>,
}

/// One issue of the newsletter, with its sections and entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    pub id: i64,
    pub number: i64,
    pub title: String,
    /// ISO date (YYYY-MM-DD): the send date, stamped on publish when unset.
    pub date: Option<String>,
    pub status: IssueStatus,
    pub intro: Option<String>,
    pub sponsor: Option<Sponsor>,
    pub sections: Vec<Section>,
}

fn shown() -> bool {
    true
}
