//! Hostile servers against the pre-send check (issue #12, item 8): the check keeps one
//! deadline per link, body included, so a dripping body is a timeout, a body cut off
//! half-way is a broken link, and a redirect to a non-web URL says so. Each test is bounded
//! by the 1 s check deadline (the servers would go on for a minute).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::check::{CheckContext, CheckOptions, Problem, ProblemKind, check_issue};
use roundup::model::{Credit, Entry, Issue, IssueStatus, Section, SectionStyle};
use std::io::Write;
use std::net::Shutdown;
use std::thread;
use std::time::Duration;
use support::http::{Reply, Server};

fn issue_of(url: &str) -> Issue {
    Issue {
        id: 1,
        number: 94,
        title: "SRE Weekly Issue #94".into(),
        date: None,
        status: IssueStatus::Draft,
        intro: None,
        sponsor: None,
        sections: vec![Section {
            id: 1,
            issue_id: 1,
            heading: "Articles".into(),
            style: SectionStyle::Articles,
            show_heading: true,
            position: 0,
            entries: vec![Entry {
                id: 1,
                section_id: 1,
                link_id: 1,
                position: 0,
                url: url.into(),
                title: Some("An article".into()),
                body: "A fine read.".into(),
                credit: Credit {
                    authors: vec!["Fred Hebert".into()],
                    publication: Some("Honeycomb".into()),
                    via: None,
                },
                disclosures: Vec::new(),
            }],
        }],
    }
}

/// The link problems of checking one entry linking to `url`, with a 1 s deadline.
fn link_problems(url: &str) -> Vec<Problem> {
    let opts = CheckOptions {
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(1),
        ..CheckOptions::default()
    };
    check_issue(&issue_of(url), &CheckContext::default(), &opts)
        .into_iter()
        .filter(|p| p.entry.is_some())
        .collect()
}

fn head(stream: &mut std::net::TcpStream, req_method: &str) -> bool {
    let _ = stream
        .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n");
    req_method != "HEAD"
}

#[test]
fn a_body_that_drips_one_byte_a_second_is_a_timeout() {
    let s = Server::start(|req, stream| {
        if !head(stream, &req.method) {
            return;
        }
        for _ in 0..60 {
            if stream.write_all(b"<").and_then(|_| stream.flush()).is_err() {
                return;
            }
            thread::sleep(Duration::from_millis(300));
        }
    });
    let problems = link_problems(&s.url("/drip"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::Timeout, "{problems:?}");
    assert!(
        problems[0].message.contains("1.0 s"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_body_cut_off_half_way_is_broken() {
    let s = Server::start(|req, stream| {
        if head(stream, &req.method) {
            let _ = stream.write_all(b"<html><head><title>Half</title></head><body><p>");
            let _ = stream.flush();
        }
        let _ = stream.shutdown(Shutdown::Both);
    });
    let problems = link_problems(&s.url("/half"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::FetchFailed, "{problems:?}");
    assert!(
        problems[0]
            .message
            .contains("broke while the page was sent"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_redirect_to_a_non_web_url_says_so() {
    let s = Server::routes(Duration::ZERO, |_, path| match path {
        "/file" => Reply::redirect(302, "file:///etc/passwd"),
        _ => Reply::redirect(301, "javascript:alert(1)"),
    });
    for path in ["/file", "/js"] {
        let problems = link_problems(&s.url(path));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].kind, ProblemKind::BadRedirect);
        assert!(
            problems[0].message.contains("redirect to a non-web URL"),
            "{}",
            problems[0].message
        );
    }
}
