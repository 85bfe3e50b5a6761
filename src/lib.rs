//! roundup: a keyboard-only terminal app for the editor of a weekly curated-links newsletter.
//!
//! Map of the crate (the core never imports ratatui or crossterm):
//! - [`model`]   plain data: Link, Feed, Issue, Section, Entry, Credit, Sponsor, Readable, QuoteAnchor
//! - [`text`]    plain text of articles, words, quote anchors and their matcher (imports only model)
//! - [`store`]   SQLite: open, pragmas, migrations, one file per table family
//! - [`capture`] canonical URLs, fetching and metadata extraction, feeds, imports
//! - [`config`]  the config file: title pattern, default sections, disclosure rules
//! - [`compose`] issue operations: place links, credits, disclosure rules, the issue file
//! - [`tui`]     the terminal UI (the only module that knows ratatui/crossterm)
//! - [`demo`]    a sample inbox and draft, for `roundup demo` and tests
//! - [`export`]  Markdown, email HTML, plain text (templates) and the JSON issue file
//! - [`clipboard`] copy to the system clipboard (a helper process) or by OSC 52
//! - [`check`]   the pre-send check: lints, dead links, redirects, quotes, archive duplicates
//! - [`cli`]     the command line; `main.rs` only parses and calls it
//! - [`paths`]   XDG locations of the database, config and logs

pub mod capture;
pub mod check;
pub mod cli;
pub mod clipboard;
pub mod compose;
pub mod config;
pub mod demo;
pub mod export;
pub mod model;
pub mod paths;
pub mod store;
pub mod text;
pub mod tui;
