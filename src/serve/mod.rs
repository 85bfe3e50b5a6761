//! `roundup serve`: links come in over HTTP while roundup is not open — a bookmarklet, share
//! URLs, scripts, Miniflux's save webhook — into the same database a running TUI shows.
//!
//! Synchronous on purpose (tiny_http, threads, channels): the fetcher is `reqwest::blocking`,
//! which must never run inside an async runtime. Request threads parse, authenticate and
//! validate; one writer thread owns the Store and commits queued requests together (see
//! `writer`), answering each over a channel.

mod pages;
mod routes;
pub mod secrets;
mod writer;

pub use pages::bookmarklet;
pub use routes::MAX_BODY;

use crate::capture::canonical::CanonicalOptions;
use crate::store::Store;
use routes::{Answer, Incoming, Shared};
use std::collections::HashMap;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// `127.0.0.1:7777`; port 0 picks a free one (see `Server::addr`).
    pub listen: String,
    /// Fetch new links' metadata in the background, as `add` does.
    pub fetch: bool,
    /// How long a request waits for another process's write lock before it is answered 503.
    pub write_wait: Duration,
    /// Request threads.
    pub threads: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            listen: "127.0.0.1:7777".into(),
            fetch: true,
            write_wait: Duration::from_secs(60),
            threads: 8,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {reason}")]
    Listen { addr: String, reason: String },
    #[error(transparent)]
    Secret(#[from] secrets::SecretError),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// A running server; `stop` (or dropping it) ends its threads.
pub struct Server {
    addr: SocketAddr,
    http: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    writer: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts listening; the writer takes `store` (creating the token and webhook secret in
    /// it if they do not exist yet).
    pub fn start(store: Store, opts: ServeOptions) -> Result<Server, ServeError> {
        let secrets = secrets::ensure(&store)?;
        let canonical = CanonicalOptions {
            upgrade_http: store.settings()?.upgrade_http,
        };
        let listen_err = |reason: String| ServeError::Listen {
            addr: opts.listen.clone(),
            reason,
        };
        let http =
            tiny_http::Server::http(opts.listen.as_str()).map_err(|e| listen_err(e.to_string()))?;
        let addr = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| listen_err("not an IP address".into()))?;
        let http = Arc::new(http);
        let (jobs, rx) = mpsc::channel();
        let writer = writer::Writer {
            store,
            jobs: rx,
            wait: opts.write_wait,
            fetch: opts.fetch,
        };
        let writer = std::thread::Builder::new()
            .name("serve-writer".into())
            .spawn(move || writer.run())
            .map_err(|e| listen_err(e.to_string()))?;
        let shared = Arc::new(Shared {
            secrets,
            canonical,
            jobs,
            answer_wait: opts.write_wait + Duration::from_secs(30),
        });
        let mut workers = Vec::new();
        for i in 0..opts.threads.max(1) {
            let http = http.clone();
            let shared = shared.clone();
            let handle = std::thread::Builder::new()
                .name(format!("serve-{i}"))
                .spawn(move || {
                    while let Ok(req) = http.recv() {
                        handle(req, &shared);
                    }
                })
                .map_err(|e| listen_err(e.to_string()))?;
            workers.push(handle);
        }
        log::info!(target: "serve", "listening on http://{addr}");
        Ok(Server {
            addr,
            http,
            workers,
            writer: Some(writer),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Blocks until the server stops (for the command line: until the process is killed).
    pub fn wait(mut self) {
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }

    /// Stops taking requests, lets the writer finish what is queued, and joins every thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        for _ in 0..self.workers.len() {
            self.http.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
        // The request threads held the only senders: the writer ends once they are gone.
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Whether listening on `addr` keeps the server on this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

fn handle(mut req: tiny_http::Request, shared: &Shared) {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let (path, query) = match req.url().split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (req.url().to_string(), String::new()),
    };
    let remote = req
        .remote_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|| "-".into());
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.as_str().to_string(),
            )
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let answer = if req.body_length().is_some_and(|n| n > MAX_BODY) {
        routes_error_413()
    } else {
        let mut body = Vec::new();
        match req
            .as_reader()
            .take(MAX_BODY as u64 + 1)
            .read_to_end(&mut body)
        {
            Ok(_) => {
                let query: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
                    .into_owned()
                    .collect();
                routes::route(
                    &Incoming {
                        method: &method,
                        path: &path,
                        query,
                        header: &header,
                        body: &body,
                    },
                    shared,
                )
            }
            Err(e) => Answer::html(400, pages::message("Bad request", &e.to_string())),
        }
    };
    // The path only: the query of /add carries the token, and headers are never logged.
    log::info!(
        target: "serve",
        "{remote} {method} {path} {} {} ms",
        answer.status,
        started.elapsed().as_millis()
    );
    let mut response =
        tiny_http::Response::from_string(answer.body).with_status_code(answer.status);
    let mut add = |k: &str, v: &str| {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    };
    add("Content-Type", answer.content_type);
    for (k, v) in &answer.headers {
        add(k, v);
    }
    if answer.status == 413 {
        // The rest of the body was not read: the connection cannot carry another request.
        add("Connection", "close");
    }
    let _ = req.respond(response);
}

fn routes_error_413() -> Answer {
    let mut a = Answer::html(413, String::new());
    a.content_type = "application/json";
    a.body = serde_json::json!({ "error": "the body is over 64 KB" }).to_string();
    a
}
