//! Hostile and broken servers: each fetch ends within the timeout with the right stored
//! reason, reads stay bounded, and the normal page in the same batch is still fetched.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::capture::fetch::{FetchOptions, fetch_links_blocking};
use roundup::model::NewLink;
use roundup::store::{AddOutcome, Store};
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;
use support::http::{Server, html, respond};

fn opts() -> FetchOptions {
    FetchOptions {
        concurrency: 4,
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(2),
        ..FetchOptions::default()
    }
}

/// A well-behaved server for the "the rest of the batch still works" half of each test.
fn good_server() -> Server {
    Server::start(|_, s| html(s, "<html><head><title>A fine post</title></head></html>"))
}

/// Adds `hostile` and a good page to a fresh store, fetches both, and returns the hostile
/// link's stored error (checking the good one came through).
fn fetch_pair(hostile: &str) -> roundup::model::Link {
    let store = Store::open_in_memory().unwrap();
    let good = good_server();
    let mut ids = Vec::new();
    for url in [hostile.to_string(), good.url("/post")] {
        match store
            .add_link(&NewLink {
                url,
                ..Default::default()
            })
            .unwrap()
        {
            AddOutcome::Added(id) => ids.push(id),
            AddOutcome::Duplicate(_) => panic!("duplicate"),
        }
    }
    let summary = fetch_links_blocking(&store, &ids, opts(), |_| {}).unwrap();
    assert_eq!(summary.fetched + summary.failed, 2);
    let ok = store.link(ids[1]).unwrap();
    assert_eq!(ok.title.as_deref(), Some("A fine post"), "{ok:?}");
    assert_eq!(ok.fetch_error, None);
    let bad = store.link(ids[0]).unwrap();
    assert_eq!(bad.state, roundup::model::LinkState::Inbox);
    assert!(bad.fetched_at.is_some());
    bad
}

#[test]
fn a_server_that_never_answers_times_out() {
    let s = Server::start(|_, _| thread::sleep(Duration::from_secs(30)));
    assert_eq!(
        fetch_pair(&s.url("/")).fetch_error.as_deref(),
        Some("timeout")
    );
}

#[test]
fn a_server_that_drips_one_byte_a_second_times_out() {
    let s = Server::start(|_, stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n",
        );
        for _ in 0..60 {
            if stream.write_all(b"<").and_then(|_| stream.flush()).is_err() {
                return;
            }
            thread::sleep(Duration::from_secs(1));
        }
    });
    assert_eq!(
        fetch_pair(&s.url("/")).fetch_error.as_deref(),
        Some("timeout")
    );
}

#[test]
fn a_one_gigabyte_body_is_cut_short() {
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    let s = Server::start(move |_, stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1073741824\r\n\r\n",
        );
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..(1 << 14) {
            if stream.write_all(&chunk).is_err() {
                return;
            }
            counter.fetch_add(chunk.len(), Ordering::Relaxed);
        }
    });
    assert_eq!(
        fetch_pair(&s.url("/")).fetch_error.as_deref(),
        Some("too large")
    );
    // What the server managed to push is the read cap plus socket buffers, not a gigabyte.
    let pushed = sent.load(Ordering::Relaxed);
    assert!(pushed < 64 * 1024 * 1024, "server pushed {pushed} bytes");
}

