//! Getting links in: canonical URLs, imports from files, fetching pages and their metadata
//! and readable text, and feeds.

pub use crate::model::canonical;
pub mod budget;
pub mod decode;
pub mod extract;
mod failure;
pub mod feeds;
pub mod fetch;
mod fetch_batch;
pub mod import;
pub mod readable;
