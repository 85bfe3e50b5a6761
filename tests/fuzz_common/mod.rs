//! Oracles shared by the fuzz targets (`fuzz/`, via `#[path]`), `tests/fuzz_regressions.rs`
//! and `tests/props_compose.rs`: what a correct outcome is for each fuzzed input (a
//! canonical URL, an all-or-nothing import, a recorded feed pull, a safe export), so a
//! regression input replayed in `cargo test` is checked exactly as the fuzzer checked it.
//! Not a test target itself (a directory module, not `tests/*.rs`).
#![allow(dead_code)]

use roundup::capture::feeds::{PullOutcome, parse_pull};
use roundup::capture::import::import;
use roundup::compose::issue_file::{
    IssueFile, export_issue_file, issue_file_json, load_issue_file, parse_issue_file,
};
use roundup::config::Config;
use roundup::export::{Exporter, Format};
use roundup::model::Issue;
use roundup::model::canonical::{CanonicalOptions, canonicalize, is_tracking_param};
use roundup::store::Store;

/// Any string: a canonical URL (with and without the http upgrade) is http(s), free of
/// tracking parameters and canonical again.
pub fn check_canonicalize(input: &str) -> Result<(), String> {
    for upgrade_http in [false, true] {
        let opts = CanonicalOptions { upgrade_http };
        let Ok(c) = canonicalize(input, &opts) else {
            continue;
        };
        if canonicalize(&c, &opts).as_ref() != Ok(&c) {
            return Err(format!(
                "not idempotent (upgrade_http {upgrade_http}): {c:?}"
            ));
        }
        let url = url::Url::parse(&c).map_err(|e| format!("{c:?} does not parse: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!("scheme of {c:?}"));
        }
        if let Some((k, _)) = url.query_pairs().find(|(k, _)| is_tracking_param(k)) {
            return Err(format!("tracking parameter {k:?} kept in {c:?}"));
        }
    }
    Ok(())
}

/// Bytes as a fetched page: the first line is its URL, the rest the HTML (decoded lossily,
/// as the fetcher does). Extraction must not panic; there is no wrong answer.
pub fn check_extract(data: &[u8]) {
    let split = data.iter().position(|b| *b == b'\n').unwrap_or(data.len());
    let url = String::from_utf8_lossy(&data[..split]);
    let html = String::from_utf8_lossy(data.get(split + 1..).unwrap_or_default());
    let _ = roundup::capture::extract::extract(&url, &html);
}

/// Bytes imported into `store` (which may already hold links and feeds): an accepted import
/// adds exactly what its summary says, a refused one adds nothing.
pub fn check_import(store: &mut Store, data: &[u8]) -> Result<(), String> {
    let before = store.table_counts().map_err(|e| e.to_string())?;
    let result = import(store, data);
    let after = store.table_counts().map_err(|e| e.to_string())?;
    let (links, feeds) = (after.links - before.links, after.feeds - before.feeds);
    match result {
        Ok(s) if (links, feeds) != (s.added as i64, s.feeds_added as i64) => Err(format!(
            "summary says {} links and {} feeds added, the store has {links} and {feeds} more",
            s.added, s.feeds_added
        )),
        Err(e) if (links, feeds) != (0, 0) => Err(format!(
            "a refused import ({e}) wrote {links} links and {feeds} feeds"
        )),
        _ => Ok(()),
    }
}

/// Bytes as a pulled feed body: parsed as `feeds::pull_all` parses it, then recorded for a
/// fresh feed; every item is counted once (added, known or invalid), descriptions are cut.
pub fn check_feed(data: &[u8]) -> Result<(), String> {
    const FEED: &str = "https://example.com/feed.xml";
    let Ok(outcome) = parse_pull(FEED, data, None, None) else {
        return Ok(());
    };
    let PullOutcome::Fetched { items, .. } = &outcome else {
        return Err("a parsed body came back as NotModified".into());
    };
    if let Some(d) = items
        .iter()
        .filter_map(|i| i.description.as_ref())
        .find(|d| d.chars().count() > 401)
    {
        return Err(format!("description of {} chars kept", d.chars().count()));
    }
    let mut store = Store::open_in_memory().map_err(|e| e.to_string())?;
    let (feed_id, _) = store
        .add_feed(FEED, None, None)
        .map_err(|e| e.to_string())?;
    let counts = store
        .record_feed_pull(feed_id, &outcome)
        .map_err(|e| format!("recording the pull failed: {e}"))?;
    if counts.added + counts.known + counts.invalid != items.len() {
        return Err(format!(
            "{} items, counted {} added + {} known + {} invalid",
            items.len(),
            counts.added,
            counts.known,
            counts.invalid
        ));
    }
    Ok(())
}

/// The only schemes a link in the output may have.
fn allowed_href(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// Email HTML is safe: no script (raw or parsed), no event-handler or `src` attributes, no
/// dangerous elements, and every `href` is http, https or mailto.
pub fn check_html(html: &str) -> Result<(), String> {
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        return Err("raw <script in HTML".into());
    }
    let doc = scraper::Html::parse_document(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        if matches!(
            name,
            "script"
                | "iframe"
                | "object"
                | "embed"
                | "img"
                | "style"
                | "form"
                | "svg"
                | "math"
                | "base"
                | "link"
                | "frame"
                | "frameset"
                | "input"
                | "button"
        ) {
            return Err(format!("<{name}> element in HTML"));
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") || attr == "src" || attr == "srcdoc" || attr == "formaction" {
                return Err(format!("attribute {attr}={value:?} on <{name}>"));
            }
            if attr == "href" && !allowed_href(value) {
                return Err(format!("href {value:?} on <{name}>"));
            }
        }
    }
    Ok(())
}

