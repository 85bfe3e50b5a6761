//! Runs effects: a dispatcher. Each effect goes to the handler of the screen that owns it
//! (`inbox/run.rs`, `issue/run.rs`, …), all of one shape: `fn run(&mut Runner, Fx) -> Res`.
//! Handlers call the core (compose, the store, capture, export, check) and answer with
//! messages for `update`. The runner holds what they share: the store, the config, the
//! compiled templates, fetches and reads in flight.

use super::bridge::Fetches;
use super::effects::{AppFx, Effect, EntryEdit};
use super::state::Msg;
use crate::config::Config;
use crate::export::Exporter;
use crate::model::Issue;
use crate::store::Store;
mod pending;
mod recovery;
mod reload;

pub use pending::{BUSY_TIMEOUT, WAITING};

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, TryRecvError};

pub struct Runner {
    pub store: Store,
    pub config: Config,
    pub fetches: Fetches,
    /// Templates compiled once: the preview re-renders on every edit.
    pub(in crate::tui) exporter: Option<Exporter>,
    /// The browser opener; `None` (tests) only reports what would open.
    pub opener: Option<String>,
    /// What was last written per entry, so a keystroke writes only the field it changed.
    pub(in crate::tui) saved: HashMap<i64, EntryEdit>,
    /// The current draft for disclosure suggestions in the inbox's detail pane (read on
    /// every selection change); dropped whenever an issue is reloaded.
    pub(in crate::tui) draft: Option<Option<Issue>>,
    /// Work running on other threads (the full inbox of a big database on its own
    /// connection, a check), each with the length of `touched` when it started.
    pub(in crate::tui) pending: Vec<(Receiver<Msg>, usize)>,
    /// Links this connection changed while a background read ran: that read's rows for them
    /// are stale, so they are read again when it lands.
    pub(in crate::tui) touched: Vec<i64>,
    /// Writes waiting for another process's write lock (`pending.rs`).
    pub(in crate::tui) queued: pending::Pending,
    /// Entries whose credit change is not yet learned (the write after it found the
    /// database busy): learned when the entry's save runs again.
    pub(in crate::tui) unlearned: std::collections::HashSet<i64>,
    /// Where the writes that never landed were kept, when the editor quit without them.
    pub recovery: Option<std::path::PathBuf>,
    /// The check fetches every link; tests turn that off (lints only).
    pub check_network: bool,
    /// `PRAGMA data_version` when last looked at: another process wrote when it changes.
    data_version: Option<i64>,
    /// When the config file was last read: a change (a new disclosure rule) is picked up
    /// without a restart.
    config_stamp: Option<std::time::SystemTime>,
}

/// What every handler returns: messages for `update`, or an error for the status bar.
pub(in crate::tui) type Res = anyhow::Result<Vec<Msg>>;

impl Runner {
    pub fn new(store: Store, config: Config) -> Runner {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let exporter = Exporter::new(&config)
            .inspect_err(|e| log::warn!("templates: {e}"))
            .ok();
        let config_stamp = config_mtime(&config);
        Runner {
            store,
            config,
            config_stamp,
            exporter,
            fetches: Fetches::default(),
            opener: Some(opener.into()),
            saved: HashMap::new(),
            draft: None,
            pending: Vec::new(),
            touched: Vec::new(),
            data_version: None,
            queued: pending::Pending::default(),
            unlearned: Default::default(),
            recovery: None,
            check_network: true,
        }
    }

