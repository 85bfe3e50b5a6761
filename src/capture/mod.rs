//! Getting links in: canonical URLs, imports from files, fetching pages and their metadata,
//! and feeds.

pub mod canonical;
pub mod extract;
pub mod import;
