//! The roundup binary: parse the command line, run it, and turn any error into one line.

use clap::Parser;

fn main() {
    // Rust ignores SIGPIPE, which turns `roundup list | head` into a panic on the next
    // println!. A command-line tool should end quietly when its reader goes away.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = roundup::cli::Cli::parse();
    match roundup::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // One clear line: the context chain, not a backtrace.
            let msg: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("roundup: {}", msg.join(": "));
            std::process::exit(2);
        }
    }
}
