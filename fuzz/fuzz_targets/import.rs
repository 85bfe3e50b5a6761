#![no_main]
//! Arbitrary bytes imported into an in-memory store: never panics; all-or-nothing.
use libfuzzer_sys::fuzz_target;
use roundup::capture::import::import;
use roundup::store::Store;

fuzz_target!(|data: &[u8]| {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let links = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM links", [], |r| r.get(0))
            .expect("count")
    };
    match import(&mut store, data) {
        Ok(summary) => assert_eq!(links(&store), summary.added as i64),
        Err(_) => assert_eq!(links(&store), 0, "a refused import wrote links"),
    }
});
