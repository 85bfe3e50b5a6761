//! What the fuzz targets share beyond the oracles (those are in `../tests/fuzz_common`):
//! the `arbitrary` issue the `export` target renders, so `examples/export_json.rs` can turn
//! a corpus file into the same issue, as JSON, for `tests/fuzz_regressions.rs`.
use arbitrary::{Arbitrary, Unstructured};
use roundup::model::{Credit, Entry, Issue, IssueStatus, Section, SectionStyle, Sponsor};

/// Fragments that byte-level mutation rarely spells out: Markdown and HTML syntax, unsafe
/// schemes. A text is a sequence of these and arbitrary strings.
const TOKENS: &[&str] = &[
    "<script>",
    "</script>",
    "<SCRIPT",
    "javascript:",
    "JaVaScRiPt:",
    "data:text/html,",
    "vbscript:",
    "https://",
    "http://",
    "mailto:",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "](",
    "]: ",
    "![",
    "`",
    "```",
    "\\",
    "\n",
    "\n\n",
    "> ",
    "- ",
    "1. ",
    "# ",
    "    ",
    "<!--",
    "-->",
    "<a href=\"",
    "\"",
    "'",
    "&",
    "&#106;",
    "&lt;",
    "onerror=",
    "<img src=x ",
    "*",
    "_",
    "~",
    "|",
    "<div>",
    "</div>",
    "<https://e.com>",
    "<javascript:alert(1)>",
    "\u{0}",
    "\r",
];

#[derive(Debug, Arbitrary)]
enum Piece {
    Raw(String),
    Token(u8),
}

#[derive(Debug, Arbitrary)]
struct Text(Vec<Piece>);

impl Text {
    fn get(self) -> String {
        self.0
            .into_iter()
            .map(|p| match p {
                Piece::Raw(s) => s,
                Piece::Token(i) => TOKENS[i as usize % TOKENS.len()].to_string(),
            })
            .collect()
    }
}

/// An issue as the `export` target draws it from the fuzzer's bytes.
#[derive(Debug, Arbitrary)]
pub struct AIssue {
    number: i64,
    title: Text,
    date: Option<Text>,
    intro: Option<Text>,
    sponsor: Option<(Text, Option<Text>, Option<Text>)>,
    sections: Vec<ASection>,
}

#[derive(Debug, Arbitrary)]
struct ASection {
    heading: Text,
    list: bool,
    entries: Vec<AEntry>,
}

#[derive(Debug, Arbitrary)]
struct AEntry {
    url: Text,
    title: Option<Text>,
    blurb: Text,
    quotes: Vec<Text>,
    authors: Vec<Text>,
    publication: Option<Text>,
    via: Option<Text>,
    disclosures: Vec<Text>,
}

impl AIssue {
    /// The `roundup::model::Issue` the exporters render.
    pub fn build(self) -> Issue {
        Issue {
            id: 1,
            number: self.number,
            title: self.title.get(),
            date: self.date.map(Text::get),
            status: IssueStatus::Draft,
            intro: self.intro.map(Text::get),
            sponsor: self.sponsor.map(|(name, url, message)| Sponsor {
                name: name.get(),
                url: url.map(Text::get),
                message: message.map(Text::get),
                link_text: None,
            }),
            sections: self
                .sections
                .into_iter()
                .enumerate()
                .map(|(i, s)| Section {
                    id: i as i64 + 1,
                    issue_id: 1,
                    heading: s.heading.get(),
                    style: if s.list {
                        SectionStyle::List
                    } else {
                        SectionStyle::Articles
                    },
                    show_heading: true,
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
                            url: e.url.get(),
                            title: e.title.map(Text::get),
                            // Commentary and quotes arranged as a body, the way old issue
                            // files load (the arbitrary input shape is kept, so the committed
                            // corpus still decodes to the same texts).
                            body: roundup::model::body::legacy_body(
                                &e.blurb.get(),
                                &e.quotes.into_iter().map(Text::get).collect::<Vec<_>>(),
                            ),
                            credit: Credit {
                                authors: e.authors.into_iter().map(Text::get).collect(),
                                publication: e.publication.map(Text::get),
                                via: e.via.map(Text::get),
                            },
                            disclosures: e.disclosures.into_iter().map(Text::get).collect(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The issue the `export` target builds from `data`, decoded exactly as `fuzz_target!` does
/// (`arbitrary_take_rest`); `None` where the target returns early (too few bytes, or the
/// bytes do not decode).
pub fn issue_from_bytes(data: &[u8]) -> Option<Issue> {
    if data.len() < AIssue::size_hint(0).0 {
        return None;
    }
    AIssue::arbitrary_take_rest(Unstructured::new(data))
        .ok()
        .map(AIssue::build)
}
