//! `roundup serve` over loopback (issue 14): every status of `POST /links`, `GET /add` and the
//! Miniflux webhook, duplicates and "featured in", a write waiting out another process's
//! lock (and 503 past the bound, with nothing written), 200 requests from 4 clients, the
//! background fetch, a running TUI seeing the new link, and the command line's own output
//! and log (without the token).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::model::{Link, LinkState};
use roundup::serve::secrets::{self, sign};
use roundup::serve::{ServeOptions, Server};
use roundup::store::{LinkFilter, Store};
use roundup::tui::state::Msg;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::client::{Conn, Response, request};

struct Fixture {
    _dir: Option<tempfile::TempDir>,
    db: PathBuf,
    token: String,
    miniflux: String,
    server: Option<Server>,
}

impl Fixture {
    fn at(db: &Path, fill: impl FnOnce(&Store), opts: ServeOptions) -> Fixture {
        let store = Store::open(db).unwrap();
        fill(&store);
        let s = secrets::ensure(&store).unwrap();
        let server = Server::start(store, opts).unwrap();
        Fixture {
            _dir: None,
            db: db.to_path_buf(),
            token: s.token,
            miniflux: s.miniflux,
            server: Some(server),
        }
    }

    fn new(opts: ServeOptions) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let mut f = Fixture::at(
            &dir.path().join("t.db"),
            |s| roundup::demo::build(s).unwrap(),
            opts,
        );
        f._dir = Some(dir);
        f
    }

    fn addr(&self) -> SocketAddr {
        self.server.as_ref().unwrap().addr()
    }

    fn post(&self, body: &str, token: Option<&str>) -> Response {
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(a) = &auth {
            headers.push(("Authorization", a.as_str()));
        }
        request(self.addr(), "POST", "/links", &headers, body.as_bytes())
    }

    fn links(&self) -> Vec<Link> {
        Store::open(&self.db)
            .unwrap()
            .links(&LinkFilter::default())
            .unwrap()
    }

    fn find(&self, url: &str) -> Option<Link> {
        self.links().into_iter().find(|l| l.url == url)
    }
}

fn opts() -> ServeOptions {
    ServeOptions {
        listen: "127.0.0.1:0".into(),
        fetch: false,
        ..ServeOptions::default()
    }
}

