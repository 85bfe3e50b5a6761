#![no_main]
//! Any string: canonicalize never panics; a result is http(s), idempotent and free of
//! tracking parameters.
use libfuzzer_sys::fuzz_target;
use roundup::model::canonical::{CanonicalOptions, canonicalize, is_tracking_param};

fuzz_target!(|input: &str| {
    for upgrade_http in [false, true] {
        let opts = CanonicalOptions { upgrade_http };
        if let Ok(c) = canonicalize(input, &opts) {
            assert_eq!(
                canonicalize(&c, &opts).as_ref(),
                Ok(&c),
                "not idempotent: {input:?}"
            );
            let url = url::Url::parse(&c).expect("canonical URL parses");
            assert!(matches!(url.scheme(), "http" | "https"));
            assert!(url.query_pairs().all(|(k, _)| !is_tracking_param(&k)));
        }
    }
});
