//! Effects: what `update` asks the outside world to do, as data. `update` stays pure; the
//! loop (`app.rs`) hands these to the runner, which dispatches each to the handler of the
//! screen that owns it (`inbox/run.rs`, `issue/run.rs`, …); handlers touch SQLite (through
//! the core), the fetcher, the clipboard, files and the browser, and answer with messages fed
//! back into `update`.

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
    /// The name kept in the settings table.
    pub fn key(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Text => "text",
        }
    }
    pub fn from_key(key: &str) -> Option<ExportFormat> {
        Self::ALL.into_iter().find(|f| f.key() == key)
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
    /// A file in roundup's cache directory, opened in the browser (`o`).
    Browser,
    /// A draft in a mailing tool (`publish::push_issue`, on a worker thread); the format is
    /// the tool's own (HTML, and the text part where it takes one).
    Push(crate::publish::Service),
}

/// What the editor wrote for one entry, saved whole (a field change rewrites the row).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntryEdit {
    pub title: Option<String>,
    pub body: String,
    pub credit: Credit,
    pub disclosures: Vec<String>,
}

/// What `update` asks for, addressed to the screen that owns the work: the runner hands
/// each to that screen's handler (`<screen>/run.rs`), which calls the core and answers with
/// messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The loop's own work: the browser, `$EDITOR`, other processes' writes.
    App(AppFx),
    Inbox(InboxFx),
    Issue(IssueFx),
    Editor(EditorFx),
    Preview(PreviewFx),
    Check(CheckFx),
    Archive(ArchiveFx),
    Export(ExportFx),
    Reader(ReaderFx),
}

#[derive(Debug, Clone, PartialEq)]
pub enum AppFx {
    /// Has another process written to the database? (`Msg::DataChanged` if so.)
    CheckDataVersion,
    OpenUrl(String),
    /// The first run's answers, to config.toml.
    WriteSetup(crate::tui::setup::state::Setup),
    /// The loop runs `$EDITOR` itself: it owns the terminal.
    ExternalEdit {
        field: usize,
        text: String,
    },
    /// Quitting without the queued writes: keep them in a recovery file.
    SaveRecovery,
}

#[derive(Debug, Clone, PartialEq)]
pub enum InboxFx {
    /// The inbox list; `all` includes used and discarded links.
    Load {
        all: bool,
        limit: Option<usize>,
    },
    LoadRows(Vec<i64>),
    LoadDetail(i64),
    AddUrls(Vec<String>),
    SetState(i64, LinkState),
    /// Many links at once, in one transaction.
    SetStates(Vec<i64>, LinkState),
    Fetch(Vec<i64>),
    /// `section: None` places into the default section, creating a draft when there is none.
    Place {
        link_id: i64,
        section: Option<i64>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum IssueFx {
    /// `None`: the current draft (or the newest issue).
    Load(Option<i64>),
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
    /// Ask the store for the number a new draft would get (`Msg::AskNewNumber`).
    ProposeNumber,
    /// A new draft (`None`: the next number); it becomes the current one.
    New(Option<i64>),
    Renumber {
        from: i64,
        to: i64,
    },
    /// Deletes a draft; its links go back to the inbox with their writing.
    Delete(i64),
    Publish(i64),
    AddSection {
        issue_id: i64,
        heading: String,
    },
    RenameSection {
        section_id: i64,
        heading: String,
    },
    DeleteSection(i64),
    ShowHeading {
        section_id: i64,
        shown: bool,
    },
    /// Takes back one structural change of draft `number`.
    Undo {
        number: i64,
        op: crate::tui::issue::undo::Undo,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum EditorFx {
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
    Suggest {
        kind: crate::store::CreditKind,
        prefix: String,
    },
    SuggestDisclosures {
        entry_id: i64,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum PreviewFx {
    Render { issue_id: i64, markdown: bool },
}

#[derive(Debug, Clone, PartialEq)]
pub enum CheckFx {
    /// `check_issue` on a thread; `Msg::Checked` when done.
    Run { issue_id: i64 },
    /// Fetches a suggested URL on a thread (`Msg::UrlChecked`): only one that answers OK
    /// replaces the entry's link.
    VerifyUrl { entry_id: i64, url: String },
    /// The entry's link takes the URL a check suggested (and `VerifyUrl` found working).
    ReplaceUrl { entry_id: i64, url: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArchiveFx {
    Search { query: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportFx {
    pub issue_id: i64,
    pub format: ExportFormat,
    pub dest: Destination,
    /// The editor said yes to replacing the file (else an existing file is never touched:
    /// the answer is `Msg::AskOverwrite`).
    pub overwrite: bool,
}

impl ExportFx {
    pub fn open_in_browser(issue_id: i64) -> ExportFx {
        ExportFx {
            issue_id,
            format: ExportFormat::Html,
            dest: Destination::Browser,
            overwrite: true,
        }
    }
}

/// The export dialog's last choices, kept in the settings table: the dialog opens on them.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportPrefs {
    pub format: ExportFormat,
    pub to_file: bool,
    pub dir: std::path::PathBuf,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReaderFx {
    /// The link's article text and highlights (`Msg::Article`).
    Load(i64),
    /// Appends the quote to the entry's body with its anchor; `entry_id: None` places the
    /// link first when it is still in the inbox, in `section` (`None`: the default one).
    Quote {
        link_id: i64,
        entry_id: Option<i64>,
        anchor: crate::model::QuoteAnchor,
        section: Option<i64>,
    },
    /// The editor inserted the quote itself (at its cursor): only the anchor is written here.
    SaveAnchor {
        entry_id: i64,
        anchor: crate::model::QuoteAnchor,
    },
    /// The link's imported highlights, for the editor's picker (`Msg::Candidates`).
    Candidates { link_id: i64 },
}

macro_rules! into_effect {
    ($($fx:ident => $variant:ident),* $(,)?) => {
        $(impl From<$fx> for Effect {
            fn from(fx: $fx) -> Effect {
                Effect::$variant(fx)
            }
        })*
    };
}

into_effect!(
    AppFx => App,
    InboxFx => Inbox,
    IssueFx => Issue,
    EditorFx => Editor,
    PreviewFx => Preview,
    CheckFx => Check,
    ArchiveFx => Archive,
    ExportFx => Export,
    ReaderFx => Reader,
);

impl Effect {
    /// Whether the effect writes to the database (the status shows "saving…" until
    /// `Msg::Saved`).
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Effect::Editor(
                EditorFx::SaveEntry { .. }
                    | EditorFx::SaveSponsor { .. }
                    | EditorFx::SaveIntro { .. }
            ) | Effect::Inbox(InboxFx::SetState(..) | InboxFx::Place { .. })
                | Effect::Issue(
                    IssueFx::MoveEntry { .. }
                        | IssueFx::MoveEntryTo { .. }
                        | IssueFx::MoveSection { .. }
                        | IssueFx::RemoveEntry(_)
                        | IssueFx::New(_)
                        | IssueFx::Renumber { .. }
                        | IssueFx::Delete(_)
                        | IssueFx::AddSection { .. }
                        | IssueFx::RenameSection { .. }
                        | IssueFx::DeleteSection(_)
                        | IssueFx::ShowHeading { .. }
                        | IssueFx::Undo { .. }
                )
                | Effect::Check(CheckFx::ReplaceUrl { .. })
                | Effect::Reader(ReaderFx::Quote { .. } | ReaderFx::SaveAnchor { .. })
        )
    }
}