#[test]
fn post_links_statuses() {
    let f = Fixture::new(opts());
    let token = f.token.clone();
    let before = f.links().len();

    let r = f.post(
        r##"{"url": "https://example.com/new?utm_source=x", "title": "New \u001b[31mthing", "note": "Opens the issue.", "via": "HN", "tags": ["sre", "#Kafka"]}"##,
        Some(&token),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    assert_eq!(
        v["url"], "https://example.com/new",
        "stored without tracking"
    );
    assert_eq!(v["canonical_url"], "https://example.com/new");
    assert_eq!(v["title"], "New [31mthing", "control characters dropped");
    assert_eq!(v["note"], "Opens the issue.");
    assert_eq!(v["via"], "HN");
    assert_eq!(v["source"], "serve");
    assert_eq!(v["tags"], serde_json::json!(["Kafka", "sre"]));
    assert_eq!(v["state"], "inbox");
    let id = v["id"].as_i64().unwrap();

    // The same article again: 200 with the stored link.
    let r = f.post(r#"{"url": "https://example.com/new"}"#, Some(&token));
    assert_eq!((r.status, r.json()["id"].as_i64()), (200, Some(id)));

    // A link featured in a published issue says so.
    let featured = f
        .links()
        .into_iter()
        .find(|l| !l.featured_in.is_empty())
        .unwrap();
    let r = f.post(&format!(r#"{{"url": "{}"}}"#, featured.url), Some(&token));
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["featured_in"], serde_json::json!([379]));

    // Refused URLs and bodies: 400 with the reason.
    let r = f.post(r#"{"url": "javascript:alert(1)"}"#, Some(&token));
    assert_eq!(r.status, 400);
    assert!(
        r.json()["error"].as_str().unwrap().contains("javascript"),
        "{}",
        r.body
    );
    let r = f.post(
        r#"{"url": "https://example.com/x", "colour": "red"}"#,
        Some(&token),
    );
    assert_eq!(r.status, 400);
    assert!(r.body.contains("colour"), "{}", r.body);
    let r = f.post("not json", Some(&token));
    assert_eq!(r.status, 400);

    // No token, a wrong one: 401, nothing added.
    let r = f.post(r#"{"url": "https://example.com/no-token"}"#, None);
    assert_eq!(r.status, 401);
    assert_eq!(
        r.headers.get("www-authenticate").map(String::as_str),
        Some("Bearer")
    );
    let r = f.post(r#"{"url": "https://example.com/no-token"}"#, Some("wrong"));
    assert_eq!(r.status, 401);
    let mut almost = token.clone();
    almost.pop();
    almost.push('x');
    assert_eq!(
        f.post(r#"{"url": "https://example.com/no-token"}"#, Some(&almost))
            .status,
        401
    );

    // Over 64 KB: 413.
    let big = format!(
        r#"{{"url": "https://example.com/big", "note": "{}"}}"#,
        "a".repeat(70_000)
    );
    let r = f.post(&big, Some(&token));
    assert_eq!(r.status, 413, "{}", r.body);

    // A form, with the token in it (an HTML form cannot set headers).
    let form =
        format!("url=https%3A%2F%2Fexample.com%2Fform&title=From+a+form&tags=a%2Cb&token={token}");
    let r = request(
        f.addr(),
        "POST",
        "/links",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["tags"], serde_json::json!(["a", "b"]));

    assert_eq!(request(f.addr(), "GET", "/nowhere", &[], b"").status, 404);
    assert_eq!(request(f.addr(), "GET", "/links", &[], b"").status, 405);
    assert_eq!(f.links().len(), before + 2);
    assert!(f.find("https://example.com/no-token").is_none());
    assert!(f.find("https://example.com/big").is_none());
}

#[test]
fn bookmarklet_page() {
    let f = Fixture::new(opts());
    let path = format!(
        "/add?url=https%3A%2F%2Fexample.com%2Fpage&title=A+%3Cb%3Epage%3C%2Fb%3E&token={}",
        f.token
    );
    let r = request(f.addr(), "GET", &path, &[], b"");
    assert_eq!(r.status, 201);
    assert!(r.headers["content-type"].starts_with("text/html"));
    assert!(r.body.contains("Added to roundup"), "{}", r.body);
    assert!(
        r.body.contains("A &lt;b&gt;page&lt;&#x2f;b&gt;"),
        "escaped: {}",
        r.body
    );
    let r = request(f.addr(), "GET", &path, &[], b"");
    assert_eq!(r.status, 200);
    assert!(r.body.contains("Already in roundup (inbox)"), "{}", r.body);

    let featured = f
        .links()
        .into_iter()
        .find(|l| !l.featured_in.is_empty())
        .unwrap();
    let path = format!(
        "/add?url={}&token={}",
        url::form_urlencoded::byte_serialize(featured.url.as_bytes()).collect::<String>(),
        f.token
    );
    let r = request(f.addr(), "GET", &path, &[], b"");
    assert!(
        r.body.contains("Already in roundup, featured in #379"),
        "{}",
        r.body
    );

    let r = request(
        f.addr(),
        "GET",
        "/add?url=https%3A%2F%2Fexample.com%2Fx&token=nope",
        &[],
        b"",
    );
    assert_eq!(r.status, 401);
    let r = request(
        f.addr(),
        "GET",
        &format!("/add?url=ftp%3A%2F%2Fx&token={}", f.token),
        &[],
        b"",
    );
    assert_eq!(r.status, 400);
    assert!(f.find("https://example.com/x").is_none());
}

fn miniflux_body(url: &str) -> String {
    serde_json::json!({
        "event_type": "save_entry",
        "entry": {
            "id": 42, "user_id": 1, "feed_id": 7, "status": "read", "hash": "h",
            "title": "Saved in Miniflux", "url": url, "comments_url": "",
            "published_at": "2024-05-01T10:00:00Z", "created_at": "2024-05-01T10:00:00Z",
            "changed_at": "2024-05-01T10:00:00Z", "content": "<p>…</p>", "author": "Julia Evans",
            "share_code": "", "starred": false, "reading_time": 3, "enclosures": [],
            "tags": ["debugging"],
            "feed": {"id": 7, "user_id": 1, "feed_url": "https://jvns.ca/atom.xml",
                     "site_url": "https://jvns.ca", "title": "Julia Evans", "checked_at": "2024-05-01T10:00:00Z"}
        }
    })
    .to_string()
}

#[test]
fn miniflux_webhook_signature() {
    let f = Fixture::new(opts());
    let body = miniflux_body("https://jvns.ca/blog/saved-in-miniflux/");
    let post = |sig: Option<&str>| {
        let mut headers = vec![
            ("Content-Type", "application/json"),
            ("X-Miniflux-Event-Type", "save_entry"),
        ];
        if let Some(s) = sig {
            headers.push(("X-Miniflux-Signature", s));
        }
        request(
            f.addr(),
            "POST",
            "/webhooks/miniflux",
            &headers,
            body.as_bytes(),
        )
    };
    assert_eq!(post(None).status, 403);
    assert_eq!(
        post(Some(&sign(body.as_bytes(), "not the secret"))).status,
        403
    );
    assert_eq!(post(Some("zz")).status, 403);
    assert!(
        f.find("https://jvns.ca/blog/saved-in-miniflux/").is_none(),
        "nothing added"
    );

    let r = post(Some(&sign(body.as_bytes(), &f.miniflux)));
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    assert_eq!(v["source"], "miniflux");
    assert_eq!(v["title"], "Saved in Miniflux");
    assert_eq!(v["authors"], serde_json::json!(["Julia Evans"]));
    assert_eq!(v["tags"], serde_json::json!(["debugging"]));
    assert_eq!(post(Some(&sign(body.as_bytes(), &f.miniflux))).status, 200);

    // Other events are acknowledged and ignored.
    let other = r#"{"event_type":"new_entries","feed":{},"entries":[]}"#;
    let r = request(
        f.addr(),
        "POST",
        "/webhooks/miniflux",
        &[("X-Miniflux-Signature", &sign(other.as_bytes(), &f.miniflux))],
        other.as_bytes(),
    );
    assert_eq!(
        (r.status, r.json()["ignored"].as_str()),
        (200, Some("new_entries"))
    );
}

/// Holds the write lock from another connection, as another roundup process would.
fn hold_write_lock(db: &Path, for_how_long: Duration) -> std::thread::JoinHandle<()> {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE").unwrap();
    std::thread::spawn(move || {
        std::thread::sleep(for_how_long);
        conn.execute_batch("COMMIT").unwrap();
    })
}

#[test]
fn a_request_waits_out_another_writer_and_then_lands() {
    let f = Fixture::new(opts());
    let holder = hold_write_lock(&f.db, Duration::from_millis(1500));
    let r = f.post(r#"{"url": "https://example.com/waited"}"#, Some(&f.token));
    assert_eq!(r.status, 201, "{}", r.body);
    holder.join().unwrap();
    assert!(f.find("https://example.com/waited").is_some());
}

#[test]
fn past_the_bound_it_is_503_and_nothing_is_written() {
    let f = Fixture::new(ServeOptions {
        write_wait: Duration::from_secs(1),
        ..opts()
    });
    let holder = hold_write_lock(&f.db, Duration::from_secs(4));
    let r = f.post(r#"{"url": "https://example.com/too-late"}"#, Some(&f.token));
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(r.headers.get("retry-after").map(String::as_str), Some("5"));
    assert!(r.json()["error"].as_str().unwrap().contains("busy"));
    holder.join().unwrap();
    assert!(f.find("https://example.com/too-late").is_none());
    // Once the lock is free, the same request lands.
    let r = f.post(r#"{"url": "https://example.com/too-late"}"#, Some(&f.token));
    assert_eq!(r.status, 201);
}

#[test]
fn two_hundred_requests_from_four_clients() {
    let f = Fixture::new(opts());
    let before = f.links().len();
    let addr = f.addr();
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let token = f.token.clone();
            std::thread::spawn(move || {
                let mut conn = Conn::open(addr).unwrap();
                let auth = format!("Bearer {token}");
                let mut statuses = Vec::new();
                for i in 0..50 {
                    let body = format!(r#"{{"url": "https://load.example.com/{c}/{i}"}}"#);
                    let r = conn
                        .send(
                            "POST",
                            "/links",
                            &[("Authorization", &auth)],
                            body.as_bytes(),
                        )
                        .unwrap();
                    assert!(!r.body.contains("locked"), "{}", r.body);
                    statuses.push(r.status);
                }
                statuses
            })
        })
        .collect();
    for c in clients {
        assert!(c.join().unwrap().iter().all(|s| *s == 201));
    }
    let links = f.links();
    assert_eq!(links.len(), before + 200);
    assert_eq!(
        links
            .iter()
            .filter(|l| l.url.starts_with("https://load.example.com/"))
            .count(),
        200
    );
}

#[test]
fn new_links_are_fetched_in_the_background() {
    let page = support::http::Server::start(|_, stream| {
        support::http::html(
            stream,
            "<html><head><title>Fetched by serve</title>\
             <meta name=\"author\" content=\"Ada Lovelace\"></head><body></body></html>",
        );
    });
    let f = Fixture::new(ServeOptions {
        fetch: true,
        ..opts()
    });
    let url = page.url("/article");
    let r = f.post(&format!(r#"{{"url": "{url}"}}"#), Some(&f.token));
    assert_eq!(r.status, 201);
    let t0 = Instant::now();
    loop {
        let link = f.find(&url).unwrap();
        if link.fetched_at.is_some() {
            assert_eq!(link.title.as_deref(), Some("Fetched by serve"));
            assert_eq!(link.authors, ["Ada Lovelace"]);
            break;
        }
        assert!(t0.elapsed() < Duration::from_secs(30), "never fetched");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_running_tui_shows_the_new_link() {
    let mut h = support::tui::Harness::open(120, 30, |s| roundup::demo::build(s).unwrap(), None);
    let db = h.dir.path().join("t.db");
    let f = Fixture::at(&db, |_| {}, opts());
    assert!(!h.screen().contains("Posted while the TUI runs"));
    let r = f.post(
        r#"{"url": "https://example.com/live", "title": "Posted while the TUI runs"}"#,
        Some(&f.token),
    );
    assert_eq!(r.status, 201);
    let t0 = Instant::now();
    loop {
        h.send(Msg::PollChanges);
        h.wait_background();
        if h.screen().contains("Posted while the TUI runs") {
            break;
        }
        assert!(t0.elapsed() < Duration::from_secs(20), "{}", h.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    let row = h
        .app
        .inbox
        .rows
        .iter()
        .find(|r| r.url() == "https://example.com/live")
        .unwrap();
    assert_eq!(row.state, LinkState::Inbox);
}

struct Child_(Child);
impl Drop for Child_ {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn roundup(db: &Path, state: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_roundup"));
    c.arg("--db")
        .arg(db)
        .env("XDG_STATE_HOME", state)
        .env("HOME", state);
    c
}

#[test]
fn the_command_prints_how_to_use_it_and_logs_without_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let state = dir.path().join("state");
    let mut child = Child_(
        roundup(&db, &state)
            .args(["serve", "--listen", "127.0.0.1:0", "--no-fetch"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut out = BufReader::new(child.0.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("{first}"))
        .to_string();
    let mut rest = String::new();
    for _ in 0..4 {
        out.read_line(&mut rest).unwrap();
    }
    assert!(rest.contains("roundup setting capture_token"), "{rest}");
    assert!(rest.contains("/webhooks/miniflux"), "{rest}");
    let addr: SocketAddr = base.trim_start_matches("http://").parse().unwrap();

    let token = roundup(&db, &state)
        .args(["setting", "capture_token"])
        .output()
        .unwrap();
    let token = String::from_utf8(token.stdout).unwrap().trim().to_string();
    assert_eq!(token.len(), 64);
    assert!(
        !first.contains(&token) && !rest.contains(&token),
        "the token is not printed"
    );
    let auth = format!("Bearer {token}");
    let r = request(
        addr,
        "POST",
        "/links",
        &[("Authorization", &auth)],
        br#"{"url": "https://example.com/from-cli"}"#,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let r = request(
        addr,
        "GET",
        &format!("/add?url=https%3A%2F%2Fexample.com%2Fb&token={token}"),
        &[],
        b"",
    );
    assert_eq!(r.status, 201);
    drop(child);

    let log = std::fs::read_to_string(state.join("roundup/roundup.log")).unwrap();
    assert!(log.contains("POST /links 201"), "{log}");
    assert!(log.contains("GET /add 201"), "{log}");
    assert!(!log.contains(&token), "the token is in the log: {log}");

    let out = roundup(&db, &state)
        .args(["list", "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got = list
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["url"] == "https://example.com/from-cli")
        .unwrap();
    assert_eq!(got["source"], "serve");
    assert_eq!(got["quote_candidates"], serde_json::json!([]));
}

#[test]
fn bookmarklet_and_the_non_loopback_warning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let state = dir.path().join("state");
    let out = roundup(&db, &state)
        .args(["serve", "--bookmarklet", "--listen", "127.0.0.1:7777"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let token = String::from_utf8(
        roundup(&db, &state)
            .args(["setting", "capture_token"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(text.starts_with("javascript:"), "{text}");
    assert!(text.contains("http://127.0.0.1:7777/add?token="), "{text}");
    assert!(
        text.contains(token.trim()),
        "the bookmarklet carries the token"
    );

    let mut child = Child_(
        roundup(&db, &state)
            .args(["serve", "--listen", "0.0.0.0:0", "--no-fetch"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut err = BufReader::new(child.0.stderr.take().unwrap());
    let mut line = String::new();
    err.read_line(&mut line).unwrap();
    assert!(
        line.contains("warning") && line.contains("reachable from other machines"),
        "{line}"
    );
}
