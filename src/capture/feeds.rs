//! Feeds over the network: subscribing (a feed URL, or a page that advertises one) and
//! pulling with conditional requests. Like the page fetcher, this never touches SQLite: it
//! returns what it found and the caller records it.

use crate::capture::extract::tidy_text;
use crate::capture::failure::classify;
use crate::capture::fetch::{FetchFailure, FetchOptions, build_client, read_capped};
use crate::model::NewLink;
pub use crate::model::PullOutcome;
use crate::model::text::{MAX_TITLE, clean_line};
use chrono::SecondsFormat;
use reqwest::header::{ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED};
use scraper::Html;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

/// A feed document larger than this is refused.
const MAX_FEED_BYTES: usize = 8 * 1024 * 1024;

/// Link types that advertise a feed in a page's `<head>`.
const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("{0}")]
    Fetch(FetchFailure),
    #[error("not a feed: {0}")]
    Parse(String),
    #[error("not a feed, and the page advertises none")]
    NoFeed,
}

// The failure's text is the whole message: no `source` (which `#[from]` would add) to
// print it a second time.
impl From<FetchFailure> for FeedError {
    fn from(e: FetchFailure) -> Self {
        FeedError::Fetch(e)
    }
}

/// A feed found at (or through) a URL.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedInfo {
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
}

/// What the next pull should send, from the `feeds` table.
#[derive(Debug, Clone)]
pub struct PullJob {
    pub feed_id: i64,
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// Fetches `url` and makes sure it is a feed; for an HTML page, follows the first feed it
/// advertises with `<link rel=alternate>`.
pub fn discover(url: &str, opts: &FetchOptions) -> Result<FeedInfo, FeedError> {
    let client = build_client(opts)?;
    let (final_url, body, _, _) = get(&client, url, None, opts)?.ok_or(FeedError::NoFeed)?;
    if let Ok(feed) = feed_rs::parser::parse(body.as_slice()) {
        return Ok(info(&final_url, &feed));
    }
    let html = crate::capture::decode::decode_html(&body, None);
    let advertised = advertised_feed(&final_url, &html).ok_or(FeedError::NoFeed)?;
    let (feed_url, body, _, _) = get(&client, &advertised, None, opts)?.ok_or(FeedError::NoFeed)?;
    let feed = feed_rs::parser::parse(body.as_slice())
        .map_err(|e| FeedError::Parse(one_line(&e.to_string())))?;
    Ok(info(&feed_url, &feed))
}

/// Pulls every job, `opts.concurrency` at a time; results in the order of `jobs`.
pub fn pull_all(
    jobs: Vec<PullJob>,
    opts: &FetchOptions,
) -> Vec<(i64, Result<PullOutcome, FeedError>)> {
    let client = match build_client(opts) {
        Ok(c) => c,
        Err(e) => {
            return jobs
                .iter()
                .map(|j| (j.feed_id, Err(e.clone().into())))
                .collect();
        }
    };
    let order: Vec<i64> = jobs.iter().map(|j| j.feed_id).collect();
    let queue = Arc::new(Mutex::new(VecDeque::from(jobs)));
    let results = Arc::new(Mutex::new(Vec::new()));
    let workers = opts.concurrency.max(1).min(order.len());
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let (queue, results, client, opts) =
                (queue.clone(), results.clone(), client.clone(), opts.clone());
            thread::spawn(move || {
                loop {
                    let job = match queue.lock() {
                        Ok(mut q) => q.pop_front(),
                        Err(p) => p.into_inner().pop_front(),
                    };
                    let Some(job) = job else { return };
                    let out = pull_one(&client, &job, &opts);
                    match results.lock() {
                        Ok(mut r) => r.push((job.feed_id, out)),
                        Err(p) => p.into_inner().push((job.feed_id, out)),
                    }
                }
            })
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    let mut results = match Arc::try_unwrap(results) {
        Ok(m) => m.into_inner().unwrap_or_else(|p| p.into_inner()),
        Err(shared) => match shared.lock() {
            Ok(mut r) => std::mem::take(&mut *r),
            Err(p) => std::mem::take(&mut *p.into_inner()),
        },
    };
    results.sort_by_key(|(id, _)| order.iter().position(|o| o == id));
    results
}

fn pull_one(
    client: &reqwest::blocking::Client,
    job: &PullJob,
    opts: &FetchOptions,
) -> Result<PullOutcome, FeedError> {
    let Some((final_url, body, etag, last_modified)) = get(client, &job.url, Some(job), opts)?
    else {
        return Ok(PullOutcome::NotModified);
    };
    let mut outcome = parse_pull(&final_url, &body, etag, last_modified)?;
    // A feed that dumps its whole archive adds a bounded number of items per pull.
    if let PullOutcome::Fetched { items, .. } = &mut outcome {
        items.truncate(opts.feed_max_items);
    }
    Ok(outcome)
}

/// The pure part of a pull: a fetched feed body (from `final_url`) to its outcome. Public so
/// the fuzzer can reach it without a network.
pub fn parse_pull(
    final_url: &str,
    body: &[u8],
    etag: Option<String>,
    last_modified: Option<String>,
) -> Result<PullOutcome, FeedError> {
    let feed =
        feed_rs::parser::parse(body).map_err(|e| FeedError::Parse(one_line(&e.to_string())))?;
    let title = feed_title(&feed);
    let items = feed
        .entries
        .iter()
        .filter_map(|e| item(e, &feed, title.as_deref(), final_url))
        .map(NewLink::cleaned)
        .collect();
    Ok(PullOutcome::Fetched {
        title,
        etag,
        last_modified,
        items,
    })
}

type Got = (String, Vec<u8>, Option<String>, Option<String>);

/// GET with the conditional headers of `job`; `None` on 304. Returns the final URL, the
/// body and the validators to send next time.
fn get(
    client: &reqwest::blocking::Client,
    url: &str,
    job: Option<&PullJob>,
    opts: &FetchOptions,
) -> Result<Option<Got>, FeedError> {
    let deadline = Instant::now() + opts.timeout;
    let mut req = client.get(url);
    if let Some(job) = job {
        if let Some(etag) = &job.etag {
            req = req.header(IF_NONE_MATCH, etag);
        }
        if let Some(lm) = &job.last_modified {
            req = req.header(IF_MODIFIED_SINCE, lm);
        }
    }
    let mut resp = req.send().map_err(|e| classify(&e))?;
    if resp.status() == reqwest::StatusCode::NOT_MODIFIED {
        return Ok(None);
    }
    if !resp.status().is_success() {
        return Err(crate::capture::fetch::status_failure(&resp).into());
    }
    let header = |name| {
        resp.headers()
            .get(name)
            .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
            .map(str::to_string)
    };
    let (etag, last_modified) = (header(ETAG), header(LAST_MODIFIED));
    let final_url = resp.url().to_string();
    let body = read_capped(&mut resp, MAX_FEED_BYTES, deadline)?;
    Ok(Some((final_url, body, etag, last_modified)))
}

/// The feed's title, as text from outside: no control characters, capped.
fn feed_title(feed: &feed_rs::model::Feed) -> Option<String> {
    feed.title
        .as_ref()
        .and_then(|t| tidy_text(&clean_line(&t.content, MAX_TITLE)))
}

fn info(url: &str, feed: &feed_rs::model::Feed) -> FeedInfo {
    let site_url = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone())
        .filter(|h| h != url);
    FeedInfo {
        url: url.to_string(),
        title: feed_title(feed),
        site_url,
    }
}

