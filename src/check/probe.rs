//! Fetching links as a reader's browser would, but hop by hop so the redirect chain is seen.
//!
//! HEAD first (cheap: no body, and most dead links and redirects are settled by it); GET
//! when HEAD is refused or lies (405, 501, and the 400/403/404 some servers give HEAD only),
//! and GET again on a live HTML page to read its text for the soft-404 and quote checks.
//! Fully synchronous: scoped std threads pull URLs from a shared counter and send results
//! over a channel; `reqwest::blocking` must never run inside a tokio runtime.

use super::body::{BodyError, read_text, timed_out};
use super::{CheckOptions, ProblemKind};
use reqwest::Method;
use reqwest::blocking::Client;
use reqwest::header::{ACCEPT, CONTENT_TYPE, LOCATION};
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;
use url::Url;

/// Statuses a server may give HEAD while GET works: retry with GET before calling it dead.
const HEAD_UNRELIABLE: &[u16] = &[400, 403, 404, 405, 501];

#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
}

/// One redirect: the URL that answered and its status (301, 302, 303, 307, 308).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    pub url: String,
    pub status: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// The last response of the chain (not a redirect).
    Response {
        status: u16,
        content_type: Option<String>,
        /// The decoded start of an HTML page (success statuses only).
        body: Option<String>,
    },
    /// No response: `kind` is one of dns_failure, connection_refused, timeout,
    /// fetch_failed, bad_redirect.
    Failed { kind: ProblemKind, detail: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub hops: Vec<Hop>,
    /// Where the chain ended (the URL that gave the outcome).
    pub final_url: String,
    pub outcome: ProbeOutcome,
}

fn build_client(opts: &CheckOptions) -> Result<Client, ProbeError> {
    // reqwest is built without a default crypto provider (ring instead of aws-lc-rs); an
    // "already installed" error just means someone else did this first.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.timeout)
        .user_agent(opts.user_agent.clone())
        .build()
        .map_err(|e| ProbeError::Client(e.to_string()))
}

/// Probes every URL, `opts.concurrency` at a time, and hands each probe to `then` on the
/// same worker thread (so reading pages runs in parallel too). The result is in the order
/// of `urls`.
pub(crate) fn probe_all<T: Send>(
    urls: &[String],
    opts: &CheckOptions,
    then: impl Fn(usize, Probe) -> T + Sync,
) -> Result<Vec<T>, ProbeError> {
    if urls.is_empty() {
        return Ok(Vec::new());
    }
    let client = build_client(opts)?;
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::channel();
    let workers = opts.concurrency.clamp(1, urls.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (client, next, then) = (&client, &next, &then);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(url) = urls.get(i) else { break };
                    if tx.send((i, then(i, probe_url(client, url, opts)))).is_err() {
                        break;
                    }
                }
            });
        }
    });
    drop(tx);
    let mut out: Vec<Option<T>> = urls.iter().map(|_| None).collect();
    for (i, result) in rx {
        out[i] = Some(result);
    }
    Ok(out
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            // Every index is sent unless a worker panicked, and then the scope re-raised the
            // panic; still, a missing result must read as unchecked, never as a pass.
            r.unwrap_or_else(|| {
                let failed = Probe {
                    hops: Vec::new(),
                    final_url: urls[i].clone(),
                    outcome: ProbeOutcome::Failed {
                        kind: ProblemKind::FetchFailed,
                        detail: "not checked".into(),
                    },
                };
                then(i, failed)
            })
        })
        .collect())
}

/// One link: HEAD, then GET when HEAD cannot be trusted or the page's text is needed. All
/// of it — every request, redirect and the body — within `opts.timeout`.
pub fn probe_url(client: &Client, url: &str, opts: &CheckOptions) -> Probe {
    let deadline = Instant::now() + opts.timeout;
    let follow = |method, url: &str| follow(client, method, url, opts, deadline);
    let head = follow(Method::HEAD, url);
    match &head.outcome {
        ProbeOutcome::Response { status, .. } if HEAD_UNRELIABLE.contains(status) => {
            follow(Method::GET, url)
        }
        // Some servers drop the connection on HEAD (an empty reply, a reset); a timeout,
        // refusal or unknown host would only repeat, so those are not retried.
        ProbeOutcome::Failed {
            kind: ProblemKind::FetchFailed,
            ..
        } => follow(Method::GET, url),
        ProbeOutcome::Response {
            status,
            content_type,
            ..
        } if (200..300).contains(status) && is_html(content_type.as_deref()) => {
            // The chain is known: read the page from where it ended.
            let get = follow(Method::GET, &head.final_url);
            let mut hops = head.hops;
            hops.extend(get.hops);
            Probe {
                hops,
                final_url: get.final_url,
                outcome: get.outcome,
            }
        }
        _ => head,
    }
}

