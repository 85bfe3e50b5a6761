//! Oracles shared by the fuzz targets (`fuzz/`, via `#[path]`), `tests/fuzz_regressions.rs`
//! and `tests/props_compose.rs`: what "safe output" means for each export format.
//! Not a test target itself (a directory module, not `tests/*.rs`).
#![allow(dead_code)]

use roundup::compose::issue_file::{
    IssueFile, export_issue_file, issue_file_json, load_issue_file, parse_issue_file,
};
use roundup::config::Config;
use roundup::export::{Exporter, Format};
use roundup::model::Issue;
use roundup::store::Store;

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
