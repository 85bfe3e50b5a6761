//! The machine-readable side of the site: an Atom feed (RFC 4287, written by
//! atom_syndication), a JSON Feed 1.1 (jsonfeed.org/version/1.1) with each issue's full
//! content, and a sitemap (sitemaps.org 0.9, only with `[site] url`: it needs absolute URLs).
//! Dates come from the issues, never the clock, so an unchanged archive gives the same bytes.

use super::archive::{Archive, IssuePage};
use super::pages::{index_path, per_page, templates};
use super::{SiteError, SiteFile};
use crate::config::Config;
use crate::export::template_error;
use atom_syndication as atom;
use chrono::{DateTime, FixedOffset, NaiveDate, Offset};
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

/// Issues in the feeds when `[site] feed_items` is unset.
const FEED_ITEMS: usize = 20;

pub fn render(
    archive: &Archive,
    config: &Config,
    base: Option<&str>,
) -> Result<Vec<SiteFile>, SiteError> {
    let n = config
        .site
        .feed_items
        .filter(|n| *n > 0)
        .unwrap_or(FEED_ITEMS);
    let items: Vec<&IssuePage> = archive.issues.iter().take(n).collect();
    let mut files = vec![
        SiteFile {
            path: "feed.xml".into(),
            bytes: atom_feed(archive, &items, base)?.into_bytes(),
        },
        SiteFile {
            path: "feed.json".into(),
            bytes: json_feed(archive, &items, base)?.into_bytes(),
        },
    ];
    if let Some(base) = base {
        files.push(sitemap(archive, config, base)?);
    }
    Ok(files)
}

/// Midnight UTC of the issue's date (the send date); the Unix epoch when it has none.
fn date_of(date: Option<&str>) -> DateTime<FixedOffset> {
    let utc = chrono::Utc.fix();
    date.and_then(|d| NaiveDate::parse_from_str(d.get(..10).unwrap_or(d), "%Y-%m-%d").ok())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|dt| dt.and_utc().with_timezone(&utc))
        .unwrap_or_else(|| DateTime::<chrono::Utc>::UNIX_EPOCH.with_timezone(&utc))
}

/// The absolute URL of `path` when the site's address is known, else the path itself.
fn link(base: Option<&str>, path: &str) -> String {
    format!("{}{path}", base.unwrap_or(""))
}

/// An issue's id: its page's URL, or (no `[site] url`) a URN that stays the same.
fn issue_id(base: Option<&str>, issue: &IssuePage) -> String {
    match base {
        Some(b) => format!("{b}{}", issue.path),
        None => format!("urn:roundup:issue:{}", issue.number),
    }
}

fn atom_feed(
    archive: &Archive,
    items: &[&IssuePage],
    base: Option<&str>,
) -> Result<String, SiteError> {
    let updated = date_of(items.first().and_then(|i| i.date.as_deref()));
    let mut feed = atom::Feed {
        title: archive.newsletter.as_str().into(),
        id: base.map_or_else(|| "urn:roundup:archive".to_string(), str::to_string),
        updated,
        authors: vec![atom::Person {
            name: archive.newsletter.clone(),
            ..Default::default()
        }],
        ..Default::default()
    };
    feed.links = vec![
        atom::Link {
            href: link(base, ""),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Default::default()
        },
        atom::Link {
            href: link(base, "feed.xml"),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Default::default()
        },
    ];
    feed.entries = items
        .iter()
        .map(|issue| {
            let when = date_of(issue.date.as_deref());
            atom::Entry {
                title: issue.title.as_str().into(),
                id: issue_id(base, issue),
                updated: when,
                published: Some(when),
                links: vec![atom::Link {
                    href: link(base, &issue.path),
                    rel: "alternate".into(),
                    mime_type: Some("text/html".into()),
                    ..Default::default()
                }],
                content: Some(atom::Content {
                    value: Some(issue.content.clone()),
                    content_type: Some("html".into()),
                    ..Default::default()
                }),
                ..Default::default()
            }
        })
        .collect();
    let mut out = Vec::new();
    feed.write_to(&mut out)
        .map_err(|e| SiteError::Feed(e.to_string()))?;
    String::from_utf8(out).map_err(|e| SiteError::Feed(e.to_string()))
}

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<String>,
    language: &'static str,
    authors: Vec<JsonAuthor<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    title: &'a str,
    content_html: &'a str,
    date_published: String,
}

fn json_feed(
    archive: &Archive,
    items: &[&IssuePage],
    base: Option<&str>,
) -> Result<String, SiteError> {
    let feed = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: &archive.newsletter,
        home_page_url: base.map(|b| link(Some(b), "")),
        feed_url: base.map(|b| link(Some(b), "feed.json")),
        language: "en",
        authors: vec![JsonAuthor {
            name: &archive.newsletter,
        }],
        items: items
            .iter()
            .map(|issue| JsonItem {
                id: issue_id(base, issue),
                url: base.map(|b| link(Some(b), &issue.path)),
                title: &issue.title,
                content_html: &issue.content,
                date_published: date_of(issue.date.as_deref()).to_rfc3339(),
            })
            .collect(),
    };
    let mut text =
        serde_json::to_string_pretty(&feed).map_err(|e| SiteError::Feed(e.to_string()))?;
    text.push('\n');
    Ok(text)
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
}

fn sitemap(archive: &Archive, config: &Config, base: &str) -> Result<SiteFile, SiteError> {
    let pages = archive.issues.len().div_ceil(per_page(config)).max(1);
    let mut urls: Vec<SitemapUrl> = (1..=pages)
        .map(|n| SitemapUrl {
            loc: link(Some(base), &index_path(n)),
            lastmod: None,
        })
        .collect();
    urls.extend(archive.issues.iter().map(|i| SitemapUrl {
        loc: link(Some(base), &i.path),
        lastmod: i.date.clone(),
    }));
    for dir in ["authors/", "publications/"] {
        urls.push(SitemapUrl {
            loc: link(Some(base), dir),
            lastmod: None,
        });
    }
    for p in archive.authors.iter().chain(&archive.publications) {
        urls.push(SitemapUrl {
            loc: link(Some(base), &p.path),
            lastmod: None,
        });
    }
    let env = templates(config)?;
    let xml = env
        .get_template("sitemap.xml.j2")
        .and_then(|t| t.render(context! { urls => Serde(&urls) }))
        .map_err(|e| template_error("sitemap.xml.j2", &e))?;
    Ok(SiteFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    })
}
