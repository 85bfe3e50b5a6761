//! Metadata extraction from an HTML page: a pure function of (URL, HTML) so that it can be
//! tested on saved pages without a network.
//!
//! Each field tries the sources that publishers fill most deliberately first (JSON-LD,
//! OpenGraph, Twitter cards, Dublin Core, Parse.ly), then markup in the body, then what the
//! Readability pass found (its byline and title), then fallbacks derived from the URL. The
//! page is parsed once: the same document feeds the rules and then the Readability pass,
//! which also yields the readable text (`capture::readable`).

mod authors;
mod jsonld;
mod meta;
mod title;

use crate::capture::readable;
use crate::model::canonical::tidy_host;
use dom_query::{Document, Matcher, NodeRef};
use std::time::Instant;

pub use crate::model::PageMeta;
pub use authors::{clean_author, split_authors};
pub use tidy as tidy_text;

/// Everything the field rules look at, parsed once.
pub(crate) struct Page {
    pub doc: Document,
    pub meta: meta::MetaTags,
    pub ld: jsonld::LinkedData,
}

/// Metadata and readable text of a page, with no deadline.
pub fn extract(url: &str, html: &str) -> PageMeta {
    extract_within(url, html, None)
}

/// `extract` for the fetcher: the Readability pass is skipped once `deadline` has passed.
pub fn extract_within(url: &str, html: &str, deadline: Option<Instant>) -> PageMeta {
    // Cut to the parse budget first: deeply nested markup is quadratic in html5ever.
    let doc = Document::from(crate::capture::budget::within_budget(html).as_ref());
    let meta = meta::MetaTags::collect(&doc);
    let ld = jsonld::LinkedData::collect(&doc);
    let page = Page { doc, meta, ld };

    let publication = publication(&page);
    let description = description(&page);
    let published = published(&page);
    let titles = title::sources(&page);
    let mut authors = authors::declared(&page);
    if authors.is_empty() {
        authors = authors::from_markup(&page);
    }
    let last_resort = authors::article_author(&page);
    // The pass rewrites the document, so it comes after every rule that reads the markup.
    let pass = readable::pass(page.doc, url, deadline);
    if authors.is_empty() {
        authors = pass
            .byline
            .as_deref()
            .map(authors::from_byline)
            .unwrap_or_default();
    }
    if authors.is_empty() {
        authors = last_resort;
    }
    let title = title::title(
        titles,
        publication.as_deref(),
        url,
        &authors,
        pass.title.as_deref(),
    );
    PageMeta {
        title,
        authors,
        publication: publication.or_else(|| tidy_host(url)),
        description,
        published,
        final_url: None,
        readable: pass.readable,
    }
    // The page's text is from outside: no control characters, capped lengths.
    .cleaned()
}

fn publication(page: &Page) -> Option<String> {
    page.meta
        .first(&["og:site_name"])
        .or_else(|| page.ld.publisher.clone())
        .or_else(|| {
            page.meta
                .first(&["application-name", "al:android:app_name"])
        })
        .and_then(|s| tidy(&s))
}

fn description(page: &Page) -> Option<String> {
    page.meta
        .first(&[
            "og:description",
            "twitter:description",
            "description",
            "dc.description",
            "dcterms.description",
        ])
        .or_else(|| page.ld.description.clone())
        .and_then(|s| tidy(&s))
}

fn published(page: &Page) -> Option<String> {
    page.meta
        .first(&[
            "article:published_time",
            "og:article:published_time",
            "parsely-pub-date",
            "datepublished",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "dcterms.date",
            "date",
            "pubdate",
            "publishdate",
            "sailthru.date",
        ])
        .or_else(|| page.ld.published.clone())
        .or_else(|| {
            select(&page.doc, "time[datetime]")
                .first()
                .and_then(|t| t.attr("datetime").map(|d| d.to_string()))
        })
        .and_then(|s| tidy(&s))
}

/// Collapses whitespace (including the non-breaking kind) and drops empty strings.
pub fn tidy(s: &str) -> Option<String> {
    let out = s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!out.is_empty()).then_some(out)
}

/// The elements matching `css`, in document order; none when the selector is invalid (it is
/// a constant, so that would be a bug caught by the tests, not something to stop a fetch for).
pub(crate) fn select<'a>(doc: &'a Document, css: &str) -> Vec<NodeRef<'a>> {
    match Matcher::new(css) {
        Ok(m) => doc.select_matcher(&m).nodes().to_vec(),
        Err(_) => Vec::new(),
    }
}

/// Visible-ish text of an element, without script or style contents.
pub(crate) fn element_text(el: &NodeRef) -> String {
    let mut out = String::new();
    for node in el.descendants_it() {
        if !node.is_text() {
            continue;
        }
        let hidden = node.ancestors_it(None).any(|a| {
            a.node_name()
                .is_some_and(|n| matches!(&*n, "script" | "style" | "noscript"))
        });
        if !hidden {
            out.push_str(&node.text());
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests;
