//! `roundup import FILE`: Netscape bookmarks, OPML, RSS/Atom/JSON Feed files, plain URL
//! lists, and the exports of the read-later tools editors switch from (Pocket, Omnivore,
//! Raindrop, Readwise, Instapaper, Pinboard, linkding, wallabag, Karakeep) — told apart by
//! content rather than by file name (`--format` forces one). A zip or a folder (Pocket's
//! `part_*.csv`, Omnivore's `metadata_*.json` + `highlights/`) is read file by file.
//!
//! Each importer first parses the whole input into a plan (links and feeds to add, invalid
//! items); only an input that parses is written, in one transaction, so a broken file adds
//! nothing.

mod bookmarks;
mod bundle;
mod detect;
mod feedfile;
mod instapaper;
mod json_services;
mod omnivore;
mod opml;
mod pocket;
mod raindrop;
mod readwise;
mod saved;
mod stream;
mod table;
mod text;

pub use detect::{Format, detect};

use crate::model::canonical::{CanonicalOptions, canonicalize, strip_tracking};
use crate::model::text::{MAX_TITLE, clean_line};
use crate::model::{NewFeed, NewLink, PlannedLink, TitledQuotes};
use crate::store::{Store, StoreError};
use saved::Ctx;
use std::fmt;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file cannot be read as its format; `at` names the line or element.
    #[error("{format} file is broken at {at}: {reason}; nothing was imported")]
    Broken {
        format: Format,
        at: String,
        reason: String,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    /// A zip or folder with nothing roundup can import in it.
    #[error("{0}; nothing was imported")]
    Empty(String),
    #[error("this is an issue file: use `roundup issue load`; nothing was imported")]
    IssueFile,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ImportError {
    /// The same error, located in `file` of a zip or folder.
    fn in_file(self, file: &str) -> ImportError {
        match self {
            ImportError::Broken { format, at, reason } => ImportError::Broken {
                format,
                at: format!("{file} {at}"),
                reason,
            },
            other => other,
        }
    }
}

/// How to import: the format when it should not be detected, and whether to leave out what
/// the source says was already read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    pub format: Option<Format>,
    pub unread_only: bool,
}

/// An item of the file that was skipped because it is not an http(s) URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// "line 12" or "outline 3".
    pub at: String,
    pub reason: String,
}

/// What an importer found in a file, before anything is written.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub links: Vec<PlannedLink>,
    pub feeds: Vec<NewFeed>,
    pub invalid: Vec<Invalid>,
    /// Highlights of documents exported without a URL (Readwise): attached to the stored
    /// link with the same title, if any.
    pub by_title: Vec<TitledQuotes>,
    /// Items left out because the source marks them read (`--unread-only`).
    pub skipped_read: usize,
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub format: Option<Format>,
    pub added: usize,
    pub duplicates: usize,
    pub invalid: Vec<Invalid>,
    pub feeds_added: usize,
    pub feeds_existing: usize,
    /// Ids of the links added, in file order (for fetching them next).
    pub added_ids: Vec<i64>,
    /// Highlights stored as quote candidates (on new links and on links already stored).
    pub quotes_added: usize,
    /// Highlights whose document has no URL in the export and no stored link of that title.
    pub quotes_unmatched: usize,
    pub skipped_read: usize,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} duplicates, {} invalid",
            self.added,
            self.duplicates,
            self.invalid.len()
        )?;
        if self.quotes_added > 0 {
            write!(f, "; {} quote candidates", self.quotes_added)?;
        }
        if self.quotes_unmatched > 0 {
            write!(
                f,
                "; {} highlights of documents not in roundup (the export has no URL for them)",
                self.quotes_unmatched
            )?;
        }
        if self.skipped_read > 0 {
            write!(f, "; {} read items skipped", self.skipped_read)?;
        }
        if self.feeds_added + self.feeds_existing > 0 {
            write!(
                f,
                "; {} feeds subscribed, {} already subscribed",
                self.feeds_added, self.feeds_existing
            )?;
        }
        Ok(())
    }
}

