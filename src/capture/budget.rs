//! A budget on the HTML a page may make the parser build, applied to the source before
//! html5ever sees it. html5ever's scope checks walk the stack of open elements, so deeply
//! nested markup costs time quadratic in its depth (50,000 nested divs took 10.7 s of CPU;
//! 400,000 never finished). Tags nested deeper than `MAX_DEPTH` are dropped (their text
//! stays), and the source is cut after `MAX_ELEMENTS` elements: no real page comes near
//! either, and the metadata a fetch looks for is in the head or near the top.

use std::borrow::Cow;

/// Deeper than any real page (the deepest of the fixtures is under 40).
pub const MAX_DEPTH: usize = 256;
/// More elements than any real article page has.
pub const MAX_ELEMENTS: usize = 100_000;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose content is text up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes",
];

/// `html` within the budget: borrowed unchanged when it already fits.
pub fn within_budget(html: &str) -> Cow<'_, str> {
    cut(html, MAX_DEPTH, MAX_ELEMENTS)
}

/// The budget with given limits (tests use small ones).
pub fn cut(html: &str, max_depth: usize, max_elements: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // Start of the source not yet copied to `out` (when cutting has begun).
    let mut copied = 0;
    let mut depth = 0usize;
    let mut elements = 0usize;
    let mut i = 0;
    while let Some(off) = memchr_lt(&bytes[i..]) {
        let start = i + off;
        let Some(tag) = scan_tag(html, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        let mut drop = false;
        match tag.kind {
            Kind::Start {
                ref name,
                self_closing,
            } => {
                elements += 1;
                if elements > max_elements {
                    let mut s = out.take().unwrap_or_default();
                    s.push_str(&html[copied..start]);
                    return Cow::Owned(s);
                }
                let opens = !self_closing && !VOID.contains(&name.as_str());
                if RAW.contains(&name.as_str()) {
                    i = raw_end(html, tag.end, name);
                } else if opens {
                    depth += 1;
                    drop = depth > max_depth;
                }
            }
            Kind::End { ref name } => {
                if !VOID.contains(&name.as_str()) {
                    drop = depth > max_depth;
                    depth = depth.saturating_sub(1);
                }
            }
            Kind::Other => {}
        }
        if drop {
            let s = out.get_or_insert_with(String::new);
            s.push_str(&html[copied..start]);
            copied = tag.end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

enum Kind {
    Start {
        name: String,
        self_closing: bool,
    },
    End {
        name: String,
    },
    /// A comment, doctype or processing instruction.
    Other,
}

struct Tag {
    kind: Kind,
    /// Just past the tag's `>`.
    end: usize,
}

/// The tag starting at `html[start] == '<'`, or `None` when it is text ("a < b").
fn scan_tag(html: &str, start: usize) -> Option<Tag> {
    let b = html.as_bytes();
    let rest = &html[start..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment
            .find("-->")
            .map_or(html.len(), |e| start + 4 + e + 3);
        return Some(Tag {
            kind: Kind::Other,
            end,
        });
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = rest.find('>').map_or(html.len(), |e| start + e + 1);
        return Some(Tag {
            kind: Kind::Other,
            end,
        });
    }
    let (closing, name_at) = if rest.starts_with("</") {
        (true, start + 2)
    } else {
        (false, start + 1)
    };
    let name_len = b[name_at..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .count();
    if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
        return None;
    }
    let name = html[name_at..name_at + name_len].to_ascii_lowercase();
    // The end of the tag, skipping `>` inside quoted attribute values.
    let mut quote = None;
    let mut j = name_at + name_len;
    while j < b.len() {
        match (quote, b[j]) {
            (None, b'"' | b'\'') => quote = Some(b[j]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => break,
            _ => {}
        }
        j += 1;
    }
    let end = (j + 1).min(html.len());
    let self_closing = j > 0 && j < b.len() && b[j - 1] == b'/';
    let kind = if closing {
        Kind::End { name }
    } else {
        Kind::Start { name, self_closing }
    };
    Some(Tag { kind, end })
}

/// Where the raw text of `name` (a script, a style…) that starts at `from` ends: just past
/// its end tag, or the end of the source.
fn raw_end(html: &str, from: usize, name: &str) -> usize {
    let closing = format!("</{name}");
    let hay = &html.as_bytes()[from..];
    let found = hay
        .windows(closing.len())
        .position(|w| w.eq_ignore_ascii_case(closing.as_bytes()));
    match found {
        Some(p) => {
            let at = from + p;
            html[at..].find('>').map_or(html.len(), |e| at + e + 1)
        }
        None => html.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_within_the_budget_is_borrowed_unchanged() {
        let page = "<html><head><title>a < b</title><script>if (a<b) {}</script></head>\
                    <body><div class=\"x>y\"><p>Hi<br>there</p></div><!-- <div> --></body></html>";
        assert!(matches!(within_budget(page), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_deeper_than_the_budget_are_dropped_and_their_text_kept() {
        let page = format!(
            "{}text{}<p>after</p>",
            "<div>".repeat(10),
            "</div>".repeat(10)
        );
        let cut = cut(&page, 3, 1000);
        assert_eq!(cut, "<div><div><div>text</div></div></div><p>after</p>");
    }

    #[test]
    fn the_source_is_cut_after_the_element_budget() {
        let page = "<p>1</p><p>2</p><p>3</p>";
        assert_eq!(cut(page, 10, 2), "<p>1</p><p>2</p>");
    }

    #[test]
    fn unterminated_and_odd_markup_does_not_panic() {
        for s in [
            "<",
            "<div",
            "</",
            "<!--",
            "<script>",
            "<a href='>",
            "<\u{e9}>",
            "<div/>",
        ] {
            let _ = cut(s, 1, 1);
        }
    }
}
