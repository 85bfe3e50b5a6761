//! The SQLite store: opening (pragmas, migrations, the newer-schema guard, the backup taken
//! before a migration) and one file per table family.
//!
//! Every write goes straight to the database; there is no in-memory copy that could be lost.
//! The connection and its transactions are private: every other layer goes through `Store`
//! methods, and only this module names rusqlite or writes SQL.

mod aging;
mod anchors;
mod articles;
mod batch;
mod capture;
mod drafts;
mod entries;
mod feed_pull;
mod feeds;
mod fetched;
mod issue_load;
mod issues;
mod link_extras;
mod links;
mod open;
mod push_remotes;
mod quotes;
mod search;
mod search_entries;
mod settings;
mod tui_queries;
mod writing;

pub use articles::ArticleText;
pub use batch::{BatchCounts, BatchRest, TableCounts};
pub use entries::{CreditKind, EntryField};
pub use feed_pull::PullCounts;
pub use fetched::FetchSelection;
pub use issues::IssueSummary;
pub use links::{AddOutcome, LinkFilter};
pub use push_remotes::RemoteDraft;
pub use search::{PublishedEntry, SearchHit, SearchScope, fts_query};
pub use settings::Settings;
pub use tui_queries::InboxRow;
pub use writing::CorrectionKind;
// Plain data the store takes; it lives in `model` (re-exported here for callers' convenience).
pub use crate::model::NewEntry;

use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Numbered migrations, applied in order on open. Append only: never edit a released one.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_search.sql"),
    include_str!("migrations/0003_final_url_index.sql"),
    include_str!("migrations/0004_issue_day.sql"),
    include_str!("migrations/0005_push_remote.sql"),
    include_str!("migrations/0006_link_sources.sql"),
    include_str!("migrations/0007_readable_text.sql"),
    include_str!("migrations/0008_kept_anchors.sql"),
    include_str!("migrations/0009_cheaper_link_inserts.sql"),
];

/// How long a writer waits for another process (the TUI and a CLI `add` side by side)
/// before giving up. Writes are short, so a few seconds is generous.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{path} was written by a newer roundup (schema version {found}; this build knows up to {known}); \
         it was left untouched: upgrade roundup to open it"
    )]
    NewerSchema {
        path: String,
        found: usize,
        known: usize,
    },
    #[error("{path} is not a roundup database: {reason}")]
    NotADatabase { path: String, reason: String },
    #[error("could not create {path}: {cause}")]
    CreateDir { path: String, cause: std::io::Error },
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("{}", sql_line(.0))]
    Sql(rusqlite::Error),
    #[error("cannot write in {0}")]
    CannotWrite(String),
    #[error(
        "{path} is damaged; {}to salvage what is left: sqlite3 {path} .recover",
        backup.as_ref().map(|b| format!("the newest backup is {b}; ")).unwrap_or_default()
    )]
    Damaged {
        path: String,
        backup: Option<String>,
    },
    #[error(
        "no room in {0} for the backup a migration needs: nothing was changed; free some space"
    )]
    NoRoomForBackup(String),
    #[error("cannot write the backup a migration needs in {dir} ({reason}): nothing was changed")]
    BackupFailed { dir: String, reason: String },
    #[error("corrupt stored value: {0}")]
    Json(serde_json::Error),
}

// Each variant prints its cause in its own message, so none also exposes it as `source`
// (thiserror's `#[from]` would): a chain printed by `main` then says the cause once.
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sql(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Json(e)
    }
}

/// SQLite's errors in the editor's words, said once: busy, disk full, read-only, damaged
/// have their own line; anything else is SQLite's message without rusqlite's wrapping.
fn sql_line(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match e {
        rusqlite::Error::SqliteFailure(f, msg) => match f.code {
            C::DatabaseBusy | C::DatabaseLocked => {
                "the database is busy (another roundup is writing); nothing was written, try again"
                    .into()
            }
            C::DiskFull => "the disk is full: nothing was written".into(),
            C::ReadOnly => "the database is read-only: nothing was written".into(),
            C::DatabaseCorrupt | C::NotADatabase => format!(
                "the database is damaged ({})",
                msg.as_deref().unwrap_or("corrupt")
            ),
            _ => format!(
                "database error: {}",
                msg.clone().unwrap_or_else(|| f.to_string())
            ),
        },
        other => format!("database error: {other}"),
    }
}

impl StoreError {
    /// A write refused because the database could only be opened read-only.
    pub fn is_read_only(&self) -> bool {
        matches!(
            self,
            StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
        )
    }

    /// The database file is damaged (the message then names a backup and `.recover`).
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            StoreError::Sql(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
        )
    }
}

pub use open::damaged;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Where the pre-migration copy went, if one was made on this open.
    backup: Option<PathBuf>,
    read_only: Option<PathBuf>,
}

/// The schema version this build writes.
pub fn latest_version() -> usize {
    MIGRATIONS.len()
}

/// The current time as stored everywhere: RFC 3339, UTC, second precision.
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Store {
    /// Opens (creating if needed) the database at `path`, migrating it to the latest schema.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, MIGRATIONS)
    }

    /// `open` with a given migration list, so tests can play an older or newer roundup.
    pub(crate) fn open_with(path: &Path, sqls: &[&'static str]) -> Result<Store> {
        let opened = open::open(path, sqls, BUSY_TIMEOUT)
            .map_err(|e| if e.is_damage() { damaged(path) } else { e })?;
        Ok(Store {
            conn: opened.conn,
            path: Some(path.to_path_buf()),
            backup: opened.backup,
            read_only: opened.read_only,
        })
    }

    /// A private database in memory, for tests and `roundup demo`.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        for (i, sql) in MIGRATIONS.iter().enumerate() {
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        Ok(Store {
            conn,
            path: None,
            backup: None,
            read_only: None,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn backup_path(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    /// The directory that could not be written, when the store was opened read-only (a
    /// read-only directory: reading works, every write fails).
    pub fn read_only_dir(&self) -> Option<&Path> {
        self.read_only.as_deref()
    }

    /// A write transaction on `&self`. IMMEDIATE takes the write lock up front, so a second
    /// process writing at the same time makes it wait (the busy timeout) instead of failing
    /// at the first write with SQLITE_BUSY, which a deferred transaction that read first gets
    /// without ever waiting.
    fn write_tx(&self) -> Result<rusqlite::Transaction<'_>> {
        Ok(rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?)
    }

    /// Changes whenever another connection (another process, or the TUI's own reader)
    /// commits; never for this connection's own writes. The TUI polls it to reload.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one transaction: all of it lands, or none of it does. Private to the
    /// store: nothing above it sees a connection or a transaction.
    fn transaction<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// JSON array of strings, the stored form of authors, quotes and disclosures.
fn to_json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string())
}

fn from_json_list(text: &str) -> Result<Vec<String>> {
    Ok(serde_json::from_str(text)?)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_batch;
#[cfg(test)]
mod tests_schema;
