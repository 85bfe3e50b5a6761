//! The roundup binary: parse the command line, run it, and turn any error into one line.

use clap::Parser;

fn main() {
    // Rust ignores SIGPIPE, which turns `roundup list | head` into a panic on the next
    // println!. A command-line tool should end quietly when its reader goes away.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid disposition.
    // The crate denies unsafe code; this one call has no safe equivalent in std.
    #[allow(unsafe_code)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = roundup::cli::Cli::parse();
    match roundup::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("{}", roundup::cli::error_line(&e));
            std::process::exit(2);
        }
    }
}
