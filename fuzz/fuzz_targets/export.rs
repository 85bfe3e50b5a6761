#![no_main]
//! An arbitrary issue (`roundup_fuzz::AIssue`) rendered in all four formats: no panic; HTML
//! and Markdown are safe; JSON re-parses and round-trips.
use libfuzzer_sys::fuzz_target;
use roundup::export::Exporter;
use roundup_fuzz::AIssue;
use std::sync::OnceLock;

#[path = "../../tests/fuzz_common/mod.rs"]
mod fuzz_common;

fuzz_target!(|input: AIssue| {
    static EXPORTER: OnceLock<Exporter> = OnceLock::new();
    let exporter = EXPORTER.get_or_init(|| Exporter::builtin().expect("built-in templates"));
    let issue = input.build();
    if let Err(e) = fuzz_common::check_export(exporter, &issue) {
        panic!("{e}\nissue: {issue:#?}");
    }
});
