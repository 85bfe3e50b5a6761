//! Test support shared by integration tests and benches.
pub mod archive;
pub mod client;
pub mod ghost;
pub mod http;
pub mod pages;
pub mod props;
pub mod pty;
pub mod tmux;
pub mod tui;
