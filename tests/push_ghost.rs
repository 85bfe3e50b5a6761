//! `roundup push --to ghost` against a loopback Ghost that checks what the real Admin API
//! checks: the JWT (HS256 signature with the hex-decoded secret, `kid`, `aud` = /admin/,
//! expiry at most 5 minutes out), `?source=html` (without it Ghost stores an empty post),
//! and the post's current `updated_at` on update (else 409 UpdateCollisionError).

// A test fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use roundup::config::{Config, GhostConfig, Secret};
use roundup::model::Issue;
use roundup::publish::{PushAction, PushError, PushOptions, PushReport, Service, push_issue};
use roundup::store::Store;
use serde_json::{Value, json as j};
use std::collections::BTreeMap;
use std::net::TcpStream;
use std::process::Command;
use std::sync::{Arc, Mutex};
use support::http::{Request, Server, json, respond};

const KEY_ID: &str = "6489a1b2c3d4e5f600112233";
const SECRET_HEX: &str = "5f2a9c1e7d3b4a6f8e0c2d4b6a8f1e3c5d7b9a0e2c4f6a8b1d3e5f7a9c0b2d4e";

#[derive(Default)]
struct Ghost {
    posts: BTreeMap<String, Value>,
    clock: u32,
    /// Answer every request with 429 (Ghost's rate limiter).
    limited: bool,
}

fn err(stream: &mut TcpStream, status: &str, kind: &str, message: &str, context: &str) {
    json(
        stream,
        status,
        &j!({"errors": [{"message": message, "context": context, "type": kind}]}),
    );
}

/// What Ghost's admin API-key middleware checks, else its error.
fn check_token(req: &Request) -> Result<(), (&'static str, String)> {
    let auth = req
        .headers
        .get("authorization")
        .ok_or(("Authorization header missing", String::new()))?;
    let token = auth.strip_prefix("Ghost ").ok_or((
        "Authorization header format is \"Authorization: Ghost [token]\"",
        String::new(),
    ))?;
    let header = decode_header(token).map_err(|e| ("Invalid token", e.to_string()))?;
    if header.kid.as_deref() != Some(KEY_ID) {
        return Err(("Unknown Admin API Key", String::new()));
    }
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&["/admin/"]);
    v.set_required_spec_claims(&["exp", "aud"]);
    v.leeway = 0;
    let secret = hex::decode(SECRET_HEX).unwrap();
    let data = decode::<Value>(token, &DecodingKey::from_secret(&secret), &v)
        .map_err(|e| ("Invalid token", e.to_string()))?;
    let (iat, exp) = (
        data.claims["iat"].as_i64().unwrap_or(0),
        data.claims["exp"].as_i64().unwrap_or(i64::MAX),
    );
    if exp - iat > 5 * 60 {
        return Err(("Invalid token", "maxAge exceeded".into()));
    }
    Ok(())
}

