//! What callers ask the store to write, before it is stored: a new entry, a new feed, and a
//! whole issue to load (from an issue file). Validated by the layer above (compose, capture);
//! the store writes them all or nothing.

use super::{Credit, NewLink, QuoteCandidate, SectionStyle, Sponsor};

/// What an entry is made of, for inserting one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewEntry {
    pub title: Option<String>,
    pub body: String,
    pub credit: Credit,
    pub disclosures: Vec<String>,
}

/// A feed subscription to add (from an OPML file).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewFeed {
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
}

/// A link to store in bulk, with its canonical URL (the de-duplication key) computed by the
/// caller, which also decided what to do with the URLs that have none.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedLink {
    pub canonical: String,
    pub link: NewLink,
}

/// Highlights of a document exported without its URL (Readwise): attached to the stored
/// link with the same title, if there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct TitledQuotes {
    pub title: String,
    pub tags: Vec<String>,
    pub quotes: Vec<QuoteCandidate>,
}

/// A whole issue to load over a draft (or as a new one): the issue file, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct IssuePlan {
    pub number: i64,
    pub title: String,
    pub date: Option<String>,
    pub intro: Option<String>,
    pub sponsor: Option<Sponsor>,
    pub sections: Vec<SectionPlan>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionPlan {
    pub heading: String,
    pub style: SectionStyle,
    pub show_heading: bool,
    pub entries: Vec<EntryPlan>,
}

/// One entry: its link (found by canonical URL, or created as `used`) and what was written.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryPlan {
    pub link: PlannedLink,
    pub entry: NewEntry,
}