/// The first `<link rel=alternate>` with a feed type, resolved against the page URL.
pub fn advertised_feed(page_url: &str, html: &str) -> Option<String> {
    let doc = Html::parse_document(&crate::capture::budget::within_budget(html));
    let sel = scraper::Selector::parse("link[rel][href][type]").ok()?;
    let base = url::Url::parse(page_url).ok()?;
    doc.select(&sel).find_map(|l| {
        let rel = l.attr("rel")?.to_ascii_lowercase();
        let kind = l.attr("type")?.trim().to_ascii_lowercase();
        if !rel.split_whitespace().any(|r| r == "alternate") || !FEED_TYPES.contains(&kind.as_str())
        {
            return None;
        }
        base.join(l.attr("href")?.trim())
            .ok()
            .map(|u| u.to_string())
    })
}

fn item(
    entry: &feed_rs::model::Entry,
    feed: &feed_rs::model::Feed,
    publication: Option<&str>,
    feed_url: &str,
) -> Option<NewLink> {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())?;
    let people = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    let authors = people
        .iter()
        .filter_map(|p| p.name.as_deref().and_then(tidy_text))
        .collect();
    let summary = entry
        .summary
        .as_ref()
        .map(|s| s.content.clone())
        .or_else(|| entry.content.as_ref().and_then(|c| c.body.clone()));
    Some(NewLink {
        // Some feeds give site-relative links.
        url: url::Url::parse(feed_url)
            .and_then(|base| base.join(link.href.trim()))
            .map(|u| u.to_string())
            .unwrap_or_else(|_| link.href.clone()),
        title: entry
            .title
            .as_ref()
            .and_then(|t| tidy_text(&strip_html(&t.content))),
        authors,
        publication: publication.map(str::to_string),
        description: summary.and_then(|s| tidy_text(&strip_html(&s)).map(|d| shorten(&d))),
        published: entry
            .published
            .or(entry.updated)
            .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
        ..Default::default()
    })
}

/// Text of an HTML fragment (feed summaries are often escaped HTML).
pub fn strip_html(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    let frag = Html::parse_fragment(s);
    let mut out = String::new();
    for node in frag.root_element().descendants() {
        match node.value() {
            scraper::Node::Text(t) => out.push_str(t),
            // Block boundaries become spaces so paragraphs do not run together.
            scraper::Node::Element(e)
                if matches!(
                    e.name(),
                    "p" | "br" | "div" | "li" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "tr"
                ) =>
            {
                out.push(' ')
            }
            _ => {}
        }
    }
    out
}

/// Feeds without a summary give the whole article; the inbox needs a few sentences.
const MAX_DESCRIPTION: usize = 400;

fn shorten(s: &str) -> String {
    if s.chars().count() <= MAX_DESCRIPTION {
        return s.to_string();
    }
    let cut: String = s.chars().take(MAX_DESCRIPTION).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

fn one_line(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(120)
        .collect()
}