/// Markdown is safe: no raw `<script` survives as HTML when a CommonMark renderer reads it,
/// and the HTML such a renderer makes of it passes `check_html`.
pub fn check_markdown(md: &str) -> Result<(), String> {
    use pulldown_cmark::{Event, Options, Parser};
    let opts = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for event in Parser::new_ext(md, opts) {
        if let Event::Html(raw) | Event::InlineHtml(raw) = &event {
            return Err(format!("raw HTML in Markdown: {raw:?}"));
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(md, opts));
    check_html(&html).map_err(|e| format!("Markdown renders unsafe HTML: {e}"))
}

/// The JSON export re-parses strictly to the same issue file and prints identically.
pub fn check_json(issue: &Issue, json: &str) -> Result<IssueFile, String> {
    let parsed = parse_issue_file(json).map_err(|e| format!("JSON export does not parse: {e}"))?;
    if parsed != export_issue_file(issue) {
        return Err("JSON export parses to a different issue file".into());
    }
    if issue_file_json(&parsed) != json {
        return Err("JSON export does not print back identically".into());
    }
    Ok(parsed)
}

/// Every format renders; each output passes its oracle. Returns the four outputs.
pub fn check_export(exporter: &Exporter, issue: &Issue) -> Result<Vec<String>, String> {
    let mut outs = Vec::new();
    for format in Format::ALL {
        let out = exporter
            .render(issue, format)
            .map_err(|e| format!("{} export failed: {e}", format.as_str()))?;
        match format {
            Format::Html => check_html(&out)?,
            Format::Markdown => check_markdown(&out)?,
            Format::Json => {
                check_json(issue, &out)?;
            }
            Format::Text => {}
        }
        outs.push(out);
    }
    Ok(outs)
}

/// Row counts of everything an issue load may write.
pub fn counts(store: &Store) -> Vec<i64> {
    match store.table_counts() {
        Ok(c) => vec![c.issues, c.sections, c.entries, c.links],
        Err(_) => vec![-1; 4],
    }
}

/// Issue file text → parse → load into an in-memory store holding a seed draft (#1, so the
/// replace path is exercised too). A refused load leaves the store exactly as it was; an
/// accepted one exports JSON that loads back and exports identically.
pub fn check_issue_file(text: &str) -> Result<(), String> {
    let Ok(file) = parse_issue_file(text) else {
        return Ok(());
    };
    let config = Config::builtin().map_err(|e| e.to_string())?;
    let mut store = Store::open_in_memory().map_err(|e| e.to_string())?;
    let seed = parse_issue_file(SEED).map_err(|e| e.to_string())?;
    load_issue_file(&mut store, &config, &seed).map_err(|e| format!("seed: {e}"))?;
    let before = counts(&store);
    let seed_json = issue_file_json(&export_issue_file(
        &store.issue(1).map_err(|e| e.to_string())?,
    ));
    match load_issue_file(&mut store, &config, &file) {
        Err(_) => {
            if counts(&store) != before {
                return Err("a refused load changed row counts".into());
            }
            let now = issue_file_json(&export_issue_file(
                &store.issue(1).map_err(|e| e.to_string())?,
            ));
            if now != seed_json {
                return Err("a refused load changed the seed issue".into());
            }
        }
        Ok(issue) => {
            let j1 = issue_file_json(&export_issue_file(&issue));
            let again = parse_issue_file(&j1).map_err(|e| format!("export does not parse: {e}"))?;
            let issue2 = load_issue_file(&mut store, &config, &again)
                .map_err(|e| format!("exported file does not load back: {e}"))?;
            let j2 = issue_file_json(&export_issue_file(&issue2));
            if j1 != j2 {
                return Err(format!("export → load → export differs:\n{j1}\n---\n{j2}"));
            }
        }
    }
    Ok(())
}

/// A small draft #1 the loads run against.
pub const SEED: &str = r#"{"number": 1, "title": "Seed", "intro": "hi",
  "sections": [{"heading": "Articles", "entries": [
    {"url": "https://example.com/a", "title": "A", "blurb": "b", "quotes": ["q"]}]}]}"#;