impl Plan {
    /// Adds a link if `url` is an http(s) URL, else records it as invalid at `at`.
    /// Tracking parameters come off here, on the reading thread of a streamed import: the
    /// store strips them too, and then finds nothing left to do.
    pub fn push_link(
        &mut self,
        at: impl Fn() -> String,
        mut link: NewLink,
        opts: &CanonicalOptions,
    ) {
        match canonicalize(&link.url, opts) {
            Ok(canonical) => {
                link.url = strip_tracking(&link.url);
                self.links.push(PlannedLink { canonical, link })
            }
            Err(e) => self.invalid.push(Invalid {
                at: at(),
                reason: e.to_string(),
            }),
        }
    }
}

/// Imports `bytes` (the file's content) into the store, detecting its format.
pub fn import(store: &mut Store, bytes: &[u8]) -> Result<ImportSummary, ImportError> {
    import_bytes(store, bytes, &ImportOptions::default())
}

/// Imports a file, a zip or a folder.
pub fn import_path(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
) -> Result<ImportSummary, ImportError> {
    if path.is_dir() {
        let files = bundle::from_dir(path)?;
        return bundle::import(store, files, opts);
    }
    if let Some(summary) = import_large_list(store, path, opts)? {
        return Ok(summary);
    }
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        path: path.display().to_string(),
        source,
    })?;
    import_bytes(store, &bytes, opts)
}

/// Above this size a URL list is streamed instead of read whole.
const STREAM_ABOVE: u64 = 8 * 1024 * 1024;

/// A large URL list, imported line by line (bounded memory); `None` for anything else.
fn import_large_list(
    store: &mut Store,
    path: &Path,
    opts: &ImportOptions,
) -> Result<Option<ImportSummary>, ImportError> {
    let read_err = |source| ImportError::Read {
        path: path.display().to_string(),
        source,
    };
    if std::fs::metadata(path).map_err(read_err)?.len() <= STREAM_ABOVE {
        return Ok(None);
    }
    let mut head = Vec::with_capacity(1 << 16);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path).map_err(read_err)?, 1 << 16),
        &mut head,
    )
    .map_err(read_err)?;
    if bundle::is_zip(&head) || encoding_rs::Encoding::for_bom(&head).is_some() {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(&head);
    if opts.format.unwrap_or_else(|| detect(&text)) != Format::Text || detect::is_issue_file(&text)
    {
        return Ok(None);
    }
    let ctx = context(store, opts)?;
    text::import_streamed(store, path, &ctx.opts).map(Some)
}

/// Imports one file's content (a zip is read as a bundle of files).
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportSummary, ImportError> {
    if bundle::is_zip(bytes) {
        let files = bundle::from_zip(bytes)?;
        return bundle::import(store, files, opts);
    }
    let content = text_of(bytes)?;
    let content = content.as_ref();
    if opts.format.is_none() && detect::is_issue_file(content) {
        return Err(ImportError::IssueFile);
    }
    let ctx = context(store, opts)?;
    let format = opts.format.unwrap_or_else(|| detect(content));
    if stream::streams(format) {
        return stream::import(store, content, format, ctx);
    }
    let plan = plan_one(content, format, &ctx)?;
    let mut summary = write_plan(store, plan)?;
    summary.format = Some(format);
    Ok(summary)
}

fn context(store: &Store, opts: &ImportOptions) -> Result<Ctx, ImportError> {
    Ok(Ctx {
        opts: CanonicalOptions {
            upgrade_http: store.settings()?.upgrade_http,
        },
        unread_only: opts.unread_only,
        sink: None,
    })
}

