//! The page title: declared titles first, then `<title>` without the site name around it.

use super::{Page, element_text, select, tidy};
use crate::model::canonical::tidy_host;

/// Separators sites put between the article title and their own name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", " / ", " : ",
];

/// What must remain after removing a site name: "Mozilla - Wikipedia" stays whole, since
/// "Mozilla" alone reads as the site's name rather than as the article's title.
const MIN_WORDS_LEFT: usize = 3;

/// What the page says its title is, read before the Readability pass rewrites the document.
pub(crate) struct TitleSources {
    /// JSON-LD, Dublin Core, OpenGraph, Twitter, Parse.ly: taken as the publisher wrote them.
    declared: Option<String>,
    /// `<title>`, which sites routinely decorate with their name.
    tag: Option<String>,
    /// The first `<h1>`.
    h1: Option<String>,
}

pub(crate) fn sources(page: &Page) -> TitleSources {
    // An inline SVG's <title> is an image caption, not the page's.
    let tag = select(&page.doc, "title")
        .into_iter()
        .find(|t| {
            !t.ancestors_it(None)
                .any(|a| a.node_name().is_some_and(|n| &*n == "svg"))
        })
        .and_then(|t| tidy(&t.text()));
    let declared = page
        .ld
        .headline(tag.as_deref())
        .or_else(|| {
            page.meta.first(&[
                "dc:title",
                "dc.title",
                "dcterm:title",
                "dcterms.title",
                "og:title",
                "twitter:title",
                "parsely-title",
            ])
        })
        .and_then(|t| tidy(&t));
    let h1 = select(&page.doc, "h1")
        .first()
        .and_then(|h| tidy(&element_text(h)));
    TitleSources { declared, tag, h1 }
}

/// Declared titles first, then `<title>` without the site name around it, then the title the
/// Readability pass settled on (it looks at headings too), then the first `<h1>`.
pub(crate) fn title(
    found: TitleSources,
    site: Option<&str>,
    url: &str,
    authors: &[String],
    readability: Option<&str>,
) -> Option<String> {
    if found.declared.is_some() {
        return found.declared;
    }
    if let Some(t) = found.tag {
        return Some(strip_site_name(&t, site, url, authors));
    }
    readability.and_then(tidy).or(found.h1)
}

/// Removes a leading or trailing site name ("Title | Honeycomb", "Honeycomb — Title") when
/// the part removed is the publication's name, its host or the author's name, and what remains still reads as
/// a title (a short remainder is more likely a section name than a headline).
pub(crate) fn strip_site_name(
    title: &str,
    site: Option<&str>,
    url: &str,
    authors: &[String],
) -> String {
    let host = tidy_host(url).unwrap_or_default();
    let is_site = |part: &str| {
        let p = squash(part);
        if p.is_empty() {
            return false;
        }
        let s = site.map(squash).unwrap_or_default();
        let h = squash(&host);
        // "eHow" vs ehow.com, "The Guardian" vs theguardian.com, "GitLab" vs about.gitlab.com.
        (!s.is_empty() && (p == s || s.contains(&p) || p.contains(&s)))
            || (p.len() >= 3 && h.contains(&p))
            || authors.iter().any(|a| squash(a) == p)
            || names_host(part, &host)
    };
    for sep in SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && is_site(tail)
            && words(head) >= MIN_WORDS_LEFT
        {
            return head.trim().to_string();
        }
        if let Some((head, tail)) = title.split_once(sep)
            && is_site(head)
            && words(tail) >= MIN_WORDS_LEFT
        {
            return tail.trim().to_string();
        }
    }
    title.to_string()
}

/// "Example Blog" names blog.example.com: every word of it is one of the host's labels.
fn names_host(part: &str, host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let words: Vec<String> = part
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    !words.is_empty() && words.len() <= 4 && words.iter().all(|w| labels.contains(&w.as_str()))
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}
