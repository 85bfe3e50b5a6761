//! Fetching pages for their metadata: worker threads sharing one blocking reqwest client,
//! results over a std channel. Synchronous on purpose: `reqwest::blocking` must not run
//! inside a tokio runtime, and the TUI's loop is not one. The network side never touches
//! SQLite; the caller drains the channel and records results, so one thread writes.

use crate::capture::decode::{decode_html, non_html_title};
use crate::capture::extract::{PageMeta, extract_within};
use crate::capture::failure::{classify, classify_io};
use crate::model::Readable;
use crate::store::Settings;
use std::collections::VecDeque;
use std::io::Read;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Requests in flight at once.
    pub concurrency: usize,
    pub connect_timeout: Duration,
    /// For the whole request, body included.
    pub timeout: Duration,
    pub max_redirects: usize,
    /// The most (decompressed) bytes read from one page.
    pub max_bytes: usize,
    pub user_agent: String,
    /// The most items one feed pull takes (as the feed orders them, newest first).
    pub feed_max_items: usize,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            concurrency: 16,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_redirects: 10,
            max_bytes: 2 * 1024 * 1024,
            user_agent: format!(
                "roundup/{} (curated-links newsletter tool; fetches page metadata)",
                env!("CARGO_PKG_VERSION")
            ),
            feed_max_items: 200,
        }
    }
}

impl FetchOptions {
    pub fn from_settings(settings: &Settings) -> FetchOptions {
        FetchOptions {
            concurrency: settings.fetch_concurrency.max(1),
            feed_max_items: settings.feed_max_items.max(1),
            ..FetchOptions::default()
        }
    }
}

#[derive(Debug, Clone)]
pub struct FetchJob {
    pub link_id: i64,
    pub url: String,
}

#[derive(Debug, Clone)]
pub enum FetchEvent {
    Started {
        link_id: i64,
    },
    Done {
        link_id: i64,
        result: Result<PageMeta, FetchFailure>,
    },
    /// Every job is done; nothing more will arrive.
    Finished,
}

/// Starts fetching `jobs` and returns at once; events arrive on the receiver, ending with
/// `Finished`.
pub fn spawn_fetch(jobs: Vec<FetchJob>, opts: FetchOptions) -> Receiver<FetchEvent> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || run_all(jobs, opts, tx));
    rx
}

/// Builds the shared client: rustls with ring, bounded redirects, both timeouts.
pub fn build_client(opts: &FetchOptions) -> Result<reqwest::blocking::Client, FetchFailure> {
    // Another part of the program may have installed it already; either way one is there.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
        .user_agent(opts.user_agent.clone())
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.timeout)
        .redirect(reqwest::redirect::Policy::limited(opts.max_redirects))
        .gzip(true)
        .brotli(true)
        .build()
        .map_err(|e| FetchFailure::Other(format!("cannot start the HTTP client: {e}")))
}

fn run_all(jobs: Vec<FetchJob>, opts: FetchOptions, tx: Sender<FetchEvent>) {
    let client = match build_client(&opts) {
        Ok(c) => c,
        Err(failure) => {
            for job in jobs {
                let _ = tx.send(FetchEvent::Done {
                    link_id: job.link_id,
                    result: Err(failure.clone()),
                });
            }
            let _ = tx.send(FetchEvent::Finished);
            return;
        }
    };
    let workers = opts.concurrency.max(1).min(jobs.len());
    let queue = Arc::new(Mutex::new(VecDeque::from(jobs)));
    let handles: Vec<_> = (0..workers)
        .map(|_| {
            let (queue, client, tx, opts) =
                (queue.clone(), client.clone(), tx.clone(), opts.clone());
            thread::spawn(move || worker(&queue, &client, &tx, &opts))
        })
        .collect();
    for h in handles {
        let _ = h.join();
    }
    let _ = tx.send(FetchEvent::Finished);
}

fn worker(
    queue: &Mutex<VecDeque<FetchJob>>,
    client: &reqwest::blocking::Client,
    tx: &Sender<FetchEvent>,
    opts: &FetchOptions,
) {
    loop {
        let job = match queue.lock() {
            Ok(mut q) => q.pop_front(),
            Err(poisoned) => poisoned.into_inner().pop_front(),
        };
        let Some(job) = job else { return };
        if tx
            .send(FetchEvent::Started {
                link_id: job.link_id,
            })
            .is_err()
        {
            return; // nobody is listening any more
        }
        // A panic in a parser must cost one link, not the whole batch (and never leave the
        // caller waiting for a `Done` that will not come).
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            fetch_one(client, &job.url, opts)
        }))
        .unwrap_or_else(|_| Err(FetchFailure::Other("internal error".into())));
        let event = FetchEvent::Done {
            link_id: job.link_id,
            result,
        };
        if tx.send(event).is_err() {
            return;
        }
    }
}

