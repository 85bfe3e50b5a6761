//! The terminal UI — the only part of roundup that knows ratatui and crossterm.
//!
//! Shape: `app.rs` runs the loop (event → `Msg` → `update::update` → `Effect`s →
//! `runner::Runner` → more `Msg`s → `view::draw`). `update` is pure; views draw from `&App`.
//! One directory per screen (and per overlay), each with `state.rs` (its data), `keys.rs`
//! (what its keys do), `view.rs` (drawing, read-only) and `run.rs` (what its effects do:
//! the runner dispatches each effect to the screen that owns it). `list.rs` is the one list
//! cursor they share.

pub mod action;
pub mod app;
pub mod archive;
mod bridge;
pub mod check;
pub mod dialog;
pub mod editor;
pub mod effects;
pub mod export;
pub mod help;
pub mod inbox;
pub mod issue;
pub mod keymap;
pub mod list;
pub mod preview;
pub mod quitting;
pub mod reader;
pub mod runner;
pub mod setup;
mod signals;
pub mod state;
pub mod status;
mod terminal;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_archive;
#[cfg(test)]
mod tests_export;
#[cfg(test)]
mod tests_issue;
#[cfg(test)]
mod tests_panels;
pub mod theme;
pub mod update;
pub mod view;

use crate::config::Config;
use crate::store::Store;
use std::io::Write;
use std::time::Duration;

/// The `[keys]` table of the user's config.toml, if any.
fn user_keys(dir: Option<&std::path::Path>) -> Option<toml::Table> {
    let text = std::fs::read_to_string(dir?.join(crate::config::CONFIG_FILE)).ok()?;
    let table: toml::Table = text.parse().ok()?;
    table.get("keys")?.as_table().cloned()
}

/// Builds the state and runner the way the real TUI does (tests use this too).
pub fn setup(
    store: Store,
    config_dir: Option<&std::path::Path>,
    size: (u16, u16),
) -> (state::App, runner::Runner) {
    let config = Config::load(config_dir).unwrap_or_else(|e| {
        log::warn!("config: {e}; using the defaults");
        Config::builtin().unwrap_or_default()
    });
    // Short, so a write another process's lock holds up stalls the screen for a moment
    // only; it then waits in the runner's queue (`runner/pending.rs`).
    if let Err(e) = store.set_busy_timeout(runner::BUSY_TIMEOUT) {
        log::warn!("busy timeout: {e}");
    }
    let (keymap, warnings) = keymap::Keymap::load(user_keys(config_dir).as_ref());
    let mut app = state::App::new(keymap, size, chrono::Utc::now().timestamp());
    app.newsletter = config.newsletter.name.clone();
    app.push_services = crate::publish::configured_services(&config, &crate::publish::process_env);
    app.inbox.stale_days = store
        .settings()
        .map_or(crate::store::Settings::default().stale_after_days, |s| {
            s.stale_after_days
        });
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if !warnings.is_empty() {
        app.status.error(format!("config: {}", warnings.join("; ")));
    }
    // The first run: no config file and no issue yet.
    let has_config = config
        .dir
        .as_ref()
        .is_some_and(|d| d.join(crate::config::CONFIG_FILE).exists());
    let has_issue = store.last_issue_number().map_or(true, |n| n.is_some());
    if !has_config && !has_issue {
        app.overlay = Some(state::Overlay::Setup(Box::default()));
    }
    let runner = runner::Runner::new(store, config);
    app.export_prefs = export::run::prefs(&runner);
    (app, runner)
}

static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Milliseconds since `run` was entered (for the log's first-frame time).
fn started_ms() -> u128 {
    STARTED.get().map_or(0, |t| t.elapsed().as_millis())
}

/// Runs the TUI on `store` until the editor quits.
pub fn run(store: Store) -> anyhow::Result<i32> {
    STARTED.get_or_init(std::time::Instant::now);
    let log_path = crate::logfile::init();
    log::info!("TUI start on {:?}", store.path());
    let config_dir = crate::paths::config_dir();
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let (mut app, mut runner) = setup(store, config_dir.as_deref(), size);
    let mut term = terminal::enter();
    // After ratatui's hook has restored the screen, say where the details went.
    let prev = std::panic::take_hook();
    let shown = log_path.display().to_string();
    std::panic::set_hook(Box::new(move |info| {
        log::error!("panic: {info}");
        prev(info);
        // Not eprintln!: with the terminal gone it would panic inside the panic hook.
        let _ = writeln!(
            std::io::stderr(),
            "roundup crashed; everything shown as saved is in the database. Log: {shown}"
        );
    }));
    let result = app::run(&mut app, &mut runner, &mut term);
    // Whatever is still queued (a second signal, the terminal gone) gets a last chance, then
    // the recovery file; only then is the terminal given back.
    let grace = match &result {
        Err(_) => signals::GRACE,
        Ok(_) => Duration::ZERO,
    };
    let unsaved = runner.unsaved();
    let recovery = runner.finish(grace);
    if !terminal::leave() {
        // The terminal is gone (a hang-up): ratatui's Drop would try to show the cursor
        // again and eprintln! its failure, which panics on a closed stderr. The process is
        // ending; there is nothing to give back.
        std::mem::forget(term);
    }
    log::info!("TUI exit");
    if let Some(path) = recovery {
        // The terminal may be gone (SIGHUP): the log has it too.
        let _ = writeln!(
            std::io::stderr(),
            "roundup: {unsaved} unsaved edits could not be written (another roundup held the database); they are kept in {}",
            path.display()
        );
    }
    result
}
