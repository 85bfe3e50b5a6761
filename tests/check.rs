//! The pre-send check against a loopback server (every link outcome) and on constructed
//! issues (every lint). Each test asserts the exact set of problems: kind and entry.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::check::{CheckContext, CheckOptions, Problem, ProblemKind, Severity, check_issue};
use roundup::model::{Credit, Entry, Issue, IssueStatus, Section, SectionStyle, Sponsor};
use std::collections::BTreeSet;
use std::time::Duration;
use support::http::{Reply, Server, refused_port};

use ProblemKind::*;

fn entry(id: i64, url: &str) -> Entry {
    Entry {
        id,
        section_id: 1,
        link_id: id,
        position: id,
        url: url.to_string(),
        title: Some(format!("Article {id}")),
        blurb: "A fine read.".into(),
        quotes: Vec::new(),
        credit: Credit {
            authors: vec!["Fred Hebert".into()],
            publication: Some("Honeycomb".into()),
            via: None,
        },
        disclosures: Vec::new(),
    }
}

fn section(heading: &str, style: SectionStyle, entries: Vec<Entry>) -> Section {
    Section {
        id: 1,
        issue_id: 1,
        heading: heading.into(),
        style,
        position: 0,
        entries,
    }
}

fn issue(sections: Vec<Section>) -> Issue {
    Issue {
        id: 1,
        number: 94,
        title: "SRE Weekly Issue #94".into(),
        date: None,
        status: IssueStatus::Draft,
        intro: None,
        sponsor: None,
        sections,
    }
}

fn offline() -> CheckOptions {
    CheckOptions {
        network: false,
        ..CheckOptions::default()
    }
}

/// Short timeouts: the slow route answers after 3 s, well past them.
fn online() -> CheckOptions {
    CheckOptions {
        connect_timeout: Duration::from_secs(1),
        timeout: Duration::from_secs(1),
        ..CheckOptions::default()
    }
}

/// (kind, (section, entry)) for each problem; `None` for issue-level ones.
fn found(problems: &[Problem]) -> BTreeSet<(ProblemKind, Option<(usize, usize)>)> {
    problems
        .iter()
        .map(|p| (p.kind, p.entry.as_ref().map(|e| (e.section, e.entry))))
        .collect()
}

fn set(
    items: &[(ProblemKind, Option<(usize, usize)>)],
) -> BTreeSet<(ProblemKind, Option<(usize, usize)>)> {
    items.iter().cloned().collect()
}

fn at(e: usize) -> Option<(usize, usize)> {
    Some((0, e))
}

const QUOTED_PAGE: &str = "<html><head><title>Retries</title></head><body><article>\
    <p>Retries are <em>not</em> free—they multiply load when a system is already struggling.</p>\
    <p>Budget them per request, and give up early.</p></article></body></html>";

fn test_server() -> Server {
    Server::routes(Duration::ZERO, |method, path| match path {
        "/ok" => Reply::page("Fine page", "All good here."),
        "/missing" => Reply::status(404),
        "/gone" => Reply::status(410),
        "/broken" => Reply::status(500),
        "/soft" => Reply::html(
            200,
            "<html><head><title>Oops</title></head><body><h1>Page not found</h1></body></html>",
        ),
        "/head405" if method == "HEAD" => Reply::status(405),
        "/head405" => Reply::page("Only GET", "Served to GET."),
        "/headdrop" if method == "HEAD" => Reply::hang_up(),
        "/headdrop" => Reply::page("Only GET", "Served to GET."),
        "/hangup" => Reply::hang_up(),
        "/perm1" => Reply::redirect(301, "/perm2"),
        "/perm2" => Reply::redirect(308, "/ok"),
        "/temp" => Reply::redirect(302, "/ok"),
        "/slow" => Reply::page("Slow", "late").delayed(Duration::from_secs(3)),
        "/quoted" => Reply::html(200, QUOTED_PAGE),
        "/loop" => Reply::redirect(301, "/loop"),
        _ => Reply::status(404),
    })
}

