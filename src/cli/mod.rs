//! The command line (clap derive). Names are fixed by DESIGN.md: scripts depend on them.
//! Each command lives in its own file and returns `anyhow::Result`; `main` prints the error.

/// `println!` for everything the CLI prints: control characters (a page title's escape
/// sequences) are removed, so nothing stored can drive the editor's terminal.
macro_rules! out {
    ($($t:tt)*) => { println!("{}", $crate::model::text::printable(&format!($($t)*))) };
}

/// `eprintln!`, cleaned the same way.
macro_rules! err {
    ($($t:tt)*) => { eprintln!("{}", $crate::model::text::printable(&format!($($t)*))) };
}

mod add;
mod check;
mod export;
mod feed;
mod fetch;
mod import;
mod issue;
mod list;
mod push;
mod read;
mod search;
mod serve;
mod settings;
mod site;

pub use list::link_json;

use crate::model::LinkState;
use crate::store::{Store, StoreError};
use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "roundup",
    version,
    about = "Collect links all week; write and export the newsletter issue."
)]
pub struct Cli {
    /// The database (default: roundup.db in the XDG data directory)
    #[arg(long, global = true, env = "ROUNDUP_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add links to the inbox ('-' reads one URL per line from stdin)
    Add {
        #[arg(required = true, value_name = "URL")]
        urls: Vec<String>,
        /// Who or where the link came from ("HackerNews")
        #[arg(long, value_name = "NAME")]
        via: Option<String>,
        /// Store the links without fetching their metadata
        #[arg(long)]
        no_fetch: bool,
    },
    /// Fetch metadata and article text for links (default: those never fetched)
    Fetch {
        /// Retry the links whose last fetch failed
        #[arg(long, conflicts_with = "all")]
        failed: bool,
        /// Fetch every link again
        #[arg(long)]
        all: bool,
    },
    /// Manage feed subscriptions
    Feed {
        #[command(subcommand)]
        command: FeedCommand,
    },
    /// Import an export from Pocket, Omnivore, Raindrop.io, Readwise, Instapaper, Pinboard,
    /// linkding, wallabag or Karakeep (a file, a zip or a folder), a bookmarks HTML, OPML,
    /// RSS/Atom/JSON Feed file or a list of URLs
    Import {
        file: PathBuf,
        /// Read FILE as this format instead of detecting it
        #[arg(long, value_name = "NAME", value_parser = parse_format)]
        format: Option<crate::capture::import::Format>,
        /// Leave out what the source marks as read or archived
        #[arg(long)]
        unread_only: bool,
    },
    /// Open the TUI on a temporary database holding a sample inbox and draft
    Demo,
    /// List links
    List {
        #[arg(long, value_enum, default_value_t = StateArg::Inbox)]
        state: StateArg,
        /// Only links with this tag (a folder, tag or read state from where they came from)
        #[arg(long, value_name = "TAG")]
        tag: Option<String>,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Take links over HTTP while roundup is not open: a bookmarklet, share URLs, scripts and
    /// Miniflux's "save" webhook (token authentication)
    Serve {
        /// The address to listen on; anything but a loopback address is reachable from other
        /// machines
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7777")]
        listen: String,
        /// Print the bookmarklet for this address and exit
        #[arg(long)]
        bookmarklet: bool,
        /// Store links without fetching their metadata
        #[arg(long)]
        no_fetch: bool,
        /// How long a request waits for another process's write before answering 503
        #[arg(long, value_name = "SECS", default_value_t = 60, hide = true)]
        write_wait: u64,
    },
    /// Full-text search over links, published issues and the articles' text
    Search {
        query: String,
        /// Where to look: titles and what was written about the links, the articles' text,
        /// or both (article-text matches after the others)
        #[arg(long = "in", value_enum, default_value_t = search::InArg::All)]
        scope: search::InArg,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Print a link's readable article text (extracted when it was fetched)
    Read {
        /// The link's id (`roundup list`)
        id: i64,
        #[arg(long, value_enum, default_value_t = read::ReadFormat::Markdown)]
        format: read::ReadFormat,
    },
    /// Discard links by id, or every stale one
    Discard {
        ids: Vec<i64>,
        /// Discard every inbox link older than stale_after_days that was never used
        #[arg(long)]
        stale: bool,
    },
    /// Show or change a setting stored in the database
    Setting {
        key: Option<String>,
        value: Option<String>,
    },
    /// Issues: new, list, load a JSON issue file, publish to the archive
    #[command(subcommand)]
    Issue(issue::IssueCommand),
    /// Export an issue (the current draft by default) to stdout, a file or the clipboard
    Export {
        /// The issue number (default: the current draft)
        number: Option<i64>,
        #[arg(long, value_enum)]
        format: export::FormatArg,
        /// Write to FILE instead of stdout
        #[arg(long, value_name = "FILE", conflicts_with = "clipboard")]
        output: Option<PathBuf>,
        /// Copy to the clipboard (OSC 52 when there is no display)
        #[arg(long)]
        clipboard: bool,
        /// Overwrite FILE if it exists
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Check an issue before sending (the current draft by default): dead links, redirects,
    /// tracking parameters, missing blurbs or credits, duplicates, HTML size. Exit 1 on errors
    Check {
        /// The issue number (default: the current draft)
        number: Option<i64>,
        /// Print the problems as a JSON array
        #[arg(long)]
        json: bool,
        /// Only check what was written: fetch no link
        #[arg(long)]
        offline: bool,
    },
    /// Push an issue (the current draft by default) to a mailing tool as a draft; never sends
    Push {
        /// The issue number (default: the current draft)
        number: Option<i64>,
        #[arg(long, value_enum)]
        to: push::ServiceArg,
        /// Print the requests (secrets redacted) and send nothing
        #[arg(long)]
        dry_run: bool,
        /// listmonk: also send a test of the campaign to this subscriber's address
        #[arg(long, value_name = "ADDRESS")]
        test_to: Option<String>,
    },
    /// Build the static web archive of the published issues (pages, Atom and JSON feeds)
    Site {
        /// The site's directory (default: ./site); only changed files are rewritten
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Holds the clipboard for `export --clipboard` (internal)
    #[command(name = "clipboard-serve", hide = true)]
    ClipboardServe,
}

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed (or to the feed a page advertises)
    Add { url: String },
    /// List subscriptions
    List,
    /// Pull every feed; new items go to the inbox
    Pull,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    Inbox,
    Held,
    Used,
    Discarded,
    /// Inbox links older than the stale_after_days setting, never used
    Stale,
    All,
}

impl StateArg {
    pub fn states(self) -> Option<Vec<LinkState>> {
        match self {
            StateArg::Inbox => Some(vec![LinkState::Inbox]),
            StateArg::Held => Some(vec![LinkState::Held]),
            StateArg::Used => Some(vec![LinkState::Used]),
            StateArg::Discarded => Some(vec![LinkState::Discarded]),
            StateArg::All | StateArg::Stale => None,
        }
    }
}

fn parse_format(s: &str) -> Result<crate::capture::import::Format, String> {
    s.parse()
}

/// Opens the database the user chose (flag, then ROUNDUP_DB, then the XDG default).
pub fn open_store(db: Option<PathBuf>) -> anyhow::Result<Store> {
    let path = db.unwrap_or_else(crate::paths::default_db);
    let store = match Store::open(&path) {
        Ok(store) => store,
        // These name the file (and what to do) themselves.
        Err(
            e @ (StoreError::NewerSchema { .. }
            | StoreError::NotADatabase { .. }
            | StoreError::Damaged { .. }
            | StoreError::CannotWrite(_)
            | StoreError::NoRoomForBackup(_)
            | StoreError::BackupFailed { .. }),
        ) => return Err(e.into()),
        Err(e) => return Err(e).with_context(|| format!("cannot open {}", path.display())),
    };
    if let Some(backup) = store.backup_path() {
        eprintln!(
            "roundup: upgraded the database; the old version is kept at {}",
            backup.display()
        );
    }
    Ok(store)
}

/// How `main` prints an error: one line, "roundup: " then the context chain, each cause once
/// (every error type either prints its cause or exposes it as `source`, never both).
pub fn error_line(e: &anyhow::Error) -> String {
    let parts: Vec<String> = e
        .chain()
        .map(|c| {
            c.to_string()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let line = format!("roundup: {}", parts.join(": "));
    crate::model::text::printable(&line).into_owned()
}

/// Runs the parsed command line. Returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<i32> {
    // The clipboard helper needs no database (and must not create one).
    if let Some(Command::ClipboardServe) = cli.command {
        return Ok(crate::clipboard::serve_stdin());
    }
    if let Some(Command::Demo) = cli.command {
        // In memory: the demo leaves nothing behind.
        let store = Store::open_in_memory()?;
        crate::demo::build(&store)?;
        return crate::tui::run(store);
    }
    let store = open_store(cli.db)?;
    let read_only = store.read_only_dir().map(|d| d.display().to_string());
    let path = store.path().map(std::path::Path::to_path_buf);
    run_command(cli.command, store).map_err(|e| {
        let store_error = e.chain().find_map(|c| c.downcast_ref::<StoreError>());
        match (store_error, &read_only, &path) {
            (Some(se), Some(dir), _) if se.is_read_only() => {
                anyhow::anyhow!("cannot write in {dir}")
            }
            (Some(se), _, Some(path)) if se.is_damage() => crate::store::damaged(path).into(),
            _ => e,
        }
    })
}

fn run_command(command: Option<Command>, mut store: Store) -> anyhow::Result<i32> {
    match command {
        None if std::io::IsTerminal::is_terminal(&std::io::stdout()) => crate::tui::run(store),
        None => list::summary(&store),
        Some(Command::Demo) => Ok(0),
        Some(Command::Add {
            urls,
            via,
            no_fetch,
        }) => add::run(&mut store, &urls, via, no_fetch),
        Some(Command::Fetch { failed, all }) => fetch::run(&mut store, failed, all),
        Some(Command::Feed { command }) => feed::run(&mut store, command),
        Some(Command::Import {
            file,
            format,
            unread_only,
        }) => import::run(&mut store, &file, format, unread_only),
        Some(Command::List { state, tag, json }) => list::run(&store, state, tag, json),
        Some(Command::Serve {
            listen,
            bookmarklet,
            no_fetch,
            write_wait,
        }) => serve::run(
            store,
            serve::ServeArgs {
                listen,
                bookmarklet,
                no_fetch,
                write_wait,
            },
        ),
        Some(Command::Search { query, scope, json }) => {
            search::run(&store, &query, scope.into(), json)
        }
        Some(Command::Read { id, format }) => read::run(&store, id, format),
        Some(Command::Discard { ids, stale }) => settings::discard(&mut store, &ids, stale),
        Some(Command::Setting { key, value }) => settings::setting(&store, key, value),
        Some(Command::Issue(command)) => issue::run(&mut store, command),
        Some(Command::Export {
            number,
            format,
            output,
            clipboard,
            force,
        }) => export::run(
            &store,
            export::ExportArgs {
                number,
                format: format.into(),
                output,
                clipboard,
                force,
            },
        ),
        Some(Command::Check {
            number,
            json,
            offline,
        }) => check::run(
            &store,
            check::CheckArgs {
                number,
                json,
                offline,
            },
        ),
        Some(Command::Push {
            number,
            to,
            dry_run,
            test_to,
        }) => push::run(
            &store,
            push::PushArgs {
                number,
                to: to.into(),
                dry_run,
                test_to,
            },
        ),
        Some(Command::Site { output }) => site::run(&store, output),
        Some(Command::ClipboardServe) => Ok(crate::clipboard::serve_stdin()),
    }
}
