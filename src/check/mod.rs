//! The pre-send check: everything that should stop (errors) or give pause (warnings) before an
//! issue goes out. Lints on what the editor wrote (`lint`), every link of the issue gathered
//! (`links`) and fetched concurrently (`probe`), and what the fetched pages say (`page`:
//! dead links, redirects, soft 404s, pull-quotes).
//!
//! Severity policy (`ProblemKind::severity`): an error is what must not go out (a dead link, an
//! empty entry, a sponsor without a link, a placeholder title); a warning is what the editor
//! may have chosen or cannot fix (a slow link, a re-featured link, a removed disclosure, a
//! quote the page no longer shows — often a JavaScript-rendered page rather than an edit).
//! `roundup check` exits 1 only on errors.
//!
//! Temporary redirects (302, 303, 307) are not reported at all: they are how paywalls,
//! logins and A/B tests work, and the URL the editor has is the one to keep. Only the
//! leading run of permanent hops (301, 308) becomes a suggestion.

mod body;
mod context;
mod links;
mod lint;
mod page;
mod probe;
mod verify;

pub use context::{ContextError, context_for};
pub use probe::{Hop, Probe, ProbeError, ProbeOutcome};
pub use verify::verify_url;

use crate::model::canonical::CanonicalOptions;
use crate::model::{Issue, QuoteAnchor};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// Gmail clips a message whose HTML is larger than about 102 KB; counted in decimal
/// kilobytes so the warning comes a little early rather than a little late.
pub const GMAIL_CLIP_BYTES: usize = 102_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// What is wrong. The JSON names (snake_case) are stable: scripts match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// The entry's URL is not an http(s) URL.
    InvalidUrl,
    /// 404.
    NotFound,
    /// 410.
    Gone,
    /// 5xx.
    ServerError,
    /// Any other final status that is not a success (401, 403, 429…): often a bot wall.
    HttpError,
    DnsFailure,
    ConnectionRefused,
    Timeout,
    /// Any other transport failure (TLS, reset connection…).
    FetchFailed,
    /// A redirect loop, more than the allowed hops, or a Location that is not a URL.
    BadRedirect,
    /// A 200 whose title or first heading says "not found".
    #[serde(rename = "soft_404")]
    Soft404,
    /// 301/308 hops: the suggestion is where they lead.
    PermanentRedirect,
    TrackingParams,
    MissingTitle,
    TitleIsUrl,
    /// No commentary and no quote (an entry that is only a quote is fine).
    EmptyEntry,
    MissingCredit,
    /// The sponsor block has no link.
    SponsorWithoutLink,
    /// The issue's title still holds `{number}`-style or TODO/TBD text.
    TitlePlaceholder,
    DuplicateInIssue,
    FeaturedBefore,
    DisclosureRemoved,
    /// A quote with no anchor whose words are not on the page.
    QuoteNotFound,
    /// An anchored quote whose words changed on the page: its context is still there, or a
    /// passage is a close match.
    QuoteChanged,
    /// An anchored quote whose passage is no longer on the page at all.
    QuoteGone,
    HtmlTooLarge,
    /// The checker itself could not run (no HTTP client).
    CheckFailed,
}

/// Which entry a problem is about: its place in the issue, its id and its URL.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntryRef {
    pub section: usize,
    pub entry: usize,
    pub entry_id: i64,
    pub url: String,
}

impl EntryRef {
    /// The entry at `section`/`entry` (indices into the issue's sections and their entries).
    pub fn new(section: usize, entry: usize, e: &crate::model::Entry) -> EntryRef {
        EntryRef {
            section,
            entry,
            entry_id: e.id,
            url: e.url.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `None` for the issue as a whole (the HTML size, the sponsor link).
    pub entry: Option<EntryRef>,
    pub severity: Severity,
    pub kind: ProblemKind,
    pub message: String,
    pub suggestion: Option<String>,
}

impl Problem {
    pub(crate) fn new(
        entry: Option<EntryRef>,
        kind: ProblemKind,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            entry,
            severity: kind.severity(),
            kind,
            message: message.into(),
            suggestion: None,
        }
    }

    fn suggest(mut self, s: impl Into<String>) -> Problem {
        self.suggestion = Some(s.into());
        self
    }
}

impl ProblemKind {
    /// Problems whose suggestion is a URL that can replace the entry's link.
    pub fn suggests_url(self) -> bool {
        matches!(
            self,
            ProblemKind::PermanentRedirect | ProblemKind::TrackingParams
        )
    }