/// The file as text: UTF-8, or what a BOM (UTF-16 from some Windows browsers) or an HTML
/// file's own `<meta charset>` (latin-1 bookmark files) says it is.
fn text_of(bytes: &[u8]) -> Result<std::borrow::Cow<'_, str>, ImportError> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return Ok(std::borrow::Cow::Owned(
            encoding.decode(bytes).0.into_owned(),
        ));
    }
    match utf8(bytes) {
        Ok(text) => Ok(std::borrow::Cow::Borrowed(text)),
        Err(e) => match crate::capture::decode::sniff_meta_charset(bytes) {
            Some(enc) if enc != encoding_rs::UTF_8 => {
                Ok(std::borrow::Cow::Owned(enc.decode(bytes).0.into_owned()))
            }
            _ => Err(e),
        },
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, ImportError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        ImportError::Broken {
            format: Format::Text,
            at: format!("line {line}"),
            reason: "not UTF-8 text".into(),
        }
    })
}

/// Plans one file of a known format.
fn plan_one(content: &str, format: Format, ctx: &Ctx) -> Result<Plan, ImportError> {
    let mut plan = match format {
        Format::Bookmarks => bookmarks::plan(content, &ctx.opts)?,
        Format::Opml => opml::plan(content)?,
        Format::Feed => feedfile::plan(content, &ctx.opts)?,
        Format::Text => text::plan(content, &ctx.opts)?,
        Format::PocketCsv => pocket::plan_csv(content, ctx)?,
        Format::PocketHtml => pocket::plan_html(content, ctx)?,
        Format::Omnivore => omnivore::plan(&[("", content)], &[], ctx)?,
        Format::Raindrop => raindrop::plan(content, ctx)?,
        Format::ReadwiseHighlights => readwise::plan_highlights(content, ctx)?,
        Format::ReadwiseReader => readwise::plan_reader(content, ctx)?,
        Format::Instapaper => instapaper::plan(content, ctx)?,
        Format::Pinboard => json_services::plan_pinboard(content, ctx)?,
        Format::Linkding => json_services::plan_linkding(content, ctx)?,
        Format::Wallabag => json_services::plan_wallabag(content, ctx)?,
        Format::Karakeep => json_services::plan_karakeep(content, ctx)?,
    };
    for PlannedLink { link, .. } in &mut plan.links {
        if link.source.is_none() {
            link.source = Some(format.source().to_string());
        }
    }
    Ok(plan)
}

fn write_plan(store: &mut Store, mut plan: Plan) -> Result<ImportSummary, ImportError> {
    clean_links(&mut plan.links);
    clean_rest(&mut plan);
    let counts = store.add_batch(&plan.feeds, &plan.links, &plan.by_title)?;
    Ok(summary_of(counts, plan))
}

/// Everything in an import is text from outside: no control characters, capped lengths.
fn clean_links(links: &mut [PlannedLink]) {
    for planned in links {
        planned.link = std::mem::take(&mut planned.link).cleaned();
    }
}

/// Cleans a plan's feeds and title-matched highlights (its links are cleaned on their own).
fn clean_rest(plan: &mut Plan) {
    for feed in &mut plan.feeds {
        feed.title = feed
            .title
            .as_deref()
            .map(|t| clean_line(t, MAX_TITLE))
            .filter(|t| !t.trim().is_empty());
    }
    for titled in &mut plan.by_title {
        let link = NewLink {
            url: String::new(),
            title: Some(std::mem::take(&mut titled.title)),
            tags: std::mem::take(&mut titled.tags),
            quote_candidates: std::mem::take(&mut titled.quotes),
            ..NewLink::default()
        }
        .cleaned();
        titled.title = link.title.unwrap_or_default();
        titled.tags = link.tags;
        titled.quotes = link.quote_candidates;
    }
}

fn summary_of(counts: crate::store::BatchCounts, plan: Plan) -> ImportSummary {
    ImportSummary {
        added: counts.added.len(),
        duplicates: counts.duplicates,
        invalid: plan.invalid,
        feeds_added: counts.feeds_added,
        feeds_existing: counts.feeds_existing,
        added_ids: counts.added,
        quotes_added: counts.quotes_added,
        quotes_unmatched: counts.quotes_unmatched,
        skipped_read: plan.skipped_read,
        ..Default::default()
    }
}

/// 1-based line number of byte offset `pos` in `text`.
pub(crate) fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Trims a title and drops it when empty.
pub(crate) fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}
