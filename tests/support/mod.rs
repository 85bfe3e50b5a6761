//! Test support shared by integration tests and benches.
pub mod archive;
pub mod props;
pub mod tui;
