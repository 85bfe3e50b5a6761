//! An entry's body: one Markdown text in which the block quotes are the pull-quotes, in any
//! order with the editor's commentary ("I have a confession…" then the commentary; a quote
//! between two paragraphs; an entry that is only a quote). Splitting it into parts is what
//! the exporters (a text part, a quote part…), the check (the quotes to find on the page) and
//! the editor (insert a quote at the cursor) share.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// One run of the body: commentary (any Markdown but a top-level block quote), or one
/// pull-quote (the block quote's own Markdown, its `>` markers removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub quote: bool,
    pub text: String,
}

/// The body's parts in order. Consecutive commentary blocks form one part; each top-level
/// block quote is a part of its own. Inside a quote, a single line break is a line break:
/// the editor is not expected to know Markdown's two-space or backslash rule, and quoted
/// verse, code-ish lines and lists of short lines must stay lines.
pub fn parts(body: &str) -> Vec<Part> {
    let body = body.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<Part> = Vec::new();
    let mut depth = 0usize;
    let mut text_from: Option<usize> = None;
    let mut text_to = 0usize;
    let push_text = |out: &mut Vec<Part>, from: Option<usize>, to: usize| {
        if let Some(from) = from {
            let t = body[from..to].trim();
            if !t.is_empty() {
                out.push(Part {
                    quote: false,
                    text: t.to_string(),
                });
            }
        }
    };
    for (event, range) in Parser::new_ext(&body, Options::ENABLE_STRIKETHROUGH).into_offset_iter() {
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                if depth == 0 {
                    push_text(&mut out, text_from.take(), text_to);
                    let inner = unquote(&body[range.clone()]);
                    if !inner.trim().is_empty() {
                        out.push(Part {
                            quote: true,
                            text: hard_breaks(inner.trim()),
                        });
                    }
                }
                depth += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                text_from.get_or_insert(range.start);
                text_to = text_to.max(range.end);
            }
            _ => {}
        }
    }
    push_text(&mut out, text_from, text_to);
    out
}

/// The pull-quotes of a body, as their own Markdown.
pub fn quotes(body: &str) -> Vec<String> {
    parts(body)
        .into_iter()
        .filter(|p| p.quote)
        .map(|p| p.text)
        .collect()
}

/// Whether the body says anything: commentary or a quote.
pub fn is_empty(body: &str) -> bool {
    body.trim().is_empty()
}

/// `text` as a block quote: every line behind `> ` (blank lines behind a bare `>`).
pub fn quote_block(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .trim_matches('\n')
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {}", l.trim_end())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The body of an entry written before bodies existed: the blurb, then each quote as a block
/// quote, blank lines between. Migration 0004 does the same in SQL for stored entries.
pub fn legacy_body(blurb: &str, quotes: &[String]) -> String {
    let mut body = blurb.trim_end_matches(['\n', ' ']).to_string();
    for q in quotes.iter().filter(|q| !q.trim().is_empty()) {
        body.push_str("\n\n> ");
        body.push_str(&q.trim_end_matches(['\n', ' ']).replace('\n', "\n> "));
    }
    body.trim_start_matches('\n').to_string()
}

/// The block quote's Markdown without its markers: on each line, up to three spaces, `>`
/// and one optional space go (a lazy continuation line has none).
fn unquote(quoted: &str) -> String {
    quoted
        .lines()
        .map(|line| {
            let t = line.trim_start_matches(' ');
            if line.len() - t.len() <= 3
                && let Some(rest) = t.strip_prefix('>')
            {
                rest.strip_prefix(' ').unwrap_or(rest)
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A backslash (CommonMark's hard break) after every line of a paragraph that another line of
/// the same paragraph follows. Lines that start a block (a list item, a heading, a fence, an
/// indented code line, a nested quote) are left alone: Markdown already breaks there.
fn hard_breaks(md: &str) -> String {
    let lines: Vec<&str> = md.lines().collect();
    let mut out = String::with_capacity(md.len() + 8);
    let mut in_fence = false;
    for (i, line) in lines.iter().enumerate() {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        if fence {
            in_fence = !in_fence;
        }
        out.push_str(line);
        let next = lines.get(i + 1);
        let joins = !in_fence
            && !fence
            && !line.trim().is_empty()
            && !line.ends_with('\\')
            && !line.ends_with("  ")
            && !starts_block(line)
            && next.is_some_and(|n| !n.trim().is_empty() && !starts_block(n));
        if joins {
            out.push('\\');
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
    out
}

fn starts_block(line: &str) -> bool {
    let indent = line.len() - line.trim_start().len();
    let t = line.trim_start();
    let ordered = {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
    };
    indent >= 4
        || t.starts_with(['#', '>', '|'])
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with("```")
        || t.starts_with("~~~")
        || ordered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(quote: bool, text: &str) -> Part {
        Part {
            quote,
            text: text.into(),
        }
    }

    #[test]
    fn quotes_and_commentary_in_any_order() {
        let body = "> I have a confession.\n\nThis jaded tale also contains…\n\n> A second\n> quote.\n\nMore commentary.";
        assert_eq!(
            parts(body),
            vec![
                p(true, "I have a confession."),
                p(false, "This jaded tale also contains…"),
                p(true, "A second\\\nquote."),
                p(false, "More commentary."),
            ]
        );
        assert_eq!(quotes(body).len(), 2);
        assert_eq!(parts("> Only a quote."), vec![p(true, "Only a quote.")]);
        assert_eq!(
            parts("One.\n\nTwo *paras*.\n\n- a list"),
            vec![p(false, "One.\n\nTwo *paras*.\n\n- a list")]
        );
        assert!(parts("  \n").is_empty());
    }

    #[test]
    fn a_quote_keeps_its_short_lines_and_paragraphs() {
        let body = "> roses are red\n> violets are blue\n>\n> […] and so on";
        assert_eq!(
            parts(body),
            vec![p(
                true,
                "roses are red\\\nviolets are blue\n\n[…] and so on"
            )]
        );
        // Lists and fences inside a quote are not given backslashes.
        assert_eq!(parts("> - one\n> - two"), vec![p(true, "- one\n- two")]);
        // CR line endings (a terminal's paste) are line endings.
        assert_eq!(
            parts("a\r\r> q1\r> q2"),
            vec![p(false, "a"), p(true, "q1\\\nq2")]
        );
    }

    #[test]
    fn legacy_entries_become_a_body() {
        let quotes = vec![
            "one\n\ntwo".to_string(),
            " ".to_string(),
            "three".to_string(),
        ];
        let body = legacy_body("Commentary.\n", &quotes);
        assert_eq!(body, "Commentary.\n\n> one\n> \n> two\n\n> three");
        assert_eq!(
            parts(&body),
            vec![
                p(false, "Commentary."),
                p(true, "one\n\ntwo"),
                p(true, "three")
            ]
        );
        assert_eq!(legacy_body("", &["q".to_string()]), "> q");
        assert_eq!(quote_block("a\n\nb\n"), "> a\n>\n> b");
    }
}