#[test]
fn a_gzip_bomb_is_cut_short() {
    use flate2::{Compression, write::GzEncoder};
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    let zeros = vec![0u8; 1024 * 1024];
    // 16 MB of zeros in a few dozen KB: eight times the read cap (more only slows the
    // debug-built compressor; the fetcher stops at the cap however much more there would be).
    for _ in 0..16 {
        enc.write_all(&zeros).unwrap();
    }
    let bomb = Arc::new(enc.finish().unwrap());
    assert!(bomb.len() * 100 < 16 * 1024 * 1024, "{} bytes", bomb.len());
    let s = Server::start(move |_, stream| {
        respond(
            stream,
            "200 OK",
            &[("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
            &bomb,
        )
    });
    assert_eq!(
        fetch_pair(&s.url("/")).fetch_error.as_deref(),
        Some("too large")
    );
}

#[test]
fn a_redirect_loop_is_stopped() {
    let s = Server::start(|req, stream| {
        let to = if req.path == "/a" { "/b" } else { "/a" };
        respond(stream, "302 Found", &[("Location", to)], b"");
    });
    assert_eq!(
        fetch_pair(&s.url("/a")).fetch_error.as_deref(),
        Some("too many redirects")
    );
}

#[test]
fn a_server_error_is_recorded_as_its_status() {
    let s = Server::start(|_, stream| respond(stream, "500 Internal Server Error", &[], b"oops"));
    assert_eq!(
        fetch_pair(&s.url("/")).fetch_error.as_deref(),
        Some("HTTP 500")
    );
}

#[test]
fn a_refused_connection_is_recorded() {
    let url = format!("http://127.0.0.1:{}/", support::http::refused_port());
    assert_eq!(
        fetch_pair(&url).fetch_error.as_deref(),
        Some("connection refused")
    );
}

#[test]
fn missing_or_wrong_charsets_fall_back_to_the_page_declaration() {
    let latin1: &[u8] = b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9 outage review</title></head></html>";
    let s = Server::start(move |req, stream| {
        let ctype = if req.path == "/missing" {
            "text/html"
        } else {
            "text/html; charset=no-such-charset"
        };
        respond(stream, "200 OK", &[("Content-Type", ctype)], latin1)
    });
    for path in ["/missing", "/wrong"] {
        let link = fetch_pair(&s.url(path));
        assert_eq!(link.title.as_deref(), Some("Café outage review"), "{path}");
        assert_eq!(link.fetch_error, None);
    }
}

#[test]
fn invalid_utf8_still_gives_a_title() {
    let s = Server::start(|_, stream| {
        respond(
            stream,
            "200 OK",
            &[("Content-Type", "text/html; charset=utf-8")],
            b"<html><head><title>Broken \xff\xfe bytes</title></head></html>",
        )
    });
    let link = fetch_pair(&s.url("/"));
    assert_eq!(link.fetch_error, None);
    let title = link.title.unwrap();
    assert!(
        title.starts_with("Broken") && title.ends_with("bytes"),
        "{title}"
    );
}

#[test]
fn non_html_responses_get_a_title_and_no_error() {
    let s = Server::start(|req, stream| match req.path.as_str() {
        "/files/Incident%20Report.pdf" => respond(
            stream,
            "200 OK",
            &[("Content-Type", "application/pdf")],
            b"%PDF-1.4",
        ),
        _ => respond(
            stream,
            "200 OK",
            &[
                ("Content-Type", "application/json"),
                (
                    "Content-Disposition",
                    "attachment; filename=\"status.json\"",
                ),
            ],
            b"{}",
        ),
    });
    let pdf = fetch_pair(&s.url("/files/Incident%20Report.pdf"));
    assert_eq!(pdf.title.as_deref(), Some("Incident Report.pdf"));
    assert_eq!(pdf.fetch_error, None);
    let json = fetch_pair(&s.url("/api/status"));
    assert_eq!(json.title.as_deref(), Some("status.json"));
}

#[test]
fn a_tls_handshake_with_a_plain_http_server_is_a_tls_error() {
    let s = Server::start(|_, stream| respond(stream, "400 Bad Request", &[], b""));
    let url = s.url("/").replace("http://", "https://");
    assert_eq!(fetch_pair(&url).fetch_error.as_deref(), Some("TLS error"));
}

#[test]
fn a_page_that_stalls_after_its_head_still_gives_its_metadata() {
    let s = Server::start(|_, stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n\
              <html><head><title>Slow but useful</title></head><body>",
        );
        let _ = stream.flush();
        thread::sleep(Duration::from_secs(10));
    });
    let link = fetch_pair(&s.url("/"));
    assert_eq!(link.title.as_deref(), Some("Slow but useful"));
    assert_eq!(link.fetch_error, None);
}
