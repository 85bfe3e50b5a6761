//! The plain-text flavour (the email's text/plain part): wrapped at 72 columns, emphasis as
//! `_x_`/`*x*`, pull-quotes indented, and every link's URL on a line of its own (after the
//! paragraph, numbered `[1]`) so terminal mail clients can open it.

use super::markdown::options;
use super::view::{Flavour, safe_url};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub const WIDTH: usize = 72;
const QUOTE_INDENT: &str = "    ";
const NESTED_INDENT: &str = "  ";

pub struct Text;

/// Greedy word wrap; words longer than the width (URLs) get a line of their own.
/// `\n` in `text` is a hard break.
pub fn wrap(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut prefix = first;
    for hard_line in text.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in hard_line.split_whitespace() {
            let w = word.chars().count();
            if len > 0 && prefix.len() + len + 1 + w > width {
                out.push_str(prefix);
                out.push_str(&line);
                out.push('\n');
                prefix = rest;
                line.clear();
                len = 0;
            }
            if len > 0 {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += w;
        }
        out.push_str(prefix);
        out.push_str(&line);
        out.push('\n');
        prefix = rest;
    }
    out.trim_end().to_string()
}

/// Walks the Markdown events, one paragraph at a time.
struct Writer {
    width: usize,
    indent: String,
    blocks: Vec<String>,
    buf: String,
    urls: Vec<String>,
    /// Open links: their URL when kept.
    links: Vec<Option<String>>,
    list_depth: usize,
    item_start: bool,
    counter: usize,
}

impl Writer {
    fn flush(&mut self) {
        if self.buf.trim().is_empty() && self.urls.is_empty() {
            self.buf.clear();
            return;
        }
        let (first, rest) = if self.item_start {
            let pad = "  ".repeat(self.list_depth.saturating_sub(1));
            (
                format!("{}{pad}- ", self.indent),
                format!("{}{pad}  ", self.indent),
            )
        } else {
            (self.indent.clone(), self.indent.clone())
        };
        self.item_start = false;
        let mut block = wrap(self.buf.trim(), self.width, &first, &rest);
        for url in self.urls.drain(..) {
            block.push('\n');
            block.push_str(&rest);
            block.push_str(&url);
        }
        self.blocks.push(block);
        self.buf.clear();
    }
}

/// Markdown to wrapped plain text, every line starting with `indent`.
pub fn render(markdown: &str, indent: &str) -> String {
    let mut w = Writer {
        width: WIDTH,
        indent: indent.to_string(),
        blocks: Vec::new(),
        buf: String::new(),
        urls: Vec::new(),
        links: Vec::new(),
        list_depth: 0,
        item_start: false,
        counter: 0,
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                w.buf.push_str(&t)
            }
            Event::SoftBreak => w.buf.push(' '),
            Event::HardBreak => w.buf.push('\n'),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => w.buf.push('_'),
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => w.buf.push('*'),
            Event::Start(Tag::Link { dest_url, .. }) => w.links.push(safe_url(&dest_url)),
            Event::End(TagEnd::Link) => {
                if let Some(Some(url)) = w.links.pop() {
                    w.counter += 1;
                    w.buf.push_str(&format!(" [{}]", w.counter));
                    w.urls.push(format!("[{}] {url}", w.counter));
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                w.flush();
                w.indent.push_str(QUOTE_INDENT);
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                w.flush();
                let keep = w.indent.len().saturating_sub(QUOTE_INDENT.len());
                w.indent.truncate(keep);
            }
            Event::Start(Tag::List(_)) => {
                w.flush();
                w.list_depth += 1;
            }
            Event::End(TagEnd::List(_)) => {
                w.flush();
                w.list_depth = w.list_depth.saturating_sub(1);
            }
            Event::Start(Tag::Item) => {
                w.flush();
                w.item_start = true;
            }
            Event::Rule => {
                w.flush();
                w.blocks.push(format!("{}----", w.indent));
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => w.flush(),
            Event::Start(Tag::CodeBlock(_)) => w.flush(),
            _ => {}
        }
    }
    w.flush();
    w.blocks.join("\n\n")
}

impl Flavour for Text {
    fn inline(&self, text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    fn block(&self, text: &str, nested: bool) -> String {
        let indent = if nested { NESTED_INDENT } else { "" };
        wrap(text.trim(), WIDTH, indent, indent)
    }
    fn credit(&self, line: &str, nested: bool) -> String {
        self.block(line, nested)
    }
    fn rich(&self, markdown: &str, nested: bool) -> String {
        render(markdown, if nested { NESTED_INDENT } else { "" })
    }
    fn quote(&self, markdown: &str, nested: bool) -> String {
        let indent = if nested {
            format!("{NESTED_INDENT}{QUOTE_INDENT}")
        } else {
            QUOTE_INDENT.to_string()
        };
        render(markdown, &indent)
    }
    fn url(&self, url: &str) -> String {
        url.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_72_and_keeps_long_words_whole() {
        let text = "word ".repeat(40);
        for line in wrap(&text, 72, "", "").lines() {
            assert!(line.chars().count() <= 72, "{line}");
        }
        let url = format!("https://example.com/{}", "a".repeat(90));
        let out = wrap(&format!("see {url} now"), 72, "", "");
        assert_eq!(out, format!("see\n{url}\nnow"));
    }

    #[test]
    fn links_get_numbers_and_urls_on_their_own_lines() {
        let out = render(
            "A *big* [post](https://e.com/p) and [bad](javascript:x).",
            "",
        );
        assert_eq!(out, "A _big_ post [1] and bad.\n[1] https://e.com/p");
    }

    #[test]
    fn quotes_are_indented_paragraphs() {
        assert_eq!(Text.quote("one\n\ntwo", false), "    one\n\n    two");
    }
}
