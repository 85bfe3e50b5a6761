//! Entering and leaving the terminal: ratatui's init/restore (which install the panic hook
//! that restores the screen) plus bracketed paste, so a pasted list of URLs arrives whole.

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::LeaveAlternateScreen;

pub fn enter() -> DefaultTerminal {
    let terminal = ratatui::init();
    if let Err(e) = execute!(std::io::stdout(), EnableBracketedPaste) {
        log::warn!("bracketed paste unavailable: {e}");
    }
    terminal
}

/// Every exit's way out (quit, a signal, `$EDITOR`): raw mode off, the main screen, the
/// cursor shown. Each step on its own, failures logged, never printed: after SIGHUP there is
/// no terminal to print to.
pub fn leave() {
    // ratatui::restore's steps (the panic hook's), one by one so one failing skips none.
    if let Err(e) = ratatui::crossterm::terminal::disable_raw_mode() {
        log::info!("leaving raw mode: {e}");
    }
    let out = &mut std::io::stdout();
    let steps = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    if let Err(e) = steps {
        log::info!("restoring the terminal: {e}");
    }
}

/// For `$EDITOR`: give the terminal back, then take it again.
pub fn suspend() {
    leave();
}

pub fn resume() -> DefaultTerminal {
    enter()
}
