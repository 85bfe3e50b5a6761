//! The fuzzers' regression corpus (`fuzz/`), replayed against the same oracles
//! (`tests/fuzz_common`) on stable in plain `cargo test`. Inputs live in
//! `tests/fixtures/fuzz/<target>/`: the minimised, coverage-increasing inputs of each
//! target's runs plus every crash or unsafe output found; raw fuzzer bytes, except
//! `export/`, which holds the generated issue as JSON (the `arbitrary` bytes, kept in
//! `export/raw/`, only decode inside the fuzz crate). fuzz/README.md says how to refresh them.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fuzz_common;

use roundup::export::Exporter;
use roundup::model::Issue;
use roundup::store::Store;
use std::path::PathBuf;

/// The inputs of one target, sorted by name (deterministic order). Panics, naming the
/// folder, when it is missing or holds no file: an empty corpus would test nothing.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let rel = format!("tests/fixtures/fuzz/{target}");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(&rel);
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("regression corpus {rel}/ cannot be read: {e}"));
    let mut out: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    assert!(
        !out.is_empty(),
        "regression corpus {rel}/ is empty: restore it (git checkout) or refresh it as \
         fuzz/README.md says"
    );
    out.sort();
    out
}

#[test]
fn canonicalize_inputs() {
    for (name, bytes) in inputs("canonicalize") {
        // The target takes `&str`: libFuzzer skips bytes that are not UTF-8.
        let Ok(input) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Err(e) = fuzz_common::check_canonicalize(input) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn extract_inputs() {
    for (_, data) in inputs("extract") {
        fuzz_common::check_extract(&data);
    }
}

#[test]
fn import_inputs() {
    // One store for all, as the fuzz target has: later inputs meet earlier links and feeds.
    let mut store = Store::open_in_memory().unwrap();
    for (name, data) in inputs("import") {
        if let Err(e) = fuzz_common::check_import(&mut store, &data) {
            panic!("{name}: {e}");
        }
    }
}

#[test]
fn feed_inputs() {
    for (name, data) in inputs("feed") {
        if let Err(e) = fuzz_common::check_feed(&data) {
            panic!("{name}: {e}");
        }
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
    for (name, data) in inputs("export") {
        let issue: Issue = serde_json::from_slice(&data).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Err(e) = fuzz_common::check_export(&exporter, &issue) {
            panic!("{name}: {e}");
        }
    }
}
