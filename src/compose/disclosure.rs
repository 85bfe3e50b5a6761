//! Disclosure rules: a domain, publication or author → a note, and the sponsor rule (an
//! entry on the sponsor's domain). They are suggestions: stored on placement, removable.

use crate::config::Config;
use crate::model::{Credit, Entry, Issue, Link, Sponsor};

/// The host of `url`, lower-cased, without a leading `www.`.
pub fn domain_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}

/// `host` is `domain` or one of its subdomains.
fn on_domain(host: &str, domain: &str) -> bool {
    let d = domain
        .trim()
        .trim_start_matches("www.")
        .to_ascii_lowercase();
    !d.is_empty() && (host == d || host.ends_with(&format!(".{d}")))
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The notes the rules suggest for an article at `url` with `credit`, in rule order,
/// without duplicates; the sponsor note comes first.
pub fn suggested_disclosures(
    url: &str,
    credit: &Credit,
    sponsor: Option<&Sponsor>,
    config: &Config,
) -> Vec<String> {
    let host = domain_of(url);
    let mut notes: Vec<String> = Vec::new();
    let mut push = |note: String| {
        if !note.trim().is_empty() && !notes.contains(&note) {
            notes.push(note);
        }
    };
    if let (Some(host), Some(sponsor)) = (&host, sponsor)
        && let Some(sponsor_domain) = sponsor.url.as_deref().and_then(domain_of)
        && on_domain(host, &sponsor_domain)
        && !config.disclosure.sponsor_note.is_empty()
    {
        push(
            config
                .disclosure
                .sponsor_note
                .replace("{sponsor}", sponsor.name.trim()),
        );
    }
    for rule in &config.disclosure.rules {
        let by_domain = matches!((&host, &rule.domain), (Some(h), Some(d)) if on_domain(h, d));
        let by_publication = matches!(
            (&credit.publication, &rule.publication),
            (Some(p), Some(r)) if same_name(p, r)
        );
        let by_author = rule
            .author
            .as_deref()
            .is_some_and(|r| credit.authors.iter().any(|a| same_name(a, r)));
        if by_domain || by_publication || by_author {
            push(rule.note.clone());
        }
    }
    notes
}

/// Suggestions for an entry of `issue` (its current credit).
pub fn suggested_for_entry(entry: &Entry, issue: &Issue, config: &Config) -> Vec<String> {
    suggested_disclosures(&entry.url, &entry.credit, issue.sponsor.as_ref(), config)
}

/// Suggestions for a link about to be placed in `issue` (its fetched credit).
pub fn suggested_for_link(link: &Link, issue: &Issue, config: &Config) -> Vec<String> {
    let credit = Credit {
        authors: link.authors.clone(),
        publication: link.publication.clone(),
        via: link.via.clone(),
    };
    suggested_disclosures(&link.url, &credit, issue.sponsor.as_ref(), config)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::DisclosureRule;

    fn config() -> Config {
        let mut c = Config::builtin().unwrap();
        c.disclosure.rules = vec![
            DisclosureRule {
                publication: Some("Honeycomb".into()),
                note: "Full disclosure: Honeycomb is my employer.".into(),
                ..Default::default()
            },
            DisclosureRule {
                domain: Some("heroku.com".into()),
                note: "Full disclosure: Heroku is my employer.".into(),
                ..Default::default()
            },
            DisclosureRule {
                author: Some("Lex Neva".into()),
                note: "Full disclosure: I wrote this.".into(),
                ..Default::default()
            },
        ];
        c
    }

    fn credit(authors: &[&str], publication: Option<&str>) -> Credit {
        Credit {
            authors: authors.iter().map(|s| s.to_string()).collect(),
            publication: publication.map(str::to_string),
            via: None,
        }
    }

    #[test]
    fn rules_match_domain_publication_and_author() {
        let c = config();
        let none = credit(&[], None);
        assert_eq!(
            suggested_disclosures("https://status.heroku.com/incidents/1", &none, None, &c),
            vec!["Full disclosure: Heroku is my employer."]
        );
        assert!(suggested_disclosures("https://notheroku.com/", &none, None, &c).is_empty());
        assert_eq!(
            suggested_disclosures("https://x.io/", &credit(&[], Some("honeycomb")), None, &c),
            vec!["Full disclosure: Honeycomb is my employer."]
        );
        assert_eq!(
            suggested_disclosures("https://x.io/", &credit(&["A", "lex neva"], None), None, &c),
            vec!["Full disclosure: I wrote this."]
        );
    }

    #[test]
    fn sponsor_rule_names_the_sponsor() {
        let sponsor = Sponsor {
            name: "VictorOps".into(),
            url: Some("https://victorops.com/sre".into()),
            message: None,
            link_text: None,
        };
        let notes = suggested_disclosures(
            "https://www.victorops.com/blog/rca",
            &credit(&[], None),
            Some(&sponsor),
            &config(),
        );
        assert_eq!(
            notes,
            vec![
                "This article is published by my sponsor, VictorOps, but their sponsorship \
                 did not influence its inclusion in this issue."
            ]
        );
    }
}
