//! The whole TUI state: plain data, drawn by the views and changed only by `update`.

use super::archive::state::ArchiveState;
use super::check::state::CheckState;
use super::editor::state::EditorState;
use super::export::state::ExportState;
use super::help::state::HelpState;
use super::inbox::state::InboxState;
use super::issue::state::{IssueState, PickerState};
use super::keymap::{Ctx, Keymap};
use super::preview::state::PreviewState;
use super::status::Status;
use crate::model::{Issue, Link};
use crate::store::InboxRow;
use ratatui::crossterm::event::KeyEvent;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Inbox,
    Issue,
    Editor,
    Preview,
    Archive,
    Reader,
}

pub use super::dialog::state::{ConfirmState, PromptFor, PromptState};

#[derive(Debug)]
pub enum Overlay {
    Help(HelpState),
    Prompt(PromptState),
    Picker(PickerState),
    Export(ExportState),
    Confirm(ConfirmState),
    /// The check panel (its data is `App::check`: the marks outlive the panel).
    Check,
    /// The first run's questions.
    Setup(Box<crate::tui::setup::state::SetupState>),
    /// The editor's imported-highlight picker.
    Candidates(super::reader::picker::CandidatePicker),
}

/// A short summary of an issue for switching between them.
#[derive(Debug, Clone, PartialEq)]
pub struct IssueRef {
    pub id: i64,
    pub number: i64,
    pub published: bool,
}

/// Everything the loop feeds into `update`.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    Resize(u16, u16),
    /// The clock moved (ages, and flushing typed text).
    Tick(i64),
    /// Time to ask whether another process wrote (the loop sends it every ~500 ms).
    PollChanges,
    /// Another process wrote: reload what is shown.
    DataChanged,
    InboxLoaded {
        rows: Vec<InboxRow>,
        complete: bool,
    },
    RowsUpdated(Vec<InboxRow>),
    /// The selected link in full, with the disclosure notes its rules suggest.
    Detail {
        link: Box<Link>,
        notes: Vec<String>,
    },
    IssueLoaded {
        issue: Option<Box<Issue>>,
        issues: Vec<IssueRef>,
    },
    Preview(String),
    Suggestions(Vec<String>),
    Disclosures(Vec<String>),
    /// This many fetches were started.
    FetchQueued(usize),
    FetchStarted(i64),
    /// One fetch ended (its result is already in the store).
    FetchDone {
        id: i64,
        ok: bool,
    },
    FetchFinished,
    ExternalEdited {
        field: usize,
        text: String,
    },
    /// A background check of the issue ended.
    Checked {
        issue_id: i64,
        problems: Vec<crate::check::Problem>,
    },
    /// The check could not start (the issue or the templates could not be read).
    CheckFailed(String),
    /// A suggested URL was fetched: `Err` says why it cannot replace the entry's link.
    UrlChecked {
        entry_id: i64,
        url: String,
        result: Result<(), String>,
    },
    /// The entry's link now has the suggested URL.
    UrlReplaced {
        entry_id: i64,
    },
    SearchResults {
        query: String,
        hits: Vec<crate::store::SearchHit>,
    },
    /// The file exists: ask before the export replaces it.
    AskOverwrite(crate::tui::effects::ExportFx),
    /// The export dialog's choices, remembered.
    ExportPrefs(crate::tui::effects::ExportPrefs),
    /// The number a new draft would get: ask, with it as the default.
    AskNewNumber(i64),
    /// A change whose undo is known only once written (the id of a new section).
    UndoPush(crate::tui::issue::undo::Undo),
    /// An undone section deletion made the section again, under a new id.
    SectionRestored {
        old: i64,
        new: i64,
    },
    /// The cursor goes to this row when the issue loads.
    Follow(crate::tui::issue::state::Follow),
    /// The reader's article (`ReaderFx::Load`).
    Article(Box<super::reader::state::Article>),
    /// A quote from the reader reached entry `entry_id`.
    Quoted {
        link_id: i64,
        entry_id: i64,
    },
    /// A link's imported highlights, for the editor's picker.
    Candidates {
        link_id: i64,
        list: Vec<crate::model::QuoteCandidate>,
    },
    /// A write reached the database.
    Saved,
    /// This many writes wait for another process's write lock (0: all landed).
    Waiting(usize),
    /// The writes that never landed were kept in this file (the editor quit without them).
    Recovered(std::path::PathBuf),
    Info(String),
    Error(String),
}

