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
mod push_remotes;
mod search;
mod search_entries;
mod settings;
mod tui_queries;
mod writing;

pub use articles::ArticleText;
pub use batch::{BatchCounts, TableCounts};
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

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{M, Migrations, SchemaVersion};
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
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
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

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Where the pre-migration copy went, if one was made on this open.
    backup: Option<PathBuf>,
}

fn migrations_of(sqls: &[&'static str]) -> Migrations<'static> {
    Migrations::new(sqls.iter().map(|sql| M::up(sql)).collect())
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
        let migrations = migrations_of(sqls);
        let shown = path.display().to_string();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|cause| StoreError::CreateDir {
                path: dir.display().to_string(),
                cause,
            })?;
        }
        let existed = path.exists()
            && std::fs::metadata(path)
                .map(|m| m.len() > 0)
                .unwrap_or(false);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Read the version before any pragma writes the file, so a refused database stays
        // byte-for-byte as it was.
        let version = schema_version(&conn, &migrations, sqls.len(), &shown)?;
        let mut backup = None;
        if existed && version < sqls.len() && has_tables(&conn)? {
            backup = Some(backup_before_migration(&conn, path, version)?);
        }
        configure(&conn)?;
        migrations
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            backup,
        })
    }

    /// A private database in memory, for tests and `roundup demo`.
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        migrations_of(MIGRATIONS)
            .to_latest(&mut conn)
            .map_err(|e| StoreError::Migration(e.to_string()))?;
        Ok(Store {
            conn,
            path: None,
            backup: None,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn backup_path(&self) -> Option<&Path> {
        self.backup.as_deref()
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

fn schema_version(
    conn: &Connection,
    migrations: &Migrations,
    known: usize,
    shown: &str,
) -> Result<usize> {
    let version = migrations
        .current_version(conn)
        .map_err(|e| StoreError::NotADatabase {
            path: shown.to_string(),
            reason: e.to_string(),
        })?;
    match version {
        SchemaVersion::NoneSet => Ok(0),
        SchemaVersion::Inside(v) => Ok(v.get()),
        SchemaVersion::Outside(v) => Err(StoreError::NewerSchema {
            path: shown.to_string(),
            found: v.get(),
            known,
        }),
    }
}

fn has_tables(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(n > 0)
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL: readers (the TUI) never block the writer (a CLI add), and a crash leaves the last
    // committed transaction intact. NORMAL sync is durable against process death (kill -9),
    // which is what the editor's "saved" promise covers.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
        log::warn!("journal_mode is {mode}, not WAL");
    }
    conn.execute_batch("PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

/// Copies the database aside before a migration touches it: `roundup.db.v1-20261123T0102.bak`.
/// VACUUM INTO makes a consistent copy even while WAL frames are outstanding.
fn backup_before_migration(conn: &Connection, path: &Path, version: usize) -> Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{version}-{stamp}.bak"));
    let target = path.with_file_name(name);
    let target_str = target.to_string_lossy().to_string();
    conn.execute("VACUUM INTO ?1", [&target_str])?;
    Ok(target)
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
