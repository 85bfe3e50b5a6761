//! What a push sends: the issue rendered by the same exporters as `roundup export`.

use super::PushError;
use crate::export::fragment::body_fragment;
use crate::export::{Exporter, Format};
use crate::model::Issue;

#[derive(Debug, Clone)]
pub struct Draft {
    pub number: i64,
    /// The issue's title: the subject line, the post title.
    pub title: String,
    pub date: Option<String>,
    /// The HTML export, a whole document (Mailchimp takes it as is).
    pub html: String,
    /// The `<body>` of the HTML export: tools that wrap content in their own template or
    /// editor (Ghost, Buttondown, listmonk, Kit) take a fragment, not a second `<html>`.
    pub fragment: String,
    /// The plain-text export (the text/plain part).
    pub text: String,
}

impl Draft {
    pub fn render(exporter: &Exporter, issue: &Issue) -> Result<Draft, PushError> {
        let html = exporter.render(issue, Format::Html)?;
        let text = exporter.render(issue, Format::Text)?;
        Ok(Draft {
            number: issue.number,
            title: issue.title.clone(),
            date: issue.date.clone(),
            fragment: body_fragment(&html),
            html,
            text,
        })
    }
}
