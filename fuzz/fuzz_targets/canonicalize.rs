#![no_main]
//! Any string: canonicalize never panics; a result is http(s), idempotent and free of
//! tracking parameters (`fuzz_common::check_canonicalize`).
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/fuzz_common/mod.rs"]
mod fuzz_common;

fuzz_target!(|input: &str| {
    if let Err(e) = fuzz_common::check_canonicalize(input) {
        panic!("{e}\ninput: {input:?}");
    }
});
