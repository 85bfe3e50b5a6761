//! `roundup site` on a 500-issue archive (10,000 entries) in an on-disk database: a full
//! build into an empty directory, then a rebuild with nothing changed. Budget: 2 s for the
//! full build.
//!
//!     cargo bench --bench site
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/archive.rs"]
mod archive;

use roundup::config::Config;
use roundup::store::Store;
use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let mut store = Store::open(&path).expect("open");
    archive::big_archive(&mut store, 500, 0);
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let mut config = Config::builtin().expect("config");
    config.site.url = Some("https://news.example.com/weekly/".into());
    let mut full = Vec::new();
    let mut rebuild = Vec::new();
    let mut files = 0;
    for round in 0..3 {
        let out = dir.path().join(format!("site-{round}"));
        let t = Instant::now();
        let report = roundup::site::build(&store, &config, &out).expect("build");
        full.push(t.elapsed());
        files = report.files;
        let t = Instant::now();
        let again = roundup::site::build(&store, &config, &out).expect("rebuild");
        rebuild.push(t.elapsed());
        assert_eq!(again.written, 0, "a rebuild with no change wrote files");
    }
    full.sort();
    rebuild.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "site: 500 issues / 10,000 entries -> {files} files: full build median {:.0} ms (best {:.0} ms), \
         unchanged rebuild median {:.0} ms (3 rounds; budget 2000 ms)",
        ms(full[1]),
        ms(full[0]),
        ms(rebuild[1])
    );
}
