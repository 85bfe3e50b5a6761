//! The article's readable text: Mozilla's Readability (the `dom_smoothie` port, chosen in
//! docs/readable.md) run on the document the metadata rules already parsed, so a page is
//! parsed once. The Markdown is kept for the reader; its plain text is what search indexes,
//! what words are counted in and what quotes are anchored to.

use crate::model::Readable;
use crate::text::{markdown_to_text, word_count};
use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::time::Instant;

/// Element budget for the Readability pass. The largest fixture page (a long Wikipedia
/// article) has 9,888 elements; past this a page is an app or a listing, not an
/// article, and scoring it would cost more than the fetch's deadline allows.
pub const MAX_ELEMENTS: usize = 40_000;

/// Nesting budget: the pass and its Markdown writer walk the tree recursively in places, and
/// no article nests anywhere near this deep (the fixture pages reach 38).
pub const MAX_DEPTH: usize = 400;

/// Fewer words than this is a caption or a teaser, not an article to read.
pub const MIN_WORDS: u32 = 25;

/// More of the text than this inside links: a menu, a listing or a link farm. Readability
/// returns the biggest block of any page; this tells a home page from an article.
pub const MAX_LINK_SHARE: f64 = 0.5;

/// What the Readability pass found, for the metadata rules to use after the structured data.
#[derive(Debug, Default)]
pub(crate) struct Pass {
    /// `None`: the pass did not run (the fetch's deadline had passed).
    pub readable: Option<Readable>,
    pub byline: Option<String>,
    pub title: Option<String>,
}

/// Runs the Readability pass on `doc` (which it rewrites: run it after every rule that reads
/// the markup). `url` resolves relative links; `deadline` is the fetch's.
pub(crate) fn pass(doc: Document, url: &str, deadline: Option<Instant>) -> Pass {
    if deadline.is_some_and(|d| Instant::now() >= d) {
        return Pass::default();
    }
    if !within_budget(&doc) {
        return Pass {
            readable: Some(Readable::NotArticle),
            ..Pass::default()
        };
    }
    let cfg = Config {
        text_mode: TextMode::Markdown,
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    // Relative links are resolved against the page; a URL the port refuses only costs that.
    let base = url::Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|_| url);
    // A panic inside the port must cost the readable text, not the page's metadata.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Readability::with_document(doc, base, Some(cfg)).and_then(|mut r| r.parse())
    }));
    let article = match parsed {
        Ok(Ok(article)) => article,
        Ok(Err(ReadabilityError::GrabFailed | ReadabilityError::TooManyElements(..)))
        | Ok(Err(ReadabilityError::BadDocumentURL))
        | Err(_) => {
            return Pass {
                readable: Some(Readable::NotArticle),
                ..Pass::default()
            };
        }
    };
    let markdown = strip_controls(article.text_content.trim());
    let text = markdown_to_text(&markdown);
    let words = word_count(&text);
    let readable = if words < MIN_WORDS || link_share(&markdown, words) > MAX_LINK_SHARE {
        Readable::NotArticle
    } else {
        Readable::Article {
            markdown,
            text,
            words,
        }
    };
    Pass {
        readable: Some(readable),
        byline: article.byline,
        title: Some(article.title).filter(|t| !t.trim().is_empty()),
    }
}

/// The share of the text's words that are the text of links.
fn link_share(markdown: &str, words: u32) -> f64 {
    let mut depth = 0usize;
    let mut linked = 0usize;
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Link { .. }) => depth += 1,
            Event::End(TagEnd::Link) => depth = depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if depth > 0 => linked += t.split_whitespace().count(),
            _ => {}
        }
    }
    linked as f64 / f64::from(words.max(1))
}

/// Whether the document is small and shallow enough for the pass (one walk, no recursion).
fn within_budget(doc: &Document) -> bool {
    let mut elements = 0usize;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS || depth > MAX_DEPTH {
                return false;
            }
        }
        stack.extend(node.children_it(false).map(|c| (c, depth + 1)));
    }
    true
}

/// Control characters (C0 but tab and newline, DEL, C1) have no place in an article's text,
/// and printed to a terminal they can rewrite it.
fn strip_controls(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_stripped() {
        assert_eq!(
            strip_controls("a\u{1b}]52;c;x\u{7}b\n\tc\u{9b}"),
            "a]52;c;xb\n\tc"
        );
    }

    #[test]
    fn a_page_too_deep_is_not_read_and_costs_no_recursion() {
        let html = format!("{}text{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
        let pass = pass(Document::from(html), "https://a.org/x", None);
        assert_eq!(pass.readable, Some(Readable::NotArticle));
    }

    #[test]
    fn menus_and_listings_are_not_articles() {
        let nav = "<html><body><nav><a href=/a>A</a> <a href=/b>B</a></nav></body></html>";
        let pass_of = |html: &str| pass(Document::from(html), "https://a.org/", None).readable;
        assert_eq!(pass_of(nav), Some(Readable::NotArticle));
        let list: String = (0..40)
            .map(|i| format!("<li><a href=/{i}>Product number {i}</a></li>"))
            .collect();
        assert_eq!(
            pass_of(&format!("<ul>{list}</ul>")),
            Some(Readable::NotArticle)
        );
        let prose = "<article><p>".to_string()
            + &"The retry storm took the cache with it, and we rolled back. ".repeat(5)
            + "See <a href=/pm>the postmortem</a>.</p></article>";
        let Some(Readable::Article {
            words, markdown, ..
        }) = pass_of(&prose)
        else {
            panic!("an article");
        };
        assert_eq!(words, 63);
        assert!(
            markdown.contains("[the postmortem](https://a.org/pm)"),
            "{markdown}"
        );
    }

    #[test]
    fn the_deepest_page_allowed_fits_a_fetch_workers_stack() {
        // Fetch workers are spawned threads: 2 MiB of stack, as here.
        let depth = MAX_DEPTH - 5;
        let para = "Deeply nested words are still words worth reading here. ".repeat(10);
        let html = format!(
            "{}<p>{para}</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let worker = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || pass(Document::from(html), "https://a.org/x", None).readable);
        let readable = worker.unwrap().join().unwrap();
        assert!(
            matches!(readable, Some(Readable::Article { .. })),
            "{readable:?}"
        );
    }

    #[test]
    fn a_passed_deadline_skips_the_pass() {
        let past = Instant::now();
        let doc = Document::from("<p>words</p>");
        assert_eq!(pass(doc, "https://a.org/x", Some(past)).readable, None);
    }
}
