#![no_main]
//! An arbitrary issue rendered in all four formats: no panic; HTML and Markdown are safe;
//! JSON re-parses and round-trips.
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use roundup::export::Exporter;
use roundup::model::{Credit, Entry, Issue, IssueStatus, Section, SectionStyle, Sponsor};
use std::sync::OnceLock;

#[path = "../../tests/fuzz_common/mod.rs"]
mod fuzz_common;

#[derive(Debug, Arbitrary)]
struct AIssue {
    number: i64,
    title: String,
    date: Option<String>,
    intro: Option<String>,
    sponsor: Option<(String, Option<String>, Option<String>)>,
    sections: Vec<ASection>,
}

#[derive(Debug, Arbitrary)]
struct ASection {
    heading: String,
    list: bool,
    entries: Vec<AEntry>,
}

#[derive(Debug, Arbitrary)]
struct AEntry {
    url: String,
    title: Option<String>,
    blurb: String,
    quotes: Vec<String>,
    authors: Vec<String>,
    publication: Option<String>,
    via: Option<String>,
    disclosures: Vec<String>,
}

impl AIssue {
    fn build(self) -> Issue {
        Issue {
            id: 1,
            number: self.number,
            title: self.title,
            date: self.date,
            status: IssueStatus::Draft,
            intro: self.intro,
            sponsor: self.sponsor.map(|(name, url, message)| Sponsor { name, url, message }),
            sections: self
                .sections
                .into_iter()
                .enumerate()
                .map(|(i, s)| Section {
                    id: i as i64 + 1,
                    issue_id: 1,
                    heading: s.heading,
                    style: if s.list { SectionStyle::List } else { SectionStyle::Articles },
                    position: i as i64,
                    entries: s
                        .entries
                        .into_iter()
                        .enumerate()
                        .map(|(j, e)| Entry {
                            id: j as i64 + 1,
                            section_id: i as i64 + 1,
                            link_id: j as i64 + 1,
                            position: j as i64,
                            url: e.url,
                            title: e.title,
                            blurb: e.blurb,
                            quotes: e.quotes,
                            credit: Credit {
                                authors: e.authors,
                                publication: e.publication,
                                via: e.via,
                            },
                            disclosures: e.disclosures,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fuzz_target!(|input: AIssue| {
    static EXPORTER: OnceLock<Exporter> = OnceLock::new();
    let exporter = EXPORTER.get_or_init(|| Exporter::builtin().expect("built-in templates"));
    let issue = input.build();
    if let Err(e) = fuzz_common::check_export(exporter, &issue) {
        panic!("{e}\nissue: {issue:#?}");
    }
});
