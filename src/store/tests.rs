//! Opening and migrating: fresh, existing, older and newer databases.

use super::*;
use crate::model::NewLink;

const EXTRA: &str =
    "-- test: a later roundup adds a column\nALTER TABLE links ADD COLUMN extra TEXT;";

fn add(store: &Store, url: &str) -> i64 {
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
        .conn()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = store
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let v: i64 = store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v as usize, latest_version());
    assert!(
        store.backup_path().is_none(),
        "nothing to back up on a new database"
    );
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
        .conn()
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
            .conn()
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
        .conn()
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
        .conn()
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
