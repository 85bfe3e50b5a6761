//! The issue file (JSON, format in DESIGN.md): `issue load` reads it, `export --format json`
//! writes it. Reading is strict (unknown keys and wrong types are errors naming their path)
//! and loading is all-or-nothing (one transaction). Export → load → export is identical.

use crate::config::Config;
use crate::model::body::legacy_body;
use crate::model::{
    Credit, EntryPlan, Issue, IssuePlan, NewEntry, NewLink, PlannedLink, SectionPlan, SectionStyle,
    Sponsor,
};
use crate::store::{Store, StoreError};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueFile {
    pub number: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sponsor: Option<SponsorFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intro: Option<String>,
    #[serde(default)]
    pub sections: Vec<SectionFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SponsorFile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The text the sponsor's link shows ("Check out this lightning demo").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    pub heading: String,
    #[serde(default)]
    pub style: SectionStyle,
    /// `false`: the section's entries print without its heading.
    #[serde(default = "shown", skip_serializing_if = "is_shown")]
    pub show_heading: bool,
    #[serde(default)]
    pub entries: Vec<EntryFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFile {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Markdown; its block quotes are the pull-quotes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub body: String,
    /// Files written before `body` existed: the body is the blurb, then each quote as a
    /// block quote. Read, never written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub blurb: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disclosures: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum IssueFileError {
    /// Not JSON, an unknown key, a wrong type or a missing field; `path` is where
    /// (`sections[1].entries[3].quotes`), empty at the top level.
    #[error("{}{message}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Parse { path: String, message: String },
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Parses an issue file strictly.
pub fn parse_issue_file(text: &str) -> Result<IssueFile, IssueFileError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let file = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        IssueFileError::Parse {
            path: if path == "." { String::new() } else { path },
            message: e.into_inner().to_string(),
        }
    })?;
    // Strict about the whole file: a second issue pasted after the first is not dropped.
    de.end().map_err(|e| IssueFileError::Parse {
        path: String::new(),
        message: format!("{e} after the issue: a file holds one issue"),
    })?;
    Ok(file)
}

/// Whether a draft holds the editor's writing (an intro, or an entry with text), which a
/// load over it would lose.
pub fn has_writing(issue: &Issue) -> bool {
    issue.intro.as_deref().is_some_and(|i| !i.trim().is_empty())
        || issue
            .sections
            .iter()
            .flat_map(|s| &s.entries)
            .any(|e| !e.body.trim().is_empty())
}

