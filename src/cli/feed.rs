//! `roundup feed add URL | feed list | feed pull`

use super::FeedCommand;
use crate::capture::feeds::{PullJob, PullOutcome, discover, pull_all};
use crate::capture::fetch::FetchOptions;
use crate::store::Store;

pub fn run(store: &mut Store, command: FeedCommand) -> anyhow::Result<i32> {
    match command {
        FeedCommand::Add { url } => add(store, &url),
        FeedCommand::List => list(store),
        FeedCommand::Pull => pull(store),
    }
}

fn add(store: &mut Store, url: &str) -> anyhow::Result<i32> {
    crate::model::canonical::parse_http_url(url)?;
    let opts = FetchOptions::from_settings(&store.settings()?);
    let info = discover(url, &opts).map_err(|e| anyhow::anyhow!("{url}: {e}"))?;
    let (id, added) = store.add_feed(&info.url, info.title.as_deref(), info.site_url.as_deref())?;
    let name = info.title.as_deref().unwrap_or(&info.url);
    if added {
        out!("subscribed #{id} {name} ({})", info.url);
    } else {
        out!("already subscribed: #{id} {name} ({})", info.url);
    }
    Ok(0)
}

fn list(store: &Store) -> anyhow::Result<i32> {
    let feeds = store.feeds()?;
    if feeds.is_empty() {
        out!("no feeds: `roundup feed add URL` subscribes");
    }
    for f in feeds {
        let status = match (&f.last_error, &f.last_pulled_at) {
            (Some(e), _) => format!("error: {e}"),
            (None, Some(at)) => format!("pulled {at}"),
            (None, None) => "never pulled".to_string(),
        };
        out!(
            "#{} {} <{}> ({status})",
            f.id,
            f.title.as_deref().unwrap_or("(untitled)"),
            f.url
        );
    }
    Ok(0)
}

fn pull(store: &mut Store) -> anyhow::Result<i32> {
    let feeds = store.feeds()?;
    if feeds.is_empty() {
        out!("no feeds to pull");
        return Ok(0);
    }
    let jobs = feeds
        .iter()
        .map(|f| PullJob {
            feed_id: f.id,
            url: f.url.clone(),
            etag: f.etag.clone(),
            last_modified: f.last_modified.clone(),
        })
        .collect();
    let opts = FetchOptions::from_settings(&store.settings()?);
    let mut failed = 0;
    let total = feeds.len();
    for (feed_id, result) in pull_all(jobs, &opts) {
        let feed = feeds.iter().find(|f| f.id == feed_id);
        let name = feed
            .and_then(|f| f.title.clone())
            .or_else(|| feed.map(|f| f.url.clone()))
            .unwrap_or_default();
        match result {
            Ok(PullOutcome::NotModified) => {
                store.record_feed_pull(feed_id, &PullOutcome::NotModified)?;
                out!("{name}: not modified");
            }
            Ok(outcome) => {
                let c = store.record_feed_pull(feed_id, &outcome)?;
                out!("{name}: {} new, {} already stored", c.added, c.known);
            }
            Err(e) => {
                failed += 1;
                store.record_feed_error(feed_id, &e.to_string())?;
                err!("roundup: feed {name}: {e} (skipped)");
            }
        }
    }
    // A broken feed is reported and skipped; only a pull where nothing worked is a failure.
    Ok(if failed == total { 1 } else { 0 })
}
