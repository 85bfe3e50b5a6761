//! roundup: a keyboard-only terminal app for the editor of a weekly curated-links newsletter.
//!
//! Map of the crate, bottom up. The core is a stack: each layer imports only the layers
//! below it, and only `store` names the SQLite driver or writes SQL (docs/architecture.md draws it).
//!
//! - [`model`]   plain data (Link, Issue, Section, Entry, Credit, Sponsor…) and the link
//!   vocabulary every layer shares: canonical URLs, a fetched page's metadata, failure reasons
//! - [`text`]    plain text of articles: Markdown to text, words, quote anchors and their
//!   matcher (imports only `model`; the store's search and the check use it)
//! - [`atomic`]  files written whole or not at all (temporary file + rename)
//! - [`paths`]   XDG locations of the database, config and logs
//! - [`store`]   SQLite: open, pragmas, migrations, one file per table family (imports `model`, `text`)
//! - [`config`]  the config file: title pattern, default sections, disclosure rules
//! - [`capture`] fetching and metadata extraction, feeds, imports (writes through `store`)
//! - [`compose`] issue operations, the one home the CLI and the TUI share: new issue, place
//!   (with disclosure suggestions), move, remove, publish; credits; the issue file
//! - [`export`]  Markdown, email HTML, plain text (templates) and the JSON issue file
//! - [`check`]   the pre-send check: lints, dead links, redirects, quotes, archive duplicates
//! - [`publish`] `roundup push`: the issue as a draft in Ghost, Buttondown, listmonk, Kit,
//!   Mailchimp (never sent)
//! - [`site`]    `roundup site`: the static web archive of published issues, with feeds
//! - [`clipboard`] copy to the system clipboard (a helper process) or by OSC 52
//! - [`demo`]    a sample inbox and draft, for `roundup demo` and tests
//! - [`serve`]   `roundup serve`: links over HTTP (bookmarklet, scripts, Miniflux webhook)
//! - [`logfile`] the log file (`roundup.log` in the state directory) for serve and the TUI
//! - [`cli`]     the command line; `main.rs` only parses and calls it
//! - [`tui`]     the terminal UI, the only module that knows ratatui/crossterm: per screen a
//!   state, its keys, its view and the handler of its effects

pub mod atomic;
pub mod capture;
pub mod check;
pub mod cli;
pub mod clipboard;
pub mod compose;
pub mod config;
pub mod demo;
pub mod export;
pub mod logfile;
pub mod model;
pub mod paths;
pub mod publish;
pub mod serve;
pub mod site;
pub mod store;
pub mod text;
pub mod tui;
