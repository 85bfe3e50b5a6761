//! `roundup push --to ghost` against a loopback Ghost that checks what the real Admin API
//! checks: the JWT (HS256 signature with the hex-decoded secret, `kid`, `aud` = /admin/,
//! expiry at most 5 minutes out), `?source=html` (without it Ghost stores an empty post),
//! and the post's current `updated_at` on update (else 409 UpdateCollisionError).

// A test fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::config::{Config, GhostConfig, Secret};
use roundup::model::Issue;
use roundup::publish::{PushAction, PushError, PushOptions, PushReport, Service, push_issue};
use roundup::store::Store;
use serde_json::json as j;
use std::process::Command;
use std::sync::{Arc, Mutex};
use support::ghost::{Ghost, KEY_ID, SECRET_HEX, ghost_server};
use support::http::Server;

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
