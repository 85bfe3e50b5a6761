//! Checks on what the editor wrote, with no network: titles, blurbs, credits, tracking
//! parameters, duplicates (in the issue and against the archive), removed disclosures and
//! the size of the HTML export.

use super::{CheckContext, CheckOptions, EntryRef, Problem, ProblemKind};
use crate::model::canonical::{canonicalize, is_tracking_param, parse_http_url};
use crate::model::{Entry, Issue, SectionStyle};
use std::collections::HashMap;

pub(super) fn lint_issue(issue: &Issue, ctx: &CheckContext, opts: &CheckOptions) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(size) = ctx.html_size.filter(|s| *s > opts.html_limit) {
        problems.push(
            Problem::new(
                None,
                ProblemKind::HtmlTooLarge,
                format!(
                    "the HTML export is {} KB; Gmail clips messages over {} KB, hiding the rest \
                     of the issue and the footer",
                    size.div_ceil(1000),
                    opts.html_limit / 1000
                ),
            )
            .suggest("shorten blurbs and quotes, or move entries to next week's issue"),
        );
    }

    // canonical URL → where it first appears: (section, entry, heading)
    let mut first_seen: HashMap<String, (usize, usize)> = HashMap::new();
    for (si, section) in issue.sections.iter().enumerate() {
        for (ei, entry) in section.entries.iter().enumerate() {
            let at = EntryRef::new(si, ei, entry);
            let p = |kind, msg: String| Problem::new(Some(at.clone()), kind, msg);

            match title_problem(entry) {
                Some(TitleProblem::Missing) => {
                    problems.push(p(
                        ProblemKind::MissingTitle,
                        "the entry has no title".into(),
                    ));
                }
                Some(TitleProblem::IsUrl) => problems.push(p(
                    ProblemKind::TitleIsUrl,
                    "the title is still the raw URL".into(),
                )),
                None => {}
            }
            if section.style == SectionStyle::Articles {
                if entry.blurb.trim().is_empty() {
                    problems.push(p(ProblemKind::MissingBlurb, "no blurb".into()));
                }
                let credit = &entry.credit;
                let no_authors = credit.authors.iter().all(|a| a.trim().is_empty());
                let no_publication = credit
                    .publication
                    .as_deref()
                    .is_none_or(|s| s.trim().is_empty());
                if no_authors && no_publication {
                    problems.push(p(
                        ProblemKind::MissingCredit,
                        "no credit (neither authors nor publication)".into(),
                    ));
                }
            }

            let url = match parse_http_url(&entry.url) {
                Ok(u) => u,
                Err(e) => {
                    problems.push(p(ProblemKind::InvalidUrl, e.to_string()));
                    continue;
                }
            };
            let canonical =
                canonicalize(&entry.url, &opts.canonical).unwrap_or_else(|_| url.to_string());

            let tracking: Vec<String> = url
                .query_pairs()
                .map(|(k, _)| k.into_owned())
                .filter(|k| is_tracking_param(k))
                .collect();
            if !tracking.is_empty() {
                problems.push(
                    p(
                        ProblemKind::TrackingParams,
                        format!(
                            "tracking parameters left in the URL: {}",
                            tracking.join(", ")
                        ),
                    )
                    .suggest(canonical.clone()),
                );
            }

            match first_seen.get(&canonical) {
                Some(&(fs, fe)) => {
                    let heading = issue.sections.get(fs).map(|s| s.heading.as_str());
                    problems.push(p(
                        ProblemKind::DuplicateInIssue,
                        format!(
                            "the same link is already entry {} of {}",
                            fe + 1,
                            heading.unwrap_or("?")
                        ),
                    ));
                }
                None => {
                    first_seen.insert(canonical.clone(), (si, ei));
                }
            }

            if let Some(numbers) = ctx.featured.get(&canonical).filter(|n| !n.is_empty()) {
                let list: Vec<String> = numbers.iter().map(|n| format!("#{n}")).collect();
                problems.push(p(
                    ProblemKind::FeaturedBefore,
                    format!("featured in {}", list.join(", ")),
                ));
            }

            for note in ctx
                .expected_disclosures
                .get(&(si, ei))
                .into_iter()
                .flatten()
            {
                let key = normalise(note);
                if !entry.disclosures.iter().any(|d| normalise(d) == key) {
                    problems.push(
                        p(
                            ProblemKind::DisclosureRemoved,
                            "a disclosure rule matches this entry but its note is missing".into(),
                        )
                        .suggest(note.clone()),
                    );
                }
            }
        }
    }
    problems
}

enum TitleProblem {
    Missing,
    IsUrl,
}

fn title_problem(entry: &Entry) -> Option<TitleProblem> {
    let title = entry.title.as_deref().map(str::trim).unwrap_or("");
    if title.is_empty() {
        return Some(TitleProblem::Missing);
    }
    let one_word = !title.contains(char::is_whitespace);
    let url_like = title == entry.url.trim()
        || (one_word && (parse_http_url(title).is_ok() || title.starts_with("www.")));
    url_like.then_some(TitleProblem::IsUrl)
}

/// Disclosure notes compare without case and spacing: re-typing one is not removing it.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
