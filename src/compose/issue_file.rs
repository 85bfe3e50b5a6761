//! The issue file (JSON, format in DESIGN.md): `issue load` reads it, `export --format json`
//! writes it. Reading is strict (unknown keys and wrong types are errors naming their path)
//! and loading is all-or-nothing (one transaction). Export → load → export is identical.

use crate::config::Config;
use crate::model::{Credit, Issue, IssueStatus, LinkState, NewLink, SectionStyle, Sponsor};
use crate::store::{
    AddOutcome, NewEntry, Store, StoreError, insert_entry, insert_issue, insert_link_on,
    insert_section, issue_tree, release_links_of,
};
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    pub heading: String,
    #[serde(default)]
    pub style: SectionStyle,
    #[serde(default)]
    pub entries: Vec<EntryFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryFile {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
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
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        IssueFileError::Parse {
            path: if path == "." { String::new() } else { path },
            message: e.into_inner().to_string(),
        }
    })
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
        }),
        intro: issue.intro.clone(),
        sections: issue
            .sections
            .iter()
            .map(|s| SectionFile {
                heading: s.heading.clone(),
                style: s.style,
                entries: s
                    .entries
                    .iter()
                    .map(|e| EntryFile {
                        url: e.url.clone(),
                        title: e.title.clone(),
                        blurb: e.blurb.clone(),
                        quotes: e.quotes.clone(),
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
    if file.number < 1 {
        return Err(invalid("number", "must be 1 or more"));
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
    let title = file
        .title
        .clone()
        .unwrap_or_else(|| config.issue_title(file.number));
    let id = store.transaction(|tx| {
        let existing = issue_tree(tx, "number = ?1", file.number)?;
        let id = match existing {
            Some(issue) if issue.status == IssueStatus::Published => {
                return Err(StoreError::Invalid(format!(
                    "issue #{} is published; the archive is not overwritten",
                    file.number
                )));
            }
            Some(issue) => {
                release_links_of(
                    tx,
                    "SELECT e.link_id FROM entries e JOIN sections s ON s.id = e.section_id \
                     WHERE s.issue_id = ?1",
                    issue.id,
                )?;
                tx.execute("DELETE FROM sections WHERE issue_id = ?1", [issue.id])?;
                tx.execute(
                    "UPDATE issues SET title = ?2, date = ?3 WHERE id = ?1",
                    rusqlite::params![issue.id, title, file.date],
                )?;
                issue.id
            }
            None => insert_issue(tx, file.number, &title, file.date.as_deref())?,
        };
        let sponsor = file.sponsor.as_ref();
        tx.execute(
            "UPDATE issues SET intro = ?2, sponsor_name = ?3, sponsor_url = ?4, \
             sponsor_message = ?5, updated_at = ?6 WHERE id = ?1",
            rusqlite::params![
                id,
                file.intro,
                sponsor.map(|s| &s.name),
                sponsor.and_then(|s| s.url.as_ref()),
                sponsor.and_then(|s| s.message.as_ref()),
                crate::store::now()
            ],
        )?;
        for (section, urls) in file.sections.iter().zip(&canonicals) {
            let section_id = insert_section(tx, id, &section.heading, section.style)?;
            for (entry, canonical) in section.entries.iter().zip(urls) {
                let link_id = link_for(tx, entry, canonical)?;
                let new = NewEntry {
                    title: entry.title.clone(),
                    blurb: entry.blurb.clone(),
                    quotes: entry.quotes.clone(),
                    credit: Credit {
                        authors: entry.authors.clone(),
                        publication: entry.publication.clone(),
                        via: entry.via.clone(),
                    },
                    disclosures: entry.disclosures.clone(),
                };
                insert_entry(tx, section_id, link_id, &new)?;
            }
        }
        Ok(id)
    })?;
    Ok(store.issue_by_id(id)?)
}

/// The stored link for an entry's URL, created (as `used`) when new.
fn link_for(
    tx: &rusqlite::Connection,
    entry: &EntryFile,
    canonical: &str,
) -> Result<i64, StoreError> {
    let new = NewLink {
        url: entry.url.clone(),
        title: entry.title.clone(),
        authors: entry.authors.clone(),
        publication: entry.publication.clone(),
        via: entry.via.clone(),
        ..NewLink::default()
    };
    Ok(match insert_link_on(tx, &new, canonical)? {
        AddOutcome::Added(id) => {
            tx.execute(
                "UPDATE links SET state = ?2 WHERE id = ?1",
                rusqlite::params![id, LinkState::Used.as_str()],
            )?;
            id
        }
        AddOutcome::Duplicate(link) => link.id,
    })
}

impl From<&SponsorFile> for Sponsor {
    fn from(s: &SponsorFile) -> Sponsor {
        Sponsor {
            name: s.name.clone(),
            url: s.url.clone(),
            message: s.message.clone(),
        }
    }
}
