//! Metadata extraction from an HTML page: a pure function of (URL, HTML) so that it can be
//! tested on saved pages without a network.
//!
//! Each field tries the sources that publishers fill most deliberately first (JSON-LD,
//! OpenGraph, Twitter cards, Dublin Core, Parse.ly), then markup in the body, then fallbacks
//! derived from the URL.

mod authors;
mod jsonld;
mod meta;
mod title;

use crate::model::canonical::tidy_host;
use scraper::{ElementRef, Html, Selector};

pub use crate::model::PageMeta;
pub use authors::{clean_author, split_authors};
pub use tidy as tidy_text;

/// Everything the field rules look at, parsed once.
pub(crate) struct Page<'a> {
    pub url: &'a str,
    pub doc: Html,
    pub meta: meta::MetaTags,
    pub ld: jsonld::LinkedData,
}

pub fn extract(url: &str, html: &str) -> PageMeta {
    // Cut to the parse budget first: deeply nested markup is quadratic in html5ever.
    let doc = Html::parse_document(&crate::capture::budget::within_budget(html));
    let meta = meta::MetaTags::collect(&doc);
    let ld = jsonld::LinkedData::collect(&doc);
    let page = Page { url, doc, meta, ld };

    let publication = publication(&page);
    let authors = authors::authors(&page);
    let title = title::title(&page, publication.as_deref(), &authors);
    PageMeta {
        title,
        authors,
        publication: publication.or_else(|| tidy_host(url)),
        description: description(&page),
        published: published(&page),
        final_url: None,
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
                .and_then(|t| t.attr("datetime").map(str::to_string))
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

/// The elements matching `css`; none when the selector is invalid (it is a constant, so that
/// would be a bug caught by the tests, not something to stop a fetch for).
pub(crate) fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    match Selector::parse(css) {
        Ok(sel) => doc.select(&sel).collect(),
        Err(_) => Vec::new(),
    }
}

/// Visible-ish text of an element, without script or style contents.
pub(crate) fn element_text(el: &ElementRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(text) = node.value().as_text() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
            });
            if !hidden {
                out.push_str(text);
                out.push(' ');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
