//! Opening and migrating: fresh, existing, older and newer databases.

use super::*;
use crate::model::NewLink;

const EXTRA: &str =
    "-- test: a later roundup adds a column\nALTER TABLE links ADD COLUMN extra TEXT;";

pub(super) fn add(store: &Store, url: &str) -> i64 {
    match store
        .add_link(&NewLink {
            url: url.into(),
            title: Some("T".into()),
            ..Default::default()
        })
        .unwrap()
    {
        AddOutcome::Added(id) => id,
        other => panic!("not added: {other:?}"),
    }
}

#[test]
fn fresh_database_is_created_with_wal_and_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/dir/roundup.db");
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let v: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, latest_version());
    assert!(
        store.backup_path().is_none(),
        "nothing to back up on a new database"
    );
    let page: i64 = store
        .conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, open::NEW_PAGE_SIZE);
}

#[test]
fn reopening_an_up_to_date_database_keeps_data_and_makes_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roundup.db");
    let id = add(&Store::open(&path).unwrap(), "https://example.com/a");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.link(id).unwrap().url, "https://example.com/a");
    assert!(store.backup_path().is_none());
}

#[test]
fn existing_database_is_copied_aside_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roundup.db");
    let id = add(&Store::open(&path).unwrap(), "https://example.com/a");

    let newer: Vec<&'static str> = MIGRATIONS.iter().copied().chain([EXTRA]).collect();
    let store = Store::open_with(&path, &newer).unwrap();
    let backup = store.backup_path().expect("a backup").to_path_buf();
    assert!(backup.exists());
    // The migrated database has the new column and the old row.
    let extra: Option<String> = store
        .conn
        .query_row("SELECT extra FROM links WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert_eq!(extra, None);
    assert_eq!(store.link(id).unwrap().url, "https://example.com/a");
    // The backup is the old version, with the data.
    let old = rusqlite::Connection::open(&backup).unwrap();
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, MIGRATIONS.len());
    let n: i64 = old
        .query_row("SELECT count(*) FROM links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn newer_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roundup.db");
    let newer: Vec<&'static str> = MIGRATIONS.iter().copied().chain([EXTRA]).collect();
    {
        let store = Store::open_with(&path, &newer).unwrap();
        add(&store, "https://example.com/a");
        // Checkpoint so the main file holds everything and can be compared byte for byte.
        store
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = match Store::open(&path) {
        Err(e) => e,
        Ok(_) => panic!("a newer database must be refused"),
    };
    assert!(
        matches!(err, StoreError::NewerSchema { found, known, .. } if found == newer.len() && known == MIGRATIONS.len())
    );
    assert!(err.to_string().contains("newer roundup"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "file must be untouched"
    );
    let baks = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".bak")
        })
        .count();
    assert_eq!(baks, 0);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roundup.db");
    std::fs::write(
        &path,
        b"this is a text file, not a database, and it is long enough",
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().expect("refused").to_string();
    assert!(
        err.contains("not a roundup database") || err.contains("not a database"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn duplicate_add_names_the_existing_link() {
    let store = Store::open_in_memory().unwrap();
    let id = add(&store, "https://Example.com/a/?utm_source=x#top");
    match store
        .add_link(&NewLink {
            url: "https://example.com/a".into(),
            ..Default::default()
        })
        .unwrap()
    {
        AddOutcome::Duplicate(existing) => assert_eq!(existing.id, id),
        other => panic!("expected duplicate, got {other:?}"),
    }
    let n: i64 = store
        .conn
        .query_row("SELECT count(*) FROM links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn invalid_url_is_refused_and_nothing_is_written() {
    let store = Store::open_in_memory().unwrap();
    let err = store
        .add_link(&NewLink {
            url: "javascript:alert(1)".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(err.to_string().contains("javascript:alert(1)"));
    let n: i64 = store
        .conn
        .query_row("SELECT count(*) FROM links", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn upgrade_http_setting_changes_duplicate_detection() {
    let store = Store::open_in_memory().unwrap();
    add(&store, "https://example.com/a");
    assert!(matches!(
        store
            .add_link(&NewLink {
                url: "http://example.com/a".into(),
                ..Default::default()
            })
            .unwrap(),
        AddOutcome::Added(_)
    ));
    store.set_setting("upgrade_http", "true").unwrap();
    assert!(matches!(
        store
            .add_link(&NewLink {
                url: "http://example.com/b".into(),
                ..Default::default()
            })
            .unwrap(),
        AddOutcome::Added(_)
    ));
    assert!(matches!(
        store
            .add_link(&NewLink {
                url: "https://example.com/b".into(),
                ..Default::default()
            })
            .unwrap(),
        AddOutcome::Duplicate(_)
    ));
}

/// A database made by the first schema version, with a row in every table, upgrades to the
/// latest with every row intact (and the new search index covers the old rows).
#[test]
fn version_1_database_with_data_in_every_table_upgrades_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roundup.db");
    let tables_v1 = [
        "links", "feeds", "issues", "sections", "entries", "settings",
    ];
    {
        let v1 = Store::open_with(&path, &MIGRATIONS[..1]).unwrap();
        v1.conn
            .execute_batch(
                "INSERT INTO feeds (id, url, title, etag, added_at) VALUES (1, 'https://jvns.ca/atom.xml', 'Julia', 'W/\"1\"', '2020-01-01T00:00:00Z');
                 INSERT INTO links (id, url, canonical_url, title, authors, publication, description, published, state, via, note, feed_id, added_at, fetched_at, fetch_error, state_changed_at)
                   VALUES (1, 'https://jvns.ca/blog/dns/', 'https://jvns.ca/blog/dns', 'Zine about DNS', '[\"Julia Evans\"]', 'Julia Evans', 'A zine', '2020-01-01', 'used', 'HackerNews', 'note', 1, '2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', NULL, NULL),
                          (2, 'https://example.com/held', 'https://example.com/held', NULL, '[]', NULL, NULL, NULL, 'held', NULL, NULL, NULL, '2020-01-03T00:00:00Z', NULL, 'HTTP 404', '2020-01-04T00:00:00Z');
                 INSERT INTO issues (id, number, title, date, status, intro, sponsor_name, sponsor_url, sponsor_message, created_at, published_at, updated_at)
                   VALUES (1, 94, 'SRE Weekly Issue #94', '2017-10-22', 'published', 'Hello', 'Rootly', 'https://rootly.com', 'Try it', '2017-10-20T00:00:00Z', '2017-10-22T00:00:00Z', '2017-10-22T00:00:00Z');
                 INSERT INTO sections (id, issue_id, heading, style, position) VALUES (1, 1, 'Articles', 'articles', 0), (2, 1, 'Outages', 'list', 1);
                 INSERT INTO entries (id, section_id, link_id, position, title, blurb, quotes, authors, publication, via, disclosures, updated_at)
                   VALUES (1, 1, 1, 0, 'DNS!', 'A great zine about resolvers.', '[\"It was DNS.\"]', '[\"Julia Evans\"]', NULL, 'HackerNews', '[\"Full disclosure: none.\"]', '2017-10-22T00:00:00Z');
                 INSERT INTO settings (key, value) VALUES ('upgrade_http', 'true');",
            )
            .unwrap();
    }
    // Every column the first version had, but the blurb and quotes that 0004 folded into
    // the body (checked below).
    let columns = |conn: &rusqlite::Connection, table: &str| -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|r| r.unwrap())
            .filter(|c| !(table == "entries" && (c == "blurb" || c == "quotes")))
            .collect()
    };
    let v1_columns: Vec<Vec<String>> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        tables_v1.iter().map(|t| columns(&conn, t)).collect()
    };
    let dump = |conn: &rusqlite::Connection, table: &str| -> Vec<String> {
        let i = tables_v1.iter().position(|t| *t == table).unwrap();
        let cols = v1_columns[i].join(", ");
        let mut stmt = conn
            .prepare(&format!("SELECT {cols} FROM {table} ORDER BY 1"))
            .unwrap();
        let cols = stmt.column_count();
        stmt.query_map([], |r| {
            Ok((0..cols)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect::<Vec<_>>()
                .join("|"))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
    };
    let before: Vec<Vec<String>> = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        tables_v1.iter().map(|t| dump(&conn, t)).collect()
    };
    assert!(
        before.iter().all(|rows| !rows.is_empty()),
        "every table has data"
    );

    let store = Store::open(&path).unwrap();
    assert!(store.backup_path().is_some());
    let after: Vec<Vec<String>> = tables_v1.iter().map(|t| dump(&store.conn, t)).collect();
    assert_eq!(before, after, "every row intact");
    assert_eq!(
        store.entry(1).unwrap().body,
        "A great zine about resolvers.\n\n> It was DNS.",
        "the blurb and its quote became the body"
    );
    assert_eq!(store.link(1).unwrap().featured_in, vec![94]);
    assert!(store.settings().unwrap().upgrade_http);
    // Old rows are searchable after the upgrade.
    let hits = store.search("resolvers", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].link.id, 1);
    assert_eq!(store.search("zine", 10).unwrap().len(), 1);
    let v: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, latest_version());
}
