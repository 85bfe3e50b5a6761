//! Copying an export to the clipboard: arboard (HTML with a plain-text alternative), and
//! OSC 52 on the terminal when there is no display (SSH, a container).
//!
//! On X11 the owner of a selection must stay alive to serve it, so a copy is made by a
//! detached child process of roundup itself (`roundup clipboard-serve`, hidden) that reads
//! the content from a pipe and serves it until another program takes the selection, as
//! `xclip` does. The same path serves the CLI and the TUI.

use base64::Engine;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};
use std::time::Duration;

/// The name of the hidden subcommand that holds the clipboard.
pub const SERVE_COMMAND: &str = "clipboard-serve";

/// How long the helper may take to say whether it owns the clipboard.
const HELPER_TIMEOUT: Duration = Duration::from_secs(5);

/// Where the content went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// The system clipboard (with the HTML flavour when one was given).
    Clipboard,
    /// The terminal, by OSC 52 (plain text only; whether it arrived cannot be known).
    Osc52,
}

#[derive(Debug, thiserror::Error)]
pub enum ClipboardError {
    #[error("no clipboard: {clipboard}; and no terminal for OSC 52: {terminal}")]
    Unavailable { clipboard: String, terminal: String },
}

/// What the helper reads from its stdin.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    content: String,
    /// With an alternative, `content` is HTML and `alt` its plain-text version.
    alt: Option<String>,
}

/// Copies `content`; with `alt_text`, `content` is HTML and `alt_text` its text/plain part.
pub fn copy(content: &str, alt_text: Option<&str>) -> Result<Copied, ClipboardError> {
    let clipboard = match system_copy(content, alt_text) {
        Ok(()) => return Ok(Copied::Clipboard),
        Err(e) => e,
    };
    match osc52(content) {
        Ok(()) => Ok(Copied::Osc52),
        Err(terminal) => Err(ClipboardError::Unavailable {
            clipboard,
            terminal,
        }),
    }
}

fn has_display() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()))
}

#[cfg(target_os = "linux")]
fn system_copy(content: &str, alt: Option<&str>) -> Result<(), String> {
    use std::process::{Command, Stdio};
    if !has_display() {
        return Err("no display (DISPLAY and WAYLAND_DISPLAY are unset)".into());
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut child = {
        use std::os::unix::process::CommandExt;
        Command::new(exe)
            .arg(SERVE_COMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            // Its own process group: a Ctrl-C or hang-up aimed at roundup leaves it serving.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start the clipboard helper: {e}"))?
    };
    let payload = Payload {
        content: content.to_string(),
        alt: alt.map(str::to_string),
    };
    let json = serde_json::to_vec(&payload).map_err(|e| e.to_string())?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(&json)
            .map_err(|e| format!("clipboard helper: {e}"))?;
    }
    let Some(mut stdout) = child.stdout.take() else {
        return Err("clipboard helper: no pipe".into());
    };
    // The helper answers one line, then keeps serving; read it with a deadline so a hung
    // display cannot hang roundup.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 512];
        let mut line = Vec::new();
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            line.extend_from_slice(&buf[..n]);
            if line.contains(&b'\n') {
                break;
            }
        }
        let _ = tx.send(String::from_utf8_lossy(&line).trim().to_string());
    });
    match rx.recv_timeout(HELPER_TIMEOUT) {
        Ok(answer) if answer == "ok" => Ok(()),
        Ok(answer) => {
            let _ = child.wait();
            Err(answer
                .strip_prefix("error: ")
                .unwrap_or("the clipboard helper failed")
                .to_string())
        }
        Err(_) => {
            let _ = child.kill();
            Err("the clipboard helper did not answer".into())
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn system_copy(content: &str, alt: Option<&str>) -> Result<(), String> {
    // macOS and Windows keep the clipboard after the process exits.
    let mut cb = arboard::Clipboard::new().map_err(|e| e.to_string())?;
    match alt {
        Some(alt) => cb.set_html(content, Some(alt)),
        None => cb.set_text(content),
    }
    .map_err(|e| e.to_string())
}

/// The hidden subcommand: read the payload from stdin, own the clipboard, say `ok` (or
/// `error: …`) on stdout, then serve until another program takes the selection.
pub fn serve_stdin() -> i32 {
    let mut input = String::new();
    let out = |line: &str| {
        let mut stdout = std::io::stdout();
        let _ = writeln!(stdout, "{line}");
        let _ = stdout.flush();
    };
    if let Err(e) = std::io::stdin().read_to_string(&mut input) {
        out(&format!("error: {e}"));
        return 1;
    }
    let payload: Payload = match serde_json::from_str(&input) {
        Ok(p) => p,
        Err(e) => {
            out(&format!("error: {e}"));
            return 1;
        }
    };
    let mut cb = match arboard::Clipboard::new() {
        Ok(cb) => cb,
        Err(e) => {
            out(&format!("error: {e}"));
            return 1;
        }
    };
    // Connected: from here on setting cannot fail for want of a display, so answer now
    // (the wait below blocks until the selection is taken).
    out("ok");
    // arboard's wait never returns if the X server goes away (its serving thread dies
    // quietly), so a watchdog ends the helper with the display.
    std::thread::spawn(|| {
        loop {
            std::thread::sleep(Duration::from_secs(2));
            if !display_alive() {
                std::process::exit(0);
            }
        }
    });
    let set = cb.set();
    #[cfg(target_os = "linux")]
    let set = {
        use arboard::SetExtLinux;
        set.wait()
    };
    let result = match payload.alt {
        Some(alt) => set.html(payload.content, Some(alt)),
        None => set.text(payload.content),
    };
    i32::from(result.is_err())
}

/// Whether the X server named by `DISPLAY` still listens: its socket for a local display
/// (`:0` → `/tmp/.X11-unix/X0`), a TCP connection for a remote one (`localhost:10.0`, as
/// ssh -X sets). Unknown forms count as alive.
fn display_alive() -> bool {
    let Some(display) = std::env::var("DISPLAY").ok() else {
        return false;
    };
    let Some((host, rest)) = display.rsplit_once(':') else {
        return true;
    };
    let Ok(number) = rest.split('.').next().unwrap_or("").parse::<u16>() else {
        return true;
    };
    if host.is_empty() || host == "unix" || host.starts_with('/') {
        return std::path::Path::new(&format!("/tmp/.X11-unix/X{number}")).exists();
    }
    let addr = format!("{host}:{}", 6000 + u32::from(number));
    std::net::ToSocketAddrs::to_socket_addrs(&addr)
        .ok()
        .and_then(|mut addrs| addrs.next())
        .is_some_and(|a| std::net::TcpStream::connect_timeout(&a, Duration::from_secs(2)).is_ok())
}

/// The OSC 52 sequence that asks the terminal to set its clipboard to `text`.
pub fn osc52_sequence(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

fn osc52(text: &str) -> Result<(), String> {
    let mut tty = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/tty")
        .map_err(|e| format!("/dev/tty: {e}"))?;
    tty.write_all(osc52_sequence(text).as_bytes())
        .and_then(|_| tty.flush())
        .map_err(|e| format!("/dev/tty: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_is_base64_between_the_markers() {
        assert_eq!(osc52_sequence("hi"), "\x1b]52;c;aGk=\x07");
    }
}
