//! The HTML flavour for email: the editor's Markdown through pulldown-cmark with raw HTML
//! turned into text and only http/https/mailto links kept, then inline styles added (mail
//! clients drop `<style>` blocks). Plain texts are left to the template's autoescaping.

use super::markdown::options;
use super::view::{Flavour, safe_url};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub struct Html;

/// The inline styles of the tags pulldown-cmark writes. Raw HTML never reaches the output
/// (it becomes escaped text), so these literal tags can only be pulldown-cmark's own.
const STYLES: &[(&str, &str)] = &[
    ("<p>", "<p style=\"margin:0 0 12px 0;\">"),
    (
        "<blockquote>",
        "<blockquote style=\"margin:0 0 12px 0;padding:0 0 0 12px;border-left:3px solid #cccccc;color:#444444;\">",
    ),
    ("<a href=", "<a style=\"color:#1a5fb4;\" href="),
    (
        "<code>",
        "<code style=\"font-family:Menlo,Consolas,monospace;font-size:14px;\">",
    ),
    (
        "<ul>",
        "<ul style=\"margin:0 0 12px 0;padding-left:24px;\">",
    ),
    (
        "<ol>",
        "<ol style=\"margin:0 0 12px 0;padding-left:24px;\">",
    ),
];

/// Markdown to sanitised, inline-styled HTML.
pub fn render(markdown: &str) -> String {
    // One flag per open link: whether its start was dropped, so its end is dropped too.
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let safe = safe_url(&dest_url);
            links.push(safe.is_some());
            safe.map(|url| {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: url.into(),
                    title,
                    id,
                })
            })
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(event),
        // Images would load from a third party when the mail is opened: keep the alt text.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { .. }) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::Heading(_)) => Some(Event::End(TagEnd::Paragraph)),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2 + 32);
    pulldown_cmark::html::push_html(&mut out, events);
    style(&out)
}

fn style(html: &str) -> String {
    let mut out = html.trim_end().to_string();
    for (tag, styled) in STYLES {
        if out.contains(tag) {
            out = out.replace(tag, styled);
        }
    }
    out
}

impl Flavour for Html {
    fn inline(&self, text: &str) -> String {
        text.trim().to_string()
    }
    fn block(&self, text: &str, _nested: bool) -> String {
        text.trim().to_string()
    }
    fn credit(&self, line: &str, _nested: bool) -> String {
        line.trim().to_string()
    }
    fn rich(&self, markdown: &str, _nested: bool) -> String {
        render(markdown)
    }
    fn quote(&self, markdown: &str, _nested: bool) -> String {
        render(markdown)
    }
    fn url(&self, url: &str) -> String {
        url.to_string()
    }
    fn part_separator(&self) -> &'static str {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_text_and_bad_links_lose_their_href() {
        let out = render(
            "x <script>alert(\"1\")</script> [a](javascript:alert(1)) [b](https://e.com/?q=\"x\")",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains(" a "), "{out}");
        assert!(out.contains("href=\"https://e.com/?q=%22x%22\""), "{out}");
    }

    #[test]
    fn blocks_get_inline_styles() {
        let out = render("one\n\n> two");
        assert!(out.starts_with("<p style="), "{out}");
        assert!(out.contains("<blockquote style="), "{out}");
    }
}
