//! The few calls into parts of roundup that landed after the TUI was started (exporters,
//! clipboard, fetcher), kept in one place so the runner reads the same either way.

use crate::config::Config;
use crate::model::Issue;
use crate::store::Store;
use crate::tui::effects::ExportFormat;
use crate::tui::state::Msg;

/// Renders `issue` as it will be exported.
pub fn render(_config: &Config, issue: &Issue, format: ExportFormat) -> Result<String, String> {
    // Placeholder until compose's exporters land: the issue file is the faithful content.
    let _ = format;
    serde_json::to_string_pretty(&crate::compose::export_issue_file(issue))
        .map_err(|e| e.to_string())
}

/// Puts `text` on the clipboard; says where it went.
pub fn copy(_text: &str, _format: ExportFormat) -> Result<&'static str, String> {
    Err("clipboard support is not in this build yet".into())
}

/// Background fetches in flight; polled by the loop.
#[derive(Default)]
pub struct Fetches {}

impl Fetches {
    pub fn start(&mut self, _store: &Store, jobs: Vec<(i64, String)>) -> Vec<Msg> {
        log::info!(
            "fetch requested for {} link(s); the fetcher is not in this build yet",
            jobs.len()
        );
        vec![]
    }
    /// Events that arrived since the last poll, with results written to the store.
    pub fn poll(&mut self, _store: &Store) -> Vec<Msg> {
        vec![]
    }
    pub fn active(&self) -> bool {
        false
    }
}
