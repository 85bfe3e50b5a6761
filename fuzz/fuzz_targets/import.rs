#![no_main]
//! Arbitrary bytes imported into an in-memory store: never panics; all-or-nothing
//! (`fuzz_common::check_import`). The store is reused (opening one runs the migrations:
//! ~15 ms, 64 exec/s) and replaced every 500 inputs so it stays small; the check compares
//! counts before and after, so earlier inputs do not matter.
use libfuzzer_sys::fuzz_target;
use roundup::store::Store;
use std::cell::RefCell;

#[path = "../../tests/fuzz_common/mod.rs"]
mod fuzz_common;

thread_local! {
    static STORE: RefCell<(Store, usize)> =
        RefCell::new((Store::open_in_memory().expect("in-memory store"), 0));
}

fuzz_target!(|data: &[u8]| {
    STORE.with(|cell| {
        let mut guard = cell.borrow_mut();
        let (store, runs) = &mut *guard;
        *runs += 1;
        if *runs % 500 == 0 {
            *store = Store::open_in_memory().expect("in-memory store");
        }
        if let Err(e) = fuzz_common::check_import(store, data) {
            panic!("{e}");
        }
    });
});
