//! The loop: terminal event → message → `update` → effects run → redraw (only on change).

use super::effects::{AppFx, Effect, InboxFx, IssueFx};
use super::runner::Runner;
use super::state::{App, Msg};
use super::terminal::Input;
use super::update::update;
use super::view;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::{DefaultTerminal, Terminal, backend::Backend};
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How long the loop waits for a key before polling fetch results again.
const POLL: Duration = Duration::from_millis(100);
/// How often the loop asks SQLite whether another process (`roundup add`, a cron'd
/// `feed pull`) wrote: one cheap pragma, so twice a second costs nothing.
const CHANGES: Duration = Duration::from_millis(500);

/// Feeds `msg` through `update` and runs the effects it asks for, until nothing is left.
/// `edit` runs `$EDITOR` on a text (the real loop suspends the terminal; tests pass a stub).
/// Returns how many messages were handled (more than one: something answered).
pub fn step(
    app: &mut App,
    runner: &mut Runner,
    msg: Msg,
    edit: &mut dyn FnMut(&str) -> Option<String>,
) -> usize {
    let mut handled = 0;
    let mut queue = VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        handled += 1;
        for effect in update(app, msg) {
            if let Effect::App(AppFx::ExternalEdit { field, text }) = &effect {
                match edit(text) {
                    Some(text) => queue.push_back(Msg::ExternalEdited {
                        field: *field,
                        text,
                    }),
                    None => {
                        queue.push_back(Msg::Error("$EDITOR failed; the field is unchanged".into()))
                    }
                }
                continue;
            }
            queue.extend(runner.run(effect));
        }
    }
    handled
}

/// What the editor sees first: the first page of the inbox (so the first frame is fast on a
/// big database), then the rest of it and the issue.
pub fn start<B: Backend>(
    app: &mut App,
    runner: &mut Runner,
    terminal: &mut Terminal<B>,
) -> anyhow::Result<()> {
    // The baseline for noticing other processes' writes, taken before the first read.
    step(app, runner, Msg::PollChanges, &mut |_| None);
    let page = super::inbox::state::page_rows(app.size) + 8;
    for m in runner.run(
        InboxFx::Load {
            all: false,
            limit: Some(page),
        }
        .into(),
    ) {
        step(app, runner, m, &mut |_| None);
    }
    terminal
        .draw(|f| view::draw(app, f))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    log::info!(
        "first frame drawn {} ms after the TUI started",
        super::started_ms()
    );
    if !app.inbox.complete {
        for m in runner.run(
            InboxFx::Load {
                all: false,
                limit: None,
            }
            .into(),
        ) {
            step(app, runner, m, &mut |_| None);
        }
    }
    for m in runner.run(IssueFx::Load(None).into()) {
        step(app, runner, m, &mut |_| None);
    }
    Ok(())
}

/// The loop until the editor quits or a signal ends it; the exit code (128 + the signal's
/// number after one). Writes still queued when it returns are the caller's (`Runner::finish`).
pub fn run(
    app: &mut App,
    runner: &mut Runner,
    terminal: &mut DefaultTerminal,
) -> anyhow::Result<i32> {
    let mut stop = super::signals::Stop::install();
    start(app, runner, terminal)?;
    let mut dirty = true;
    let mut last_tick = Instant::now();
    let mut last_changes = Instant::now();
    let mut hung_up = false;
    while !app.quit {
        if stop.check() {
            // Like `q`: quits once the queued writes land, saying so meanwhile.
            super::quitting::quit(app);
            dirty = true;
        }
        if stop.forced {
            break;
        }
        // After a hang-up there is no screen to draw on.
        if dirty && !hung_up {
            match terminal.draw(|f| view::draw(app, f)) {
                // After SIGHUP nobody sees the screen; the writes still matter.
                Err(e) if stop.signalled() => log::info!("drawing: {e}"),
                r => r.map(|_| ())?,
            }
            dirty = false;
        }
        // Waiting is ours, not crossterm's: its reader never returns once the terminal is
        // gone (`terminal::wait_input`). Crossterm is asked only when input is there, or with
        // no wait at all (for a resize it caught).
        let input = if hung_up {
            Input::HungUp
        } else {
            super::terminal::wait_input(POLL)
        };
        if input == Input::HungUp {
            if !hung_up && stop.hang_up() {
                super::quitting::quit(app);
            }
            hung_up = true;
            // The writes still matter; nothing else will come.
            std::thread::sleep(POLL);
        }
        let wait = match input {
            Input::Ask => POLL,
            _ => Duration::ZERO,
        };
        let ready = match input {
            Input::HungUp => false,
            Input::Ready | Input::Idle | Input::Ask => match event::poll(wait) {
                Err(e) if stop.signalled() => {
                    log::info!("reading keys: {e}");
                    std::thread::sleep(POLL);
                    false
                }
                r => r?,
            },
        };
        if ready {
            // Take everything already waiting before drawing again: a paste or a held key
            // costs one frame, not one per event.
            loop {
                let event = match event::read() {
                    Ok(event) => event,
                    Err(e) if stop.signalled() => {
                        log::info!("reading keys: {e}");
                        break;
                    }
                    Err(e) => return Err(e.into()),
                };
                let msg = match event {
                    Event::Key(k) if k.kind != KeyEventKind::Release => Some(Msg::Key(k)),
                    Event::Paste(text) => Some(Msg::Paste(text)),
                    Event::Resize(w, h) => Some(Msg::Resize(w, h)),
                    _ => None,
                };
                if let Some(msg) = msg {
                    step(app, runner, msg, &mut |text| external_edit(terminal, text));
                    dirty = true;
                }
                if app.quit
                    || super::terminal::wait_input(Duration::ZERO) == Input::HungUp
                    || !event::poll(Duration::ZERO).unwrap_or(false)
                {
                    break;
                }
            }
        }
        for msg in runner.poll() {
            step(app, runner, msg, &mut |_| None);
            dirty = true;
        }
        if last_changes.elapsed() >= CHANGES {
            last_changes = Instant::now();
            // Redraws only when something came back (a reload).
            dirty |= step(app, runner, Msg::PollChanges, &mut |_| None) > 1;
        }
        if last_tick.elapsed() >= Duration::from_secs(30) {
            last_tick = Instant::now();
            step(
                app,
                runner,
                Msg::Tick(chrono::Utc::now().timestamp()),
                &mut |_| None,
            );
            dirty = true;
        }
    }
    Ok(stop.exit_code())
}

/// Suspends the TUI, runs `$VISUAL`/`$EDITOR` (else vi) on a temp file holding `text`, and
/// comes back with what was saved.
fn external_edit(terminal: &mut DefaultTerminal, text: &str) -> Option<String> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = std::env::temp_dir().join(format!("roundup-{}-{nanos}.md", std::process::id()));
    // create_new: never write through a file (or symlink) someone else put there.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .ok()?;
    std::io::Write::write_all(&mut file, text.as_bytes()).ok()?;
    drop(file);
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    super::terminal::suspend();
    // The editor string may carry arguments ("code -w"): run it through the shell.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status();
    *terminal = super::terminal::resume();
    let _ = terminal.clear();
    let out = match status {
        Ok(s) if s.success() => std::fs::read_to_string(&path).ok(),
        Ok(s) => {
            log::warn!("{editor} exited with {s}");
            None
        }
        Err(e) => {
            log::warn!("cannot run {editor}: {e}");
            None
        }
    };
    let _ = std::fs::remove_file(&path);
    out
}
