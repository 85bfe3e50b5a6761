#![no_main]
//! Arbitrary bytes split into a URL and an HTML page: extract never panics.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // First line is the page URL, the rest the page (lossily decoded, as the fetcher does).
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let url = String::from_utf8_lossy(&data[..split]);
    let html = String::from_utf8_lossy(data.get(split + 1..).unwrap_or_default());
    let _ = roundup::capture::extract::extract(&url, &html);
});
