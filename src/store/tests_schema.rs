//! The schema this build writes: the page size of a new database, and migration 0009's
//! cheaper link insert.

use super::tests::add;
use super::*;

#[test]
fn an_existing_database_keeps_its_page_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roundup.db");
    {
        // Not WAL yet, so `configure` asks for 8 KB pages before switching: a file with
        // data keeps its size (only a VACUUM could change it).
        let old = rusqlite::Connection::open(&path).unwrap();
        old.execute_batch("PRAGMA page_size = 4096; CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let page: i64 = store
        .conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    assert_eq!(page, 4096);
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let kept: i64 = store
        .conn
        .query_row("SELECT x FROM t", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, 1);
    let ok: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

/// Opcodes of `sql` as this connection would run it.
fn opcodes(conn: &rusqlite::Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(&format!("EXPLAIN {sql}")).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(1))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

#[test]
fn migration_9_keeps_the_state_rule_without_an_ephemeral_table_per_insert() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roundup.db");
    let insert = "INSERT INTO links (url, canonical_url, added_at) VALUES ('u', 'c', 'now')";
    let id = {
        let v8 = Store::open_with(&path, &MIGRATIONS[..8]).unwrap();
        // What 0009 is for: the IN list is an ephemeral table built on every insert.
        assert!(opcodes(&v8.conn, insert).contains(&"OpenEphemeral".to_string()));
        add(&v8, "https://example.com/a")
    };
    // The migrating connection itself reads the new rule (the import that follows a first
    // open runs on it).
    let store = Store::open(&path).unwrap();
    assert!(
        !opcodes(&store.conn, insert).contains(&"OpenEphemeral".to_string()),
        "{:?}",
        opcodes(&store.conn, insert)
    );
    let sql: String = store
        .conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'links'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        sql.contains(
            "CHECK (state = 'inbox' OR state = 'held' OR state = 'used' OR state = 'discarded')"
        ),
        "{sql}"
    );
    assert!(!sql.contains("state IN"), "{sql}");
    // The rule still holds, on this connection and on a new one.
    for conn in [&store.conn, &rusqlite::Connection::open(&path).unwrap()] {
        for ok in ["inbox", "held", "used", "discarded"] {
            conn.execute(
                "UPDATE links SET state = ?1 WHERE id = ?2",
                rusqlite::params![ok, id],
            )
            .unwrap();
        }
        let err = conn
            .execute("UPDATE links SET state = 'gone' WHERE id = ?1", [id])
            .unwrap_err();
        assert!(err.to_string().contains("CHECK constraint failed"), "{err}");
    }
    let ok: String = store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    assert_eq!(store.link(id).unwrap().url, "https://example.com/a");
    // A feed's links are still found by the (now partial) index when the feed goes.
    let plan: String = store
        .conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM links WHERE feed_id = ?1",
            [1],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("links_feed"), "{plan}");
}
