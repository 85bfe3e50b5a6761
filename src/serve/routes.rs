//! What each request means: `POST /links` (JSON or a form, bearer token), `GET /add` (the
//! bookmarklet's page), `POST /webhooks/miniflux` (signed), `GET /` (how to use it). Request
//! threads parse, authenticate and validate; only the writer touches the database.

use super::pages;
use super::secrets::{Secrets, same, signed};
use super::writer::{Job, Reply};
use crate::capture::canonical::{CanonicalOptions, canonicalize};
use crate::model::{Link, LinkExtras, NewLink};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::mpsc::{self, Sender};
use std::time::Duration;

/// The largest body read; more is 413.
pub const MAX_BODY: usize = 64 * 1024;
const MAX_URL: usize = 8 * 1024;

/// What request threads share.
pub(crate) struct Shared {
    pub secrets: Secrets,
    pub canonical: CanonicalOptions,
    pub jobs: Sender<Job>,
    /// How long a request waits for its answer from the writer (its lock wait, and more).
    pub answer_wait: Duration,
}

/// An answer, before it is sent.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    fn json(status: u16, value: serde_json::Value) -> Answer {
        Answer {
            status,
            content_type: "application/json",
            body: value.to_string(),
            headers: Vec::new(),
        }
    }

    fn error(status: u16, message: &str) -> Answer {
        let mut a = Answer::json(status, serde_json::json!({ "error": message }));
        match status {
            401 => a.headers.push(("WWW-Authenticate", "Bearer".into())),
            503 => a.headers.push(("Retry-After", "5".into())),
            _ => {}
        }
        a
    }

    pub fn html(status: u16, body: String) -> Answer {
        Answer {
            status,
            content_type: "text/html; charset=utf-8",
            body,
            headers: Vec::new(),
        }
    }
}

/// One request as the threads see it: the body already read (at most `MAX_BODY` + 1 bytes).
pub(crate) struct Incoming<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub query: HashMap<String, String>,
    pub header: &'a dyn Fn(&str) -> Option<String>,
    pub body: &'a [u8],
}

pub(crate) fn route(req: &Incoming, shared: &Shared) -> Answer {
    if req.body.len() > MAX_BODY {
        return Answer::error(413, "the body is over 64 KB");
    }
    match (req.method, req.path) {
        ("POST", "/links") => post_links(req, shared),
        ("GET", "/add") => get_add(req, shared),
        ("POST", "/webhooks/miniflux") => miniflux(req, shared),
        ("GET", "/") => Answer::html(200, pages::home()),
        (_, "/links" | "/add" | "/webhooks/miniflux" | "/") => {
            Answer::error(405, "method not allowed here")
        }
        _ => Answer::error(
            404,
            "no such endpoint (POST /links, GET /add, POST /webhooks/miniflux)",
        ),
    }
}

