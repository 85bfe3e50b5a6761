//! `roundup export [N] --format markdown|html|text|json [--output FILE | --clipboard]`.

use super::issue::config;
use crate::atomic::WriteError;
use crate::clipboard::{self, Copied};
use crate::export::{Exporter, Format, QuoteLinks};
use crate::store::Store;
use anyhow::bail;
use clap::ValueEnum;
use std::path::PathBuf;
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Markdown,
    Html,
    Text,
    Json,
}

impl From<FormatArg> for crate::export::Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Markdown => Self::Markdown,
            FormatArg::Html => Self::Html,
            FormatArg::Text => Self::Text,
            FormatArg::Json => Self::Json,
        }
    }
}

/// Writes to stdout; a closed pipe (`roundup export … | head`) is not an error.
pub(super) fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let text = crate::model::text::printable(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

pub struct ExportArgs {
    pub number: Option<i64>,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub clipboard: bool,
    /// Overwrite an existing `output` file.
    pub force: bool,
}

pub fn run(store: &Store, args: ExportArgs) -> anyhow::Result<i32> {
    let issue = match args.number {
        Some(n) => store.issue(n)?,
        None => match store.current_draft()? {
            Some(issue) => issue,
            None => bail!("no draft issue; give its number (`roundup issue list`)"),
        },
    };
    let exporter = Exporter::new(&config()?)?;
    let links = QuoteLinks::for_issue(store, &issue)?;
    let out = exporter.render_with(&issue, args.format, &links)?;
    if let Some(path) = args.output {
        // Whole or not at all: a full disk leaves the old file as it was.
        let written = if args.force {
            crate::atomic::write_atomic(&path, out.as_bytes())
        } else {
            crate::atomic::write_new(&path, out.as_bytes(), false)
        };
        match written {
            Err(WriteError::Exists { .. }) => bail!(
                "{} already exists; use --force to overwrite it",
                path.display()
            ),
            other => other?,
        }
        err!("wrote #{} to {}", issue.number, path.display());
    } else if args.clipboard {
        // The text alternative goes with HTML so plain-text targets paste something readable.
        let alt = match args.format {
            Format::Html => Some(exporter.render(&issue, Format::Text)?),
            _ => None,
        };
        match clipboard::copy(&out, alt.as_deref()) {
            Ok(Copied::Clipboard) => err!(
                "copied #{} ({}) to the clipboard",
                issue.number,
                args.format.as_str()
            ),
            Ok(Copied::Osc52) => err!(
                "no display: sent #{} ({}, as plain text) to the terminal's clipboard with OSC 52",
                issue.number,
                args.format.as_str()
            ),
            Err(e) => {
                if let Some(kept) = keep_private(issue.number, args.format, &out) {
                    bail!(
                        "{e}; the export was saved to {} (or use --output FILE)",
                        kept.display()
                    );
                }
                bail!("{e}; use --output FILE");
            }
        }
    } else {
        print_out(&out)?;
    }
    Ok(0)
}

/// The clipboard fallback: a new file (O_EXCL, 0600) in the user's own runtime or state
/// directory, so a symlink planted at a guessable `/tmp` path cannot redirect it.
fn keep_private(number: i64, format: Format, out: &str) -> Option<PathBuf> {
    let dir = crate::paths::private_dir().ok()?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    (0..100).find_map(|n| {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!(
            "roundup-issue-{number}-{stamp}{suffix}.{}",
            format.extension()
        ));
        match crate::atomic::write_new(&path, out.as_bytes(), true) {
            Ok(()) => Some(Some(path)),
            Err(WriteError::Exists { .. }) => None,
            Err(_) => Some(None),
        }
    })?
}
