//! A tiny `log` implementation writing to a file in the log directory: the screen belongs to
//! the TUI, so nothing may print there.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

struct FileLog(Mutex<std::fs::File>);

impl log::Log for FileLog {
    fn enabled(&self, meta: &log::Metadata) -> bool {
        meta.level() <= log::Level::Info || std::env::var_os("ROUNDUP_DEBUG").is_some()
    }
    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        if let Ok(mut f) = self.0.lock() {
            let _ = writeln!(
                f,
                "{} {:5} {}: {}",
                crate::store::now(),
                record.level(),
                record.target(),
                record.args()
            );
        }
    }
    fn flush(&self) {
        if let Ok(mut f) = self.0.lock() {
            let _ = f.flush();
        }
    }
}

/// Starts logging to `roundup.log` in the log directory; returns its path. Failing to open
/// the file only means no log.
pub fn init() -> PathBuf {
    let dir = crate::paths::log_dir();
    let path = dir.join("roundup.log");
    let file = std::fs::create_dir_all(&dir).and_then(|_| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
    });
    if let Ok(file) = file {
        // Leaked once: the logger lives as long as the process.
        let logger: &'static FileLog = Box::leak(Box::new(FileLog(Mutex::new(file))));
        if log::set_logger(logger).is_ok() {
            log::set_max_level(log::LevelFilter::Debug);
        }
    }
    path
}
