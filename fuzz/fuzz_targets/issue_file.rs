#![no_main]
//! Any text as an issue file: parse + load into an in-memory store (with a draft #1 to
//! replace); a refused load changes nothing; an accepted one round-trips.
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_common/mod.rs"]
mod fuzz_common;

fuzz_target!(|text: &str| {
    if let Err(e) = fuzz_common::check_issue_file(text) {
        panic!("{e}\ninput: {text:?}");
    }
});
