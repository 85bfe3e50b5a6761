//! `roundup import FILE [--format NAME] [--unread-only]`

use crate::capture::import::{Format, ImportOptions, import_path};
use crate::store::Store;
use anyhow::Context;
use std::path::Path;

pub fn run(
    store: &mut Store,
    file: &Path,
    format: Option<Format>,
    unread_only: bool,
) -> anyhow::Result<i32> {
    let opts = ImportOptions {
        format,
        unread_only,
    };
    let summary = import_path(store, file, &opts).with_context(|| file.display().to_string())?;
    for bad in &summary.invalid {
        err!("roundup: {}: {}: {}", file.display(), bad.at, bad.reason);
    }
    let format = summary.format.map(|f| f.to_string()).unwrap_or_default();
    out!("imported {} ({format}): {summary}", file.display());
    if summary.added > 0 {
        out!("the imported links are not fetched yet: run `roundup fetch` to get their metadata");
    }
    Ok(0)
}
