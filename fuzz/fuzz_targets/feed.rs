#![no_main]
//! A pulled feed body (what `feeds::pull_all` parses) → items → recorded in a store; every
//! item counted once (`fuzz_common::check_feed`).
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_common/mod.rs"]
mod fuzz_common;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = fuzz_common::check_feed(data) {
        panic!("{e}");
    }
});
