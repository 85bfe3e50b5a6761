//! The inbox filter's `#tag` words: `/` with `#sre #kafka` keeps the links that have every
//! one of those tags (imported folders and tags, read state); the other words go to the fuzzy
//! filter as before.

use crate::store::InboxRow;

/// The `#tag` words of a filter query: a link must have every one (ASCII case ignored). The
/// word still being typed (no space after it yet) matches tags that start with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    tags: Vec<String>,
    last_is_prefix: bool,
}

impl Tags {
    pub fn of(query: &str) -> Tags {
        let tags: Vec<String> = query
            .split_whitespace()
            .filter_map(|w| w.strip_prefix('#'))
            .filter(|t| !t.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        let last_is_prefix = !query.ends_with(char::is_whitespace)
            && query
                .split_whitespace()
                .last()
                .is_some_and(|w| w.len() > 1 && w.starts_with('#'));
        Tags {
            tags,
            last_is_prefix,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    pub fn matches(&self, row: &InboxRow) -> bool {
        let n = self.tags.len();
        self.tags.iter().enumerate().all(|(i, want)| {
            let prefix = self.last_is_prefix && i + 1 == n;
            row.tags()
                .any(|t| t == want || (prefix && t.starts_with(want.as_str())))
        })
    }
}

/// The query without its `#tag` words: what the fuzzy matcher scores.
pub(super) fn text_part(query: &str) -> String {
    if !query.contains('#') {
        return query.trim_start().to_string();
    }
    let mut out: String = query
        .split_whitespace()
        .filter(|w| !w.starts_with('#'))
        .collect::<Vec<_>>()
        .join(" ");
    // A trailing space settles the last word, as in the plain query.
    if query.ends_with(char::is_whitespace) && !out.is_empty() {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkState;

    fn row(id: i64, tags: &[&str]) -> InboxRow {
        InboxRow::new(id, "t", "", "", "https://x.example/", 0, LinkState::Inbox)
            .with_extras(None, tags)
    }

    #[test]
    fn every_tag_must_match_and_the_last_one_typed_is_a_prefix() {
        let rows = [row(1, &["SRE", "kafka"]), row(2, &["sre"]), row(3, &[])];
        let keep = |q: &str| -> Vec<i64> {
            let t = Tags::of(q);
            rows.iter().filter(|r| t.matches(r)).map(|r| r.id).collect()
        };
        assert_eq!(keep("#sre "), [1, 2]);
        assert_eq!(keep("#sre #kafka "), [1]);
        assert_eq!(keep("#sre #ka"), [1], "typing the last tag");
        assert_eq!(keep("#sr "), Vec::<i64>::new(), "a finished tag is whole");
        assert_eq!(text_part("kafka #sre lag"), "kafka lag");
        assert_eq!(text_part("kafka #sre "), "kafka ");
        assert!(Tags::of("kafka").is_empty());
    }
}
