//! The reader's document: an article's Markdown as blocks of plain text kept in one string,
//! so a selection, a search match, a located highlight and a quote anchor are all byte ranges
//! of the same text; and the boundaries a selection moves by (words, sentences, lines,
//! paragraphs). `layout.rs` lays it out in lines for a width.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Para,
    Heading(u8),
    /// A list item's text; `first` carries the marker, later paragraphs of the item do not.
    Item {
        depth: u8,
        first: bool,
    },
    Quote,
    Code,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    pub range: Range<usize>,
    /// "• " or "3. " for a list item's first paragraph.
    pub marker: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inline {
    Strong,
    Emphasis,
    Code,
    Link,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// The blocks' text, a blank line between blocks: what anchors and searches read.
    pub text: String,
    pub blocks: Vec<Block>,
    pub inline: Vec<(Range<usize>, Inline)>,
    /// `text` ASCII-lowercased: the same byte offsets, for case-insensitive search.
    lower: String,
}

/// What a selection grows or shrinks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Word,
    Sentence,
    Line,
    Paragraph,
}

struct Builder {
    doc: Doc,
    open: Option<(Kind, usize, String)>,
    quote: usize,
    heading: Option<u8>,
    code: bool,
    /// Per open list: the next number (`None`: bullets).
    lists: Vec<Option<u64>>,
    /// The marker the next text of an item starts with.
    marker: Option<String>,
    images: usize,
    styles: Vec<(usize, Inline)>,
}

impl Builder {
    fn kind(&mut self) -> (Kind, String) {
        if let Some(level) = self.heading {
            return (Kind::Heading(level), String::new());
        }
        if self.code {
            return (Kind::Code, String::new());
        }
        if self.quote > 0 {
            return (Kind::Quote, String::new());
        }
        if !self.lists.is_empty() {
            let depth = u8::try_from(self.lists.len()).unwrap_or(u8::MAX);
            return match self.marker.take() {
                Some(m) => (Kind::Item { depth, first: true }, m),
                None => (
                    Kind::Item {
                        depth,
                        first: false,
                    },
                    String::new(),
                ),
            };
        }
        (Kind::Para, String::new())
    }

    fn ensure(&mut self) {
        if self.open.is_none() {
            if !self.doc.text.is_empty() {
                self.doc.text.push_str("\n\n");
            }
            let (kind, marker) = self.kind();
            self.open = Some((kind, self.doc.text.len(), marker));
        }
    }

    fn push(&mut self, s: &str) {
        if self.images > 0 {
            return;
        }
        self.ensure();
        self.doc.text.push_str(s);
    }

    fn close(&mut self) {
        let Some((kind, start, marker)) = self.open.take() else {
            return;
        };
        let end = start + self.doc.text[start..].trim_end().len();
        self.doc.text.truncate(end);
        if end == start {
            // Nothing was written: take back the separator too.
            self.doc.text.truncate(start.saturating_sub(2));
            return;
        }
        self.doc.blocks.push(Block {
            kind,
            range: start..end,
            marker,
        });
    }

    fn style_start(&mut self, s: Inline) {
        self.ensure();
        self.styles.push((self.doc.text.len(), s));
    }

    fn style_end(&mut self) {
        if let Some((start, s)) = self.styles.pop() {
            let end = self.doc.text.len();
            if end > start {
                self.doc.inline.push((start..end, s));
            }
        }
    }
}

