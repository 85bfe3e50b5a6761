//! `roundup fetch [--failed|--all]`, and the fetch-with-progress that `add` shares.

use crate::capture::fetch::{FetchEvent, FetchOptions, fetch_links_blocking};
use crate::store::{FetchSelection, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

pub fn run(store: &mut Store, failed: bool, all: bool) -> anyhow::Result<i32> {
    let which = if all {
        FetchSelection::All
    } else if failed {
        FetchSelection::Failed
    } else {
        FetchSelection::Unfetched
    };
    let ids: Vec<i64> = store
        .links_to_fetch(which)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if ids.is_empty() {
        out!("nothing to fetch");
        return Ok(0);
    }
    fetch_with_progress(store, &ids)?;
    Ok(0)
}

/// Fetches `ids` concurrently: a progress bar on a terminal, one line per link otherwise.
/// Failures are reported and stored on the links; they are not an error of the command.
pub(crate) fn fetch_with_progress(store: &Store, ids: &[i64]) -> anyhow::Result<()> {
    let opts = FetchOptions::from_settings(&store.settings()?);
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(ids.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("fetching {bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        bar
    });
    let summary = fetch_links_blocking(store, ids, opts, |event| {
        let FetchEvent::Done { link_id, result } = event else {
            return;
        };
        let line = match result {
            Ok(meta) => format!(
                "fetched #{link_id} {}",
                meta.title.as_deref().unwrap_or("(no title)")
            ),
            Err(reason) => {
                let url = store.link(*link_id).map(|l| l.url).unwrap_or_default();
                format!("failed #{link_id} {url}: {reason}")
            }
        };
        match &bar {
            Some(bar) => {
                bar.inc(1);
                bar.println(line);
            }
            None => out!("{line}"),
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    out!(
        "fetched {} link(s){}",
        summary.fetched,
        if summary.failed > 0 {
            format!(
                ", {} failed (kept in the inbox; `roundup fetch --failed` retries)",
                summary.failed
            )
        } else {
            String::new()
        }
    );
    Ok(())
}
