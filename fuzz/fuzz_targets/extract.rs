#![no_main]
//! Arbitrary bytes split into a URL (first line) and an HTML page: extract never panics.
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_common/mod.rs"]
mod fuzz_common;

fuzz_target!(|data: &[u8]| fuzz_common::check_extract(data));
