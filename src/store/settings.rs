//! Settings stored in the database (they travel with the data, unlike the config file).

use super::{Result, Store};
use rusqlite::{OptionalExtension, params};

/// The typed view of the `settings` table, with the defaults the code owns.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Canonicalise `http://` to `https://` (off by default: some sites still serve only http).
    pub upgrade_http: bool,
    /// How many fetches run at once.
    pub fetch_concurrency: usize,
    /// Links older than this that were never used are "stale".
    pub stale_after_days: i64,
    /// Exports link each anchored pull-quote to its place on the page (`#:~:text=`).
    pub quote_links: bool,
    /// The whole of one link's check (redirects, body included) may take this long.
    pub check_timeout_secs: u64,
    /// The most items one feed adds to the inbox per pull (a feed of 10,000 items is a dump,
    /// not news).
    pub feed_max_items: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            upgrade_http: false,
            fetch_concurrency: 16,
            stale_after_days: 28,
            quote_links: false,
            check_timeout_secs: 10,
            feed_max_items: 200,
        }
    }
}

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) \
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    pub fn settings(&self) -> Result<Settings> {
        let d = Settings::default();
        let get = |k: &str| self.setting(k);
        let flag = |v: String| matches!(v.as_str(), "1" | "true" | "yes" | "on");
        Ok(Settings {
            upgrade_http: get("upgrade_http")?.map(flag).unwrap_or(d.upgrade_http),
            fetch_concurrency: get("fetch_concurrency")?
                .and_then(|v| v.parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(d.fetch_concurrency),
            stale_after_days: get("stale_after_days")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(d.stale_after_days),
            quote_links: get("quote_links")?.map(flag).unwrap_or(d.quote_links),
            check_timeout_secs: get("check_timeout_secs")?
                .and_then(|v| v.parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(d.check_timeout_secs),
            feed_max_items: get("feed_max_items")?
                .and_then(|v| v.parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(d.feed_max_items),
        })
    }
}
