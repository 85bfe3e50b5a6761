//! The Markdown flavour: CommonMark that renders the same on GitHub and Buttondown.
//! Plain text is backslash-escaped; the editor's Markdown is kept but made harmless (raw
//! HTML is escaped so it shows as text, links other than http/https/mailto lose their URL).

use super::view::{Flavour, safe_url};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

pub struct Markdown;

/// The options every exporter parses the editor's Markdown with.
pub fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// Backslash-escapes every character that could start Markdown syntax inline.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            // `#`, `!` and `|` only matter at a line start, before `[`, or in tables: a
            // one-line text that never starts a line cannot trigger them.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // A newline would end a heading or a list item: plain texts are one line.
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// `escape` plus what only matters where the text starts a line (a heading, a list item,
/// an ordered-list number) or ends a heading (a closing `#` sequence).
pub fn escape_line(text: &str) -> String {
    let mut out = escape(text.trim());
    if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    } else {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && out[digits..].starts_with(['.', ')']) {
            out.insert(digits, '\\');
        }
    }
    if out.ends_with('#') {
        let keep = out.trim_end_matches('#').len();
        let hashes = out.len() - keep;
        out.truncate(keep);
        out.push_str(&"\\#".repeat(hashes));
    }
    out
}

/// `escape` line by line: the line breaks are kept.
fn escape_lines(text: &str) -> String {
    text.split('\n').map(escape).collect::<Vec<_>>().join("\n")
}

/// A link destination: backslash escapes for the characters that would end it.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '(' | ')' | '\\' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            ' ' => out.push_str("%20"),
            c if c.is_control() => {}
            _ => out.push(c),
        }
    }
    out
}

