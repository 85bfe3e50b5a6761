//! The reader on a long article (about 10,000 words: headings, paragraphs, quotes, lists,
//! code): `cargo bench --bench reader` prints the time to open it (store read, Markdown to
//! text and layout, first draw), a scroll, a search keystroke, a selection keystroke, and
//! taking the quote (placing the link, writing body and anchor).
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundup::model::{NewLink, PageMeta, Readable};
use roundup::store::{AddOutcome, Store};
use roundup::tui::app::step;
use roundup::tui::state::{App, Msg};
use std::time::{Duration, Instant};

const SENTENCES: &[&str] = &[
    "The queue fell behind during the deploy, and nobody noticed for an hour.",
    "Latency at the ninety-ninth percentile doubled while the median stayed flat.",
    "We paged on symptoms, not causes, and that made the night shorter.",
    "Every alert is a promise that someone will wake up and do something.",
    "The runbook said to restart the broker; the broker was not the problem.",
    "Retries with jitter spread the load, but the thundering herd came back at noon.",
];

fn article() -> String {
    let mut md = String::new();
    let mut k = 0;
    for section in 0..40 {
        md.push_str(&format!("## Part {section}: what we learned\n\n"));
        for para in 0..5 {
            for _ in 0..4 {
                md.push_str(SENTENCES[k % SENTENCES.len()]);
                md.push(' ');
                k += 1;
            }
            md.push_str("\n\n");
            if para == 2 {
                md.push_str("> ");
                md.push_str(SENTENCES[k % SENTENCES.len()]);
                md.push_str("\n\n- first *point*\n- second `point`\n- third point\n\n");
            }
        }
        md.push_str("```\nkafka-consumer-groups --describe --group payments\n```\n\n");
    }
    md
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[v.len() - 1])
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("reader.db");
    let md = article();
    {
        let store = Store::open(&path).unwrap();
        let AddOutcome::Added(id) = store
            .add_link(&NewLink {
                url: "https://blog.example.com/long-read".into(),
                title: Some("A long read".into()),
                ..NewLink::default()
            })
            .unwrap()
        else {
            panic!("not added")
        };
        let text = roundup::text::markdown_to_text(&md);
        let words = roundup::text::word_count(&text);
        println!("article: {words} words, {} KB of Markdown", md.len() / 1024);
        let meta = PageMeta {
            readable: Some(Readable::Article {
                markdown: md.clone(),
                text,
                words,
            }),
            ..PageMeta::default()
        };
        store.record_fetch(id, &Ok(meta)).unwrap();
    }
    let cfg = dir.path().join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    let (w, h) = (160, 48);
    let store = Store::open(&path).unwrap();
    let (mut app, mut runner) = roundup::tui::setup(store, Some(&cfg), (w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    roundup::tui::app::start(&mut app, &mut runner, &mut term).unwrap();
    let mut key = |app: &mut App, runner: &mut roundup::tui::runner::Runner, c: KeyCode| {
        let t = Instant::now();
        step(
            app,
            runner,
            Msg::Key(KeyEvent::new(c, KeyModifiers::NONE)),
            &mut |_| None,
        );
        term.draw(|f| roundup::tui::view::draw(app, f)).unwrap();
        t.elapsed()
    };
    let mut open = Vec::new();
    for _ in 0..20 {
        open.push(key(&mut app, &mut runner, KeyCode::Char('R')));
        key(&mut app, &mut runner, KeyCode::Esc);
    }
    let (m, worst) = median(open);
    println!(
        "open the reader (store read + Markdown + layout + draw): median {}, worst {}",
        ms(m),
        ms(worst)
    );
    key(&mut app, &mut runner, KeyCode::Char('R'));
    let lines = app.reader.as_ref().unwrap().lines.len();
    let scroll: Vec<Duration> = (0..50)
        .map(|_| key(&mut app, &mut runner, KeyCode::Char(' ')))
        .collect();
    let (m, worst) = median(scroll);
    println!(
        "page down ({lines} lines): median {}, worst {}",
        ms(m),
        ms(worst)
    );
    key(&mut app, &mut runner, KeyCode::Char('g'));
    key(&mut app, &mut runner, KeyCode::Char('/'));
    let search: Vec<Duration> = "thundering"
        .chars()
        .map(|c| key(&mut app, &mut runner, KeyCode::Char(c)))
        .collect();
    let matches = app.reader.as_ref().unwrap().search.matches.len();
    let (m, worst) = median(search);
    println!(
        "search keystroke (\"thundering\", {matches} matches): median {}, worst {}",
        ms(m),
        ms(worst)
    );
    key(&mut app, &mut runner, KeyCode::Enter);
    key(&mut app, &mut runner, KeyCode::Char('v'));
    let mut grow = Vec::new();
    for c in ['s', 'w', 'p', 'l', 'S', 'W', 'P', 'L'].repeat(5) {
        grow.push(key(&mut app, &mut runner, KeyCode::Char(c)));
    }
    let (m, worst) = median(grow);
    println!(
        "selection keystroke (s w p l S W P L): median {}, worst {}",
        ms(m),
        ms(worst)
    );
    let t = key(&mut app, &mut runner, KeyCode::Char('y'));
    println!(
        "take the quote (place the link + write body and anchor + reload + draw): {}",
        ms(t)
    );
    assert!(
        app.status
            .message
            .as_deref()
            .unwrap_or("")
            .starts_with("Quoted into")
    );
}
