//! Test support shared by integration tests and benches.
pub mod archive;
pub mod http;
pub mod props;
pub mod tui;