impl Doc {
    pub fn from_markdown(md: &str) -> Doc {
        let mut b = Builder {
            doc: Doc::default(),
            open: None,
            quote: 0,
            heading: None,
            code: false,
            lists: Vec::new(),
            marker: None,
            images: 0,
            styles: Vec::new(),
        };
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(md, options) {
            match event {
                Event::Start(Tag::Image { .. }) => b.images += 1,
                Event::End(TagEnd::Image) => b.images = b.images.saturating_sub(1),
                _ if b.images > 0 => {}
                Event::Text(t) => b.push(&t),
                Event::Code(t) => {
                    b.style_start(Inline::Code);
                    b.push(&t);
                    b.style_end();
                }
                Event::SoftBreak => b.push(" "),
                Event::HardBreak => b.push("\n"),
                Event::InlineHtml(h) if h.trim_start().to_ascii_lowercase().starts_with("<br") => {
                    b.push("\n")
                }
                Event::Html(h) => {
                    let text = dom_query::Document::fragment(h.to_string()).text();
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        b.close();
                        b.push(&text);
                        b.close();
                    }
                }
                Event::Start(Tag::Strong) => b.style_start(Inline::Strong),
                Event::Start(Tag::Emphasis) => b.style_start(Inline::Emphasis),
                Event::Start(Tag::Link { .. }) => b.style_start(Inline::Link),
                Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => b.style_end(),
                Event::Start(Tag::Heading { level, .. }) => {
                    b.close();
                    b.heading = Some(heading_level(level));
                }
                Event::End(TagEnd::Heading(_)) => {
                    b.close();
                    b.heading = None;
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    b.close();
                    b.code = true;
                }
                Event::End(TagEnd::CodeBlock) => {
                    b.close();
                    b.code = false;
                }
                Event::Start(Tag::BlockQuote(_)) => {
                    b.close();
                    b.quote += 1;
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    b.close();
                    b.quote = b.quote.saturating_sub(1);
                }
                Event::Start(Tag::List(start)) => {
                    b.close();
                    b.lists.push(start);
                }
                Event::End(TagEnd::List(_)) => {
                    b.close();
                    b.lists.pop();
                }
                Event::Start(Tag::Item) => {
                    b.close();
                    let marker = match b.lists.last_mut() {
                        Some(Some(n)) => {
                            *n += 1;
                            format!("{}. ", *n - 1)
                        }
                        _ => "• ".to_string(),
                    };
                    b.marker = Some(marker);
                }
                Event::End(TagEnd::TableCell) => b.push(" | "),
                Event::End(
                    TagEnd::Item | TagEnd::Paragraph | TagEnd::TableRow | TagEnd::TableHead,
                ) => {
                    if let Some((_, start, _)) = &b.open {
                        let start = *start;
                        let t = b.doc.text[start..].trim_end_matches([' ', '|']).len();
                        b.doc.text.truncate(start + t);
                    }
                    b.close();
                }
                _ => {}
            }
        }
        b.close();
        let mut doc = b.doc;
        doc.lower = doc.text.to_ascii_lowercase();
        doc
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Every place `query` occurs, ignoring ASCII case.
    pub fn find(&self, query: &str) -> Vec<Range<usize>> {
        let q = query.to_ascii_lowercase();
        if q.trim().is_empty() {
            return vec![];
        }
        self.lower
            .match_indices(&q)
            .map(|(i, m)| i..i + m.len())
            .collect()
    }

    /// Where a quote written elsewhere (an imported highlight) is in the text: its words in
    /// order, whatever the punctuation and case.
    pub fn locate(&self, quote: &str) -> Option<Range<usize>> {
        let want = crate::text::words(quote);
        if want.is_empty() {
            return None;
        }
        let spans = crate::text::word_spans(&self.text);
        let at = spans
            .windows(want.len())
            .position(|w| w.iter().map(|(s, _)| s).eq(want.iter()))?;
        Some(spans[at].1.start..spans[at + want.len() - 1].1.end)
    }

    pub fn ends(&self, unit: Unit, lines: &[super::layout::Line]) -> Vec<usize> {
        match unit {
            Unit::Word => {
                let mut ends = Vec::new();
                let mut in_word = false;
                for (i, c) in self.text.char_indices() {
                    if c.is_whitespace() && in_word {
                        ends.push(i);
                    }
                    in_word = !c.is_whitespace();
                }
                if in_word {
                    ends.push(self.text.len());
                }
                ends
            }
            Unit::Sentence => self.sentences().into_iter().map(|r| r.end).collect(),
            Unit::Line => lines
                .iter()
                .filter(|l| l.block.is_some())
                .map(|l| l.range.end)
                .collect(),
            Unit::Paragraph => self.blocks.iter().map(|b| b.range.end).collect(),
        }
    }

    /// Every sentence (UAX #29 sentence bounds within each block), surrounding space trimmed.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for b in &self.blocks {
            let text = &self.text[b.range.clone()];
            for (off, s) in text.split_sentence_bound_indices() {
                let lead = s.len() - s.trim_start().len();
                let end = s.trim_end().len();
                if end > lead {
                    out.push(b.range.start + off + lead..b.range.start + off + end);
                }
            }
        }
        out
    }

    /// `range` widened to whole words (a search match inside a word takes the word).
    pub fn whole_words(&self, range: Range<usize>) -> Range<usize> {
        let t = &self.text;
        let start = t[..range.start.min(t.len())]
            .char_indices()
            .rev()
            .take_while(|(_, c)| !c.is_whitespace())
            .last()
            .map_or(range.start, |(i, _)| i);
        let end = range.end.min(t.len());
        let end = end
            + t[end..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .map(char::len_utf8)
                .sum::<usize>();
        start..end
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
#[path = "doc_tests.rs"]
mod tests;
