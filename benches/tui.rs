//! TUI performance on a big database: 100,000 links and 500 published issues.
//! `cargo bench --bench tui` prints: time to the first frame, full inbox load, one filter
//! keystroke (update + draw on TestBackend), and the resident memory.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundup::model::{
    EntryPlan, IssuePlan, NewEntry, NewLink, PlannedLink, SectionPlan, SectionStyle,
};
use roundup::store::Store;
use roundup::tui::app::step;
use roundup::tui::effects::{Effect, InboxFx, IssueFx};
use roundup::tui::state::Msg;
use std::time::{Duration, Instant};

const LINKS: i64 = 100_000;
const ISSUES: i64 = 500;
const PER_ISSUE: i64 = 12;

const WORDS: &[&str] = &[
    "kafka",
    "postgres",
    "incident",
    "outage",
    "latency",
    "on-call",
    "retry",
    "budget",
    "error",
    "observability",
    "tracing",
    "kubernetes",
    "dns",
    "load",
    "balancer",
    "cache",
    "queue",
    "storage",
    "failover",
    "chaos",
    "review",
    "postmortem",
    "alerting",
    "capacity",
    "deploy",
    "rollback",
    "canary",
    "region",
    "network",
    "partition",
    "consensus",
    "raft",
    "slo",
    "sli",
];
/// One link in four carries one of these (as a read-later import leaves them); one in eight a
/// second one.
const TAGS: &[&str] = &["sre", "kafka", "postgres", "oncall", "unread", "archived"];

const PUBS: &[&str] = &[
    "Honeycomb",
    "Confluent",
    "Uber Engineering",
    "Netflix",
    "incident.io",
    "AWS",
    "Cloudflare",
    "GitHub",
    "Stripe",
    "Slack",
];
const AUTHORS: &[&str] = &[
    "Fred Hebert",
    "Julia Evans",
    "Jane Doe",
    "Ravi Kumar",
    "Shahar",
    "Tal",
    "Charity Majors",
    "Lorin Hochstein",
];

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn generate(path: &std::path::Path) {
    let mut store = Store::open(path).unwrap();
    let mut rng = Lcg(42);
    let base = chrono::Utc::now().timestamp() - LINKS * 60;
    let mut links = Vec::with_capacity(LINKS as usize);
    for i in 0..LINKS {
        let n = 3 + rng.next() % 6;
        let title: Vec<&str> = (0..n).map(|_| WORDS[rng.next() % WORDS.len()]).collect();
        let publication = PUBS[rng.next() % PUBS.len()];
        let author = AUTHORS[rng.next() % AUTHORS.len()];
        let url = format!(
            "https://{}.example.com/blog/{}-{i}",
            publication.to_lowercase().replace([' ', '.'], "-"),
            title.join("-")
        );
        let at = chrono::DateTime::from_timestamp(base + i * 60, 0)
            .unwrap()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        links.push(PlannedLink {
            canonical: store.canonical(&url).unwrap(),
            link: NewLink {
                url,
                title: Some(title.join(" ")),
                authors: vec![author.to_string()],
                publication: Some(publication.to_string()),
                description: Some("A description of the article.".into()),
                added_at: Some(at),
                tags: match i % 8 {
                    0 => vec![TAGS[(i / 8) as usize % TAGS.len()].into(), "sre".into()],
                    4 => vec![TAGS[(i / 8) as usize % TAGS.len()].into()],
                    _ => vec![],
                },
                ..Default::default()
            },
        });
    }
    store.add_batch(&[], &links, &[]).unwrap();
    // The oldest links were featured: ISSUES published issues of PER_ISSUE entries each.
    let mut next = 0;
    for n in 1..=ISSUES {
        let entries = (0..PER_ISSUE)
            .map(|_| {
                let link = links[next].clone();
                next += 1;
                EntryPlan {
                    link,
                    entry: NewEntry {
                        body: "Blurb.".into(),
                        ..Default::default()
                    },
                }
            })
            .collect();
        store
            .load_issue_plan(&IssuePlan {
                number: n,
                title: format!("SRE Weekly Issue #{n}"),
                date: Some("2026-01-01".into()),
                intro: None,
                sponsor: None,
                sections: vec![SectionPlan {
                    heading: "Articles".into(),
                    style: SectionStyle::Articles,
                    show_heading: true,
                    entries,
                }],
            })
            .unwrap();
        roundup::compose::publish(&store, n).unwrap();
    }
    let config = roundup::config::Config::builtin().unwrap();
    roundup::compose::new_issue(&store, &config, None).unwrap();
}

