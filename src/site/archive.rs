//! The published issues as the site sees them: each issue's HTML content (through the
//! exporter) and, per author and publication, the entries that featured them.

use super::SiteError;
use crate::compose::credit_line;
use crate::config::{Config, issue_path};
use crate::export::fragment::body_fragment;
use crate::export::view::safe_url;
use crate::export::{Exporter, Format};
use crate::model::IssueStatus;
use crate::store::Store;
use serde::Serialize;
use std::collections::BTreeMap;

pub struct IssuePage {
    pub number: i64,
    pub title: String,
    pub date: Option<String>,
    /// `issues/379/`
    pub path: String,
    /// The `<body>` of the issue's HTML export.
    pub content: String,
    pub entries: usize,
}

/// An entry as listed on an author's or a publication's page.
#[derive(Debug, Clone, Serialize)]
pub struct EntryRef {
    pub title: String,
    pub url: Option<String>,
    pub credit: String,
    pub issue_title: String,
    pub issue_path: String,
}

pub struct Person {
    pub name: String,
    /// `authors/julia-evans/`
    pub path: String,
    pub entries: Vec<EntryRef>,
}

pub struct Archive {
    pub newsletter: String,
    /// Newest first.
    pub issues: Vec<IssuePage>,
    pub authors: Vec<Person>,
    pub publications: Vec<Person>,
}

impl Archive {
    pub fn load(store: &Store, config: &Config) -> Result<Archive, SiteError> {
        // The archive's own pages must not carry a "view in browser" link to themselves.
        let mut plain = config.clone();
        plain.site.url = None;
        let exporter = Exporter::new(&plain)?;
        let mut issues = Vec::new();
        let mut authors: BTreeMap<String, Person> = BTreeMap::new();
        let mut publications: BTreeMap<String, Person> = BTreeMap::new();
        for summary in store.issue_summaries()? {
            if summary.status != IssueStatus::Published {
                continue;
            }
            let issue = store.issue(summary.number)?;
            let html = exporter.render(&issue, Format::Html)?;
            let path = issue_path(issue.number);
            let mut count = 0;
            for entry in issue.sections.iter().flat_map(|s| &s.entries) {
                count += 1;
                let title = entry
                    .title
                    .as_deref()
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .unwrap_or(&entry.url)
                    .to_string();
                let r = EntryRef {
                    title,
                    url: safe_url(&entry.url),
                    credit: credit_line(&entry.credit),
                    issue_title: issue.title.clone(),
                    issue_path: path.clone(),
                };
                for name in &entry.credit.authors {
                    add(&mut authors, "authors", name, &r);
                }
                if let Some(name) = &entry.credit.publication {
                    add(&mut publications, "publications", name, &r);
                }
            }
            issues.push(IssuePage {
                number: issue.number,
                title: issue.title.clone(),
                date: issue.date.clone(),
                path,
                content: body_fragment(&html),
                entries: count,
            });
        }
        let name = config.newsletter.name.trim();
        Ok(Archive {
            newsletter: if name.is_empty() { "Newsletter" } else { name }.to_string(),
            issues,
            authors: authors.into_values().collect(),
            publications: publications.into_values().collect(),
        })
    }
}

/// Files the entry under the person's slug: "Julia Evans" and "julia evans" are one page.
fn add(people: &mut BTreeMap<String, Person>, dir: &str, name: &str, entry: &EntryRef) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    let slug = slug(name);
    people
        .entry(slug.clone())
        .or_insert_with(|| Person {
            name: name.to_string(),
            path: format!("{dir}/{slug}/"),
            entries: Vec::new(),
        })
        .entries
        .push(entry.clone());
}

/// A file-name-safe, URL-safe address for a name: lower-case ASCII letters and digits
/// separated by `-`; a name with none of those gets a stable hash instead.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() || out.len() < name.chars().filter(|c| c.is_alphanumeric()).count() / 2 {
        // Mostly non-ASCII ("東京", "Zoë Ä"): a hash keeps different names apart.
        use sha2::Digest;
        let digest = sha2::Sha256::digest(name.to_lowercase().as_bytes());
        let short: String = hex::encode(&digest[..4]);
        return if out.is_empty() {
            format!("n-{short}")
        } else {
            format!("{out}-{short}")
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_ascii_and_stable() {
        assert_eq!(slug("Julia Evans"), "julia-evans");
        assert_eq!(slug("  incident.io "), "incident-io");
        assert_eq!(slug("Fred Hébert"), "fred-h-bert");
        let tokyo = slug("東京");
        assert!(tokyo.starts_with("n-") && tokyo.len() == 10, "{tokyo}");
        assert_ne!(slug("東京"), slug("大阪"));
    }
}