/// The issue file of a stored issue.
pub fn export_issue_file(issue: &Issue) -> IssueFile {
    IssueFile {
        number: issue.number,
        title: Some(issue.title.clone()),
        date: issue.date.clone(),
        sponsor: issue.sponsor.as_ref().map(|s| SponsorFile {
            name: s.name.clone(),
            url: s.url.clone(),
            message: s.message.clone(),
            link_text: s.link_text.clone(),
        }),
        intro: issue.intro.clone(),
        sections: issue
            .sections
            .iter()
            .map(|s| SectionFile {
                heading: s.heading.clone(),
                style: s.style,
                show_heading: s.show_heading,
                entries: s
                    .entries
                    .iter()
                    .map(|e| EntryFile {
                        url: e.url.clone(),
                        title: e.title.clone(),
                        body: e.body.clone(),
                        blurb: String::new(),
                        quotes: Vec::new(),
                        authors: e.credit.authors.clone(),
                        publication: e.credit.publication.clone(),
                        via: e.credit.via.clone(),
                        disclosures: e.disclosures.clone(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn shown() -> bool {
    true
}

fn is_shown(b: &bool) -> bool {
    *b
}

/// Pretty JSON with a final newline: the stable text of `export --format json`.
pub fn issue_file_json(file: &IssueFile) -> String {
    let mut s = serde_json::to_string_pretty(file).unwrap_or_default();
    s.push('\n');
    s
}

fn invalid(path: impl Into<String>, message: impl Into<String>) -> IssueFileError {
    IssueFileError::Invalid {
        path: path.into(),
        message: message.into(),
    }
}

/// Checks what the types cannot say, before anything is written; returns the canonical URL
/// of every entry, section by section.
fn validate(store: &Store, file: &IssueFile) -> Result<Vec<Vec<String>>, IssueFileError> {
    if let Err(e) = super::issues::check_number(file.number) {
        return Err(invalid("number", e.to_string()));
    }
    if let Some(date) = &file.date
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
    {
        return Err(invalid(
            "date",
            format!("'{date}' is not a date (YYYY-MM-DD)"),
        ));
    }
    if let Some(s) = &file.sponsor
        && s.name.trim().is_empty()
    {
        return Err(invalid("sponsor.name", "is empty"));
    }
    let mut all = Vec::new();
    for (i, section) in file.sections.iter().enumerate() {
        if section.heading.trim().is_empty() {
            return Err(invalid(format!("sections[{i}].heading"), "is empty"));
        }
        let mut urls = Vec::new();
        for (j, entry) in section.entries.iter().enumerate() {
            if !entry.body.is_empty() && (!entry.blurb.is_empty() || !entry.quotes.is_empty()) {
                return Err(invalid(
                    format!("sections[{i}].entries[{j}]"),
                    "has both body and blurb/quotes: write the quotes into the body as block \
                     quotes",
                ));
            }
            let canonical = store
                .canonical(&entry.url)
                .map_err(|e| invalid(format!("sections[{i}].entries[{j}].url"), e.to_string()))?;
            if all
                .iter()
                .chain([&urls])
                .any(|u: &Vec<String>| u.contains(&canonical))
            {
                return Err(invalid(
                    format!("sections[{i}].entries[{j}].url"),
                    format!("{} is already in this issue", entry.url),
                ));
            }
            urls.push(canonical);
        }
        all.push(urls);
    }
    Ok(all)
}

/// Loads an issue file in one transaction. An existing draft with the same number has its
/// content replaced (its old entries' links go back to the inbox first); a published issue
/// is refused, since the archive is the record of what was sent.
pub fn load_issue_file(
    store: &mut Store,
    config: &Config,
    file: &IssueFile,
) -> Result<Issue, IssueFileError> {
    let canonicals = validate(store, file)?;
    let plan = IssuePlan {
        number: file.number,
        title: file
            .title
            .clone()
            .unwrap_or_else(|| config.issue_title(file.number)),
        date: file.date.clone(),
        intro: file.intro.clone(),
        sponsor: file.sponsor.as_ref().map(Sponsor::from),
        sections: file
            .sections
            .iter()
            .zip(canonicals)
            .map(|(section, urls)| SectionPlan {
                heading: section.heading.clone(),
                style: section.style,
                show_heading: section.show_heading,
                entries: section
                    .entries
                    .iter()
                    .zip(urls)
                    .map(|(entry, canonical)| entry_plan(entry, canonical))
                    .collect(),
            })
            .collect(),
    };
    let id = store.load_issue_plan(&plan)?;
    Ok(store.issue_by_id(id)?)
}

/// An entry of the file: the link it needs (created as `used` when new) and what was written.
fn entry_plan(entry: &EntryFile, canonical: String) -> EntryPlan {
    let credit = Credit {
        authors: entry.authors.clone(),
        publication: entry.publication.clone(),
        via: entry.via.clone(),
    };
    EntryPlan {
        link: PlannedLink {
            canonical,
            link: NewLink {
                url: entry.url.clone(),
                title: entry.title.clone(),
                authors: credit.authors.clone(),
                publication: credit.publication.clone(),
                via: credit.via.clone(),
                ..NewLink::default()
            },
        },
        entry: NewEntry {
            title: entry.title.clone(),
            body: if entry.body.is_empty() {
                legacy_body(&entry.blurb, &entry.quotes)
            } else {
                entry.body.clone()
            },
            credit,
            disclosures: entry.disclosures.clone(),
        },
    }
}

impl From<&SponsorFile> for Sponsor {
    fn from(s: &SponsorFile) -> Sponsor {
        Sponsor {
            name: s.name.clone(),
            url: s.url.clone(),
            message: s.message.clone(),
            link_text: s.link_text.clone(),
        }
    }
}
