//! Quotes that keep their anchor: building a W3C TextQuoteSelector-style `QuoteAnchor` from a
//! passage of an article's plain text, finding it again in a page's text (found, changed or
//! gone), and the `#:~:text=` link to its place (WICG Text Fragments).
//!
//! Matching is on normalised words (`text::words`), so markup, quotes, dashes, case and
//! whitespace never matter; only the words do.

use super::{word_spans, words};
use crate::model::QuoteAnchor;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::HashMap;
use std::ops::Range;

/// Words of context kept on each side of a quote: enough to tell two occurrences of a short
/// phrase apart and to recognise the quote's place after its words were edited.
pub const CONTEXT_WORDS: usize = 5;

/// A context side counts for "changed" only with at least this many words: one word ("the")
/// is found everywhere.
const MIN_CONTEXT: usize = 2;

/// Share of a quote's words a passage of the page must have for a close (fuzzy) match.
const CLOSE_MATCH: f64 = 0.8;

/// Quotes shorter than this are only ever found exactly or by their context: a fuzzy match
/// of three words means nothing.
const MIN_FUZZY_WORDS: usize = 4;

/// Words of the quote used as `textStart` and `textEnd` when a fragment names a range.
const FRAGMENT_WORDS: usize = 4;

/// Where the check found an anchored quote on the live page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStatus {
    /// The quote's words are on the page.
    Found,
    /// Not word for word, but its context is there around other words, or a passage of the
    /// page is a close match: the page was edited.
    Changed,
    /// Neither the words nor their context: the passage is no longer on the page.
    Gone,
}

/// The anchor of `text[range]` (byte offsets, snapped to character boundaries): the passage
/// with whitespace collapsed (paragraph breaks kept as "\n\n") and `CONTEXT_WORDS` words on
/// each side. `None` when the passage has no words.
pub fn anchor_passage(text: &str, range: Range<usize>) -> Option<QuoteAnchor> {
    let start = floor_boundary(text, range.start.min(text.len()));
    let end = ceil_boundary(text, range.end.clamp(start, text.len()));
    let exact = collapse(&text[start..end]);
    if words(&exact).is_empty() {
        return None;
    }
    Some(QuoteAnchor {
        exact,
        prefix: context_before(&text[..start]),
        suffix: context_after(&text[end..]),
    })
}