fn ghost_server(state: Arc<Mutex<Ghost>>) -> Server {
    Server::start(move |req, stream| {
        let mut g = state.lock().unwrap();
        if g.limited {
            return respond(
                stream,
                "429 Too Many Requests",
                &[("Retry-After", "42"), ("Content-Type", "application/json")],
                br#"{"errors":[{"message":"Too many requests.","type":"TooManyRequestsError"}]}"#,
            );
        }
        if let Err((message, context)) = check_token(req) {
            return err(
                stream,
                "401 Unauthorized",
                "UnauthorizedError",
                message,
                &context,
            );
        }
        if req.headers.get("accept-version").map(String::as_str) != Some("v5.0") {
            return err(
                stream,
                "400 Bad Request",
                "BadRequestError",
                "Accept-Version missing",
                "",
            );
        }
        let (path, query) = req.path.split_once('?').unwrap_or((&req.path, ""));
        let Some(rest) = path.strip_prefix("/ghost/api/admin/posts/") else {
            return err(
                stream,
                "404 Not Found",
                "NotFoundError",
                "Resource not found",
                "",
            );
        };
        let id = rest.trim_end_matches('/').to_string();
        let html_source = query.split('&').any(|p| p == "source=html");
        g.clock += 1;
        let now = format!("2026-11-22T10:00:{:02}.000Z", g.clock);
        match (req.method.as_str(), id.is_empty()) {
            ("POST", true) => {
                let body = req.json();
                let p = &body["posts"][0];
                let id = format!("65f0{:020x}", g.clock);
                // Without ?source=html Ghost ignores `html` and saves an empty post.
                let html = if html_source {
                    p["html"].clone()
                } else {
                    j!("")
                };
                let post = j!({"id": id, "title": p["title"], "html": html,
                    "status": p["status"].as_str().unwrap_or("draft"), "updated_at": now});
                g.posts.insert(id, post.clone());
                json(stream, "201 Created", &j!({"posts": [post]}));
            }
            ("GET", false) => match g.posts.get(&id) {
                Some(post) => json(stream, "200 OK", &j!({"posts": [post]})),
                None => err(
                    stream,
                    "404 Not Found",
                    "NotFoundError",
                    "Post not found.",
                    "",
                ),
            },
            ("PUT", false) => {
                let body = req.json();
                let p = &body["posts"][0];
                let Some(post) = g.posts.get_mut(&id) else {
                    return err(
                        stream,
                        "404 Not Found",
                        "NotFoundError",
                        "Post not found.",
                        "",
                    );
                };
                if p["updated_at"] != post["updated_at"] {
                    return err(
                        stream,
                        "409 Conflict",
                        "UpdateCollisionError",
                        "Saving failed! Someone else is editing this post.",
                        "",
                    );
                }
                post["title"] = p["title"].clone();
                post["html"] = if html_source {
                    p["html"].clone()
                } else {
                    j!("")
                };
                post["updated_at"] = j!(now);
                let post = post.clone();
                json(stream, "200 OK", &j!({"posts": [post]}));
            }
            _ => err(
                stream,
                "405 Method Not Allowed",
                "MethodNotAllowedError",
                "Unknown method",
                "",
            ),
        }
    })
}

struct Setup {
    server: Server,
    state: Arc<Mutex<Ghost>>,
    store: Store,
    config: Config,
    issue: Issue,
}

fn setup(secret: &str) -> Setup {
    let state = Arc::new(Mutex::new(Ghost::default()));
    let server = ghost_server(state.clone());
    let store = Store::open_in_memory().unwrap();
    roundup::demo::build(&store).unwrap();
    let issue = store.current_draft().unwrap().unwrap();
    let mut config = Config::builtin().unwrap();
    config.push.ghost = Some(GhostConfig {
        url: server.url("/"),
        admin_key: Some(Secret::new(format!("{KEY_ID}:{secret}"))),
    });
    Setup {
        server,
        state,
        store,
        config,
        issue,
    }
}

fn push(s: &Setup) -> Result<PushReport, PushError> {
    let none = |_: &str| None;
    push_issue(
        &s.store,
        &s.config,
        &s.issue,
        Service::Ghost,
        &PushOptions::default(),
        &none,
    )
}

fn pushed(r: PushReport) -> (String, PushAction) {
    match r {
        PushReport::Pushed {
            remote_id, action, ..
        } => (remote_id, action),
        other => panic!("not pushed: {other:?}"),
    }
}

fn first_entry_title(issue: &Issue) -> String {
    issue.sections[0].entries[0].title.clone().unwrap()
}

#[test]
fn create_makes_one_draft_with_the_html_export() {
    let s = setup(SECRET_HEX);
    let (id, action) = pushed(push(&s).unwrap());
    assert_eq!(action, PushAction::Created);
    let g = s.state.lock().unwrap();
    assert_eq!(g.posts.len(), 1);
    let post = &g.posts[&id];
    assert_eq!(post["status"], "draft");
    assert_eq!(post["title"], s.issue.title.as_str());
    let html = post["html"].as_str().unwrap();
    assert!(html.contains(&first_entry_title(&s.issue)), "{html}");
    assert!(
        !html.contains("<html"),
        "a fragment, not a document: {html}"
    );
    let reqs = s.server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, "/ghost/api/admin/posts/?source=html");
    let stored = s.store.remote_draft(s.issue.id, "ghost").unwrap().unwrap();
    assert_eq!(stored.remote_id, id);
}