    /// Results of background work (fetches, reads) that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Msg> {
        let mut msgs = Vec::new();
        for event in self.fetches.poll() {
            msgs.extend(self.fetched(event));
        }
        if !self.pending.is_empty() {
            self.touched.extend(msgs.iter().filter_map(|m| match m {
                Msg::FetchDone { id, .. } => Some(*id),
                _ => None,
            }));
        }
        let mut stale = Vec::new();
        self.pending.retain(|(rx, since)| match rx.try_recv() {
            Ok(m) => {
                let loaded = matches!(m, Msg::InboxLoaded { .. });
                msgs.push(m);
                if loaded {
                    stale.extend(self.touched.get(*since..).unwrap_or_default());
                }
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        if !stale.is_empty() {
            stale.sort_unstable();
            stale.dedup();
            match self.store.inbox_rows_by_id(&stale) {
                Ok(rows) => msgs.push(Msg::RowsUpdated(rows)),
                Err(e) => msgs.push(Msg::Error(format!("reloading links: {e}"))),
            }
        }
        if self.pending.is_empty() {
            self.touched.clear();
        }
        msgs.extend(self.retry_writes(false));
        msgs
    }

    /// A fetch event: a result is written here, on the loop's thread.
    fn fetched(&mut self, event: super::bridge::Fetched) -> Vec<Msg> {
        match event {
            super::bridge::Fetched::Msg(m) => vec![m],
            super::bridge::Fetched::Done { link_id, result } => {
                let ok = result.is_ok();
                let mut msgs = self.record_fetch(link_id, result);
                msgs.push(Msg::FetchDone { id: link_id, ok });
                msgs
            }
        }
    }

    /// Background work is still running.
    pub fn busy(&self) -> bool {
        self.fetches.active() || !self.pending.is_empty()
    }

    /// Hands `effect` to its screen's handler; an error becomes a status-bar message. A
    /// write the database is too busy for waits in the queue (`pending.rs`).
    pub fn run(&mut self, effect: Effect) -> Vec<Msg> {
        log::debug!("effect {effect:?}");
        self.note_touched(&effect);
        if pending::replayable(&effect) {
            return self.write(effect);
        }
        match self.dispatch(effect) {
            Ok(mut msgs) => {
                self.overlay_pending(&mut msgs);
                msgs
            }
            Err(e) => error_msgs(&e),
        }
    }

    fn dispatch(&mut self, effect: Effect) -> Res {
        match effect {
            Effect::App(fx) => self.run_app(fx),
            Effect::Inbox(fx) => super::inbox::run::run(self, fx),
            Effect::Issue(fx) => super::issue::run::run(self, fx),
            Effect::Editor(fx) => super::editor::run::run(self, fx),
            Effect::Preview(fx) => super::preview::run::run(self, fx),
            Effect::Check(fx) => super::check::run::run(self, fx),
            Effect::Archive(fx) => super::archive::run::run(self, fx),
            Effect::Export(fx) => super::export::run::run(self, fx),
            Effect::Reader(fx) => super::reader::run::run(self, fx),
        }
    }

    /// Reads the config file again if it changed since it was read (rules, title pattern,
    /// templates): the editor's edits to it take effect without a restart.
    pub(in crate::tui) fn reload_config_if_changed(&mut self) {
        let stamp = config_mtime(&self.config);
        if stamp == self.config_stamp {
            return;
        }
        self.config_stamp = stamp;
        match Config::load(self.config.dir.as_deref()) {
            Ok(config) => {
                self.exporter = Exporter::new(&config)
                    .inspect_err(|e| log::warn!("templates: {e}"))
                    .ok();
                self.config = config;
                self.draft = None;
            }
            Err(e) => log::warn!("config: {e}; keeping the previous one"),
        }
    }

    /// Starts work on another thread whose answer arrives through `poll`.
    pub(in crate::tui) fn in_background(&mut self, work: impl FnOnce() -> Msg + Send + 'static) {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(work());
        });
        self.pending.push((rx, self.touched.len()));
    }

    fn run_app(&mut self, fx: AppFx) -> Res {
        match fx {
            AppFx::CheckDataVersion => self.check_data_version(),
            AppFx::OpenUrl(url) => Ok(vec![self.open(&url)]),
            AppFx::WriteSetup(setup) => crate::tui::setup::run::run(self, setup),
            AppFx::SaveRecovery => Ok(vec![self.save_recovery()]),
            // The loop runs the editor itself (`app::step`): it owns the terminal.
            AppFx::ExternalEdit { .. } => Ok(vec![]),
        }
    }

    /// Opens a file roundup wrote in the browser; says plainly when none can start here.
    pub(crate) fn open_file(&self, path: &std::path::Path) -> Msg {
        let shown = path.display();
        let graphical = ["DISPLAY", "WAYLAND_DISPLAY", "BROWSER"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
        if self.opener.is_some() && !cfg!(target_os = "macos") && !graphical {
            return Msg::Info(format!(
                "No browser can start here (no display): the HTML is in {shown}"
            ));
        }
        match self.open(&format!("file://{shown}")) {
            Msg::Error(e) => Msg::Error(format!("{e}; the HTML is in {shown}")),
            m => m,
        }
    }

    fn open(&self, url: &str) -> Msg {
        let Some(cmd) = &self.opener else {
            return Msg::Info(format!("Would open {url}"));
        };
        // Detached, silent: a browser writing to our terminal would garble the screen.
        let spawned = std::process::Command::new(cmd)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        match spawned {
            Ok(mut child) => {
                // Reap it in the background so no zombie stays behind.
                std::thread::spawn(move || child.wait());
                Msg::Info(format!("Opened {url}"))
            }
            Err(e) => Msg::Error(format!("Cannot open the browser ({cmd}): {e}")),
        }
    }
}

/// A handler's error as the status bar says it; a busy database (a write that could not be
/// queued) says who is in the way and that nothing changed.
fn error_msgs(e: &anyhow::Error) -> Vec<Msg> {
    log::warn!("{e:#}");
    if pending::is_busy(e) {
        return vec![Msg::Error(
            "the database is busy (another roundup is writing): nothing changed; try again".into(),
        )];
    }
    vec![Msg::Error(format!("{e:#}"))]
}

fn config_mtime(config: &Config) -> Option<std::time::SystemTime> {
    let file = config.dir.as_ref()?.join(crate::config::CONFIG_FILE);
    std::fs::metadata(file).and_then(|m| m.modified()).ok()
}