/// Fetches one page and extracts its metadata.
pub fn fetch_one(
    client: &reqwest::blocking::Client,
    url: &str,
    opts: &FetchOptions,
) -> Result<PageMeta, FetchFailure> {
    let deadline = Instant::now() + opts.timeout;
    let mut resp = client.get(url).send().map_err(|e| classify(&e))?;
    let final_url = resp.url().to_string();
    let status = resp.status();
    if !status.is_success() {
        return Err(status_failure(&resp));
    }
    let header = |name: reqwest::header::HeaderName| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header(reqwest::header::CONTENT_TYPE);
    let disposition = header(reqwest::header::CONTENT_DISPOSITION);
    let mime = content_type
        .as_deref()
        .map(|c| {
            c.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let declared_html = mime.contains("html");
    if !mime.is_empty() && !declared_html {
        return Ok(non_html_meta(&final_url, disposition.as_deref(), &mime));
    }
    let (bytes, found_head, cut) = read_head(&mut resp, opts, deadline);
    // A page that stalls or breaks after its head still told us what we came for.
    if let Some(failure) = cut
        && !found_head
    {
        return Err(failure);
    }
    if !declared_html && !looks_like_html(&bytes) {
        let mime = if mime.is_empty() {
            "application/octet-stream"
        } else {
            &mime
        };
        return Ok(non_html_meta(&final_url, disposition.as_deref(), mime));
    }
    // Megabytes without a `</head>` and without a title: not a page worth guessing at (and
    // not worth parsing: that is where a decompression bomb would cost CPU).
    let truncated = !found_head && bytes.len() >= opts.max_bytes;
    if truncated && find_ci(&bytes, b"<title").is_none() && find_ci(&bytes, b"<meta").is_none() {
        return Err(FetchFailure::TooLarge);
    }
    let text = decode_html(&bytes, content_type.as_deref());
    // Parsing and the Readability pass are part of the fetch: past the deadline only the
    // metadata is taken (the pass is the costly part).
    let mut meta = extract_within(&final_url, &text, Some(deadline));
    if truncated && meta.title.is_none() {
        return Err(FetchFailure::TooLarge);
    }
    meta.final_url = Some(final_url);
    Ok(meta)
}

/// Reads until the end of the body or `max_bytes`, whichever comes first. Not just the head:
/// bylines are in the body, and many sites (Wikipedia among them) put their JSON-LD just
/// before `</body>`. Returns the bytes, whether a head ended (or the whole body was read),
/// and what cut the read short, if anything did.
fn read_head(
    resp: &mut reqwest::blocking::Response,
    opts: &FetchOptions,
    deadline: Instant,
) -> (Vec<u8>, bool, Option<FetchFailure>) {
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut chunk = vec![0u8; 16 * 1024];
    let mut head_end: Option<usize> = None;
    loop {
        if Instant::now() > deadline {
            return (buf, head_end.is_some(), Some(FetchFailure::Timeout));
        }
        let limit = opts.max_bytes;
        if buf.len() >= limit {
            return (buf, head_end.is_some(), None);
        }
        let want = chunk.len().min(limit - buf.len());
        let n = match resp.read(&mut chunk[..want]) {
            Ok(0) => return (buf, true, None),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return (buf, head_end.is_some(), Some(classify_io(&e))),
        };
        let from = buf.len().saturating_sub(6);
        buf.extend_from_slice(&chunk[..n]);
        if head_end.is_none() {
            head_end = find_ci(&buf[from..], b"</head>").map(|i| from + i);
        }
    }
}

/// Reads a whole body, up to `max` bytes (more is `TooLarge`), within `deadline`.
pub(crate) fn read_capped(
    resp: &mut reqwest::blocking::Response,
    max: usize,
    deadline: Instant,
) -> Result<Vec<u8>, FetchFailure> {
    let mut buf = Vec::new();
    let mut chunk = vec![0u8; 16 * 1024];
    loop {
        if Instant::now() > deadline {
            return Err(FetchFailure::Timeout);
        }
        match resp.read(&mut chunk) {
            Ok(0) => return Ok(buf),
            Ok(n) => {
                if buf.len() + n > max {
                    return Err(FetchFailure::TooLarge);
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(classify_io(&e)),
        }
    }
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let start = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let t = start.trim_start_matches('\u{feff}').trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.contains("<head")
        || t.contains("<title")
}

fn non_html_meta(final_url: &str, disposition: Option<&str>, mime: &str) -> PageMeta {
    PageMeta {
        title: non_html_title(final_url, disposition),
        publication: crate::model::canonical::tidy_host(final_url),
        final_url: Some(final_url.to_string()),
        readable: Some(Readable::NotHtml {
            content_type: mime.to_string(),
        }),
        ..PageMeta::default()
    }
    .cleaned()
}

pub use super::failure::FetchFailure;
pub use super::fetch_batch::{FetchSummary, fetch_links_blocking};

/// Why a final response that is not a success failed: a redirect reqwest would not follow
/// (to `file:`, `javascript:`, `data:`…) says so rather than "HTTP 302".
pub(crate) fn status_failure(resp: &reqwest::blocking::Response) -> FetchFailure {
    let status = resp.status();
    if status.is_redirection()
        && let Some(location) = resp
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok())
        && resp
            .url()
            .join(location)
            .is_ok_and(|u| !matches!(u.scheme(), "http" | "https"))
    {
        return FetchFailure::Other("redirect to a non-web URL".into());
    }
    FetchFailure::Status(status.as_u16())
}