fn rss_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    // The database is generated by a child process so this one's memory is the TUI's alone.
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--generate") {
        generate(std::path::Path::new(&args[i + 1]));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let t = Instant::now();
    let ok = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--generate")
        .arg(&path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "generating the database failed");
    println!(
        "generated {LINKS} links, {ISSUES} published issues in {}",
        ms(t.elapsed())
    );
    let cfg = dir.path().join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    let (w, h) = (160, 48);

    // First frame: open, the first page of the inbox, one draw (what `app::start` does first).
    let t0 = Instant::now();
    let store = Store::open(&path).unwrap();
    let (mut app, mut runner) = roundup::tui::setup(store, Some(&cfg), (w, h));
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let page = roundup::tui::inbox::state::page_rows(app.size) + 8;
    for m in runner.run(Effect::Inbox(InboxFx::Load {
        all: false,
        limit: Some(page),
    })) {
        step(&mut app, &mut runner, m, &mut |_| None);
    }
    term.draw(|f| roundup::tui::view::draw(&app, f)).unwrap();
    let first = t0.elapsed();

    let t1 = Instant::now();
    // The full list is read on a second connection; the loop keeps serving keys meanwhile.
    for m in runner.run(Effect::Inbox(InboxFx::Load {
        all: false,
        limit: None,
    })) {
        step(&mut app, &mut runner, m, &mut |_| None);
    }
    while runner.busy() {
        for m in runner.poll() {
            step(&mut app, &mut runner, m, &mut |_| None);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let full = t1.elapsed();
    let t2 = Instant::now();
    let msgs = runner.run(Effect::Issue(IssueFx::Load(None)));
    let load_issue = t2.elapsed();
    for m in msgs {
        step(&mut app, &mut runner, m, &mut |_| None);
    }
    term.draw(|f| roundup::tui::view::draw(&app, f)).unwrap();
    let issue = t2.elapsed();
    println!("first frame: {}", ms(first));
    println!(
        "then, in the background: full inbox of {} rows in {}; the draft loaded in {} (with preview and redraw {})",
        app.inbox.rows.len(),
        ms(full),
        ms(load_issue),
        ms(issue)
    );
    let id = app.inbox.selected_id().unwrap();
    let t3 = Instant::now();
    runner.run(Effect::Inbox(InboxFx::LoadDetail(id)));
    println!("detail of the selected link: {}", ms(t3.elapsed()));
    // The filter alone, without update/draw, on every row.
    for q in ["k", "ka", "kafka", "kafka lag"] {
        app.inbox.filter.query = q.into();
        let t = Instant::now();
        app.inbox.refilter(true);
        println!("  filter {q:?} over all rows alone: {}", ms(t.elapsed()));
    }
    app.inbox.filter.query.clear();
    app.inbox.refilter(true);

    let mut key = |app: &mut roundup::tui::state::App,
                   runner: &mut roundup::tui::runner::Runner,
                   code: KeyCode| {
        let t = Instant::now();
        step(
            app,
            runner,
            Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)),
            &mut |_| None,
        );
        let upd = t.elapsed();
        term.draw(|f| roundup::tui::view::draw(app, f)).unwrap();
        if std::env::var_os("SPLIT").is_some() {
            println!("    update {} + draw {}", ms(upd), ms(t.elapsed() - upd));
        }
        t.elapsed()
    };
    // Typing "kafka lag" five times over (Esc clears between runs): the machine is shared,
    // so each keystroke is reported as its best and worst run.
    const RUNS: usize = 5;
    let query = "kafka lag";
    let mut runs: Vec<Vec<Duration>> = vec![Vec::new(); query.len()];
    let mut counts = vec![0; query.len()];
    for run in 0..RUNS {
        key(&mut app, &mut runner, KeyCode::Char('/'));
        for (k, c) in query.chars().enumerate() {
            runs[k].push(key(&mut app, &mut runner, KeyCode::Char(c)));
            counts[k] = app.inbox.visible.len();
        }
        if run + 1 < RUNS {
            key(&mut app, &mut runner, KeyCode::Esc);
        }
    }
    let mut times = Vec::new();
    let mut best = Vec::new();
    for (k, c) in query.chars().enumerate() {
        let (lo, hi) = (
            runs[k].iter().min().copied().unwrap_or_default(),
            runs[k].iter().max().copied().unwrap_or_default(),
        );
        println!(
            "  typed {c:?}: best {} worst {} ({} matches)",
            ms(lo),
            ms(hi),
            counts[k]
        );
        times.extend(runs[k].iter().copied());
        best.push(lo);
    }
    best.sort();
    println!(
        "filter keystroke, best of {RUNS} runs: median {}, worst {}",
        ms(best[best.len() / 2]),
        ms(best[best.len() - 1])
    );
    let d = key(&mut app, &mut runner, KeyCode::Backspace);
    println!(
        "  backspace (back to an earlier result): {} ({} matches)",
        ms(d),
        app.inbox.visible.len()
    );
    // "#sre kafka": a tag (a keep predicate on every row) and a fuzzy word together.
    for _ in 0..9 {
        key(&mut app, &mut runner, KeyCode::Backspace);
    }
    let mut tagged = Vec::new();
    for c in "#sre kafka".chars() {
        tagged.push(key(&mut app, &mut runner, KeyCode::Char(c)));
    }
    let matches = app.inbox.visible.len();
    tagged.sort();
    println!(
        "  typing \"#sre kafka\": median {}, worst {} ({matches} matches)",
        ms(tagged[tagged.len() / 2]),
        ms(tagged[tagged.len() - 1]),
    );
    for _ in 0.."#sre kafka".len() {
        key(&mut app, &mut runner, KeyCode::Backspace);
    }
    for c in "kafka lag".chars() {
        key(&mut app, &mut runner, KeyCode::Char(c));
    }
    let d = key(&mut app, &mut runner, KeyCode::Backspace);
    let mut back = vec![d];
    for _ in 0..8 {
        back.push(key(&mut app, &mut runner, KeyCode::Backspace));
    }
    back.sort();
    let d = key(&mut app, &mut runner, KeyCode::Char('z'));
    println!(
        "  first keystroke on all rows ('z'): {} ({} matches)",
        ms(d),
        app.inbox.visible.len()
    );
    times.push(d);
    times.sort();
    println!(
        "filter keystroke typing forward, every run (update + draw): median {}, worst {}; backspace: median {}, worst {}",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        ms(back[back.len() / 2]),
        ms(back[back.len() - 1])
    );
    // Writing a blurb: each keystroke is written through, the draft reloaded and the
    // preview re-rendered.
    for code in [
        KeyCode::Backspace,
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Enter,
    ] {
        key(&mut app, &mut runner, code);
    }
    for c in "2jjj".chars() {
        key(&mut app, &mut runner, KeyCode::Char(c));
    }
    key(&mut app, &mut runner, KeyCode::Enter);
    let mut typing: Vec<Duration> = "A fine read."
        .chars()
        .map(|c| key(&mut app, &mut runner, KeyCode::Char(c)))
        .collect();
    typing.sort();
    let draft = runner.store.current_draft().unwrap().unwrap();
    let blurb = &draft.sections[0].entries[0].body;
    assert_eq!(blurb, "A fine read.");
    println!(
        "editor keystroke (write + reload + preview + draw): median {}, worst {}",
        ms(typing[typing.len() / 2]),
        ms(typing[typing.len() - 1])
    );
    println!(
        "resident memory: {} MB now, {} MB peak",
        rss_kb("VmRSS:") / 1024,
        rss_kb("VmHWM:") / 1024
    );
}
