//! Every input the fuzzers (`fuzz/`) found a crash, hang or unsafe output with, replayed
//! against the same oracles on stable in plain `cargo test`. Inputs live in
//! `tests/fixtures/fuzz/<target>/`: raw fuzzer bytes, except `export/`, which holds the
//! generated issue as JSON (the `arbitrary` bytes would only decode with the fuzz crate).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fuzz_common;

use roundup::capture::feeds::parse_pull;
use roundup::capture::import::import;
use roundup::export::Exporter;
use roundup::model::Issue;
use roundup::model::canonical::{CanonicalOptions, canonicalize};
use roundup::store::Store;
use std::path::PathBuf;

/// The inputs of one target, sorted by name (deterministic order).
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter(|e| e.path().is_file())
                .map(|e| {
                    let name = e.file_name().to_string_lossy().into_owned();
                    (name, std::fs::read(e.path()).unwrap())
                })
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn canonicalize_inputs() {
    for (name, bytes) in inputs("canonicalize") {
        let input = String::from_utf8_lossy(&bytes);
        for upgrade_http in [false, true] {
            let opts = CanonicalOptions { upgrade_http };
            if let Ok(c) = canonicalize(&input, &opts) {
                assert_eq!(canonicalize(&c, &opts).as_ref(), Ok(&c), "{name}");
            }
        }
    }
}

#[test]
fn extract_inputs() {
    for (_, data) in inputs("extract") {
        let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
        let url = String::from_utf8_lossy(&data[..split]);
        let html = String::from_utf8_lossy(data.get(split + 1..).unwrap_or_default());
        let _ = roundup::capture::extract::extract(&url, &html);
    }
}

#[test]
fn import_inputs() {
    for (name, data) in inputs("import") {
        let mut store = Store::open_in_memory().unwrap();
        let result = import(&mut store, &data);
        let links = store.table_counts().unwrap().links;
        match result {
            Ok(s) => assert_eq!(links, s.added as i64, "{name}"),
            Err(_) => assert_eq!(links, 0, "{name}"),
        }
    }
}

#[test]
fn feed_inputs() {
    for (name, data) in inputs("feed") {
        let Ok(outcome) = parse_pull("https://example.com/feed.xml", &data, None, None) else {
            continue;
        };
        let mut store = Store::open_in_memory().unwrap();
        let (id, _) = store
            .add_feed("https://example.com/feed.xml", None, None)
            .unwrap();
        store
            .record_feed_pull(id, &outcome)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn issue_file_inputs() {
    for (name, data) in inputs("issue_file") {
        let Ok(text) = std::str::from_utf8(&data) else {
            continue;
        };
        if let Err(e) = fuzz_common::check_issue_file(text) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn export_inputs() {
    let exporter = Exporter::builtin().unwrap();
    let all = inputs("export");
    assert!(!all.is_empty(), "the export findings are missing");
    for (name, data) in all {
        let issue: Issue = serde_json::from_slice(&data).unwrap();
        if let Err(e) = fuzz_common::check_export(&exporter, &issue) {
            panic!("{name}: {e}");
        }
    }
}