pub struct App {
    pub screen: Screen,
    /// Where Esc from the editor or preview returns.
    pub prev_screen: Screen,
    pub overlay: Option<Overlay>,
    pub inbox: InboxState,
    pub issue: IssueState,
    pub editor: Option<EditorState>,
    pub preview: PreviewState,
    pub check: CheckState,
    pub archive: ArchiveState,
    /// The reader, while it is open.
    pub reader: Option<super::reader::state::ReaderState>,
    pub status: Status,
    pub keymap: Keymap,
    pub size: (u16, u16),
    /// Seconds since the epoch, for ages; the loop sets it, tests fix it.
    pub now: i64,
    pub color: bool,
    pub quit: bool,
    /// The export dialog's last choices (format, destination, folder).
    pub export_prefs: crate::tui::effects::ExportPrefs,
    /// Quit was asked for while writes wait for the database (`quitting.rs`).
    pub quitting: Option<super::quitting::Quitting>,
    /// Newsletter name for the header.
    pub newsletter: String,
    /// The mailing tools whose settings are complete: the export dialog offers a push to each.
    pub push_services: Vec<crate::publish::Service>,
}

impl App {
    pub fn new(keymap: Keymap, size: (u16, u16), now: i64) -> App {
        App {
            screen: Screen::Inbox,
            prev_screen: Screen::Inbox,
            overlay: None,
            inbox: InboxState::default(),
            issue: IssueState::default(),
            editor: None,
            preview: PreviewState::default(),
            check: CheckState::default(),
            archive: ArchiveState::default(),
            reader: None,
            status: Status::default(),
            keymap,
            size,
            now,
            color: true,
            quit: false,
            export_prefs: crate::tui::effects::ExportPrefs {
                format: crate::tui::effects::ExportFormat::Markdown,
                to_file: false,
                dir: std::env::current_dir().unwrap_or_default(),
            },
            quitting: None,
            newsletter: "roundup".to_string(),
            push_services: Vec::new(),
        }
    }

    /// Wide enough to show the preview beside the issue.
    pub fn wide(&self) -> bool {
        self.size.0 >= 120
    }

    /// The keymap contexts in force, first match wins.
    pub fn chain(&self) -> Vec<Ctx> {
        match &self.overlay {
            Some(Overlay::Help(_)) => return vec![Ctx::Help, Ctx::List],
            Some(Overlay::Prompt(_)) => return vec![Ctx::Prompt],
            Some(Overlay::Picker(_)) => return vec![Ctx::Picker, Ctx::List],
            Some(Overlay::Export(_)) => return vec![Ctx::Export, Ctx::List],
            Some(Overlay::Confirm(_)) => return vec![Ctx::Confirm],
            Some(Overlay::Setup(_)) => return vec![Ctx::Prompt],
            Some(Overlay::Check) => return vec![Ctx::Check, Ctx::List],
            Some(Overlay::Candidates(_)) => return vec![Ctx::Picker, Ctx::List],
            None => {}
        }
        self.screen_chain()
    }

    /// The chain of the screen itself, ignoring overlays (what help describes).
    pub fn screen_chain(&self) -> Vec<Ctx> {
        match self.screen {
            Screen::Inbox if self.inbox.filtering => vec![Ctx::Filter],
            Screen::Inbox => vec![Ctx::Inbox, Ctx::List, Ctx::Global],
            Screen::Issue => vec![Ctx::Issue, Ctx::List, Ctx::Global],
            Screen::Editor => vec![Ctx::Editor],
            Screen::Preview => vec![Ctx::Preview, Ctx::Global],
            // Typing goes into the search box: only named keys act.
            Screen::Archive => vec![Ctx::Archive],
            Screen::Reader if self.reader.as_ref().is_some_and(|r| r.search.typing) => {
                vec![Ctx::ReaderSearch]
            }
            Screen::Reader => vec![Ctx::Reader, Ctx::Global],
        }
    }

    pub fn draft_label(&self) -> String {
        match &self.issue.issue {
            Some(i) => {
                let n: usize = i.sections.iter().map(|s| s.entries.len()).sum();
                let kind = if self.issue.is_published() {
                    "#"
                } else {
                    "draft #"
                };
                let entries = if n == 1 { "entry" } else { "entries" };
                format!("{kind}{} ({n} {entries})", i.number)
            }
            None => "no issue yet".to_string(),
        }
    }
}
