//! A tiny `log` implementation appending to `roundup.log` in the log directory: `roundup
//! serve` runs unattended, and its requests (never their tokens) are worth a record.

use std::io::Write;
use std::path::{Path, PathBuf};
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
    let path = crate::paths::log_dir().join("roundup.log");
    init_at(&path);
    path
}

/// Starts logging to `path` (its directory is created). Only the first logger of a process
/// takes effect.
pub fn init_at(path: &Path) {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path);
    if let Ok(file) = file {
        // Leaked once: the logger lives as long as the process.
        let logger: &'static FileLog = Box::leak(Box::new(FileLog(Mutex::new(file))));
        if log::set_logger(logger).is_ok() {
            log::set_max_level(log::LevelFilter::Debug);
        }
    }
}
