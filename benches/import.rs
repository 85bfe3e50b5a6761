//! Import speed: generates a 10,000-link Netscape bookmarks file (as browsers export it:
//! nested folders, ADD_DATE, favicons as data: URIs, some duplicates and bookmarklets) and a
//! 50,000-row Pocket CSV export (quoted titles with commas, `|` tags, unread and archived),
//! and times `import` of each into a fresh on-disk database.
//!
//!     cargo bench --bench import                           # time both
//!     cargo bench --bench import -- --write FILE           # only write the bookmarks file
//!     cargo bench --bench import -- --write-pocket FILE    # only write the Pocket CSV
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundup::capture::import::import;
use roundup::store::Store;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const LINKS: usize = 10_000;
const RUNS: usize = 7;

/// xorshift64*: deterministic, so every run imports the same file.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

pub fn generate(n: usize) -> String {
    let hosts = [
        "www.honeycomb.io",
        "increment.com",
        "blog.acolyer.org",
        "jvns.ca",
        "netflixtechblog.com",
        "engineering.fb.com",
        "aws.amazon.com",
        "cloud.google.com",
        "www.usenix.org",
        "medium.com",
        "status.heroku.com",
        "www.infoq.com",
        "queue.acm.org",
        "sre.google",
        "incident.io",
    ];
    let words = [
        "kafka",
        "outage",
        "postmortem",
        "latency",
        "tail",
        "retries",
        "on-call",
        "chaos",
        "slo",
        "alerting",
        "incident",
        "resilience",
        "capacity",
        "failover",
        "dns",
        "database",
        "queue",
    ];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let icon = format!(
        "data:image/png;base64,{}",
        "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQ".repeat(12)
    );
    let mut seen: Vec<String> = Vec::with_capacity(n);
    let mut out = String::with_capacity(n * 400);
    out.push_str(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<!-- This is an automatically generated file. -->\n",
    );
    out.push_str("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=UTF-8\">\n");
    out.push_str("<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n<DL><p>\n");
    for i in 0..n {
        if i % 500 == 0 {
            if i > 0 {
                out.push_str("    </DL><p>\n");
            }
            let _ = writeln!(
                out,
                "    <DT><H3 ADD_DATE=\"1500000000\">Folder {}</H3>\n    <DL><p>",
                i / 500
            );
        }
        let (a, b) = (rng.pick(&words), rng.pick(&words));
        let host = rng.pick(&hosts);
        // 1 in 50 repeats an earlier link with tracking parameters (a duplicate),
        // 1 in 200 is a bookmarklet (invalid).
        let href = match rng.next() % 200 {
            0 => "javascript:void(0)".to_string(),
            1..=4 if !seen.is_empty() => {
                let earlier: &String = &seen[(rng.next() % seen.len() as u64) as usize];
                format!("{earlier}?utm_source=twitter")
            }
            _ => {
                let url = format!("https://{host}/{a}-{b}-{i}/");
                seen.push(url.clone());
                url
            }
        };
        let date = 1_500_000_000 + i as u64 * 3_600;
        let icon_attr = if rng.next() % 3 == 0 {
            format!(" ICON=\"{icon}\"")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "        <DT><A HREF=\"{href}\" ADD_DATE=\"{date}\"{icon_attr}>{} &amp; {}: lessons from {i}</A>",
            a.to_uppercase(),
            b
        );
    }
    out.push_str("    </DL><p>\n</DL><p>\n");
    out
}

const POCKET_ROWS: usize = 50_000;

/// A Pocket export as `title,url,time_added,tags,status` rows.
pub fn generate_pocket(n: usize) -> String {
    let words = [
        "kafka",
        "outage",
        "postmortem",
        "latency",
        "retries",
        "on-call",
        "chaos",
        "slo",
        "alerting",
        "incident",
        "capacity",
        "failover",
        "dns",
        "queue",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(n * 120);
    out.push_str("title,url,time_added,tags,status\n");
    for i in 0..n {
        let (a, b) = (rng.pick(&words), rng.pick(&words));
        // Every 7th title has a comma and quotes, so the CSV quoting is exercised.
        let title = if i % 7 == 0 {
            format!("\"{a}, {b} and the \"\"{i}\"\" problem\"")
        } else {
            format!("{a} {b}: lessons from {i}")
        };
        let tags = match rng.next() % 3 {
            0 => String::new(),
            1 => a.to_string(),
            _ => format!("{a}|{b}"),
        };
        let status = if rng.next() % 4 == 0 {
            "archive"
        } else {
            "unread"
        };
        let _ = writeln!(
            out,
            "{title},https://{a}.example.com/{b}-{i}?utm_source=pocket_mylist,{},{tags},{status}",
            1_500_000_000 + i * 60
        );
    }
    out
}

fn time_import(label: &str, file: &str, runs: usize) {
    let mut times: Vec<Duration> = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("bench.db")).expect("open");
        let t = Instant::now();
        let summary = import(&mut store, file.as_bytes()).expect("import");
        times.push(t.elapsed());
        last = Some(summary);
    }
    times.sort();
    if let Some(s) = last {
        println!("import of {label} ({:.1} MB): {s}", file.len() as f64 / 1e6);
    }
    println!(
        "import: median {:.1} ms, min {:.1} ms, max {:.1} ms over {runs} runs (fresh on-disk database each)",
        times[runs / 2].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        times[runs - 1].as_secs_f64() * 1e3
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--write-pocket") {
        let Some(path) = args.get(pos + 1) else {
            eprintln!("--write-pocket needs a file name");
            std::process::exit(2);
        };
        if let Err(e) = std::fs::write(path, generate_pocket(POCKET_ROWS)) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        }
        println!("wrote {POCKET_ROWS} Pocket rows to {path}");
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--write") {
        let Some(path) = args.get(pos + 1) else {
            eprintln!("--write needs a file name");
            std::process::exit(2);
        };
        if let Err(e) = std::fs::write(path, generate(LINKS)) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        }
        println!("wrote {LINKS} bookmarks to {path}");
        return;
    }
    time_import(&format!("{LINKS} bookmarks"), &generate(LINKS), RUNS);
    time_import(
        &format!("a {POCKET_ROWS}-row Pocket CSV"),
        &generate_pocket(POCKET_ROWS),
        5,
    );
}
