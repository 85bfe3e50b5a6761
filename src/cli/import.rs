//! `roundup import FILE`

use crate::capture::import::import;
use crate::store::Store;
use anyhow::Context;
use std::path::Path;

pub fn run(store: &mut Store, file: &Path) -> anyhow::Result<i32> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let summary = import(store, &bytes).with_context(|| file.display().to_string())?;
    for bad in &summary.invalid {
        eprintln!("roundup: {}: {}: {}", file.display(), bad.at, bad.reason);
    }
    let format = summary.format.map(|f| f.to_string()).unwrap_or_default();
    println!("imported {} ({format}): {summary}", file.display());
    println!("the imported links are not fetched yet: run `roundup fetch` to get their metadata");
    Ok(0)
}