/// The editor's Markdown with raw HTML turned into visible text and unsafe links (and
/// images) replaced by their text. Everything else is kept byte for byte, except tabs and
/// line endings (below).
pub fn sanitize(src: &str) -> String {
    // A field is checked on its own but printed inside a container ("> " for a quote, an
    // indent in a list). A tab reads differently there (after "> " it no longer makes an
    // indented code block, so `\t<script>` became a live HTML block), and a bare CR ends a
    // line that the prefixing does not see. Normalised first, the text means the same in
    // both places (found by the proptest pass).
    let normalised = src
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\t', "    ");
    let src = normalised.as_str();
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    // The range of a link or image being dropped, while its events are read.
    let mut skipping: Option<Range<usize>> = None;
    let mut dropped_text = String::new();
    let mut depth = 0usize;
    // Block containers open around the current event, and a top-level code fence this field
    // leaves open (it would run on into the next field of the document).
    let mut containers = 0usize;
    let mut open_fence: Option<String> = None;
    let mut parser = Parser::new_ext(src, options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match &event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                containers = containers.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) if containers == 0 => {
                open_fence = unclosed_fence(&src[range.clone()]);
            }
            _ => {}
        }
        if let Some(link) = skipping.clone() {
            // Inside a dropped link or image: collect its text, wait for its end.
            match &event {
                Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth += 1,
                Event::End(TagEnd::Link | TagEnd::Image) if depth > 0 => depth -= 1,
                Event::End(TagEnd::Link | TagEnd::Image) => {
                    edits.push((link, escape(&dropped_text)));
                    dropped_text.clear();
                    skipping = None;
                }
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                    dropped_text.push_str(t)
                }
                Event::SoftBreak | Event::HardBreak => dropped_text.push(' '),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                // Escaping only `<` is not enough (found by fuzzing): an HTML block swallows
                // the rest of its line, so `<script>x</script>[a](data:…)` had its unsafe link
                // hidden from this pass, then parsed as a live link once the block was
                // escaped. Escape every inline special, keeping line breaks, so nothing in
                // the former HTML can become Markdown.
                let text = escape_lines(&src[range.clone()]);
                edits.push((range, text));
            }
            Event::Start(Tag::Link { dest_url, .. }) if safe_url(&dest_url).is_none() => {
                skipping = Some(range);
            }
            Event::Start(Tag::Image { .. }) => skipping = Some(range),
            // Trailing spaces would not survive the output's whitespace tidying: use the
            // backslash form of a hard line break.
            Event::HardBreak if src[range.clone()].starts_with(' ') => {
                edits.push((range, "\\\n".to_string()));
            }
            _ => {}
        }
    }
    // A reference definition makes no event, so an unsafe one used to survive (found by
    // fuzzing): harmless in its own text, but the export is one Markdown document, and
    // `[b][a]` in another field then linked to `[a]: javascript:…`. Turn it into text.
    for (_, def) in parser.reference_definitions().iter() {
        if safe_url(&def.dest).is_none() {
            edits.push((def.span.clone(), escape_lines(&src[def.span.clone()])));
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(src.len() + 16);
    let mut at = 0;
    for (r, text) in edits {
        if r.start < at {
            continue;
        }
        out.push_str(&src[at..r.start]);
        out.push_str(&text);
        at = r.end;
    }
    out.push_str(&src[at..]);
    if let Some(fence) = open_fence {
        // A fence this field leaves open would swallow the fields after it, and one of them
        // closing it would turn their code back into live Markdown (found by the proptest
        // pass): close it where the field ends.
        out.push('\n');
        out.push_str(&fence);
    }
    out
}

/// The whole document, once more. Each field was made safe on its own, but a construct one
/// field leaves open can change how the next one is read, and a template override may add
/// anything (found by the proptest pass). Passes repeat until nothing changes, so what a
/// CommonMark reader sees has no raw HTML and no unsafe link.
pub fn sanitize_document(doc: &str) -> String {
    let mut doc = doc.to_string();
    for _ in 0..8 {
        let mut next = sanitize(&doc);
        if !next.ends_with('\n') {
            next.push('\n');
        }
        if next == doc {
            return doc;
        }
        doc = next;
    }
    // Still changing: give up on Markdown rather than on safety.
    escape_lines(&doc)
}

/// The fence (```` ``` ```` or `~~~`, as long as the opener) when the fenced code block
/// `block` has no closing line, so it runs to the end of its field.
fn unclosed_fence(block: &str) -> Option<String> {
    let opener = block.lines().next()?.trim_start();
    let ch = opener.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = opener.chars().take_while(|c| *c == ch).count();
    let closed = block.lines().count() > 1
        && block.lines().last().is_some_and(|l| {
            let l = l.trim();
            l.chars().all(|c| c == ch) && l.chars().count() >= len
        });
    (!closed).then(|| ch.to_string().repeat(len))
}

/// Prefixes every line, blank ones included (trimmed then, so no trailing spaces).
fn prefix_lines(text: &str, prefix: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.trim().is_empty() {
                prefix.trim_end().to_string()
            } else {
                format!("{prefix}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn indent(text: &str, nested: bool) -> String {
    if nested {
        prefix_lines(text, "  ")
    } else {
        text.trim_end().to_string()
    }
}

impl Flavour for Markdown {
    fn inline(&self, text: &str) -> String {
        escape_line(text)
    }
    fn block(&self, text: &str, nested: bool) -> String {
        indent(&escape_line(text), nested)
    }
    fn credit(&self, line: &str, nested: bool) -> String {
        indent(&format!("*{}*", escape(line.trim())), nested)
    }
    fn rich(&self, markdown: &str, nested: bool) -> String {
        indent(&sanitize(markdown.trim()), nested)
    }
    fn quote(&self, markdown: &str, nested: bool) -> String {
        indent(&prefix_lines(&sanitize(markdown.trim()), "> "), nested)
    }
    fn url(&self, url: &str) -> String {
        escape_url(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_specials() {
        assert_eq!(
            escape("a [b] *c* _d_ `e` <f> \\"),
            "a \\[b\\] \\*c\\* \\_d\\_ \\`e\\` \\<f\\> \\\\"
        );
        assert_eq!(
            escape_url("https://x.com/a_(b) c"),
            "https://x.com/a_\\(b\\)%20c"
        );
    }

    #[test]
    fn line_starts_and_heading_ends_are_escaped() {
        assert_eq!(escape_line("# one"), "\\# one");
        assert_eq!(escape_line("- two"), "\\- two");
        assert_eq!(escape_line("1. three"), "1\\. three");
        assert_eq!(escape_line("2026) four"), "2026\\) four");
        assert_eq!(escape_line("issue ##"), "issue \\#\\#");
        assert_eq!(escape_line("issue #94"), "issue #94");
    }

    #[test]
    fn sanitize_keeps_markdown_and_defuses_html_and_bad_links() {
        assert_eq!(sanitize("*a* [b](https://x.com)"), "*a* [b](https://x.com)");
        assert_eq!(
            sanitize("x <script>alert(1)</script> y"),
            "x \\<script\\>alert(1)\\</script\\> y"
        );
        assert_eq!(
            sanitize("<div onclick=\"x\">\nhi\n</div>"),
            "\\<div onclick=\"x\"\\>\nhi\n\\</div\\>"
        );
        assert_eq!(
            sanitize("see [this *one*](javascript:alert(1)) now"),
            "see this one now"
        );
        assert_eq!(
            sanitize("img ![alt](https://t.co/p.gif) end"),
            "img alt end"
        );
        assert_eq!(sanitize("<javascript:alert(1)>"), "javascript:alert(1)");
        assert_eq!(sanitize("line  \nbreak"), "line\\\nbreak");
    }

    #[test]
    fn fields_mean_the_same_inside_the_document() {
        // An open fence is closed where the field ends; a closed one is left alone.
        assert_eq!(sanitize("```\n<b>\n```<i>"), "```\n<b>\n```<i>\n```");
        assert_eq!(sanitize("~~~~rust\nx"), "~~~~rust\nx\n~~~~");
        assert_eq!(sanitize("```\ncode\n```"), "```\ncode\n```");
        assert_eq!(sanitize("> ```\n> x"), "> ```\n> x");
        // Tabs and CRs are normalised so a "> " prefix cannot change what they mean.
        assert_eq!(sanitize("a\r\n\tb"), "a\n    b");
    }

    #[test]
    fn quotes_keep_the_marker_on_blank_lines() {
        assert_eq!(Markdown.quote("one\n\ntwo", false), "> one\n>\n> two");
        assert_eq!(Markdown.quote("one\n\ntwo", true), "  > one\n  >\n  > two");
    }
}
