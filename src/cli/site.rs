//! `roundup site [--output DIR]`: build the static web archive (see `site`).

use super::issue::config;
use crate::store::Store;
use std::path::PathBuf;

pub fn run(store: &Store, output: Option<PathBuf>) -> anyhow::Result<i32> {
    let out = output.unwrap_or_else(|| PathBuf::from("site"));
    let report = crate::site::build(store, &config()?, &out)?;
    for notice in &report.notices {
        err!("note: {notice}");
    }
    err!(
        "site: {} issues, {} files in {} ({} written, {} unchanged, {} removed)",
        report.issues,
        report.files,
        out.display(),
        report.written,
        report.unchanged,
        report.removed
    );
    Ok(0)
}