#[test]
fn a_second_push_updates_the_same_post_with_its_updated_at() {
    let s = setup(SECRET_HEX);
    let (id, _) = pushed(push(&s).unwrap());
    s.store
        .set_intro(s.issue.id, Some("A correction to last week."))
        .unwrap();
    let issue = s.store.issue(s.issue.number).unwrap();
    let s = Setup { issue, ..s };
    let (again, action) = pushed(push(&s).unwrap());
    assert_eq!((again.as_str(), action), (id.as_str(), PushAction::Updated));
    let g = s.state.lock().unwrap();
    assert_eq!(g.posts.len(), 1, "no second post");
    assert!(
        g.posts[&id]["html"]
            .as_str()
            .unwrap()
            .contains("A correction to last week.")
    );
    let methods: Vec<String> = s
        .server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        methods,
        [
            "POST /ghost/api/admin/posts/?source=html".to_string(),
            format!("GET /ghost/api/admin/posts/{id}/"),
            format!("PUT /ghost/api/admin/posts/{id}/?source=html"),
        ]
    );
}

#[test]
fn a_post_deleted_in_ghost_is_made_anew_and_said() {
    let s = setup(SECRET_HEX);
    let (old, _) = pushed(push(&s).unwrap());
    s.state.lock().unwrap().posts.clear();
    let (new, action) = pushed(push(&s).unwrap());
    assert_ne!(new, old);
    assert_eq!(action, PushAction::Recreated { previous: old });
    assert_eq!(
        s.store
            .remote_draft(s.issue.id, "ghost")
            .unwrap()
            .unwrap()
            .remote_id,
        new
    );
    assert_eq!(s.state.lock().unwrap().posts.len(), 1);
}

#[test]
fn a_post_published_in_ghost_is_left_alone() {
    let s = setup(SECRET_HEX);
    let (id, _) = pushed(push(&s).unwrap());
    s.state.lock().unwrap().posts.get_mut(&id).unwrap()["status"] = j!("published");
    let err = push(&s).unwrap_err().to_string();
    assert!(err.contains("is published there, not a draft"), "{err}");
    assert!(s.server.requests().iter().all(|r| r.method != "PUT"));
}

#[test]
fn a_wrong_secret_is_ghosts_401_and_never_shown() {
    let wrong = "00".repeat(32);
    let s = setup(&wrong);
    let err = push(&s).unwrap_err().to_string();
    assert!(
        err.starts_with("ghost: HTTP 401 Unauthorized: Invalid token"),
        "{err}"
    );
    assert!(!err.contains(&wrong) && !err.contains("Ghost ey"), "{err}");
    assert_eq!(s.store.remote_draft(s.issue.id, "ghost").unwrap(), None);
}

#[test]
fn rate_limiting_gives_the_retry_time() {
    let s = setup(SECRET_HEX);
    s.state.lock().unwrap().limited = true;
    let err = push(&s).unwrap_err().to_string();
    assert_eq!(
        err,
        "ghost: HTTP 429 Too Many Requests: Too many requests.; retry after 42 s"
    );
}

#[test]
fn dry_run_sends_nothing_and_prints_no_secret() {
    let s = setup(SECRET_HEX);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    let conf = dir.path().join("config/roundup");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("config.toml"),
        format!("[push.ghost]\nurl = \"{}\"\n", s.server.url("")),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_roundup"))
            .arg("--db")
            .arg(&db)
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("ROUNDUP_GHOST_ADMIN_KEY", format!("{KEY_ID}:{SECRET_HEX}"))
            .output()
            .unwrap()
    };
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sre-weekly-094.json"
    );
    assert!(run(&["issue", "load", fixture]).status.success());
    let out = run(&["push", "94", "--to", "ghost", "--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.starts_with(&format!(
            "POST {}/ghost/api/admin/posts/?source=html\n",
            s.server.url("")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("Authorization: [redacted]\nAccept-Version: v5.0\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\"status\": \"draft\""), "{stdout}");
    assert!(stdout.contains("High Reliability Health Care"), "{stdout}");
    for text in [&stdout, &stderr] {
        assert!(
            !text.contains(SECRET_HEX) && !text.contains("Ghost ey"),
            "{text}"
        );
    }
    assert!(s.server.requests().is_empty(), "a dry run sent a request");
    // Nothing recorded either: the next real push creates.
    let store = Store::open(&db).unwrap();
    let issue = store.issue(94).unwrap();
    assert_eq!(store.remote_draft(issue.id, "ghost").unwrap(), None);
}
