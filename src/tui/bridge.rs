//! The TUI's calls into the exporters, the clipboard and the fetcher, in one place.

use crate::capture::fetch::{FetchEvent, FetchJob, FetchOptions, spawn_fetch};
use crate::export::{Exporter, Format};
use crate::model::{FetchFailure, Issue, PageMeta};
use crate::store::Store;
use crate::tui::effects::ExportFormat;
use crate::tui::state::Msg;
use std::sync::mpsc::{Receiver, TryRecvError};

fn format(f: ExportFormat) -> Format {
    match f {
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Html => Format::Html,
        ExportFormat::Text => Format::Text,
    }
}

/// Renders `issue` exactly as it will be exported.
pub fn render(exporter: &Exporter, issue: &Issue, f: ExportFormat) -> Result<String, String> {
    exporter.render(issue, format(f)).map_err(|e| e.to_string())
}

/// Puts `text` on the clipboard (HTML with its plain-text alternative); says how, as a
/// suffix for the status message.
pub fn copy(
    exporter: &Exporter,
    issue: &Issue,
    f: ExportFormat,
    text: &str,
) -> Result<&'static str, String> {
    let alt = match f {
        ExportFormat::Html => Some(render(exporter, issue, ExportFormat::Text)?),
        _ => None,
    };
    match crate::clipboard::copy(text, alt.as_deref()) {
        Ok(crate::clipboard::Copied::Clipboard) => Ok(""),
        Ok(crate::clipboard::Copied::Osc52) => Ok(" through the terminal (OSC 52)"),
        Err(e) => Err(e.to_string()),
    }
}

/// Background fetches in flight. The network side never touches SQLite: results are
/// handed to the runner, which writes them on the loop's thread as they arrive (or queues
/// them while another process holds the write lock).
#[derive(Default)]
pub struct Fetches {
    batches: Vec<Receiver<FetchEvent>>,
}

/// What a poll of the fetches brings: a message for `update`, or a result to write.
pub enum Fetched {
    Msg(Msg),
    Done {
        link_id: i64,
        result: Result<PageMeta, FetchFailure>,
    },
}

impl Fetches {
    pub fn start(&mut self, store: &Store, jobs: Vec<(i64, String)>) -> Vec<Msg> {
        if jobs.is_empty() {
            return vec![];
        }
        let opts = store
            .settings()
            .map(|s| FetchOptions::from_settings(&s))
            .unwrap_or_default();
        let n = jobs.len();
        let jobs = jobs
            .into_iter()
            .map(|(link_id, url)| FetchJob { link_id, url })
            .collect();
        self.batches.push(spawn_fetch(jobs, opts));
        vec![Msg::FetchQueued(n)]
    }

    /// Events that arrived since the last poll.
    pub fn poll(&mut self) -> Vec<Fetched> {
        let mut out = Vec::new();
        self.batches.retain(|rx| {
            loop {
                match rx.try_recv() {
                    Ok(FetchEvent::Started { link_id }) => {
                        out.push(Fetched::Msg(Msg::FetchStarted(link_id)))
                    }
                    Ok(FetchEvent::Done { link_id, result }) => {
                        out.push(Fetched::Done { link_id, result })
                    }
                    Ok(FetchEvent::Finished) | Err(TryRecvError::Disconnected) => {
                        out.push(Fetched::Msg(Msg::FetchFinished));
                        break false;
                    }
                    Err(TryRecvError::Empty) => break true,
                }
            }
        });
        out
    }

    pub fn active(&self) -> bool {
        !self.batches.is_empty()
    }
}
