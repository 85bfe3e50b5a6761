//! Filling a `CheckContext` from the store, the config's disclosure rules and the HTML
//! export: shared by `roundup check` and the TUI's check panel so both check the same things.

use super::CheckContext;
use crate::compose::suggested_for_entry;
use crate::config::Config;
use crate::export::{ExportError, Exporter, Format};
use crate::model::Issue;
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum ContextError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// Everything the checker needs beyond the issue. `exporter`: one already built (the TUI
/// keeps its own), else the config's templates are compiled here.
pub fn context_for(
    store: &Store,
    config: &Config,
    exporter: Option<&Exporter>,
    issue: &Issue,
) -> Result<CheckContext, ContextError> {
    let built;
    let exporter = match exporter {
        Some(x) => x,
        None => {
            built = Exporter::new(config)?;
            &built
        }
    };
    let html = exporter.render(issue, Format::Html)?;
    let mut expected_disclosures = BTreeMap::new();
    for (si, section) in issue.sections.iter().enumerate() {
        for (ei, entry) in section.entries.iter().enumerate() {
            let notes = suggested_for_entry(entry, issue, config);
            if !notes.is_empty() {
                expected_disclosures.insert((si, ei), notes);
            }
        }
    }
    let entry_ids: Vec<i64> = issue
        .sections
        .iter()
        .flat_map(|s| s.entries.iter().map(|e| e.id))
        .collect();
    Ok(CheckContext {
        featured: CheckContext::featured_from_store(store, issue)?,
        expected_disclosures,
        html_size: Some(html.len()),
        anchors: store.anchors_of(&entry_ids)?,
    })
}