#[test]
fn every_link_outcome_is_reported_exactly() {
    let server = test_server();
    let refused = format!("http://127.0.0.1:{}/x", refused_port());
    let mut quoted = entry(12, &server.url("/quoted"));
    quoted.quotes = vec![
        "Retries are *not* free -- they multiply load […] give up early.".into(),
        "Retries are always free.".into(),
    ];
    let entries = vec![
        entry(0, &server.url("/ok")),
        entry(1, &server.url("/missing")),
        entry(2, &server.url("/gone")),
        entry(3, &server.url("/broken")),
        entry(4, &server.url("/soft")),
        entry(5, &server.url("/head405")),
        entry(6, &server.url("/perm1")),
        entry(7, &server.url("/temp")),
        entry(8, &server.url("/slow")),
        entry(9, &refused),
        entry(10, &server.url("/loop")),
        entry(11, "ftp://example.com/file"),
        quoted,
        entry(13, &server.url("/headdrop")),
        entry(14, &server.url("/hangup")),
    ];
    let problems = check_issue(
        &issue(vec![section("Articles", SectionStyle::Articles, entries)]),
        &CheckContext::default(),
        &online(),
    );
    assert_eq!(
        found(&problems),
        set(&[
            (NotFound, at(1)),
            (Gone, at(2)),
            (ServerError, at(3)),
            (Soft404, at(4)),
            (PermanentRedirect, at(6)),
            (Timeout, at(8)),
            (ConnectionRefused, at(9)),
            (BadRedirect, at(10)),
            (InvalidUrl, at(11)),
            (QuoteNotFound, at(12)),
            (FetchFailed, at(14)),
        ]),
        "{problems:#?}"
    );
    let redirect = problems
        .iter()
        .find(|p| p.kind == PermanentRedirect)
        .unwrap();
    assert_eq!(
        redirect.suggestion.as_deref(),
        Some(server.url("/ok").as_str())
    );
    assert_eq!(redirect.severity, Severity::Warning);
    let quote = problems.iter().find(|p| p.kind == QuoteNotFound).unwrap();
    assert!(quote.message.starts_with("quote 2 "), "{}", quote.message);
    for kind in [
        NotFound,
        Gone,
        ServerError,
        Soft404,
        Timeout,
        ConnectionRefused,
    ] {
        let p = problems.iter().find(|p| p.kind == kind).unwrap();
        assert_eq!(p.severity, Severity::Error, "{kind:?}");
    }
    // Problems come in issue order.
    let order: Vec<usize> = problems
        .iter()
        .map(|p| p.entry.as_ref().unwrap().entry)
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn head_refused_falls_back_to_get() {
    let server = test_server();
    let problems = check_issue(
        &issue(vec![section(
            "Articles",
            SectionStyle::Articles,
            vec![entry(0, &server.url("/head405"))],
        )]),
        &CheckContext::default(),
        &online(),
    );
    assert_eq!(problems, Vec::<Problem>::new());
    assert_eq!(server.request_lines(), ["HEAD /head405", "GET /head405"]);
}

#[test]
fn temporary_redirect_is_not_reported_and_permanent_chain_suggests_the_end() {
    let server = test_server();
    let problems = check_issue(
        &issue(vec![section(
            "Articles",
            SectionStyle::Articles,
            vec![
                entry(0, &server.url("/temp")),
                entry(1, &server.url("/perm1")),
            ],
        )]),
        &CheckContext::default(),
        &online(),
    );
    assert_eq!(found(&problems), set(&[(PermanentRedirect, at(1))]));
    assert!(
        problems[0].message.contains("301 → 308"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_link_used_twice_is_fetched_once() {
    let server = test_server();
    let problems = check_issue(
        &issue(vec![section(
            "Articles",
            SectionStyle::Articles,
            vec![
                entry(0, &server.url("/missing")),
                entry(1, &server.url("/missing")),
            ],
        )]),
        &CheckContext::default(),
        &online(),
    );
    assert_eq!(
        found(&problems),
        set(&[
            (NotFound, at(0)),
            (NotFound, at(1)),
            (DuplicateInIssue, at(1))
        ])
    );
    // 404 on HEAD is retried with GET, once for the URL, not once per entry.
    assert_eq!(server.request_lines(), ["HEAD /missing", "GET /missing"]);
}

#[test]
fn dead_sponsor_link_is_an_issue_level_error() {
    let server = test_server();
    let mut i = issue(vec![]);
    i.sponsor = Some(Sponsor {
        name: "Rootly".into(),
        url: Some(server.url("/gone")),
        message: None,
    });
    let problems = check_issue(&i, &CheckContext::default(), &online());
    assert_eq!(found(&problems), set(&[(Gone, None)]));
    assert_eq!(
        problems[0].message,
        format!("sponsor link {}: HTTP 410 Gone", server.url("/gone"))
    );
}

#[test]
fn links_inside_blurbs_and_the_intro_are_checked_too() {
    let server = test_server();
    let mut e = entry(0, &server.url("/ok"));
    e.blurb = format!(
        "See also [the follow-up]({}), [the original]({}) and [mail me](mailto:ed@example.com).",
        server.url("/gone"),
        server.url("/ok")
    );
    let mut i = issue(vec![section("Articles", SectionStyle::Articles, vec![e])]);
    i.intro = Some(format!(
        "Last week's [correction]({}).",
        server.url("/perm1")
    ));
    let problems = check_issue(&i, &CheckContext::default(), &online());
    assert_eq!(
        found(&problems),
        set(&[(PermanentRedirect, None), (Gone, at(0))]),
        "{problems:#?}"
    );
    let gone = problems.iter().find(|p| p.kind == Gone).unwrap();
    assert_eq!(
        gone.message,
        format!("link in the blurb {}: HTTP 410 Gone", server.url("/gone"))
    );
    assert_eq!(gone.entry.as_ref().unwrap().url, server.url("/ok"));
    // /ok is both the entry's URL and a blurb link, probed once (HEAD, then GET for its
    // text); the intro's /perm1 chain ends there too and reads it once more.
    let ok_requests = server
        .request_lines()
        .iter()
        .filter(|r| r.ends_with(" /ok"))
        .count();
    assert_eq!(ok_requests, 4, "{:?}", server.request_lines());
}

#[test]
fn lints_find_missing_blurb_credit_and_title() {
    let mut no_blurb = entry(0, "https://example.com/a");
    no_blurb.blurb = "  ".into();
    let mut no_credit = entry(1, "https://example.com/b");
    no_credit.credit = Credit::default();
    let mut raw_title = entry(2, "https://example.com/c");
    raw_title.title = Some("https://example.com/c".into());
    let mut empty_title = entry(3, "https://example.com/d");
    empty_title.title = None;
    let mut publication_only = entry(4, "https://example.com/e");
    publication_only.credit.authors.clear();
    let mut bare_outage = entry(5, "https://status.example.com/x");
    bare_outage.blurb.clear();
    bare_outage.credit = Credit::default();
    let problems = check_issue(
        &issue(vec![
            section(
                "Articles",
                SectionStyle::Articles,
                vec![
                    no_blurb,
                    no_credit,
                    raw_title,
                    empty_title,
                    publication_only,
                ],
            ),
            section("Outages", SectionStyle::List, vec![bare_outage]),
        ]),
        &CheckContext::default(),
        &offline(),
    );
    assert_eq!(
        found(&problems),
        set(&[
            (MissingBlurb, at(0)),
            (MissingCredit, at(1)),
            (TitleIsUrl, at(2)),
            (MissingTitle, at(3)),
        ])
    );
}

#[test]
fn tracking_parameters_suggest_the_canonical_url() {
    let problems = check_issue(
        &issue(vec![section(
            "Articles",
            SectionStyle::Articles,
            vec![
                entry(0, "https://example.com/post?id=7&utm_source=hn&fbclid=abc"),
                entry(1, "https://example.com/clean?id=7"),
            ],
        )]),
        &CheckContext::default(),
        &offline(),
    );
    assert_eq!(found(&problems), set(&[(TrackingParams, at(0))]));
    assert_eq!(
        problems[0].suggestion.as_deref(),
        Some("https://example.com/post?id=7")
    );
    assert!(problems[0].message.contains("utm_source, fbclid"));
}

#[test]
fn duplicates_in_the_issue_and_the_archive() {
    let mut ctx = CheckContext::default();
    ctx.featured
        .insert("https://example.com/old".into(), vec![71, 80]);
    let problems = check_issue(
        &issue(vec![
            section(
                "Articles",
                SectionStyle::Articles,
                vec![
                    entry(0, "https://example.com/a"),
                    entry(1, "https://example.com/old/?utm_medium=email"),
                ],
            ),
            section(
                "Outages",
                SectionStyle::List,
                vec![entry(2, "https://EXAMPLE.com/a/")],
            ),
        ]),
        &ctx,
        &offline(),
    );
    assert_eq!(
        found(&problems),
        set(&[
            (TrackingParams, at(1)),
            (FeaturedBefore, at(1)),
            (DuplicateInIssue, Some((1, 0))),
        ])
    );
    let featured = problems.iter().find(|p| p.kind == FeaturedBefore).unwrap();
    assert_eq!(featured.message, "featured in #71, #80");
    let dup = problems
        .iter()
        .find(|p| p.kind == DuplicateInIssue)
        .unwrap();
    assert!(
        dup.message.contains("entry 1 of Articles"),
        "{}",
        dup.message
    );
}

#[test]
fn a_removed_disclosure_is_a_warning() {
    let mut kept = entry(0, "https://www.honeycomb.io/blog/a");
    kept.disclosures = vec!["Full  disclosure: Honeycomb is my EMPLOYER.".into()];
    let removed = entry(1, "https://www.honeycomb.io/blog/b");
    let mut ctx = CheckContext::default();
    let note = "Full disclosure: Honeycomb is my employer.".to_string();
    ctx.expected_disclosures.insert((0, 0), vec![note.clone()]);
    ctx.expected_disclosures.insert((0, 1), vec![note.clone()]);
    let problems = check_issue(
        &issue(vec![section(
            "Articles",
            SectionStyle::Articles,
            vec![kept, removed],
        )]),
        &ctx,
        &offline(),
    );
    assert_eq!(found(&problems), set(&[(DisclosureRemoved, at(1))]));
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(problems[0].suggestion.as_deref(), Some(note.as_str()));
}

#[test]
fn html_over_gmail_clip_limit_is_an_error() {
    let i = issue(vec![]);
    let mut ctx = CheckContext {
        html_size: Some(101_000),
        ..CheckContext::default()
    };
    assert_eq!(check_issue(&i, &ctx, &offline()), Vec::<Problem>::new());
    ctx.html_size = Some(130_500);
    let problems = check_issue(&i, &ctx, &offline());
    assert_eq!(found(&problems), set(&[(HtmlTooLarge, None)]));
    assert_eq!(problems[0].severity, Severity::Error);
    assert!(
        problems[0].message.contains("131 KB"),
        "{}",
        problems[0].message
    );
}

#[test]
fn problems_serialise_with_snake_case_names() {
    let mut e = entry(5, "https://example.com/a?utm_source=x");
    e.blurb.clear();
    let problems = check_issue(
        &issue(vec![section("Articles", SectionStyle::Articles, vec![e])]),
        &CheckContext::default(),
        &offline(),
    );
    let json = serde_json::to_value(&problems).unwrap();
    assert_eq!(json[0]["kind"], "missing_blurb");
    assert_eq!(json[0]["severity"], "error");
    assert_eq!(json[0]["entry"]["entry_id"], 5);
    assert_eq!(json[0]["entry"]["section"], 0);
    assert_eq!(json[1]["kind"], "tracking_params");
    assert_eq!(json[1]["severity"], "warning");
    assert_eq!(json[1]["suggestion"], "https://example.com/a");
    let soft = serde_json::to_value(Soft404).unwrap();
    assert_eq!(soft, "soft_404");
}

/// `roundup` with a private database and config directory.
struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        let cli = Cli {
            dir: tempfile::tempdir().unwrap(),
        };
        let config = cli.dir.path().join("config").join("roundup");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(
            config.join("config.toml"),
            "[[disclosure.rules]]\npublication = \"Honeycomb\"\n\
             note = \"Full disclosure: Honeycomb is my employer.\"\n",
        )
        .unwrap();
        cli
    }

    fn run(&self, args: &[&str], stdin: &str) -> std::process::Output {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new(env!("CARGO_BIN_EXE_roundup"))
            .arg("--db")
            .arg(self.dir.path().join("roundup.db"))
            .args(args)
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env_remove("ROUNDUP_DB")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    }
}

#[test]
fn cli_check_reports_json_and_exits_1_on_errors() {
    let server = test_server();
    let cli = Cli::new();
    let ok = server.url("/ok");
    let archived = format!(
        r#"{{"number": 93, "sections": [{{"heading": "Articles", "entries": [
            {{"url": "{ok}", "title": "Fine", "blurb": "Read it.", "publication": "Acme"}}]}}]}}"#
    );
    assert!(cli.run(&["issue", "load", "-"], &archived).status.success());
    assert!(cli.run(&["issue", "publish", "93"], "").status.success());
    let draft = format!(
        r#"{{"number": 94, "sections": [{{"heading": "Articles", "entries": [
            {{"url": "{ok}", "title": "Fine again", "blurb": "Again.", "publication": "Acme"}},
            {{"url": "{missing}", "title": "Gone", "blurb": "Dead.", "publication": "Honeycomb"}},
            {{"url": "{temp}?utm_source=hn", "title": "Tracked", "blurb": "Hm.", "authors": ["Al"]}}]}}]}}"#,
        missing = server.url("/missing"),
        temp = server.url("/temp"),
    );
    assert!(cli.run(&["issue", "load", "-"], &draft).status.success());

    let out = cli.run(&["check", "--json"], "");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: BTreeSet<(String, u64)> = problems
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["kind"].as_str().unwrap().to_string(),
                p["entry"]["entry"].as_u64().unwrap(),
            )
        })
        .collect();
    let want: BTreeSet<(String, u64)> = [
        ("featured_before", 0),
        ("tracking_params", 2),
        ("not_found", 1),
        ("disclosure_removed", 1),
    ]
    .into_iter()
    .map(|(k, e)| (k.to_string(), e))
    .collect();
    assert_eq!(got, want, "{problems:#}");

    let human = cli.run(&["check", "94"], "");
    assert_eq!(human.status.code(), Some(1));
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(text.contains("Articles #2: Gone"), "{text}");
    assert!(
        text.contains("✗ error   HTTP 404 Not Found  [not_found]"),
        "{text}"
    );
    assert!(text.contains("featured in #93"), "{text}");
    assert!(text.ends_with("#94: 1 error, 3 warnings\n"), "{text}");
}

#[test]
fn cli_check_exits_0_with_only_warnings() {
    let server = test_server();
    let cli = Cli::new();
    let draft = format!(
        r#"{{"number": 5, "sections": [{{"heading": "Articles", "entries": [
            {{"url": "{}", "title": "Moved", "blurb": "Read it."}}]}}]}}"#,
        server.url("/perm1")
    );
    assert!(cli.run(&["issue", "load", "-"], &draft).status.success());
    let out = cli.run(&["check"], "");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[missing_credit]"), "{text}");
    assert!(text.contains(&format!("→ {}", server.url("/ok"))), "{text}");
    let offline = cli.run(&["check", "5", "--offline", "--json"], "");
    assert_eq!(offline.status.code(), Some(0));
    let problems: serde_json::Value = serde_json::from_slice(&offline.stdout).unwrap();
    assert_eq!(problems.as_array().unwrap().len(), 1, "{problems:#}");
    assert_eq!(problems[0]["kind"], "missing_credit");
}
