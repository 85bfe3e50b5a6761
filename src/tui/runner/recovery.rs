//! The last resort for writes that never found the database free: when the editor quits
//! anyway (an explicit yes, a second signal, a signal's grace running out), what is still
//! queued goes to a JSON file in the data directory, named on exit, instead of vanishing.

use super::Runner;
use super::pending::Write;
use crate::tui::effects::{EditorFx, Effect, InboxFx};
use crate::tui::state::Msg;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::time::{Duration, Instant};

impl Runner {
    /// Keeps trying the queued writes for up to `grace`; what is left then goes to the
    /// recovery file. Its path when one was written.
    pub fn finish(&mut self, grace: Duration) -> Option<PathBuf> {
        let start = Instant::now();
        while !self.queued.is_empty() {
            let _ = self.retry_writes(true);
            if self.queued.is_empty() || start.elapsed() >= grace {
                break;
            }
            std::thread::sleep(super::pending::RETRY_EVERY.min(grace));
        }
        if !self.queued.is_empty() {
            let _ = self.save_recovery();
        }
        self.recovery.clone()
    }

    /// Writes the queued writes to the recovery file and forgets them (they are safe there).
    pub(super) fn save_recovery(&mut self) -> Msg {
        let n = self.queued.len();
        let items: Vec<Value> = self.queued.queue.iter().map(describe).collect();
        let doc = json!({
            "database": self.store.path().map(|p| p.display().to_string()),
            "written_at": crate::store::now(),
            "why": "another roundup held the database's write lock; these edits were never written",
            "unsaved": items,
        });
        match write_file(&doc) {
            Ok(path) => {
                log::warn!("{n} unsaved edits written to {}", path.display());
                self.queued.queue.clear();
                self.recovery = Some(path.clone());
                Msg::Recovered(path)
            }
            Err(e) => {
                log::warn!("recovery file: {e}");
                Msg::Error(format!("{e}; the {n} edits are still waiting"))
            }
        }
    }
}

/// `unsaved-edits-<time>-<pid>.json` beside the default database; never over a file that
/// is already there.
fn write_file(doc: &Value) -> Result<PathBuf, String> {
    let dir = crate::paths::default_db()
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(crate::paths::log_dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let path = dir.join(format!("unsaved-edits-{stamp}-{}.json", std::process::id()));
    let text = serde_json::to_string_pretty(doc).map_err(|e| e.to_string())?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// One queued write as a person reading the file needs it: the text typed, in full.
fn describe(write: &Write) -> Value {
    match write {
        Write::Fx(Effect::Editor(EditorFx::SaveEntry { entry_id, edit })) => json!({
            "kind": "entry",
            "entry_id": entry_id,
            "title": edit.title,
            "body": edit.body,
            "credit": edit.credit,
            "disclosures": edit.disclosures,
        }),
        Write::Fx(Effect::Editor(EditorFx::SaveSponsor { issue_id, sponsor })) => {
            json!({"kind": "sponsor", "issue_id": issue_id, "sponsor": sponsor})
        }
        Write::Fx(Effect::Editor(EditorFx::SaveIntro { issue_id, intro })) => {
            json!({"kind": "intro", "issue_id": issue_id, "intro": intro})
        }
        Write::Fx(Effect::Inbox(InboxFx::AddUrls(urls))) => json!({"kind": "add", "urls": urls}),
        Write::Fx(Effect::Inbox(InboxFx::SetState(id, state))) => {
            json!({"kind": "link_state", "link_id": id, "state": state.as_str()})
        }
        Write::Fx(effect) => json!({"kind": "change", "what": format!("{effect:?}")}),
        Write::Setting { key, value } => json!({"kind": "setting", "key": key, "value": value}),
        Write::Fetch { link_id, .. } => json!({
            "kind": "fetch",
            "link_id": link_id,
            "what": "a fetched page's metadata; `roundup fetch` gets it again",
        }),
    }
}
