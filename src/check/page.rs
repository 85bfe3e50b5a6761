//! From a probed link to problems: dead links, permanent redirects, and what the page's text
//! says (soft 404s, pull-quotes that are no longer there). A quote taken from the reader has
//! an anchor (`text::anchor`), so its absence is told apart: changed or gone.

use super::probe::{Probe, ProbeOutcome};
use super::{EntryRef, Problem, ProblemKind};
use crate::model::QuoteAnchor;
use crate::text::anchor::{QuoteStatus, is_quote_of, locate};
pub(super) use crate::text::words;
use pulldown_cmark::{Event, Parser};
use scraper::{Html, Node, Selector};

/// Elements whose text a reader never sees.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
];

/// Elements that flow inside a line: their text joins its neighbours without a space, so
/// "<b>Hel</b>lo" stays one word. Every other element separates words.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
    "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    "wbr",
];

/// A probed link with its page read: done on the worker thread, so the parsing of many
/// pages shares the cores, and the body is dropped as soon as it has been read.
#[derive(Debug)]
pub(super) struct Checked {
    probe: Probe,
    /// What the title or first heading says, when it says "not found".
    soft_404: Option<String>,
    /// The page's visible words, kept only when some entry has quotes to look for.
    words: Option<Vec<String>>,
}

impl Checked {
    pub(super) fn new(mut probe: Probe, want_words: bool) -> Checked {
        let body = match &mut probe.outcome {
            ProbeOutcome::Response { body, .. } => body.take(),
            ProbeOutcome::Failed { .. } => None,
        };
        let (mut soft, mut words) = (None, None);
        if let Some(body) = body {
            // The same parse budget as a fetch: a hostile page cannot stall the check.
            let html = Html::parse_document(&crate::capture::budget::within_budget(&body));
            soft = soft_404(&html);
            if soft.is_none() && want_words {
                words = Some(self::words(&visible_text(&html)));
            }
        }
        Checked {
            probe,
            soft_404: soft,
            words,
        }
    }
}

pub(super) fn link_problems(
    at: Option<EntryRef>,
    checked: &Checked,
    quotes: &[String],
    anchors: &[QuoteAnchor],
) -> Vec<Problem> {
    let probe = &checked.probe;
    let via = if probe.hops.is_empty() {
        String::new()
    } else {
        format!(" (after redirects to {})", probe.final_url)
    };
    let status = match &probe.outcome {
        ProbeOutcome::Failed { kind, detail } => {
            // A bad redirect's detail already names where the chain went wrong.
            let via = if *kind == ProblemKind::BadRedirect {
                ""
            } else {
                &via
            };
            return vec![Problem::new(at, *kind, format!("{detail}{via}"))];
        }
        ProbeOutcome::Response { status, .. } => *status,
    };
    let dead = match status {
        200..=299 => None,
        404 => Some(ProblemKind::NotFound),
        410 => Some(ProblemKind::Gone),
        500..=599 => Some(ProblemKind::ServerError),
        _ => Some(ProblemKind::HttpError),
    };
    if let Some(kind) = dead {
        let reason = reqwest::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        let msg = format!("HTTP {status} {reason}").trim_end().to_string();
        return vec![Problem::new(at, kind, format!("{msg}{via}"))];
    }

    let mut problems = Vec::new();
    if let Some(target) = permanent_target(probe) {
        let codes: Vec<String> = probe.hops.iter().map(|h| h.status.to_string()).collect();
        problems.push(
            Problem::new(
                at.clone(),
                ProblemKind::PermanentRedirect,
                format!("moved permanently ({}) to {target}", codes.join(" → ")),
            )
            .suggest(target),
        );
    }
    if let Some(says) = &checked.soft_404 {
        problems.push(Problem::new(
            at,
            ProblemKind::Soft404,
            format!("the page answers 200 but says \"{says}\""),
        ));
        return problems;
    }
    // No words: not an HTML page, or its body could not be read; the quotes cannot be checked.
    let Some(page) = &checked.words else {
        return problems;
    };
    for (i, quote) in quotes.iter().enumerate() {
        let anchored = anchors.iter().find(|a| is_quote_of(a, quote));
        let (kind, what) = match anchored.map(|a| locate(a, page)) {
            Some(QuoteStatus::Found) => continue,
            Some(QuoteStatus::Changed) => (
                ProblemKind::QuoteChanged,
                "changed on the page: its place is there, its words differ",
            ),
            Some(QuoteStatus::Gone) => (
                ProblemKind::QuoteGone,
                "is gone from the page: neither its words nor their context are there",
            ),
            None if quote_appears(quote, page) => continue,
            None => (
                ProblemKind::QuoteNotFound,
                "is not in the page's text; the page may have changed, or it is drawn by \
                 JavaScript",
            ),
        };
        problems.push(Problem::new(
            at.clone(),
            kind,
            format!("quote {} (\"{}\") {what}", i + 1, opening(quote)),
        ));
    }
    problems
}

