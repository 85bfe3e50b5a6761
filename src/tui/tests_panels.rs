//! `update` for the check panel and the archive screen, on plain data.

use super::effects::{ArchiveFx, CheckFx, Effect, InboxFx};
use super::state::{IssueRef, Msg, Overlay, Screen};
use super::tests::{app, issue, keys};
use super::update::update;
use crate::check::{EntryRef, Problem, ProblemKind};
use crate::model::{Link, LinkState};
use crate::store::SearchHit;

fn problem(entry_id: i64, kind: ProblemKind, suggestion: Option<&str>) -> Problem {
    Problem {
        entry: Some(EntryRef {
            section: 0,
            entry: (entry_id - 1) as usize,
            entry_id,
            url: format!("https://e.example/{entry_id}"),
        }),
        severity: kind.severity(),
        kind,
        message: format!("{kind:?}"),
        suggestion: suggestion.map(str::to_string),
    }
}

fn with_issue() -> super::state::App {
    let mut app = app();
    update(
        &mut app,
        Msg::IssueLoaded {
            issue: Some(Box::new(issue())),
            issues: vec![IssueRef {
                id: 1,
                number: 380,
                published: false,
            }],
        },
    );
    keys(&mut app, "2");
    app
}

#[test]
fn check_runs_in_the_background_and_opens_the_panel() {
    let mut app = with_issue();
    assert_eq!(
        keys(&mut app, "c"),
        vec![Effect::Check(CheckFx::Run { issue_id: 1 })]
    );
    assert!(app.check.running);
    assert_eq!(app.status.message.as_deref(), Some("checking…"));
    // A second c while it runs starts nothing.
    assert_eq!(keys(&mut app, "c"), vec![]);
    // A check that cannot start ends the running state.
    update(&mut app, Msg::CheckFailed("Check failed: x".into()));
    assert!(!app.check.running && app.status.error);
    assert_eq!(
        keys(&mut app, "c"),
        vec![Effect::Check(CheckFx::Run { issue_id: 1 })]
    );
    let problems = vec![
        problem(1, ProblemKind::EmptyEntry, None),
        problem(2, ProblemKind::TrackingParams, Some("https://e.example/2")),
    ];
    update(
        &mut app,
        Msg::Checked {
            issue_id: 1,
            problems,
        },
    );
    assert!(!app.check.running);
    assert!(matches!(app.overlay, Some(Overlay::Check)));
    assert_eq!(
        app.status.message.as_deref(),
        Some("Check: 1 error, 1 warning")
    );
    assert!(app.check.flags(1, 2));
    assert!(!app.check.flags(2, 2), "another issue has no marks");

    // a on a problem without a URL suggestion: refused, no effect.
    assert_eq!(keys(&mut app, "a"), vec![]);
    assert!(app.status.error);
    // On the tracking-parameter one: the URL is fetched first (on a thread), and only an
    // answer of OK replaces it; a failing one changes nothing and says why.
    let fx = keys(&mut app, "j a");
    assert_eq!(
        fx,
        vec![Effect::Check(CheckFx::VerifyUrl {
            entry_id: 2,
            url: "https://e.example/2".into()
        })]
    );
    assert!(!fx[0].writes(), "the fetch is not a write");
    let failed = Msg::UrlChecked {
        entry_id: 2,
        url: "https://e.example/2".into(),
        result: Err("HTTP 404 Not Found".into()),
    };
    assert_eq!(update(&mut app, failed), vec![]);
    assert!(app.status.error);
    assert_eq!(
        app.status.message.as_deref(),
        Some("Kept the old URL: https://e.example/2 does not answer OK (HTTP 404 Not Found)")
    );
    assert_eq!(app.check.problems.len(), 2, "nothing changed");
    let ok = Msg::UrlChecked {
        entry_id: 2,
        url: "https://e.example/2".into(),
        result: Ok(()),
    };
    assert_eq!(
        update(&mut app, ok),
        vec![Effect::Check(CheckFx::ReplaceUrl {
            entry_id: 2,
            url: "https://e.example/2".into()
        })]
    );
    update(&mut app, Msg::UrlReplaced { entry_id: 2 });
    assert_eq!(app.check.problems.len(), 1);
    assert!(!app.check.flags(1, 2));

    // enter jumps to the entry; enter again edits it.
    keys(&mut app, "enter");
    assert!(app.overlay.is_none());
    assert_eq!(app.screen, Screen::Issue);
    assert_eq!(
        app.issue.current(),
        Some(super::issue::state::Row::Entry(0, 0))
    );
    keys(&mut app, "enter");
    assert_eq!(app.screen, Screen::Editor);
}

