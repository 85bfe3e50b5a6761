//! Effects: what `update` asks the outside world to do, as data. `update` stays pure; the
//! loop (`app.rs`) hands these to `run`, which touches SQLite, the fetcher, the clipboard,
//! files and the browser, and answers with messages fed back into `update`.

use crate::model::{Credit, LinkState, Sponsor};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Html,
    Text,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 3] = [Self::Markdown, Self::Html, Self::Text];
    pub fn label(self) -> &'static str {
        match self {
            Self::Markdown => "Markdown",
            Self::Html => "HTML",
            Self::Text => "Plain text",
        }
    }
    pub fn ext(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Text => "txt",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Clipboard,
    File(std::path::PathBuf),
}

/// What the editor wrote for one entry, saved whole (a field change rewrites the row).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryEdit {
    pub title: Option<String>,
    pub blurb: String,
    pub quotes: Vec<String>,
    pub credit: Credit,
    pub disclosures: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The inbox list; `all` includes used and discarded links.
    LoadInbox {
        all: bool,
        limit: Option<usize>,
    },
    LoadRows(Vec<i64>),
    /// Has another process written to the database? (`Msg::DataChanged` if so.)
    CheckDataVersion,
    LoadDetail(i64),
    AddUrls(Vec<String>),
    SetLinkState(i64, LinkState),
    /// Many links at once, in one transaction.
    SetLinksState(Vec<i64>, LinkState),
    Fetch(Vec<i64>),
    OpenUrl(String),
    /// `None`: the current draft (or the newest issue).
    LoadIssue(Option<i64>),
    /// `section: None` places into the default section, creating a draft when there is none.
    PlaceLink {
        link_id: i64,
        section: Option<i64>,
    },
    MoveEntry {
        entry_id: i64,
        delta: i64,
    },
    MoveEntryTo {
        entry_id: i64,
        section_id: i64,
    },
    MoveSection {
        section_id: i64,
        delta: i64,
    },
    RemoveEntry(i64),
    NewIssue,
    Publish(i64),
    SaveEntry {
        entry_id: i64,
        edit: EntryEdit,
    },
    SaveSponsor {
        issue_id: i64,
        sponsor: Option<Sponsor>,
    },
    SaveIntro {
        issue_id: i64,
        intro: Option<String>,
    },
    RenderPreview {
        issue_id: i64,
        markdown: bool,
    },
    Suggest {
        kind: crate::store::CreditKind,
        prefix: String,
    },
    SuggestDisclosures {
        entry_id: i64,
    },
    /// `check_issue` on a thread; `Msg::Checked` when done.
    RunCheck {
        issue_id: i64,
    },
    /// The entry's link takes the URL a check suggested.
    ReplaceUrl {
        entry_id: i64,
        url: String,
    },
    Search {
        query: String,
    },
    ExternalEdit {
        field: usize,
        text: String,
    },
    Export {
        issue_id: i64,
        format: ExportFormat,
        dest: Destination,
    },
}
