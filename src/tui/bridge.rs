//! The TUI's calls into the exporters, the clipboard and the fetcher, in one place.

use crate::capture::fetch::{FetchEvent, FetchJob, FetchOptions, spawn_fetch};
use crate::export::{Exporter, Format};
use crate::model::Issue;
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
/// written here, on the loop's thread, as they arrive.
#[derive(Default)]
pub struct Fetches {
    batches: Vec<Receiver<FetchEvent>>,
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

    /// Events that arrived since the last poll, with results written to the store.
    pub fn poll(&mut self, store: &Store) -> Vec<Msg> {
        let mut msgs = Vec::new();
        self.batches.retain(|rx| {
            loop {
                match rx.try_recv() {
                    Ok(FetchEvent::Started { link_id }) => msgs.push(Msg::FetchStarted(link_id)),
                    Ok(FetchEvent::Done { link_id, result }) => {
                        if let Err(e) = store.record_fetch(link_id, &result) {
                            log::warn!("recording the fetch of link {link_id}: {e}");
                        }
                        msgs.push(Msg::FetchDone {
                            id: link_id,
                            ok: result.is_ok(),
                        });
                    }
                    Ok(FetchEvent::Finished) | Err(TryRecvError::Disconnected) => {
                        msgs.push(Msg::FetchFinished);
                        break false;
                    }
                    Err(TryRecvError::Empty) => break true,
                }
            }
        });
        msgs
    }

    pub fn active(&self) -> bool {
        !self.batches.is_empty()
    }
}