/// The anchor of a quote already written (Markdown allowed: only its words count) when its
/// words appear in `text` in order; `None` otherwise. The passage takes in the punctuation
/// attached to its first and last words ("“It was", "deploy.").
pub fn anchor_quote(text: &str, quote: &str) -> Option<QuoteAnchor> {
    let want = words(quote);
    if want.is_empty() {
        return None;
    }
    let spans = word_spans(text);
    let at = spans
        .windows(want.len())
        .position(|w| w.iter().map(|(s, _)| s).eq(want.iter()))?;
    let mut start = spans[at].1.start;
    let mut end = spans[at + want.len() - 1].1.end;
    start -= text[..start]
        .chars()
        .rev()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    end += text[end..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .map(char::len_utf8)
        .sum::<usize>();
    anchor_passage(text, start..end)
}

/// Whether `quote` (Markdown, as written in the entry) is the quote `anchor` was taken for:
/// the same words, whatever the markup.
pub fn is_quote_of(anchor: &QuoteAnchor, quote: &str) -> bool {
    let w = words(quote);
    !w.is_empty() && w == words(&anchor.exact)
}

/// Finds the anchored quote in a page's words (`text::words` of its visible text).
pub fn locate(anchor: &QuoteAnchor, page: &[String]) -> QuoteStatus {
    let exact = words(&anchor.exact);
    if exact.is_empty() || contains(page, &exact) {
        return QuoteStatus::Found;
    }
    let prefix = last_n(words(&anchor.prefix), CONTEXT_WORDS);
    let suffix = first_n(words(&anchor.suffix), CONTEXT_WORDS);
    if context_still_there(page, &prefix, &suffix, &exact) || close_match(page, &exact) {
        QuoteStatus::Changed
    } else {
        QuoteStatus::Gone
    }
}

/// The prefix and the suffix both found, with about the quote's length between them; or,
/// when the quote starts or ends the text so only one side is known, that side found with
/// half the quote's words beside it.
fn context_still_there(
    page: &[String],
    prefix: &[String],
    suffix: &[String],
    exact: &[String],
) -> bool {
    let slack = exact.len() * 2 + 10;
    let (has_prefix, has_suffix) = (prefix.len() >= MIN_CONTEXT, suffix.len() >= MIN_CONTEXT);
    if has_prefix && has_suffix {
        return positions(page, prefix).any(|p| {
            let from = p + prefix.len();
            let to = (from + slack + suffix.len()).min(page.len());
            contains(&page[from..to], suffix)
        });
    }
    let near = |range: Range<usize>| overlap(&page[range], exact) * 2 >= exact.len();
    if has_prefix {
        return positions(page, prefix).any(|p| {
            let from = p + prefix.len();
            near(from..(from + exact.len()).min(page.len()))
        });
    }
    if has_suffix {
        return positions(page, suffix).any(|s| near(s.saturating_sub(exact.len())..s));
    }
    false
}

/// A window of the page (a little longer than the quote, for inserted words) holding at least
/// `CLOSE_MATCH` of the quote's words. One pass: the window's counts are updated as it slides.
fn close_match(page: &[String], exact: &[String]) -> bool {
    if exact.len() < MIN_FUZZY_WORDS || page.is_empty() {
        return false;
    }
    let need = (exact.len() as f64 * CLOSE_MATCH).ceil() as usize;
    let width = (exact.len() + exact.len() / 5).min(page.len());
    let mut wanted: HashMap<&str, usize> = HashMap::new();
    for w in exact {
        *wanted.entry(w).or_default() += 1;
    }
    let mut held: HashMap<&str, usize> = HashMap::new();
    let mut shared = 0usize;
    for (i, w) in page.iter().enumerate() {
        let h = held.entry(w).or_default();
        if *h < wanted.get(w.as_str()).copied().unwrap_or(0) {
            shared += 1;
        }
        *h += 1;
        if i >= width {
            let out = page[i - width].as_str();
            if let Some(h) = held.get_mut(out) {
                *h -= 1;
                if *h < wanted.get(out).copied().unwrap_or(0) {
                    shared -= 1;
                }
            }
        }
        if shared >= need {
            return true;
        }
    }
    false
}

/// How many of `want`'s words `have` holds (as multisets).
fn overlap(have: &[String], want: &[String]) -> usize {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for w in have {
        *counts.entry(w).or_default() += 1;
    }
    want.iter()
        .filter(|w| {
            counts.get_mut(w.as_str()).is_some_and(|c| {
                let had = *c > 0;
                *c = c.saturating_sub(1);
                had
            })
        })
        .count()
}

fn positions<'a>(page: &'a [String], part: &'a [String]) -> impl Iterator<Item = usize> + 'a {
    page.windows(part.len())
        .enumerate()
        .filter(move |(_, w)| *w == part)
        .map(|(i, _)| i)
}

fn contains(page: &[String], part: &[String]) -> bool {
    part.is_empty() || page.windows(part.len()).any(|w| w == part)
}

fn last_n(mut v: Vec<String>, n: usize) -> Vec<String> {
    let cut = v.len().saturating_sub(n);
    v.drain(..cut);
    v
}

fn first_n(mut v: Vec<String>, n: usize) -> Vec<String> {
    v.truncate(n);
    v
}

/// `url` with a text directive pointing at the quote: `#:~:text=[prefix-,]start[,end][,-suffix]`.
/// A long quote is named by its first and last words (a range), so the link stays short and
/// still matches a quote that spans paragraphs. The context is kept to the quote's own
/// paragraph: browsers match each term inside one block. `None` when `url` is not http(s).
pub fn quote_link(url: &str, anchor: &QuoteAnchor) -> Option<String> {
    let mut parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let paragraphs: Vec<&str> = anchor.exact.split("\n\n").collect();
    let all: Vec<&str> = anchor.exact.split_whitespace().collect();
    let mut terms = Vec::new();
    let prefix = anchor.prefix.rsplit("\n\n").next().unwrap_or("").trim();
    if !prefix.is_empty() {
        terms.push(format!("{}-", encode(prefix)));
    }
    if all.len() <= FRAGMENT_WORDS * 2 && paragraphs.len() == 1 {
        terms.push(encode(&all.join(" ")));
    } else {
        let first: Vec<&str> = paragraphs[0]
            .split_whitespace()
            .take(FRAGMENT_WORDS)
            .collect();
        let last_para: Vec<&str> = paragraphs[paragraphs.len() - 1]
            .split_whitespace()
            .collect();
        let last = &last_para[last_para.len().saturating_sub(FRAGMENT_WORDS)..];
        terms.push(encode(&first.join(" ")));
        terms.push(encode(&last.join(" ")));
    }
    let suffix = anchor.suffix.split("\n\n").next().unwrap_or("").trim();
    if !suffix.is_empty() {
        terms.push(format!("-{}", encode(suffix)));
    }
    let directive = format!(":~:text={}", terms.join(","));
    let fragment = match parsed.fragment() {
        Some(f) if !f.is_empty() => format!("{f}{directive}"),
        _ => directive,
    };
    parsed.set_fragment(Some(&fragment));
    Some(parsed.to_string())
}

/// Everything but letters, digits and `. _ ~ ! * : ; = ? @ /` is percent-encoded: the spec
/// requires it for `-`, `,` and `&`, and encoding `'`, `(` and `)` too keeps the link intact
/// inside Markdown and HTML attributes.
const TERM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'*')
    .remove(b':')
    .remove(b';')
    .remove(b'=')
    .remove(b'?')
    .remove(b'@')
    .remove(b'/');

fn encode(term: &str) -> String {
    utf8_percent_encode(term, TERM).to_string()
}

/// Whitespace collapsed to one space, except a blank line (a paragraph break), kept as "\n\n".
fn collapse(s: &str) -> String {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `before` from the start of its last `CONTEXT_WORDS` words, collapsed like `exact`.
fn context_before(before: &str) -> String {
    let spans = word_spans(before);
    let from = spans.len().saturating_sub(CONTEXT_WORDS);
    let Some((_, at)) = spans.get(from) else {
        return String::new();
    };
    let raw = &before[at.start..];
    let mut out = collapse(raw);
    // A quote that opens a paragraph keeps that fact: its context is in another block.
    if raw[raw.trim_end().len()..].contains("\n\n") {
        out.push_str("\n\n");
    }
    out
}

/// `after` up to the end of its first `CONTEXT_WORDS` words (punctuation right after the
/// quote included, as a TextQuoteSelector's suffix has it), collapsed like `exact`.
fn context_after(after: &str) -> String {
    let spans = word_spans(after);
    let Some((_, at)) = spans.get(CONTEXT_WORDS.min(spans.len()).wrapping_sub(1)) else {
        return String::new();
    };
    let raw = &after[..at.end];
    let out = collapse(raw);
    if raw[..raw.len() - raw.trim_start().len()].contains("\n\n") {
        format!("\n\n{out}")
    } else {
        out
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests;
