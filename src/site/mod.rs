//! `roundup site`: the newsletter's own web archive, static files from the published issues.
//! An index (newest first, paginated), one page per issue at a stable address
//! (`issues/379/`), a page per author and per publication listing every entry they were
//! featured in, an Atom feed and a JSON Feed with each issue's full content, and a sitemap.
//!
//! Each issue's content is its HTML export (the same exporter and templates as `roundup
//! export`), so the archive reads like the email. Templates are `assets/templates/site/`,
//! overridable from `site/` in the config directory. The whole site is rendered in memory,
//! then only files whose content changed are written (`output`).

mod archive;
mod feeds;
mod output;
mod pages;

pub use output::MANIFEST;

use crate::config::Config;
use crate::export::ExportError;
use crate::store::{Store, StoreError};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error("cannot write {path}: {cause}")]
    Write { path: String, cause: std::io::Error },
    #[error(transparent)]
    Atomic(#[from] crate::atomic::WriteError),
    #[error(
        "{path} is not empty and was not made by `roundup site` (no {manifest} in it); \
         give an empty or new directory",
        manifest = MANIFEST
    )]
    NotASite { path: String },
    #[error("the Atom feed: {0}")]
    Feed(String),
}

/// One file of the site: its path under the output directory and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteReport {
    pub issues: usize,
    pub files: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Things the editor should know (no `[site] url`: relative feed links, no sitemap).
    pub notices: Vec<String>,
}

/// Renders every file of the site, in memory.
pub fn render(store: &Store, config: &Config) -> Result<(Vec<SiteFile>, Vec<String>), SiteError> {
    let archive = archive::Archive::load(store, config)?;
    let mut notices = Vec::new();
    let base = config
        .site
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(|u| format!("{}/", u.trim_end_matches('/')));
    if base.is_none() {
        notices.push(
            "[site] url is not set in config.toml: the feeds link relatively and there is no \
             sitemap.xml"
                .to_string(),
        );
    }
    let mut files = pages::render(&archive, config)?;
    files.extend(feeds::render(&archive, config, base.as_deref())?);
    Ok((files, notices))
}

/// Builds the site into `out`: renders it all, writes what changed, removes the files an
/// earlier build wrote that are no longer part of the site.
pub fn build(store: &Store, config: &Config, out: &Path) -> Result<SiteReport, SiteError> {
    let (files, notices) = render(store, config)?;
    let issues = files
        .iter()
        .filter(|f| f.path.starts_with("issues/") && f.path.ends_with("/index.html"))
        .count();
    let mut report = output::write(out, &files)?;
    report.issues = issues;
    report.notices = notices;
    Ok(report)
}
