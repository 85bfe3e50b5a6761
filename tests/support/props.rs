//! The proptest configuration of the CI variant: a fixed seed, so `cargo test` is
//! deterministic, and no regression files written into the source tree. For a longer or
//! different search: `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=7 cargo test --release --test props`.
#![allow(dead_code)]

use proptest::test_runner::{Config, RngSeed};

pub fn config(default_cases: u32) -> Config {
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    Config {
        cases: env("PROPTEST_CASES").map_or(default_cases, |n| n as u32),
        rng_seed: RngSeed::Fixed(env("PROPTEST_RNG_SEED").unwrap_or(0x5eed)),
        failure_persistence: None,
        ..Config::default()
    }
}
