#![no_main]
//! Arbitrary bytes imported into an in-memory store: never panics; all-or-nothing.
//! The store is reused (opening one runs the migrations: ~15 ms, 64 exec/s) and replaced
//! every 500 inputs so it stays small; the checks compare counts before and after.
use libfuzzer_sys::fuzz_target;
use roundup::capture::import::import;
use roundup::store::Store;
use std::cell::RefCell;

thread_local! {
    static STORE: RefCell<(Store, usize)> =
        RefCell::new((Store::open_in_memory().expect("in-memory store"), 0));
}

fn count(s: &Store, table: &str) -> i64 {
    let c = s.table_counts().expect("count");
    if table == "links" { c.links } else { c.feeds }
}

fuzz_target!(|data: &[u8]| {
    STORE.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (store, runs) = &mut *guard;
        *runs += 1;
        if *runs % 500 == 0 {
            *store = Store::open_in_memory().expect("in-memory store");
        }
        let (links, feeds) = (count(store, "links"), count(store, "feeds"));
        match import(store, data) {
            Ok(summary) => {
                assert_eq!(count(store, "links") - links, summary.added as i64);
                assert_eq!(count(store, "feeds") - feeds, summary.feeds_added as i64);
            }
            Err(_) => {
                assert_eq!(count(store, "links"), links, "a refused import wrote links");
                assert_eq!(count(store, "feeds"), feeds, "a refused import wrote feeds");
            }
        }
    });
});
