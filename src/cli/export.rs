//! `roundup export [N] --format markdown|html|text|json [--output FILE | --clipboard]`.

use super::issue::config;
use crate::clipboard::{self, Copied};
use crate::export::{Exporter, Format, QuoteLinks};
use crate::store::Store;
use anyhow::{Context, bail};
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
        std::fs::write(&path, &out).with_context(|| format!("cannot write {}", path.display()))?;
        eprintln!("wrote #{} to {}", issue.number, path.display());
    } else if args.clipboard {
        // The text alternative goes with HTML so plain-text targets paste something readable.
        let alt = match args.format {
            Format::Html => Some(exporter.render(&issue, Format::Text)?),
            _ => None,
        };
        match clipboard::copy(&out, alt.as_deref()) {
            Ok(Copied::Clipboard) => eprintln!(
                "copied #{} ({}) to the clipboard",
                issue.number,
                args.format.as_str()
            ),
            Ok(Copied::Osc52) => eprintln!(
                "no display: sent #{} ({}, as plain text) to the terminal's clipboard with OSC 52",
                issue.number,
                args.format.as_str()
            ),
            Err(e) => {
                let kept = std::env::temp_dir().join(format!(
                    "roundup-issue-{}.{}",
                    issue.number,
                    args.format.extension()
                ));
                let saved = std::fs::write(&kept, &out).is_ok();
                if saved {
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
