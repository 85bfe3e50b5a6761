//! The little HTML pages `roundup serve` answers a browser with (minijinja, `.html` templates
//! autoescape every value), and the bookmarklet.

use crate::model::Link;
use minijinja::{Environment, context};
use std::sync::OnceLock;

const PAGE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ heading }} · roundup</title>
<style>body{font:16px/1.4 system-ui,sans-serif;margin:2em;max-width:36em}small{color:#666}</style>
</head><body>
<h1>{{ heading }}</h1>
{% if detail %}<p>{{ detail }}</p>{% endif %}
{% if url %}<p><small>{{ url }}</small></p>{% endif %}
</body></html>
"#;

const HOME: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>roundup serve</title></head><body>
<h1>roundup serve</h1>
<ul>
<li><code>POST /links</code> with <code>Authorization: Bearer TOKEN</code> and JSON
<code>{"url": "…", "title": "…", "note": "…", "via": "…", "tags": ["…"]}</code> or a form</li>
<li><code>GET /add?url=…&amp;token=…</code>: the bookmarklet (<code>roundup serve --bookmarklet</code>)</li>
<li><code>POST /webhooks/miniflux</code>: Miniflux's save webhook</li>
</ul>
<p>The token: <code>roundup setting capture_token</code>.</p>
</body></html>
"#;

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // Both are constants checked by the tests; a failure here is only a plainer page.
        let _ = env.add_template("page.html", PAGE);
        env
    })
}

fn page(heading: &str, detail: Option<&str>, url: Option<&str>) -> String {
    env()
        .get_template("page.html")
        .and_then(|t| t.render(context! { heading, detail, url }))
        .unwrap_or_else(|_| "<!doctype html><p>roundup</p>".to_string())
}

pub fn home() -> String {
    HOME.to_string()
}

pub fn message(heading: &str, detail: &str) -> String {
    page(heading, Some(detail), None)
}

pub fn added(link: &Link) -> String {
    page("Added to roundup", link.title.as_deref(), Some(&link.url))
}

/// "Already in roundup, featured in #71", or the state it is in.
pub fn existing(link: &Link) -> String {
    let heading = if link.featured_in.is_empty() {
        format!("Already in roundup ({})", link.state)
    } else {
        let nums: Vec<String> = link.featured_in.iter().map(|n| format!("#{n}")).collect();
        format!("Already in roundup, featured in {}", nums.join(", "))
    };
    page(&heading, link.title.as_deref(), Some(&link.url))
}

/// A `javascript:` URL that opens `/add` for the page being read, in a small window.
pub fn bookmarklet(base: &str, token: &str) -> String {
    format!(
        "javascript:(function(){{window.open('{base}/add?token={token}&url='+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title),'roundup','width=480,height=240');}})();"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkState;

    fn link(title: &str, featured: Vec<i64>) -> Link {
        Link {
            id: 1,
            url: "https://example.com/a?b=1&c=<2>".into(),
            canonical_url: String::new(),
            title: Some(title.into()),
            authors: vec![],
            publication: None,
            description: None,
            published: None,
            state: LinkState::Inbox,
            via: None,
            note: None,
            feed_id: None,
            added_at: String::new(),
            fetched_at: None,
            fetch_error: None,
            featured_in: featured,
        }
    }

    #[test]
    fn pages_escape_what_they_show() {
        let page = added(&link("<script>alert(1)</script> & more", vec![]));
        assert!(page.contains("Added to roundup"));
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; more"),
            "{page}"
        );
        assert!(!page.contains("<script>"));
        assert!(page.contains("c=&lt;2&gt;"), "{page}");
        let page = existing(&link("x", vec![71, 80]));
        assert!(
            page.contains("Already in roundup, featured in #71, #80"),
            "{page}"
        );
    }
}
