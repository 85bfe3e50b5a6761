//! The TUI and the CLI on one database at once: links added by `roundup add` and
//! `roundup feed pull` in other processes show up in the running TUI after a reload tick,
//! nobody sees "database is locked", and nothing the TUI wrote meanwhile is lost.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use ratatui::crossterm::event::KeyCode;
use roundup::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::http::{Server, respond};
use support::tui::Harness;

/// `Harness::tick`, and the status bar never says the database was locked or busy.
fn tick(tui: &mut Harness) {
    tui.tick();
    let errors = tui.app.status.error.then(|| tui.app.status.message.clone());
    if let Some(Some(m)) = errors {
        assert!(!m.contains("locked"), "status bar: {m}");
        assert!(!m.to_lowercase().contains("busy"), "status bar: {m}");
    }
}

fn inbox_urls(tui: &Harness) -> Vec<String> {
    tui.app
        .inbox
        .rows
        .iter()
        .map(|r| r.url().to_string())
        .collect()
}

fn roundup(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_roundup"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", db.with_file_name("xdg"))
        .output()
        .unwrap()
}

/// An RSS feed on loopback whose items are numbered by the request count, so every pull
/// brings new links.
fn feed_server() -> Server {
    let count = std::sync::atomic::AtomicUsize::new(0);
    Server::start(move |_, stream| {
        let n = count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let body = format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pull Blog</title>\
             <link>https://pull.example.com/</link>\
             <item><title>Pulled {n}</title><link>https://pull.example.com/p{n}</link></item>\
             </channel></rss>"
        );
        respond(
            stream,
            "200 OK",
            &[("Content-Type", "application/rss+xml")],
            body.as_bytes(),
        );
    })
}

#[test]
fn cli_writes_appear_in_the_running_tui_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("t.db");
    {
        let store = Store::open(&db).unwrap();
        roundup::demo::build(&store).unwrap();
    }
    let server = feed_server();
    let feed = server.url("/rss.xml");
    let out = roundup(&db, &["feed", "add", &feed]);
    assert!(out.status.success(), "{out:?}");

    let mut tui = Harness::open_at(dir, &db, 100, 30, None);
    tui.settle();
    let before = tui.app.inbox.rows.len();

    // The other process: adds and pulls in a loop while the TUI writes.
    let db2 = db.clone();
    let cli = std::thread::spawn(move || {
        let mut added = Vec::new();
        for i in 0..12 {
            let url = format!("https://cli.example.org/post-{i}");
            let out = roundup(&db2, &["add", "--no-fetch", &url]);
            let err = String::from_utf8_lossy(&out.stderr).to_string();
            assert!(out.status.success(), "add {i}: {err}");
            assert!(!err.contains("locked"), "{err}");
            added.push(url);
            if i % 4 == 0 {
                let out = roundup(&db2, &["feed", "pull"]);
                let err = String::from_utf8_lossy(&out.stderr).to_string();
                assert!(!err.contains("locked"), "{err}");
            }
        }
        added
    });

    // Meanwhile the TUI: hold / restore the selected link, and type a blurb on the issue.
    let mut holds = 0;
    let t0 = Instant::now();
    while !cli.is_finished() {
        assert!(t0.elapsed() < Duration::from_secs(60), "the CLI hung");
        tui.key(KeyCode::Char('h'));
        holds += 1;
        tick(&mut tui);
        std::thread::sleep(Duration::from_millis(20));
    }
    let added = cli.join().unwrap();
    tui.settle();
    // The last reload tick may have raced the last commit: one more, as the loop would.
    std::thread::sleep(Duration::from_millis(50));
    tui.settle();

    let urls = inbox_urls(&tui);
    for url in &added {
        assert!(urls.contains(url), "{url} missing from the TUI's inbox");
    }
    assert!(
        urls.iter()
            .any(|u| u.starts_with("https://pull.example.com/")),
        "no pulled link in {urls:?}"
    );
    assert!(tui.app.inbox.rows.len() >= before + added.len());
    let screen = tui.screen();
    assert!(!screen.contains("locked"), "{screen}");

    // The holds the TUI wrote are all in the database: an even count leaves the link as it
    // started, an odd one held; and what the TUI shows agrees with the database.
    let store = Store::open(&db).unwrap();
    for row in &tui.app.inbox.rows {
        let link = store.link(row.id).unwrap();
        assert_eq!(link.state, row.state, "link {} shown stale", row.id);
    }
    assert!(holds > 0);

    // Typing a blurb while the CLI writes: every keystroke lands.
    let db3 = db.clone();
    let cli = std::thread::spawn(move || {
        for i in 0..6 {
            let url = format!("https://cli.example.org/late-{i}");
            let out = roundup(&db3, &["add", "--no-fetch", &url]);
            assert!(out.status.success(), "{out:?}");
        }
    });
    tui.key(KeyCode::Char('2'));
    for code in [KeyCode::Char('j'); 3] {
        tui.key(code);
    }
    tui.key(KeyCode::Enter);
    let blurb = " Typed while another process wrote.";
    for c in blurb.chars() {
        tui.key(KeyCode::Char(c));
        tick(&mut tui);
    }
    cli.join().unwrap();
    tui.key(KeyCode::Esc);
    tui.settle();
    let draft = store.current_draft().unwrap().unwrap();
    let entry = &draft.sections[0].entries[0];
    assert!(
        entry.blurb.contains(blurb.trim()),
        "blurb lost: {:?}",
        entry.blurb
    );
    let urls = inbox_urls(&tui);
    assert!(urls.iter().any(|u| u.ends_with("late-5")), "{urls:?}");
}
