//! The one thread that writes: it owns the Store, takes every queued request in one
//! transaction, answers each over its own channel, and records the background fetches of
//! the links it added. When another process holds the write lock it waits and tries again
//! (the requests wait with it) up to a bound; only past that does a request get "busy",
//! and then nothing of its batch was written.

use crate::capture::fetch::{FetchEvent, FetchJob, FetchOptions, spawn_fetch};
use crate::model::{Link, LinkExtras, NewLink};
use crate::store::{AddOutcome, Store, StoreError};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

/// The most requests committed in one transaction.
const MAX_BATCH: usize = 256;
/// One attempt's wait inside SQLite before the writer looks up and tries again.
const STEP: Duration = Duration::from_millis(250);

pub(crate) struct Job {
    pub link: NewLink,
    pub reply: Sender<Reply>,
}

#[derive(Debug)]
pub(crate) enum Reply {
    Added(Box<(Link, LinkExtras)>),
    Existing(Box<(Link, LinkExtras)>),
    /// The URL is not one roundup stores.
    Refused(String),
    /// Another process kept the database locked for the whole wait: nothing was written.
    Busy,
    /// Any other failure (disk full, a damaged database): nothing was written.
    Failed(String),
}

pub(crate) struct Writer {
    pub store: Store,
    pub jobs: Receiver<Job>,
    /// How long a batch may wait for the lock before its requests are answered busy.
    pub wait: Duration,
    /// Fetch new links' metadata in the background.
    pub fetch: bool,
}

impl Writer {
    pub fn run(self) {
        let Writer {
            mut store,
            jobs,
            wait,
            fetch,
        } = self;
        if let Err(e) = store.set_busy_timeout(STEP) {
            log::warn!(target: "serve", "cannot set the busy timeout: {e}");
        }
        let opts = store
            .settings()
            .map(|s| FetchOptions::from_settings(&s))
            .unwrap_or_default();
        let mut fetches: Vec<Receiver<FetchEvent>> = Vec::new();
        loop {
            match jobs.recv_timeout(Duration::from_millis(200)) {
                Ok(first) => {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match jobs.try_recv() {
                            Ok(job) => batch.push(job),
                            Err(_) => break,
                        }
                    }
                    let added = commit(&mut store, batch, wait);
                    if fetch && !added.is_empty() {
                        fetches.push(spawn_fetch(added, opts.clone()));
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            record_fetches(&store, &mut fetches, wait);
        }
    }
}

/// Writes a batch (retrying while busy, up to `wait`), answers every request, and returns
/// the fetch jobs of the links it added.
fn commit(store: &mut Store, batch: Vec<Job>, wait: Duration) -> Vec<FetchJob> {
    // What a request sends is text from outside: cleaned (no control characters) and capped.
    let links: Vec<NewLink> = batch.iter().map(|j| j.link.clone().cleaned()).collect();
    let deadline = Instant::now() + wait;
    let mut waited = false;
    let outcomes = loop {
        match store.add_links_batch(&links) {
            Ok(outcomes) => break Ok(outcomes),
            Err(e) if e.is_busy() && Instant::now() < deadline => {
                if !waited {
                    log::info!(target: "serve", "waiting for the database (another roundup is writing)");
                    waited = true;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => break Err(e),
        }
    };
    let outcomes = match outcomes {
        Ok(o) => o,
        Err(e) => {
            let busy = e.is_busy();
            log::warn!(target: "serve", "{} request(s) not written: {e}", batch.len());
            for job in batch {
                let _ = job.reply.send(if busy {
                    Reply::Busy
                } else {
                    Reply::Failed(e.to_string())
                });
            }
            return Vec::new();
        }
    };
    let mut added = Vec::new();
    for (job, outcome) in batch.into_iter().zip(outcomes) {
        let reply = match outcome {
            Ok(AddOutcome::Added(id)) => match with_extras(store, store.link(id)) {
                Ok(pair) => {
                    added.push(FetchJob {
                        link_id: id,
                        url: pair.0.url.clone(),
                    });
                    Reply::Added(Box::new(pair))
                }
                Err(e) => Reply::Failed(e.to_string()),
            },
            Ok(AddOutcome::Duplicate(link)) => match with_extras(store, Ok(*link)) {
                Ok(pair) => Reply::Existing(Box::new(pair)),
                Err(e) => Reply::Failed(e.to_string()),
            },
            Err(reason) => Reply::Refused(reason),
        };
        let _ = job.reply.send(reply);
    }
    added
}

fn with_extras(
    store: &Store,
    link: Result<Link, StoreError>,
) -> Result<(Link, LinkExtras), StoreError> {
    let link = link?;
    let extras = store.link_extras(link.id)?;
    Ok((link, extras))
}

/// Records whatever fetch results have arrived, without waiting for more.
fn record_fetches(store: &Store, fetches: &mut Vec<Receiver<FetchEvent>>, wait: Duration) {
    fetches.retain(|rx| loop {
        match rx.try_recv() {
            Ok(FetchEvent::Done { link_id, result }) => {
                let deadline = Instant::now() + wait;
                loop {
                    match store.record_fetch(link_id, &result) {
                        Ok(()) => break,
                        Err(e) if e.is_busy() && Instant::now() < deadline => {
                            std::thread::sleep(Duration::from_millis(20));
                        }
                        Err(e) => {
                            log::warn!(target: "serve", "fetch of link {link_id} not recorded: {e}");
                            break;
                        }
                    }
                }
            }
            Ok(FetchEvent::Started { .. }) => {}
            Ok(FetchEvent::Finished) | Err(TryRecvError::Disconnected) => break false,
            Err(TryRecvError::Empty) => break true,
        }
    });
}
