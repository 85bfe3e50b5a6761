//! SIGTERM, SIGHUP and SIGINT end the TUI the way `q` does: the queued writes land (or, if
//! the database stays locked past `GRACE`, go to the recovery file), then the terminal is
//! restored by the same `terminal::leave` every exit takes. Without this a signal killed the
//! process on the alternate screen in raw mode. A second signal stops waiting.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::time::{Duration, Instant};

/// How long a signalled TUI keeps trying queued writes before keeping them in the recovery
/// file: nobody may be there to answer (SIGHUP), and whoever sent SIGTERM is waiting.
pub const GRACE: Duration = Duration::from_secs(20);

pub struct Stop {
    signals: Option<Signals>,
    /// The first signal and when it came.
    first: Option<(i32, Instant)>,
    /// A second signal, or the grace ran out: stop waiting.
    pub forced: bool,
}

impl Stop {
    pub fn install() -> Stop {
        let signals = Signals::new([SIGTERM, SIGHUP, SIGINT])
            .inspect_err(|e| log::warn!("cannot catch SIGTERM/SIGHUP/SIGINT: {e}"))
            .ok();
        Stop {
            signals,
            first: None,
            forced: false,
        }
    }

    /// True once, when the first signal arrives (the loop starts quitting); a later one, or
    /// the grace running out, sets `forced`.
    pub fn check(&mut self) -> bool {
        let mut first = false;
        if let Some(signals) = &mut self.signals {
            for sig in signals.pending() {
                log::info!("signal {sig}");
                match self.first {
                    None => {
                        self.first = Some((sig, Instant::now()));
                        first = true;
                    }
                    Some(_) => self.forced = true,
                }
            }
        }
        if self.first.is_some_and(|(_, at)| at.elapsed() >= GRACE) {
            self.forced = true;
        }
        first
    }

    /// The terminal hung up without a signal reaching us (or before it did): the same as
    /// SIGHUP. True if nothing had stopped the loop before.
    pub fn hang_up(&mut self) -> bool {
        if self.first.is_some() {
            return false;
        }
        log::info!("the terminal hung up");
        self.first = Some((SIGHUP, Instant::now()));
        true
    }

    pub fn signalled(&self) -> bool {
        self.first.is_some()
    }

    /// The shell's exit code for a process ended by the signal (128 + its number), else 0.
    pub fn exit_code(&self) -> i32 {
        self.first.map_or(0, |(sig, _)| 128 + sig)
    }
}
