use super::*;

#[test]
fn splits_and_cleans_author_lists() {
    assert_eq!(
        split_authors("By Ann Lee, Bo Chen and Cy Dee"),
        ["Ann Lee", "Bo Chen", "Cy Dee"]
    );
    assert_eq!(split_authors("Shahar and Tal"), ["Shahar", "Tal"]);
    assert_eq!(split_authors("Jong, Michiel de"), ["Jong, Michiel de"]);
    assert_eq!(
        split_authors("https://example.com/me"),
        Vec::<String>::new()
    );
    assert_eq!(split_authors("@handle"), Vec::<String>::new());
}

#[test]
fn prefers_declared_metadata() {
    let html = r#"<html><head><title>Postmortem of the outage | Honeycomb</title>
        <meta property="og:site_name" content="Honeycomb">
        <meta name="description" content="What  happened.">
        <script type="application/ld+json">{"@type":"BlogPosting","headline":"Postmortem of the outage",
          "author":[{"@type":"Person","name":"Fred Hebert"},{"name":"Ann Lee"}],
          "datePublished":"2024-01-02"}</script></head><body></body></html>"#;
    let m = extract("https://www.honeycomb.io/blog/x", html);
    assert_eq!(m.title.as_deref(), Some("Postmortem of the outage"));
    assert_eq!(m.authors, ["Fred Hebert", "Ann Lee"]);
    assert_eq!(m.publication.as_deref(), Some("Honeycomb"));
    assert_eq!(m.description.as_deref(), Some("What happened."));
    assert_eq!(m.published.as_deref(), Some("2024-01-02"));
}

#[test]
fn strips_site_name_from_title_tag_and_falls_back_to_host() {
    let html = "<title>How we run SLOs in practice - Example Blog</title>";
    let m = extract("https://blog.example.com/slo", html);
    assert_eq!(m.title.as_deref(), Some("How we run SLOs in practice"));
    assert_eq!(m.publication.as_deref(), Some("blog.example.com"));
}

#[test]
fn byline_markup_is_used_when_nothing_is_declared() {
    let html = r#"<title>A post</title><body><p class="byline">By Julia Evans</p></body>"#;
    assert_eq!(extract("https://jvns.ca/a", html).authors, ["Julia Evans"]);
}

#[test]
fn dates_and_placeholders_are_not_authors() {
    let html = r#"<title>x</title><body><span class="byline">By Ann Lee | March 3, 2024</span>
        <a rel="author">admin</a></body>"#;
    assert_eq!(extract("https://a.org/x", html).authors, ["Ann Lee"]);
}

#[test]
fn svg_titles_are_not_page_titles() {
    let html = "<body><svg><title>icon</title></svg><h1>The real headline</h1></body>";
    assert_eq!(
        extract("https://a.org/x", html).title.as_deref(),
        Some("The real headline")
    );
}

#[test]
fn json_ld_with_raw_newlines_and_graphs_is_read() {
    let html = "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Site\"},
        {\"@type\":[\"NewsArticle\"],\"headline\":\"Line\nbreak\",\"author\":\"Ann Lee, Bo Chen\",
        \"publisher\":{\"name\":\"Daily Ops\"}}]}</script>";
    let m = extract("https://ops.example/x", html);
    assert_eq!(m.title.as_deref(), Some("Line break"));
    assert_eq!(m.authors, ["Ann Lee", "Bo Chen"]);
    assert_eq!(m.publication.as_deref(), Some("Daily Ops"));
}

#[test]
fn a_byline_only_the_readability_pass_recognises_is_used() {
    // No structured author, and a class our own byline selectors do not know.
    let html = format!(
        "<html><head><title>Kernel scheduling in practice</title></head><body><article>\
         <h1>Kernel scheduling in practice</h1><div class=\"postAuthorName\">By Nathan Willis</div>\
         <p>{}</p><p>{}</p></article></body></html>",
        "The scheduler decides which task runs next, and how long it may run. ".repeat(6),
        "Latency-sensitive work suffers when batch jobs hog the CPU for long slices. ".repeat(6)
    );
    let m = extract("https://lwn.example/Articles/1/", &html);
    assert_eq!(m.authors, ["Nathan Willis"]);
    let Some(crate::model::Readable::Article { markdown, .. }) = m.readable else {
        panic!("an article: {:?}", m.readable);
    };
    assert!(markdown.contains("The scheduler decides"), "{markdown}");
    assert!(
        !markdown.contains("Nathan Willis"),
        "the byline is not article text"
    );
}

#[test]
fn structured_authors_win_over_the_readability_byline() {
    let html = format!(
        "<html><head><meta name=author content=\"Ann Lee\"></head><body><article>\
         <div class=\"postAuthorName\">By Someone Else</div><p>{}</p></article></body></html>",
        "Words about retries and their storms in production systems today. ".repeat(8)
    );
    assert_eq!(extract("https://a.org/x", &html).authors, ["Ann Lee"]);
}
