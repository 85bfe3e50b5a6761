//! The check panel's "use the suggested URL" fetches the URL first, on a worker: only one
//! that answers OK replaces the entry's link; otherwise the status says why and the link
//! stays. Against the loopback server (the whole check runs with the network on).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::check::ProblemKind;
use roundup::model::NewLink;
use roundup::store::{AddOutcome, Store};
use roundup::tui::state::Overlay;
use std::net::Shutdown;
use support::http::{Server, respond};
use support::tui::Harness;

const PAGE: &str = "<html><head><title>A post</title></head><body><p>Words.</p></body></html>";

/// `/kept?…` answers only with its query: without it, 404 (the suggestion is wrong there).
fn server() -> Server {
    Server::start(|req, stream| {
        let ok = matches!(
            req.path.as_str(),
            "/fine" | "/fine?utm_source=news" | "/kept?utm_source=news"
        );
        let (status, body) = if ok {
            ("200 OK", PAGE)
        } else {
            ("404 Not Found", "")
        };
        let body = if req.method == "HEAD" { "" } else { body };
        respond(
            stream,
            status,
            &[("Content-Type", "text/html"), ("Connection", "close")],
            body.as_bytes(),
        );
        let _ = stream.shutdown(Shutdown::Both);
    })
}

fn add_tracked(store: &Store, url: &str, title: &str) {
    let AddOutcome::Added(id) = store
        .add_link(&NewLink {
            url: url.into(),
            title: Some(title.into()),
            ..NewLink::default()
        })
        .unwrap()
    else {
        panic!("not added")
    };
    // A new link is stored without its tracking parameters: put them back.
    store.replace_link_url(id, url).unwrap();
    let config = roundup::config::Config::builtin().unwrap();
    roundup::compose::place_link(store, &config, id, None).unwrap();
}

/// Selects the tracking-parameter problem of the entry whose URL starts with `url` and
/// presses `a`.
fn accept(h: &mut Harness, url: &str) {
    let at = h
        .app
        .check
        .problems
        .iter()
        .position(|p| {
            p.kind == ProblemKind::TrackingParams
                && p.entry.as_ref().is_some_and(|e| e.url.starts_with(url))
        })
        .expect("a tracking-parameter problem");
    h.keys("g");
    for _ in 0..at {
        h.keys("j");
    }
    h.keys("a");
}

#[test]
fn a_suggested_url_replaces_the_link_only_when_it_answers_ok() {
    let srv = server();
    let (fine, kept) = (srv.url("/fine"), srv.url("/kept"));
    let mut h = Harness::open(
        100,
        30,
        |store| {
            add_tracked(store, &format!("{fine}?utm_source=news"), "Fine post");
            add_tracked(store, &format!("{kept}?utm_source=news"), "Kept post");
        },
        None,
    );
    h.wait_background();
    h.keys("2 c");
    h.wait_background();
    assert!(matches!(h.app.overlay, Some(Overlay::Check)));

    // The suggestion that answers 404: refused, said why, nothing changed.
    accept(&mut h, &kept);
    assert!(h.screen().contains("before using it…"));
    h.wait_background();
    let status = h.app.status.message.clone().unwrap();
    assert_eq!(
        status,
        format!("Kept the old URL: {kept} does not answer OK (HTTP 404 Not Found)")
    );
    assert!(h.app.status.error);
    let link = h.runner.store.find_by_url(&kept).unwrap().unwrap();
    assert_eq!(link.url, format!("{kept}?utm_source=news"));
    assert!(
        h.runner
            .store
            .find_by_url(&format!("{kept}?utm_source=news"))
            .unwrap()
            .is_some(),
        "the stored URL is the old one"
    );
    let requests = srv.request_lines();
    assert!(
        requests.iter().any(|r| r.ends_with(" /kept")),
        "the suggestion itself was fetched: {requests:?}"
    );

    // The one that answers 200: replaced.
    accept(&mut h, &fine);
    h.wait_background();
    assert_eq!(
        h.app.status.message.as_deref(),
        Some("Link replaced with the suggested URL")
    );
    let link = h.runner.store.find_by_url(&fine).unwrap().unwrap();
    assert_eq!(link.url, fine);
    assert!(
        h.app
            .check
            .problems
            .iter()
            .all(|p| p.kind != ProblemKind::TrackingParams
                || p.entry.as_ref().is_some_and(|e| e.url.starts_with(&kept)))
    );
}