    /// Errors are what must not go out: a dead link (404, 410, 5xx, refused, DNS, a
    /// redirect that goes nowhere), an invalid URL, an empty entry, a sponsor without a link,
    /// a title left at a placeholder (the issue's, or an entry's missing or raw-URL title).
    /// Warnings are what the editor may have chosen or cannot fix: slow or timed-out links,
    /// bot walls, a quote not found on the page, credits, tracking parameters, duplicates,
    /// the size of the email, a check that could not run.
    pub fn severity(self) -> Severity {
        use ProblemKind::*;
        match self {
            HttpError | PermanentRedirect | TrackingParams | MissingCredit | FeaturedBefore
            | DisclosureRemoved | QuoteNotFound | QuoteChanged | QuoteGone | Timeout
            | FetchFailed | Soft404 | DuplicateInIssue | HtmlTooLarge | CheckFailed => {
                Severity::Warning
            }
            InvalidUrl | NotFound | Gone | ServerError | DnsFailure | ConnectionRefused
            | BadRedirect | MissingTitle | TitleIsUrl | EmptyEntry | SponsorWithoutLink
            | TitlePlaceholder => Severity::Error,
        }
    }
}

/// What the checker cannot know from the issue alone; the caller fills it from the store,
/// the disclosure rules and the HTML exporter.
#[derive(Debug, Clone, Default)]
pub struct CheckContext {
    /// Canonical URL (under `CheckOptions::canonical`) → numbers of the published issues
    /// that featured it, the issue being checked excluded.
    pub featured: HashMap<String, Vec<i64>>,
    /// (section index, entry index) → the disclosure notes the rules expect on that entry.
    pub expected_disclosures: BTreeMap<(usize, usize), Vec<String>>,
    /// Size in bytes of the issue exported as HTML.
    pub html_size: Option<usize>,
    /// Entry id → where its quotes were taken from (`Store::anchors_of`): those quotes are
    /// reported as changed or gone rather than not found.
    pub anchors: HashMap<i64, Vec<QuoteAnchor>>,
}

impl CheckContext {
    /// Builds `featured` from the store's links (their `featured_in`), leaving out the
    /// issue being checked. Keys are the store's canonical URLs, so `CheckOptions::canonical`
    /// should follow the store's settings (see `CheckOptions::for_store`).
    pub fn featured_from_store(
        store: &crate::store::Store,
        issue: &Issue,
    ) -> crate::store::Result<HashMap<String, Vec<i64>>> {
        let mut featured = HashMap::new();
        for entry in issue.sections.iter().flat_map(|s| &s.entries) {
            // An invalid URL is reported by the check itself; it cannot be in the archive.
            let Ok(Some(link)) = store.find_by_url(&entry.url) else {
                continue;
            };
            let numbers: Vec<i64> = link
                .featured_in
                .iter()
                .copied()
                .filter(|n| *n != issue.number)
                .collect();
            if !numbers.is_empty() {
                featured.insert(link.canonical_url, numbers);
            }
        }
        Ok(featured)
    }
}

#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Fetch the links at all (off: only the lints on what the editor wrote).
    pub network: bool,
    pub connect_timeout: Duration,
    /// For one link, all of it: HEAD, GET, every redirect and the body.
    pub timeout: Duration,
    pub user_agent: String,
    /// Links fetched at once (worker threads).
    pub concurrency: usize,
    pub max_redirects: usize,
    /// The most of a page read for the soft-404 and quote checks.
    pub max_body_bytes: usize,
    pub canonical: CanonicalOptions,
    pub html_limit: usize,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            network: true,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(10),
            user_agent: format!(
                "roundup/{} (newsletter link check)",
                env!("CARGO_PKG_VERSION")
            ),
            concurrency: 16,
            max_redirects: 10,
            max_body_bytes: 512 * 1024,
            canonical: CanonicalOptions::default(),
            html_limit: GMAIL_CLIP_BYTES,
        }
    }
}

impl CheckOptions {
    /// The defaults, with the store's canonical-URL settings and fetch concurrency.
    pub fn for_store(store: &crate::store::Store) -> crate::store::Result<CheckOptions> {
        let settings = store.settings()?;
        Ok(CheckOptions {
            canonical: CanonicalOptions {
                upgrade_http: settings.upgrade_http,
            },
            concurrency: settings.fetch_concurrency.max(1),
            timeout: Duration::from_secs(settings.check_timeout_secs.max(1)),
            ..CheckOptions::default()
        })
    }
}

/// Checks an issue. Problems come ordered: the issue-level ones first, then entry by entry
/// in the issue's order, lints before link problems.
pub fn check_issue(issue: &Issue, ctx: &CheckContext, opts: &CheckOptions) -> Vec<Problem> {
    let mut problems = lint::lint_issue(issue, ctx, opts);
    if opts.network {
        problems.extend(links::probe_issue(issue, ctx, opts));
    }
    // Stable: within one entry the generation order (lints, then the link) is kept.
    problems.sort_by(|a, b| {
        a.entry
            .as_ref()
            .map(|e| (e.section, e.entry))
            .cmp(&b.entry.as_ref().map(|e| (e.section, e.entry)))
    });
    problems
}
