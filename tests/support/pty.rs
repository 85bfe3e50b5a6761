//! The real roundup binary on a pseudo-terminal, as a person would drive it: keys and
//! bracketed pastes written to the pty, the screen read back with a terminal emulator
//! (vt100), signals sent to the process. One harness for every test that needs the real
//! terminal (crash safety, paste, signals, a locked database).
#![allow(dead_code)]

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{Winsize, tcsetwinsize};
use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Pty {
    pub child: Child,
    input: File,
    screen: Arc<Mutex<vt100::Parser>>,
    pub rows: u16,
    pub cols: u16,
}

impl Pty {
    /// `roundup --db DB ARGS…` on a `cols`×`rows` pty, with XDG dirs under `dir` (its
    /// config directory is `dir/config/roundup`).
    pub fn spawn(db: &Path, dir: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        // setsid -c (util-linux): a session of its own with the pty as its controlling
        // terminal, so the TUI never touches the terminal running the tests. It execs in
        // place (the child is not a group leader), so the pid is roundup's own.
        let mut cmd = Command::new("setsid");
        cmd.arg("-c")
            .arg(env!("CARGO_BIN_EXE_roundup"))
            .arg("--db")
            .arg(db)
            .args(args)
            .env("TERM", "xterm-256color")
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .env("XDG_STATE_HOME", dir.join("state"))
            .env("XDG_DATA_HOME", dir.join("data"))
            .env_remove("ROUNDUP_DB");
        Pty::spawn_cmd(cmd, cols, rows)
    }

    pub fn spawn_cmd(mut cmd: Command, cols: u16, rows: u16) -> Pty {
        let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
        grantpt(&master).unwrap();
        unlockpt(&master).unwrap();
        let name = ptsname(&master, Vec::new()).unwrap();
        let slave = OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().unwrap())
            .unwrap();
        let size = Winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&slave, size).unwrap();
        cmd.stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        let child = cmd.spawn().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let master = File::from(master);
        let mut output = master.try_clone().unwrap();
        let sink = screen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = output.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Pty {
            child,
            input: master,
            screen,
            rows,
            cols,
        }
    }

    /// Writes raw bytes as typed keys ("\r" is Enter, "\x1b" Esc).
    pub fn keys(&mut self, s: &str) {
        self.input.write_all(s.as_bytes()).unwrap();
        self.input.flush().unwrap();
    }

    /// A bracketed paste, as terminals send one (the text as given: CR, LF or CRLF).
    pub fn paste(&mut self, text: &str) {
        self.keys(&format!("\x1b[200~{text}\x1b[201~"));
    }

    pub fn text(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// The last line: the status bar.
    pub fn status(&self) -> String {
        let p = self.screen.lock().unwrap();
        p.screen().rows(0, self.cols).last().unwrap_or_default()
    }

    /// The terminal modes the program left behind (alternate screen, cursor shown).
    pub fn alternate_screen(&self) -> bool {
        self.screen.lock().unwrap().screen().alternate_screen()
    }

    pub fn cursor_hidden(&self) -> bool {
        self.screen.lock().unwrap().screen().hide_cursor()
    }

    /// Waits until `pred` holds for the screen; false after `limit`.
    pub fn wait(&self, limit: Duration, pred: impl Fn(&Pty) -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if pred(self) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        false
    }

    /// Waits until `needle` is on the screen, or fails the test showing the screen.
    pub fn expect(&self, needle: &str, limit: Duration) {
        assert!(
            self.wait(limit, |t| t.text().contains(needle)),
            "waited {limit:?} for {needle:?}; the screen:\n{}",
            self.text()
        );
    }

    /// Sends a signal to the process.
    pub fn signal(&self, sig: rustix::process::Signal) {
        let pid = rustix::process::Pid::from_raw(self.child.id() as i32).unwrap();
        rustix::process::kill_process(pid, sig).unwrap();
    }

    /// Waits for the process to end; its exit status, or None after `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread take the last bytes the program wrote.
                std::thread::sleep(Duration::from_millis(50));
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