/// Tags as a list or as one comma-separated string.
#[derive(Deserialize)]
#[serde(untagged)]
enum Tags {
    List(Vec<String>),
    Text(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaptureBody {
    url: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    via: Option<String>,
    #[serde(default)]
    tags: Option<Tags>,
}

fn post_links(req: &Incoming, shared: &Shared) -> Answer {
    let content_type = (req.header)("content-type").unwrap_or_default();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let form: HashMap<String, String> = if is_form {
        url::form_urlencoded::parse(req.body).into_owned().collect()
    } else {
        HashMap::new()
    };
    let bearer = (req.header)("authorization")
        .and_then(|h| h.strip_prefix("Bearer ").map(|t| t.trim().to_string()));
    let token = bearer.or_else(|| form.get("token").cloned());
    match token {
        None => return Answer::error(401, "no token: send Authorization: Bearer TOKEN"),
        Some(t) if !same(&t, &shared.secrets.token) => {
            return Answer::error(401, "wrong token");
        }
        Some(_) => {}
    }
    let body = if is_form {
        let Some(url) = form.get("url").cloned() else {
            return Answer::error(400, "the form has no url field");
        };
        CaptureBody {
            url,
            title: form.get("title").cloned(),
            note: form.get("note").cloned(),
            via: form.get("via").cloned(),
            tags: form.get("tags").cloned().map(Tags::Text),
        }
    } else {
        match serde_json::from_slice::<CaptureBody>(req.body) {
            Ok(b) => b,
            Err(e) => {
                return Answer::error(400, &format!("the body is not the JSON expected: {e}"));
            }
        }
    };
    let tags = match body.tags {
        Some(Tags::List(l)) => l,
        Some(Tags::Text(t)) => t.split(',').map(str::to_string).collect(),
        None => Vec::new(),
    };
    let link = NewLink {
        url: body.url,
        title: body.title,
        note: body.note,
        via: body.via,
        tags,
        source: Some("serve".into()),
        ..NewLink::default()
    };
    match submit(link, shared) {
        Ok(Reply::Added(pair)) => Answer::json(201, link_json(&pair)),
        Ok(Reply::Existing(pair)) => Answer::json(200, link_json(&pair)),
        Ok(other) => failure(other),
        Err(answer) => answer,
    }
}

fn get_add(req: &Incoming, shared: &Shared) -> Answer {
    let q = &req.query;
    match q.get("token") {
        Some(t) if same(t, &shared.secrets.token) => {}
        _ => {
            return Answer::html(
                401,
                pages::message("Not added", "The token is missing or wrong."),
            );
        }
    }
    let Some(url) = q.get("url").cloned() else {
        return Answer::html(400, pages::message("Not added", "No url was given."));
    };
    let link = NewLink {
        url,
        title: q.get("title").cloned(),
        via: q.get("via").cloned(),
        source: Some("serve".into()),
        ..NewLink::default()
    };
    match submit(link, shared) {
        Ok(Reply::Added(pair)) => Answer::html(201, pages::added(&pair.0)),
        Ok(Reply::Existing(pair)) => Answer::html(200, pages::existing(&pair.0)),
        Ok(Reply::Refused(reason)) => Answer::html(400, pages::message("Not added", &reason)),
        Ok(other) => {
            let a = failure(other);
            let mut page = Answer::html(
                a.status,
                pages::message(
                    "Not added yet",
                    "roundup could not write it; try again in a moment.",
                ),
            );
            page.headers = a.headers;
            page
        }
        Err(a) => Answer::html(
            a.status,
            pages::message("Not added", "roundup is stopping."),
        ),
    }
}

/// Miniflux's `save_entry` payload: the entry saved, with its feed.
#[derive(Deserialize)]
struct MinifluxEvent {
    #[serde(default)]
    event_type: Option<String>,
    #[serde(default)]
    entry: Option<MinifluxEntry>,
}

#[derive(Deserialize)]
struct MinifluxEntry {
    url: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    feed: Option<MinifluxFeed>,
}

#[derive(Deserialize)]
struct MinifluxFeed {
    #[serde(default)]
    title: Option<String>,
}

fn miniflux(req: &Incoming, shared: &Shared) -> Answer {
    let Some(signature) = (req.header)("x-miniflux-signature") else {
        return Answer::error(403, "no X-Miniflux-Signature");
    };
    if !signed(req.body, &signature, &shared.secrets.miniflux) {
        return Answer::error(403, "the signature does not match miniflux_secret");
    }
    let event: MinifluxEvent = match serde_json::from_slice(req.body) {
        Ok(e) => e,
        Err(e) => return Answer::error(400, &format!("not a Miniflux event: {e}")),
    };
    let kind = (req.header)("x-miniflux-event-type")
        .or(event.event_type)
        .unwrap_or_default();
    if kind != "save_entry" {
        return Answer::json(200, serde_json::json!({ "ignored": kind }));
    }
    let Some(entry) = event.entry else {
        return Answer::error(400, "a save_entry event without its entry");
    };
    let link = NewLink {
        url: entry.url,
        title: entry.title,
        authors: entry
            .author
            .into_iter()
            .filter(|a| !a.trim().is_empty())
            .collect(),
        via: entry.feed.and_then(|f| f.title),
        tags: entry.tags.unwrap_or_default(),
        source: Some("miniflux".into()),
        ..NewLink::default()
    };
    match submit(link, shared) {
        Ok(Reply::Added(pair)) => Answer::json(201, link_json(&pair)),
        Ok(Reply::Existing(pair)) => Answer::json(200, link_json(&pair)),
        Ok(other) => failure(other),
        Err(answer) => answer,
    }
}

fn link_json(pair: &(Link, LinkExtras)) -> serde_json::Value {
    crate::cli::link_json(&pair.0, &pair.1)
}

fn failure(reply: Reply) -> Answer {
    match reply {
        Reply::Refused(reason) => Answer::error(400, &reason),
        Reply::Busy => Answer::error(
            503,
            "the database is busy (another roundup is writing): nothing was added, try again",
        ),
        Reply::Failed(reason) => Answer::error(500, &format!("not written: {reason}")),
        Reply::Added(_) | Reply::Existing(_) => Answer::error(500, "unexpected answer"),
    }
}

/// Cleans and validates what a request gave, then hands it to the writer and waits for its
/// answer. Refusals that need no database are answered here.
fn submit(mut link: NewLink, shared: &Shared) -> Result<Reply, Answer> {
    let url = link.url.trim().to_string();
    if url.len() > MAX_URL {
        return Ok(Reply::Refused("the URL is over 8 KB".into()));
    }
    if url.chars().any(char::is_control) {
        return Ok(Reply::Refused("the URL has a control character".into()));
    }
    if let Err(e) = canonicalize(&url, &shared.canonical) {
        return Ok(Reply::Refused(e.to_string()));
    }
    link.url = url;
    link.title = link.title.as_deref().and_then(one_line);
    link.via = link.via.as_deref().and_then(one_line);
    link.note = link.note.as_deref().and_then(paragraphs);
    link.authors = link.authors.iter().filter_map(|a| one_line(a)).collect();
    let (tx, rx) = mpsc::channel();
    if shared.jobs.send(Job { link, reply: tx }).is_err() {
        return Err(Answer::error(503, "roundup serve is stopping"));
    }
    rx.recv_timeout(shared.answer_wait)
        .map_err(|_| Answer::error(503, "no answer from the database in time: try again"))
}

fn one_line(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(1_000)
        .collect();
    (!t.is_empty()).then_some(t)
}

fn paragraphs(s: &str) -> Option<String> {
    let t: String = s
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .take(10_000)
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}
