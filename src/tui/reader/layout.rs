//! The reader's document laid out for a width: one `Line` per screen line, each a byte range
//! of the document's text, with the prefix it starts with (a heading's `##`, a quote's bar, a
//! list item's marker).

use super::doc::{Doc, Kind};
use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// One line on screen: a slice of a block (`None`: the blank line between blocks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub block: Option<usize>,
    pub range: Range<usize>,
    pub first: bool,
}

impl Doc {
    /// The lines of the document `width` columns wide (the prefixes included).
    pub fn layout(&self, width: usize) -> Vec<Line> {
        let mut out = Vec::new();
        let mut prev: Option<Kind> = None;
        for (i, block) in self.blocks.iter().enumerate() {
            let tight = matches!(
                (prev, block.kind),
                (Some(Kind::Item { .. }), Kind::Item { first: true, .. })
            );
            if prev.is_some() && !tight {
                let at = block.range.start;
                out.push(Line {
                    block: None,
                    range: at..at,
                    first: false,
                });
            }
            let room = width.saturating_sub(self.prefix(i, false).width()).max(8);
            let text = &self.text[block.range.clone()];
            for (k, r) in wrap(text, room).into_iter().enumerate() {
                out.push(Line {
                    block: Some(i),
                    range: block.range.start + r.start..block.range.start + r.end,
                    first: k == 0,
                });
            }
            prev = Some(block.kind);
        }
        out
    }

    /// What a line of block `i` starts with: a heading's `##`, a quote's bar, an item's marker
    /// or its indent, a code block's indent.
    pub fn prefix(&self, i: usize, first: bool) -> String {
        let Some(b) = self.blocks.get(i) else {
            return String::new();
        };
        match b.kind {
            Kind::Para => String::new(),
            Kind::Heading(n) if first => format!("{} ", "#".repeat(n.into())),
            Kind::Heading(n) => " ".repeat(usize::from(n) + 1),
            Kind::Quote => "▌ ".to_string(),
            Kind::Code => "    ".to_string(),
            Kind::Item { depth, .. } => {
                let indent = "  ".repeat(usize::from(depth.saturating_sub(1)));
                let marker_w = b.marker.width().max(2);
                if first && !b.marker.is_empty() {
                    format!("{indent}{:<marker_w$}", b.marker)
                } else {
                    format!("{indent}{}", " ".repeat(marker_w))
                }
            }
        }
    }
}

/// The index of the line showing byte `pos` (the last line for a position past the end).
pub fn line_of(lines: &[Line], pos: usize) -> usize {
    lines
        .iter()
        .position(|l| l.block.is_some() && l.range.end >= pos)
        .unwrap_or(lines.len().saturating_sub(1))
}

/// Greedy word wrap by display width, on byte ranges of `text`: hard line breaks kept, a word
/// longer than the line cut, spaces at a break left out of both lines.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        let base = line_start;
        line_start += line.len() + 1;
        let mut start = 0;
        let mut w = 0;
        let mut brk: Option<usize> = None;
        for (i, c) in line.char_indices() {
            let cw = c.width().unwrap_or(0);
            if c == ' ' {
                brk = Some(i + 1);
                w += cw;
                continue;
            }
            if w + cw > width && i > start {
                let cut = brk.filter(|b| *b > start).unwrap_or(i);
                let end = start + line[start..cut].trim_end().len();
                out.push(base + start..base + end);
                start = cut;
                w = line[start..i].width();
                brk = None;
            }
            w += cw;
        }
        let end = start + line[start..].trim_end().len();
        out.push(base + start..base + end.max(start));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MD: &str = "# Title\n\nFirst sentence here. Second one follows!\n\n\
                      > A quoted *passage*.\n\n- one\n- two\n\n```\nlet x = 1;\n```";

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        let t = "alpha beta gamma delta";
        let lines: Vec<&str> = wrap(t, 11).into_iter().map(|r| &t[r]).collect();
        assert_eq!(lines, ["alpha beta", "gamma delta"]);
        let t = "abcdefghij";
        let lines: Vec<&str> = wrap(t, 4).into_iter().map(|r| &t[r]).collect();
        assert_eq!(lines, ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn layout_puts_blank_lines_between_blocks_but_not_list_items() {
        let d = Doc::from_markdown(MD);
        let lines = d.layout(40);
        let blanks = lines.iter().filter(|l| l.block.is_none()).count();
        assert_eq!(blanks, 4);
        assert_eq!(d.prefix(0, true), "# ");
        assert_eq!(d.prefix(3, true), "• ");
    }
}
