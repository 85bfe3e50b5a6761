//! The `<body>` of an exported HTML document: what goes where the document is embedded in
//! another one (a Ghost post, a campaign in a tool's template, a page of the web archive).

/// The inner HTML of `<body>` (the whole input when it is already a fragment).
pub fn body_fragment(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let Ok(body) = scraper::Selector::parse("body") else {
        return html.to_string();
    };
    match doc.select(&body).next() {
        Some(b) => b.inner_html().trim().to_string(),
        None => html.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_is_the_body_only() {
        let f = body_fragment(
            "<!DOCTYPE html><html><head><title>T</title></head><body>\n<div><p>Hi &amp; bye</p></div>\n</body></html>",
        );
        assert_eq!(f, "<div><p>Hi &amp; bye</p></div>");
    }
}
