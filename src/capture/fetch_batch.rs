//! Fetching a batch of stored links and recording the results, for callers that can block
//! (the CLI). The TUI drains `spawn_fetch` itself instead.

use crate::capture::fetch::{FetchEvent, FetchJob, FetchOptions, spawn_fetch};
use crate::store::{Result, Store};

/// How a batch went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FetchSummary {
    pub fetched: usize,
    pub failed: usize,
}

/// Fetches the links `ids` (unknown ids are skipped), records every result as it arrives and
/// reports each event to `on_event` after it is recorded.
pub fn fetch_links_blocking(
    store: &Store,
    ids: &[i64],
    opts: FetchOptions,
    mut on_event: impl FnMut(&FetchEvent),
) -> Result<FetchSummary> {
    let mut jobs = Vec::with_capacity(ids.len());
    for &id in ids {
        match store.link(id) {
            Ok(link) => jobs.push(FetchJob {
                link_id: id,
                url: link.url,
            }),
            Err(crate::store::StoreError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let mut summary = FetchSummary::default();
    if jobs.is_empty() {
        on_event(&FetchEvent::Finished);
        return Ok(summary);
    }
    for event in spawn_fetch(jobs, opts) {
        if let FetchEvent::Done { link_id, result } = &event {
            store.record_fetch(*link_id, result)?;
            match result {
                Ok(_) => summary.fetched += 1,
                Err(_) => summary.failed += 1,
            }
        }
        let finished = matches!(event, FetchEvent::Finished);
        on_event(&event);
        if finished {
            break;
        }
    }
    Ok(summary)
}
