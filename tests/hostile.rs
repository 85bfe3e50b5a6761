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

// Issue #12: hostile pages. Each was a hang or an injection before; each is bounded now.

/// 300,000 nested divs (1.5 MB): html5ever alone takes minutes on this; the parse budget
/// drops what is nested past it and the title is read at once.
#[test]
fn deeply_nested_divs_are_parsed_within_the_budget() {
    let page = format!(
        "<html><head><title>Deep</title></head><body>{}x{}</body></html>",
        "<div>".repeat(300_000),
        "</div>".repeat(300_000)
    );
    let s = Server::start(move |_, stream| html(stream, &page));
    let link = fetch_pair(&s.url("/deep"));
    assert_eq!(link.title.as_deref(), Some("Deep"));
    assert_eq!(link.fetch_error, None);
}

/// A title that would set the editor's clipboard (OSC 52) and window title, with a C1 CSI:
/// stored without a single control character.
#[test]
fn escape_codes_in_a_title_are_not_stored() {
    let s = Server::start(|_, stream| {
        html(
            stream,
            "<html><head><title>Hi\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;pwned\u{7}\u{9b}2J there\
             </title><meta name=\"author\" content=\"Eve\u{1b}[31m\"></head></html>",
        )
    });
    let link = fetch_pair(&s.url("/esc"));
    let title = link.title.unwrap();
    assert!(!title.chars().any(char::is_control), "{title:?}");
    assert!(title.starts_with("Hi]52;c;"), "{title:?}");
    assert!(
        link.authors
            .iter()
            .all(|a| !a.chars().any(char::is_control))
    );
}

/// A title of a megabyte is capped.
#[test]
fn an_enormous_title_is_capped() {
    let page = format!(
        "<html><head><title>{}</title></head></html>",
        "t".repeat(1 << 20)
    );
    let s = Server::start(move |_, stream| html(stream, &page));
    let link = fetch_pair(&s.url("/long"));
    assert_eq!(
        link.title.unwrap().chars().count(),
        roundup::model::text::MAX_TITLE
    );
}

/// The connection is closed before the head ends: a failure with its cause, not a hang.
#[test]
fn a_body_cut_off_before_its_head_is_a_failure() {
    let s = Server::start(|_, stream| {
        let _ = stream.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n\
              <html><head><meta charset=utf-8>",
        );
        let _ = stream.flush();
        let _ = stream.shutdown(std::net::Shutdown::Both);
    });
    let link = fetch_pair(&s.url("/cut"));
    let error = link.fetch_error.unwrap();
    assert_ne!(error, "timeout");
    assert!(link.title.is_none());
}

#[test]
fn a_redirect_to_a_non_web_url_is_named() {
    let s = Server::start(|_, stream| {
        respond(
            stream,
            "302 Found",
            &[("Location", "file:///etc/passwd")],
            b"",
        )
    });
    assert_eq!(
        fetch_pair(&s.url("/r")).fetch_error.as_deref(),
        Some("redirect to a non-web URL")
    );
}

#[test]
fn urls_with_control_characters_or_too_long_are_refused() {
    let store = Store::open_in_memory().unwrap();
    for url in [
        "https://example.com/a\u{0}b".to_string(),
        "https://example.com/\u{1b}]52;c;x\u{7}".to_string(),
        format!("https://example.com/{}", "a".repeat(9 * 1024)),
    ] {
        let err = store
            .add_link(&NewLink {
                url,
                ..Default::default()
            })
            .unwrap_err()
            .to_string();
        assert!(!err.chars().any(char::is_control), "{err:?}");
    }
}
