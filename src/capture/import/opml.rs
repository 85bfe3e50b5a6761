//! OPML subscription lists: every `<outline xmlUrl=…>` becomes a feed subscription.

use super::{Format, ImportError, Invalid, Plan, clean};
use crate::model::NewFeed;
use crate::model::canonical::parse_http_url;

fn broken(at: String, reason: impl Into<String>) -> ImportError {
    ImportError::Broken {
        format: Format::Opml,
        at,
        reason: reason.into(),
    }
}

pub(crate) fn plan(content: &str) -> Result<Plan, ImportError> {
    let content = content.trim_start_matches('\u{feff}');
    let doc = roxmltree::Document::parse(content).map_err(|e| {
        let pos = e.pos();
        broken(
            format!("line {}, column {}", pos.row, pos.col),
            e.to_string(),
        )
    })?;
    let root = doc.root_element();
    if !root.has_tag_name("opml") {
        return Err(broken(
            "the root element".into(),
            format!("expected <opml>, found <{}>", root.tag_name().name()),
        ));
    }
    let Some(body) = root.children().find(|n| n.has_tag_name("body")) else {
        return Err(broken("<opml>".into(), "no <body> element"));
    };
    let mut plan = Plan::default();
    for (n, outline) in body
        .descendants()
        .filter(|n| n.has_tag_name("outline"))
        .enumerate()
    {
        let Some(xml_url) = outline
            .attribute("xmlUrl")
            .or_else(|| outline.attribute("xmlurl"))
        else {
            continue; // a folder
        };
        let line = doc.text_pos_at(outline.range().start).row;
        match parse_http_url(xml_url) {
            Ok(url) => plan.feeds.push(NewFeed {
                url: url.to_string(),
                title: outline
                    .attribute("title")
                    .or_else(|| outline.attribute("text"))
                    .and_then(clean),
                site_url: outline
                    .attribute("htmlUrl")
                    .and_then(|u| parse_http_url(u).ok())
                    .map(|u| u.to_string()),
            }),
            Err(e) => plan.invalid.push(Invalid {
                at: format!("line {line} (outline {})", n + 1),
                reason: e.to_string(),
            }),
        }
    }
    Ok(plan)
}
