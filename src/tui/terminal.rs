//! Entering and leaving the terminal: ratatui's init/restore (which install the panic hook
//! that restores the screen) plus bracketed paste, so a pasted list of URLs arrives whole.

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;

pub fn enter() -> DefaultTerminal {
    let terminal = ratatui::init();
    if let Err(e) = execute!(std::io::stdout(), EnableBracketedPaste) {
        log::warn!("bracketed paste unavailable: {e}");
    }
    terminal
}

pub fn leave() {
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
}

/// For `$EDITOR`: give the terminal back, then take it again.
pub fn suspend() {
    leave();
}

pub fn resume() -> DefaultTerminal {
    enter()
}
