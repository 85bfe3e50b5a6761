//! What templates see: the issue with every text already rendered for the target format
//! (escaped Markdown, sanitised HTML, wrapped plain text), so templates only arrange it.

use super::QuoteLinks;
use crate::compose::credit_line;
use crate::model::body::parts;
use crate::model::{Issue, SectionStyle};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct IssueView {
    pub newsletter: String,
    pub number: i64,
    pub title: String,
    /// `=====` under the title, as long as it (plain text).
    pub title_rule: String,
    pub date: Option<String>,
    pub sponsor: Option<SponsorView>,
    pub intro: Option<String>,
    pub sections: Vec<SectionView>,
    /// The issue's page in the web archive (`[site] url`), for "view in browser"; `None`
    /// leaves every template's output as it was.
    pub web_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SponsorView {
    pub name: String,
    pub url: Option<String>,
    /// The URL as text to show (escaped for Markdown).
    pub url_text: Option<String>,
    /// What the link says instead of its URL ("Check out this lightning demo").
    pub link_text: Option<String>,
    pub message: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub heading: String,
    pub heading_rule: String,
    pub style: &'static str,
    /// Off: the entries print without the heading.
    pub show_heading: bool,
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Serialize)]
pub struct EntryView {
    pub title: String,
    /// `None` when the URL is not http, https or mailto: the title is shown unlinked.
    pub url: Option<String>,
    /// The body in order: commentary and pull-quotes as the editor arranged them.
    pub body: Vec<PartView>,
    /// For templates written before bodies: the commentary parts, then the quotes (order
    /// between them is lost; the shipped templates use `body`).
    pub blurb: Option<String>,
    pub quotes: Vec<String>,
    pub credit: Option<String>,
    pub disclosures: Vec<String>,
}

/// One part of an entry's body, rendered: commentary, or a pull-quote.
#[derive(Debug, Serialize)]
pub struct PartView {
    pub quote: bool,
    pub text: String,
}

/// How one format renders each kind of text. `nested` is true inside a list section.
pub trait Flavour {
    /// Short plain text (a title, a heading, a name, a credit line).
    fn inline(&self, text: &str) -> String;
    /// A plain-text paragraph (a disclosure note).
    fn block(&self, text: &str, nested: bool) -> String;
    /// Markdown paragraphs (a blurb, the intro, the sponsor's message).
    fn rich(&self, markdown: &str, nested: bool) -> String;
    /// The credit line under an article or list entry.
    fn credit(&self, line: &str, nested: bool) -> String;
    /// One pull-quote (Markdown, may span paragraphs).
    fn quote(&self, markdown: &str, nested: bool) -> String;
    /// A URL already known to be safe, as the format writes it.
    fn url(&self, url: &str) -> String;
    /// Between two rendered blocks joined into one (a blank line; nothing in HTML).
    fn part_separator(&self) -> &'static str {
        "\n\n"
    }
}

/// The URL, serialised by the URL standard (so `"`, `<`, `>` and spaces are
/// percent-encoded), when its scheme is http, https or mailto; anything else (javascript:,
/// data:, relative links) is dropped by every exporter.
pub fn safe_url(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https" | "mailto").then(|| parsed.to_string())
}

fn non_empty(s: &str) -> Option<&str> {
    Some(s).filter(|s| !s.trim().is_empty())
}

pub fn build(issue: &Issue, newsletter: &str, f: &dyn Flavour, links: &QuoteLinks) -> IssueView {
    let title = f.inline(&issue.title);
    IssueView {
        newsletter: f.inline(newsletter),
        number: issue.number,
        title_rule: "=".repeat(issue.title.chars().count()),
        title,
        date: issue.date.clone(),
        sponsor: issue.sponsor.as_ref().map(|s| SponsorView {
            name: f.inline(&s.name),
            url: s.url.as_deref().and_then(safe_url).map(|u| f.url(&u)),
            url_text: s.url.as_deref().and_then(safe_url).map(|u| f.inline(&u)),
            link_text: s
                .link_text
                .as_deref()
                .and_then(non_empty)
                .map(|t| f.inline(t)),
            message: s
                .message
                .as_deref()
                .and_then(non_empty)
                .map(|m| f.rich(m, false)),
        }),
        intro: issue
            .intro
            .as_deref()
            .and_then(non_empty)
            .map(|m| f.rich(m, false)),
        // An empty section (no outages this week) would print a bare heading: leave it out.
        sections: issue
            .sections
            .iter()
            .filter(|s| !s.entries.is_empty())
            .map(|s| {
                let nested = s.style == SectionStyle::List;
                SectionView {
                    heading: f.inline(&s.heading),
                    heading_rule: "-".repeat(s.heading.chars().count()),
                    style: s.style.as_str(),
                    show_heading: s.show_heading,
                    entries: s
                        .entries
                        .iter()
                        .map(|e| {
                            let credit = credit_line(&e.credit);
                            let body: Vec<PartView> = parts(&e.body)
                                .into_iter()
                                .map(|p| PartView {
                                    quote: p.quote,
                                    text: if p.quote {
                                        f.quote(&links.quote(e, &p.text), nested)
                                    } else {
                                        f.rich(&p.text, nested)
                                    },
                                })
                                .collect();
                            let commentary: Vec<&str> = body
                                .iter()
                                .filter(|p| !p.quote)
                                .map(|p| p.text.as_str())
                                .collect();
                            EntryView {
                                title: f.inline(
                                    e.title.as_deref().and_then(non_empty).unwrap_or(&e.url),
                                ),
                                url: safe_url(&e.url).map(|u| f.url(&u)),
                                blurb: (!commentary.is_empty())
                                    .then(|| commentary.join(f.part_separator())),
                                quotes: body
                                    .iter()
                                    .filter(|p| p.quote)
                                    .map(|p| p.text.clone())
                                    .collect(),
                                body,
                                credit: non_empty(&credit).map(|c| f.credit(c, nested)),
                                disclosures: e
                                    .disclosures
                                    .iter()
                                    .filter_map(|d| non_empty(d))
                                    .map(|d| f.block(d, nested))
                                    .collect(),
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        web_url: None,
    }
}