/// A missing Content-Type may still be a page; anything else must say HTML.
fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|ct| ct.to_ascii_lowercase().contains("html"))
}

/// Sends `method` to `start` and follows redirects by hand, up to `opts.max_redirects`.
fn follow(
    client: &Client,
    method: Method,
    start: &str,
    opts: &CheckOptions,
    deadline: Instant,
) -> Probe {
    let mut hops = Vec::new();
    let failed = |hops, url: &str, kind, detail: String| Probe {
        hops,
        final_url: url.to_string(),
        outcome: ProbeOutcome::Failed { kind, detail },
    };
    let mut current = match Url::parse(start.trim()) {
        Ok(u) => u,
        Err(e) => return failed(hops, start, ProblemKind::FetchFailed, e.to_string()),
    };
    let mut seen = HashSet::new();
    loop {
        seen.insert(current.to_string());
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            return failed(
                hops,
                current.as_str(),
                ProblemKind::Timeout,
                timed_out(opts),
            );
        };
        let response = client
            .request(method.clone(), current.clone())
            .header(ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
            .timeout(left)
            .send();
        let response = match response {
            Ok(r) => r,
            Err(e) => {
                let (kind, detail) = classify(&e, opts);
                return failed(hops, current.as_str(), kind, detail);
            }
        };
        let status = response.status().as_u16();
        // 304 needs a conditional request and 300 has no single target: both are final.
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let here = current.to_string();
            let Some(location) = location else {
                let msg = format!("HTTP {status} without a Location");
                return failed(hops, &here, ProblemKind::BadRedirect, msg);
            };
            let next = match current.join(&location) {
                Ok(u) if matches!(u.scheme(), "http" | "https") => u,
                Ok(u) => {
                    let msg = format!("redirect to a non-web URL ({}:)", u.scheme());
                    return failed(hops, &here, ProblemKind::BadRedirect, msg);
                }
                Err(_) => {
                    let msg = format!("HTTP {status} to an unusable Location '{location}'");
                    return failed(hops, &here, ProblemKind::BadRedirect, msg);
                }
            };
            hops.push(Hop { url: here, status });
            if seen.contains(next.as_str()) {
                let msg = format!("redirect loop back to {next}");
                return failed(hops, next.as_str(), ProblemKind::BadRedirect, msg);
            }
            if hops.len() > opts.max_redirects {
                let msg = format!("more than {} redirects", opts.max_redirects);
                return failed(hops, next.as_str(), ProblemKind::BadRedirect, msg);
            }
            current = next;
            continue;
        }
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let wants_body = method == Method::GET
            && (200..300).contains(&status)
            && is_html(content_type.as_deref());
        let body = if wants_body {
            match read_text(
                response,
                content_type.as_deref(),
                opts.max_body_bytes,
                deadline,
            ) {
                Ok(text) => Some(text),
                Err(BodyError::Late) => {
                    return failed(
                        hops,
                        current.as_str(),
                        ProblemKind::Timeout,
                        timed_out(opts),
                    );
                }
                Err(BodyError::Broken(detail)) => {
                    let msg = format!("the connection broke while the page was sent ({detail})");
                    return failed(hops, current.as_str(), ProblemKind::FetchFailed, msg);
                }
            }
        } else {
            None
        };
        return Probe {
            hops,
            final_url: current.to_string(),
            outcome: ProbeOutcome::Response {
                status,
                content_type,
                body,
            },
        };
    }
}

/// Names the failure as a reader would meet it.
fn classify(e: &reqwest::Error, opts: &CheckOptions) -> (ProblemKind, String) {
    if e.is_timeout() {
        let secs = if e.is_connect() {
            opts.connect_timeout
        } else {
            opts.timeout
        };
        return (
            ProblemKind::Timeout,
            format!("no complete answer within {:.1} s", secs.as_secs_f64()),
        );
    }
    let mut texts = Vec::new();
    let mut refused = false;
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            refused |= io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        texts.push(err.to_string());
        source = err.source();
    }
    // The innermost message is the one that says what happened; the outer ones repeat the URL.
    let detail = texts.last().cloned().unwrap_or_default();
    let all = texts.join(": ").to_ascii_lowercase();
    if e.is_dns() || all.contains("dns error") || all.contains("failed to lookup address") {
        (
            ProblemKind::DnsFailure,
            format!("host name not found ({detail})"),
        )
    } else if refused || all.contains("connection refused") {
        (ProblemKind::ConnectionRefused, "connection refused".into())
    } else {
        (ProblemKind::FetchFailed, detail)
    }
}
