//! Text from outside (a fetched page, a feed, an import, a capture request) made safe to
//! store and to print: control characters — C0 but tab and newline, DEL, C1, and so ESC and
//! every terminal escape sequence they start — are removed, and each field is capped. A page
//! title can then neither drive the editor's terminal (OSC 52 clipboard writes, window
//! titles) nor make an export's HTML invalid, nor be a megabyte long.

use super::{NewLink, PageMeta, QuoteCandidate};

/// Titles: longer is never a title.
pub const MAX_TITLE: usize = 1_000;
/// Descriptions and notes.
pub const MAX_DESCRIPTION: usize = 5_000;
/// An author's name, a publication, a date, a via, a tag.
pub const MAX_NAME: usize = 200;
/// How many authors a page may name.
pub const MAX_AUTHORS: usize = 20;
/// A highlight offered as a pull-quote.
pub const MAX_QUOTE: usize = 10_000;

/// Whether `c` is a control character roundup never keeps (tab and newline aside).
fn is_stripped(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// One line: every control character removed (a tab or newline becomes a space), at most
/// `max` characters.
pub fn clean_line(s: &str, max: usize) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' => Some(' '),
            c if is_stripped(c) => None,
            c => Some(c),
        })
        .take(max)
        .collect()
}

/// Multi-line text: control characters removed but tab and newline (a CRLF becomes a
/// newline), at most `max` characters.
pub fn clean_text(s: &str, max: usize) -> String {
    s.chars().filter(|c| !is_stripped(*c)).take(max).collect()
}

/// Whether printing `s` to a terminal is safe as is (the common case: no copy needed).
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(is_stripped)
}

/// `s` for a terminal: control characters removed, tab and newline kept.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    if is_clean(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.chars().filter(|c| !is_stripped(*c)).collect())
    }
}

fn opt_line(s: &Option<String>, max: usize) -> Option<String> {
    s.as_deref()
        .map(|s| clean_line(s, max).trim().to_string())
        .filter(|s| !s.is_empty())
}

fn names(items: &[String], max_items: usize) -> Vec<String> {
    items
        .iter()
        .map(|a| clean_line(a, MAX_NAME).trim().to_string())
        .filter(|a| !a.is_empty())
        .take(max_items)
        .collect()
}

impl PageMeta {
    /// The metadata with every field cleaned and capped (see the module).
    pub fn cleaned(self) -> PageMeta {
        PageMeta {
            title: opt_line(&self.title, MAX_TITLE),
            authors: names(&self.authors, MAX_AUTHORS),
            publication: opt_line(&self.publication, MAX_NAME),
            description: opt_line(&self.description, MAX_DESCRIPTION),
            published: opt_line(&self.published, MAX_NAME),
            final_url: self.final_url,
            readable: self.readable.map(|r| match r {
                // The article as Readability found it, control characters removed (its
                // length is the page's: already bounded by the fetch's size limit).
                super::Readable::Article {
                    markdown,
                    text,
                    words,
                } => super::Readable::Article {
                    markdown: clean_text(&markdown, usize::MAX),
                    text: clean_text(&text, usize::MAX),
                    words,
                },
                other => other,
            }),
        }
    }
}

impl NewLink {
    /// The link with every text from outside cleaned and capped. The URL is left to
    /// `canonical` (which refuses control characters and overlong URLs).
    pub fn cleaned(self) -> NewLink {
        NewLink {
            title: opt_line(&self.title, MAX_TITLE),
            authors: names(&self.authors, MAX_AUTHORS),
            publication: opt_line(&self.publication, MAX_NAME),
            description: opt_line(&self.description, MAX_DESCRIPTION),
            published: opt_line(&self.published, MAX_NAME),
            via: opt_line(&self.via, MAX_NAME),
            note: self
                .note
                .as_deref()
                .map(|n| clean_text(n, MAX_DESCRIPTION))
                .filter(|n| !n.trim().is_empty()),
            tags: names(&self.tags, usize::MAX),
            quote_candidates: self
                .quote_candidates
                .into_iter()
                .map(|q| QuoteCandidate {
                    text: clean_text(&q.text, MAX_QUOTE),
                    note: q.note.map(|n| clean_text(&n, MAX_DESCRIPTION)),
                    highlighted_at: opt_line(&q.highlighted_at, MAX_NAME),
                })
                .filter(|q| !q.text.trim().is_empty())
                .collect(),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape_and_control_bytes() {
        let osc52 = "Title\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;pwned\u{7}\u{9b}31m end";
        let clean = clean_line(osc52, MAX_TITLE);
        assert!(is_clean(&clean));
        assert!(!clean.contains('\u{1b}') && !clean.contains('\u{7}') && !clean.contains('\u{9b}'));
        assert!(clean.starts_with("Title]52;c;"));
    }

    #[test]
    fn multi_line_text_keeps_tabs_and_newlines_only() {
        assert_eq!(clean_text("a\tb\r\nc\u{0}d\u{7f}", 100), "a\tb\ncd");
        assert_eq!(clean_line("a\tb\nc", 100), "a b c");
    }

    #[test]
    fn fields_are_capped() {
        let meta = PageMeta {
            title: Some("x".repeat(50_000)),
            authors: (0..100).map(|i| format!("A{i}")).collect(),
            description: Some("\u{1b}[2J".into()),
            ..PageMeta::default()
        }
        .cleaned();
        assert_eq!(meta.title.unwrap().chars().count(), MAX_TITLE);
        assert_eq!(meta.authors.len(), MAX_AUTHORS);
        assert_eq!(meta.description.as_deref(), Some("[2J"));
    }
}
