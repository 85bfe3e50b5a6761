//! The real roundup binary inside tmux, driven as an editor drives it: keys with
//! `send-keys`, pastes with `paste-buffer -p` (bracketed, line breaks sent as CR, exactly as
//! tmux does for a person), the screen read with `capture-pane`. Each harness has its own
//! tmux server (socket), killed on drop. tmux is required: CI installs it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// How long a step may take before the test fails showing the screen (a debug build on a
/// busy 2-core machine; every wait ends as soon as its condition holds).
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Tmux {
    socket: String,
    pub db: PathBuf,
    pub config_home: PathBuf,
}

impl Tmux {
    /// `roundup --db DB` in a `cols`×`rows` tmux window, with XDG dirs under `dir`.
    pub fn start(db: &Path, dir: &Path, cols: u16, rows: u16) -> Tmux {
        let socket = format!(
            "roundup-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux {
            socket,
            db: db.to_path_buf(),
            config_home: dir.join("config"),
        };
        let env = |k: &str, v: &Path| format!("{k}={}", v.display());
        let out = t.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            &cols.to_string(),
            "-y",
            &rows.to_string(),
            "-c",
            dir.to_str().unwrap(),
            "-e",
            "TERM=xterm-256color",
            "-e",
            &env("XDG_CONFIG_HOME", &dir.join("config")),
            "-e",
            &env("XDG_STATE_HOME", &dir.join("state")),
            "-e",
            &env("XDG_DATA_HOME", &dir.join("data")),
            "-e",
            &env("XDG_CACHE_HOME", &dir.join("cache")),
            env!("CARGO_BIN_EXE_roundup"),
            "--db",
            db.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "tmux is required for this test (CI installs it): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t.tmux(&["set-option", "-t", "t", "remain-on-exit", "on"]);
        t
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("tmux is required for this test (CI installs it)")
    }

    /// Keys by tmux name: "j", "Enter", "Escape", "Tab", "C-q", "BSpace".
    pub fn keys(&self, keys: &str) {
        for k in keys.split(' ') {
            self.tmux(&["send-keys", "-t", "t", k]);
            // One key at a time, as typed: the TUI sees each as its own event.
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Text typed literally, one character after another.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    /// A bracketed paste through a tmux buffer: tmux sends each line break as CR, as it does
    /// when a person pastes.
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "-b", "p", "--", text]);
        self.tmux(&["paste-buffer", "-p", "-b", "p", "-t", "t"]);
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Waits until `needle` is on the screen, or fails the test showing the screen.
    pub fn expect(&self, needle: &str) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if self.screen().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "waited {PATIENCE:?} for {needle:?}; the screen:\n{}",
            self.screen()
        );
    }

    /// Waits until `pred` holds (e.g. on the database); fails showing the screen.
    pub fn until(&self, what: &str, pred: impl Fn() -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if pred() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "waited {PATIENCE:?} for {what}; the screen:\n{}",
            self.screen()
        );
    }

    /// Back out of any editor or dialog, `q`, then wait for roundup to exit (the pane
    /// stays, dead).
    pub fn quit(&self) {
        self.keys("Escape");
        std::thread::sleep(Duration::from_millis(100));
        self.keys("Escape");
        std::thread::sleep(Duration::from_millis(100));
        self.keys("q");
        self.until("roundup to exit", || {
            let out = self.tmux(&["display-message", "-p", "-t", "t", "#{pane_dead}"]);
            String::from_utf8_lossy(&out.stdout).trim() == "1"
        });
    }
}

impl Tmux {
    /// The pid of the program in the window (roundup itself: tmux execs it).
    pub fn pane_pid(&self) -> i32 {
        let out = self.tmux(&["display-message", "-p", "-t", "t", "#{pane_pid}"]);
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }

    /// Closes the window's terminal under the program, as closing a terminal window or
    /// losing an SSH connection does.
    pub fn kill_server(&self) {
        self.tmux(&["kill-server"]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}