/// The first words of a quote, to name it in a message.
fn opening(quote: &str) -> String {
    let text = markdown_text(quote);
    let all: Vec<&str> = text.split_whitespace().collect();
    let mut start = all[..all.len().min(8)].join(" ");
    if all.len() > 8 {
        start.push('…');
    }
    start
}

/// Where the leading run of permanent hops leads. A temporary hop ends the run: after it,
/// the URL the editor has is the one to keep (see the module policy in `check`).
fn permanent_target(probe: &Probe) -> Option<String> {
    let n = probe
        .hops
        .iter()
        .take_while(|h| matches!(h.status, 301 | 308))
        .count();
    if n == 0 {
        return None;
    }
    let target = probe
        .hops
        .get(n)
        .map(|h| h.url.clone())
        .unwrap_or_else(|| probe.final_url.clone());
    (target != probe.hops[0].url).then_some(target)
}

/// The page's `<title>` or first `<h1>`, when it says the page does not exist.
fn soft_404(html: &Html) -> Option<String> {
    for css in ["title", "h1"] {
        let Ok(selector) = Selector::parse(css) else {
            continue;
        };
        let Some(el) = html.select(&selector).next() else {
            continue;
        };
        let text = el.text().collect::<String>();
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if says_not_found(&text) {
            return Some(text);
        }
    }
    None
}

/// "Page Not Found", "404 - Not found", "Error 404", "404": yes. "The 404 page we deserve",
/// "Why 404s hurt": no — "404" counts only at either end of the text or beside "error".
pub(super) fn says_not_found(text: &str) -> bool {
    let w = words(text);
    let joined = w.join(" ");
    let first_or_last =
        w.first().is_some_and(|x| x == "404") || w.last().is_some_and(|x| x == "404");
    joined.contains("not found")
        || first_or_last
        || joined.contains("error 404")
        || joined.contains("404 error")
}

/// The text a reader sees, block elements separated by spaces.
pub(super) fn visible_text(html: &Html) -> String {
    let mut out = String::new();
    // An explicit stack, not recursion: pages nest deeply enough to matter on a worker
    // thread's stack. `None` marks the end of a block element.
    let mut stack = vec![Some(html.tree.root())];
    while let Some(item) = stack.pop() {
        let Some(node) = item else {
            out.push(' ');
            continue;
        };
        match node.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if HIDDEN.contains(&name) {
                    continue;
                }
                if !INLINE.contains(&name) {
                    out.push(' ');
                    stack.push(None);
                }
                stack.extend(node.children().rev().map(Some));
            }
            Node::Document | Node::Fragment => stack.extend(node.children().rev().map(Some)),
            _ => {}
        }
    }
    out
}

/// The plain text of a Markdown quote: emphasis and link syntax gone, paragraphs joined.
fn markdown_text(md: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Whether the quote is in the page: its parts between elisions (`[…]`, `[...]`, `…`,
/// `...`) must each appear, in order.
pub(super) fn quote_appears(quote: &str, page: &[String]) -> bool {
    let text = markdown_text(quote).replace("...", "…");
    let mut from = 0;
    for part in text.split('…').map(words).filter(|p| !p.is_empty()) {
        let found = page
            .get(from..)
            .unwrap_or(&[])
            .windows(part.len())
            .position(|w| w == part.as_slice());
        match found {
            Some(i) => from += i + part.len(),
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str) -> Vec<String> {
        words(&visible_text(&Html::parse_document(html)))
    }

    #[test]
    fn quotes_match_across_markup_quotes_and_dashes() {
        let p = page(
            "<html><head><title>x</title><script>var hidden = 1;</script></head><body>\
             <p>It’s <em>not</em> the <b>sys</b>tem—it’s the “people”.</p><p>Second para.</p>\
             </body></html>",
        );
        assert!(quote_appears(
            "It's *not* the system -- it's the \"people\".",
            &p
        ));
        assert!(quote_appears("people. Second para", &p));
        assert!(quote_appears("It's not […] Second", &p));
        assert!(!quote_appears("Second [...] It's not", &p));
        assert!(!quote_appears("var hidden", &p));
        assert!(!quote_appears("people Second para more", &p));
    }

    #[test]
    fn not_found_wording() {
        for yes in [
            "Page Not Found",
            "404 - Not found",
            "Error 404",
            "404",
            "Oops! 404",
        ] {
            assert!(says_not_found(yes), "{yes}");
        }
        for no in [
            "The 404 page we deserve",
            "Why 404s hurt",
            "Finding things",
            "",
        ] {
            assert!(!says_not_found(no), "{no}");
        }
    }
}
