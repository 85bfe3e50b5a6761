//! Plain text shared by every layer (it imports nothing but `model`, so the store may use it):
//! the plain text of an article's Markdown, word counts, the normalised words quotes are
//! matched on, and quote anchors (`anchor`).

pub mod anchor;

use dom_query::Document;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Words in a plain text: runs between whitespace.
pub fn word_count(text: &str) -> u32 {
    u32::try_from(text.split_whitespace().count()).unwrap_or(u32::MAX)
}

/// Lower-cased runs of letters and digits. Everything else (whitespace, straight or curly
/// quotes, hyphens and dashes, punctuation, Markdown syntax) only separates words, so none of
/// those differences between a quote and its page can matter.
pub fn words(text: &str) -> Vec<String> {
    word_spans(text).into_iter().map(|(w, _)| w).collect()
}

/// `words`, with where each word is in `text` (byte offsets).
pub fn word_spans(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((text[s..i].to_lowercase(), s..i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((text[s..].to_lowercase(), s..text.len()));
    }
    out
}

/// The plain text of the readable Markdown, as `roundup read --format text` prints it and as
/// search indexes it: paragraphs and headings separated by a blank line, list items on their
/// own lines ("- "), link text without its address, images left out (their alt text is not
/// part of what the page says), table cells separated by tabs.
pub fn markdown_to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut images = 0usize;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Image { .. }) => images += 1,
            Event::End(TagEnd::Image) => images = images.saturating_sub(1),
            _ if images > 0 => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            // The port writes `<br>` inside table cells; other tags carry no text of their own.
            Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with("<br") => {
                out.push('\n')
            }
            Event::Html(h) => {
                out.push_str(Document::fragment(h.to_string()).text().trim());
                end_block(&mut out);
            }
            Event::Start(Tag::Item) => {
                end_line(&mut out);
                out.push_str("- ");
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if out.ends_with('\t') {
                    out.pop();
                }
                end_line(&mut out);
            }
            Event::End(TagEnd::Item) => end_line(&mut out),
            Event::End(TagEnd::TableCell) => out.push('\t'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Table,
            ) => end_block(&mut out),
            _ => {}
        }
    }
    let mut text = String::with_capacity(out.len());
    for (i, para) in out
        .split("\n\n")
        .map(|p| p.trim_matches([' ', '\t', '\n']))
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if i > 0 {
            text.push_str("\n\n");
        }
        text.push_str(para);
    }
    text
}

fn end_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn end_block(out: &mut String) {
    end_line(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_text() {
        let md = "# Title\n\nA [link](https://x.com/a) and *emphasis*.\n\n\
                  ![a chart](https://x.com/c.png)\n\n- one\n- two\n\n> quoted\n\n\
                  | a | b |\n| - | - |\n| c<br>d | e |";
        assert_eq!(
            markdown_to_text(md),
            "Title\n\nA link and emphasis.\n\n- one\n- two\n\nquoted\n\na\tb\nc\nd\te"
        );
    }

    #[test]
    fn words_are_normalised_with_their_places() {
        assert_eq!(
            words("It’s the “people”—not"),
            ["it", "s", "the", "people", "not"]
        );
        assert_eq!(word_spans("a  Bc")[1], ("bc".to_string(), 3..5));
        assert_eq!(word_count("one two\n\nthree"), 3);
    }
}
