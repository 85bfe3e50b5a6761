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
/// no terminal to print to. False when the terminal could not be restored (it is gone).
pub fn leave() -> bool {
    // ratatui::restore's steps (the panic hook's), one by one so one failing skips none.
    let raw = ratatui::crossterm::terminal::disable_raw_mode();
    if let Err(e) = &raw {
        log::info!("leaving raw mode: {e}");
    }
    let out = &mut std::io::stdout();
    let steps = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    if let Err(e) = &steps {
        log::info!("restoring the terminal: {e}");
    }
    raw.is_ok() && steps.is_ok()
}

/// For `$EDITOR`: give the terminal back, then take it again.
pub fn suspend() {
    leave();
}

pub fn resume() -> DefaultTerminal {
    enter()
}

/// What the terminal's input has for the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Something to read (keys, a paste), or nothing to say otherwise: ask crossterm.
    Ready,
    /// Nothing came within the wait.
    Idle,
    /// Standard input is not the terminal (crossterm reads `/dev/tty` then): crossterm waits.
    Ask,
    /// The terminal is gone (its window closed, the SSH connection dropped): there will
    /// never be more input, and crossterm must not be asked, since its reader then reads
    /// the end of input over and over without returning.
    HungUp,
}

/// Waits up to `timeout` for input on the terminal (standard input, as crossterm reads it).
/// Without a terminal on standard input it says `Ask` and leaves the waiting to crossterm.
pub fn wait_input(timeout: std::time::Duration) -> Input {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = std::io::stdin();
    if !std::io::IsTerminal::is_terminal(&stdin) {
        return Input::Ask;
    }
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let wait = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match poll(&mut fds, Some(&wait)) {
        Ok(0) => Input::Idle,
        Ok(_) => input_of(fds[0].revents()),
        Err(rustix::io::Errno::INTR) => Input::Idle,
        Err(e) => {
            log::info!("waiting for keys: {e}");
            Input::HungUp
        }
    }
}

/// A hang-up wins over readable data: a closed pty reports both, and reads only its end.
fn input_of(revents: rustix::event::PollFlags) -> Input {
    use rustix::event::PollFlags;
    if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
        Input::HungUp
    } else if revents.contains(PollFlags::IN) {
        Input::Ready
    } else {
        Input::Idle
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustix::event::PollFlags;

    #[test]
    fn a_hang_up_is_seen_even_with_input_waiting() {
        assert_eq!(input_of(PollFlags::IN), Input::Ready);
        assert_eq!(input_of(PollFlags::IN | PollFlags::HUP), Input::HungUp);
        assert_eq!(input_of(PollFlags::ERR), Input::HungUp);
        assert_eq!(input_of(PollFlags::empty()), Input::Idle);
    }
}
