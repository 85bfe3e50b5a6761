//! Getting links in: canonical URLs, imports from files (and later fetching and feeds).

pub mod canonical;
pub mod import;