#[test]
fn export_dialog_counts_check_problems_and_c_checks_from_it() {
    let mut app = with_issue();
    app.check.issue_id = Some(1);
    app.check.problems = vec![problem(1, ProblemKind::EmptyEntry, None)];
    keys(&mut app, "e");
    match &app.overlay {
        Some(Overlay::Export(x)) => {
            assert_eq!(x.problems, 1);
            assert_eq!(x.check_key, "c");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        keys(&mut app, "c"),
        vec![Effect::Check(CheckFx::Run { issue_id: 1 })]
    );
    assert!(app.overlay.is_none());
}

pub(super) fn hit(id: i64, title: &str, state: LinkState, featured: Vec<i64>) -> SearchHit {
    SearchHit {
        link: Link {
            id,
            url: format!("https://a.example/{id}"),
            title: Some(title.into()),
            state,
            canonical_url: format!("https://a.example/{id}"),
            authors: vec![],
            publication: None,
            description: None,
            published: None,
            via: None,
            note: None,
            feed_id: None,
            added_at: String::new(),
            fetched_at: None,
            fetch_error: None,
            featured_in: featured,
        },
        score: -1.0,
        snippet: None,
        entry: None,
    }
}

#[test]
fn archive_searches_as_you_type_and_jumps_to_inbox_links() {
    let mut app = app();
    keys(&mut app, "4");
    assert_eq!(app.screen, Screen::Archive);
    // Letters (even q, the quit key elsewhere) go into the box; each one searches.
    let fx = keys(&mut app, "q");
    assert_eq!(
        fx,
        vec![Effect::Archive(ArchiveFx::Search { query: "q".into() })]
    );
    assert!(!app.quit);
    keys(&mut app, "backspace");
    let fx: Vec<Effect> = "kafka"
        .chars()
        .flat_map(|c| keys(&mut app, &c.to_string()))
        .collect();
    assert_eq!(
        fx.last(),
        Some(&Effect::Archive(ArchiveFx::Search {
            query: "kafka".into()
        }))
    );
    // An answer to an older keystroke is dropped.
    update(
        &mut app,
        Msg::SearchResults {
            query: "kaf".into(),
            hits: vec![hit(9, "old", LinkState::Inbox, vec![])],
        },
    );
    assert!(app.archive.hits.is_empty());
    update(
        &mut app,
        Msg::SearchResults {
            query: "kafka".into(),
            hits: vec![
                hit(7, "Kafka in #371", LinkState::Used, vec![371]),
                hit(2, "Tiered storage", LinkState::Inbox, vec![]),
            ],
        },
    );
    assert_eq!(app.archive.hits.len(), 2);
    // A used link is not in the inbox: say where it is instead.
    keys(&mut app, "enter");
    assert_eq!(app.screen, Screen::Archive);
    assert!(
        app.status
            .message
            .as_deref()
            .is_some_and(|m| m.contains("featured in #371"))
    );
    let fx = keys(&mut app, "down enter");
    assert_eq!(app.screen, Screen::Inbox);
    assert_eq!(app.inbox.selected_id(), Some(2));
    assert_eq!(fx, vec![Effect::Inbox(InboxFx::LoadDetail(2))]);
    // Esc in the archive clears the query first, then leaves.
    keys(&mut app, "4 esc");
    assert!(app.archive.query.is_empty());
    keys(&mut app, "esc");
    assert_eq!(app.screen, Screen::Inbox);
}

/// The screen as text, the panel's borders and the line ends taken out: what a reader sees.
fn drawn(app: &super::state::App) -> String {
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.size.0, app.size.1)).unwrap();
    term.draw(|f| super::view::draw(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| {
            let row: String = (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect();
            row.trim_matches(|c| c == '│' || c == ' ').to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_finding_is_shown_in_full_under_the_list() {
    for size in [(80, 24), (160, 48)] {
        let mut app = with_issue();
        app.size = size;
        let url = format!("https://e.example/{}", "very-long-path-segment/".repeat(8));
        let mut p = problem(1, ProblemKind::NotFound, None);
        p.message = format!("link in the entry {url}: HTTP 404 Not Found (after redirects)");
        update(
            &mut app,
            Msg::Checked {
                issue_id: 1,
                problems: vec![p.clone()],
            },
        );
        let screen = drawn(&app);
        // Wrapped, the message reads whole (words joined across the wrapped rows).
        let words: Vec<&str> = screen.split_whitespace().collect();
        let text = words.join(" ");
        assert!(text.contains("error: link in the entry"), "{screen}");
        assert!(
            text.contains("HTTP 404 Not Found (after redirects)"),
            "{screen}"
        );
        let shown: String = words.concat();
        assert!(shown.contains(&url), "the URL is whole: {screen}");
    }
}

/// Rows of the drawn screen, as they read.
fn rows(app: &super::state::App) -> Vec<String> {
    let mut term =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.size.0, app.size.1)).unwrap();
    term.draw(|f| super::view::draw(app, f)).unwrap();
    let buf = term.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn the_text_preview_beside_the_issue_and_the_editor_keeps_72_column_lines_whole() {
    // A line as the text export wraps it: 72 columns.
    let line = format!("{}the end.", "seventy-two ".repeat(5));
    let line = format!("{line}{}", "x".repeat(72 - line.len()));
    assert_eq!(line.len(), 72);
    let whole = |app: &super::state::App| rows(app).iter().any(|r| r.contains(&line));
    for (width, widened) in [(140, true), (160, true), (120, false)] {
        let mut app = with_issue();
        app.size = (width, 40);
        update(
            &mut app,
            Msg::Preview(format!("Articles\n--------\n\n{line}\n")),
        );
        assert_eq!(whole(&app), widened, "issue screen at {width} columns");
        // The issue list keeps at least 60 columns (its top-right corner is the first ┐).
        let corner = rows(&app)[1].chars().position(|c| c == '┐');
        assert!(corner.is_some_and(|x| x + 1 >= 60), "{:?}", rows(&app)[1]);
        keys(&mut app, "j j j enter");
        assert_eq!(app.screen, Screen::Editor);
        assert_eq!(whole(&app), widened, "editor at {width} columns");
        // The Markdown preview is not wrapped beforehand: the split stays as it was.
        app.preview.markdown = true;
        if width == 140 {
            assert!(!whole(&app), "markdown at {width}");
        }
    }
}
