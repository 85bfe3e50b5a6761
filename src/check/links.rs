//! Every link of the issue, fetched once each: the entries' URLs (whose pages also carry the
//! quotes to find), the links written inside blurbs and the intro, and the sponsor's links.
//! A link inside text is reported on its entry (or on the issue) with its own URL named,
//! since the entry's URL is a different one.

use super::page::{self, Checked};
use super::probe::{self, Probe};
use super::{CheckContext, CheckOptions, EntryRef, Problem, ProblemKind};
use crate::model::canonical::parse_http_url;
use crate::model::{Issue, QuoteAnchor};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::{HashMap, HashSet};

/// One place a link is used.
struct Target<'a> {
    at: Option<EntryRef>,
    url: String,
    quotes: Vec<String>,
    /// Where those quotes were taken from, for the ones that have an anchor.
    anchors: &'a [QuoteAnchor],
    /// How to name the link when it is not the entry's own: "link in the entry".
    label: Option<&'static str>,
}

pub(super) fn probe_issue(issue: &Issue, ctx: &CheckContext, opts: &CheckOptions) -> Vec<Problem> {
    let targets = gather(issue, ctx);
    let mut urls: Vec<String> = targets.iter().map(|t| t.url.clone()).collect();
    urls.sort();
    urls.dedup();
    // Page words are only worth keeping for URLs that some entry quotes.
    let quoted: HashSet<&str> = targets
        .iter()
        .filter(|t| !t.quotes.is_empty())
        .map(|t| t.url.as_str())
        .collect();
    let read = |i: usize, probe: Probe| Checked::new(probe, quoted.contains(urls[i].as_str()));
    let checked = match probe::probe_all(&urls, opts, read) {
        Ok(c) => c,
        Err(e) => {
            return vec![Problem::new(
                None,
                ProblemKind::CheckFailed,
                format!("links not checked: {e}"),
            )];
        }
    };
    let by_url: HashMap<&str, &Checked> = urls.iter().map(String::as_str).zip(&checked).collect();

    let mut problems = Vec::new();
    for t in &targets {
        let Some(c) = by_url.get(t.url.as_str()) else {
            continue;
        };
        for mut problem in page::link_problems(t.at.clone(), c, &t.quotes, t.anchors) {
            if let Some(label) = t.label {
                problem.message = format!("{label} {}: {}", t.url, problem.message);
            }
            problems.push(problem);
        }
    }
    problems
}

/// The issue's links in reading order. Invalid entry URLs are left to the lint.
fn gather<'a>(issue: &'a Issue, ctx: &'a CheckContext) -> Vec<Target<'a>> {
    let mut targets = Vec::new();
    if let Some(sponsor) = &issue.sponsor {
        if let Some(url) = sponsor.url.as_deref().filter(|u| parse_http_url(u).is_ok()) {
            targets.push(Target {
                at: None,
                url: url.trim().to_string(),
                quotes: Vec::new(),
                anchors: &[],
                label: Some("sponsor link"),
            });
        }
        let message = sponsor.message.as_deref().unwrap_or("");
        text_links(&mut targets, None, message, "link in the sponsor message");
    }
    let intro = issue.intro.as_deref().unwrap_or("");
    text_links(&mut targets, None, intro, "link in the intro");
    for (si, section) in issue.sections.iter().enumerate() {
        for (ei, entry) in section.entries.iter().enumerate() {
            let at = EntryRef::new(si, ei, entry);
            if parse_http_url(&entry.url).is_ok() {
                targets.push(Target {
                    at: Some(at.clone()),
                    url: entry.url.trim().to_string(),
                    quotes: crate::model::body::quotes(&entry.body),
                    anchors: ctx.anchors.get(&entry.id).map(Vec::as_slice).unwrap_or(&[]),
                    label: None,
                });
            }
            text_links(&mut targets, Some(at), &entry.body, "link in the entry");
        }
    }
    targets
}

fn text_links(targets: &mut Vec<Target>, at: Option<EntryRef>, md: &str, label: &'static str) {
    for url in markdown_links(md) {
        targets.push(Target {
            at: at.clone(),
            url,
            quotes: Vec::new(),
            anchors: &[],
            label: Some(label),
        });
    }
}

/// The http(s) destinations of the Markdown links in `md` (mailto and relative ones are not
/// fetched).
fn markdown_links(md: &str) -> Vec<String> {
    Parser::new(md)
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.trim().to_string()),
            _ => None,
        })
        .filter(|url| parse_http_url(url).is_ok())
        .collect()
}
