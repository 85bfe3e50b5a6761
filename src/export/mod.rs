//! Exporters: Markdown, email HTML, plain text (templates in `assets/templates/`, each
//! overridable by a file of the same name in the config directory) and the JSON issue file.

pub mod fragment;
pub mod html;
pub mod markdown;
mod quote_links;
pub mod text;
pub mod view;

pub use quote_links::QuoteLinks;

use crate::compose::issue_file::{export_issue_file, issue_file_json};
use crate::config::Config;
use crate::model::Issue;
use minijinja::Environment;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Serde, Value};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Text,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Self::Markdown, Self::Html, Self::Text, Self::Json];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Html => "html",
            Self::Text => "text",
            Self::Json => "json",
        }
    }

    /// The file extension, for suggested file names.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Text => "txt",
            Self::Json => "json",
        }
    }

    /// The template file; JSON has none (its shape is fixed by DESIGN.md).
    pub fn template(self) -> Option<&'static str> {
        match self {
            Self::Markdown => Some("issue.md.j2"),
            Self::Html => Some("issue.html.j2"),
            Self::Text => Some("issue.txt.j2"),
            Self::Json => None,
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| format!("unknown format '{s}' (markdown, html, text, json)"))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("cannot read template {path}: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("template {name}: {message}")]
    Template { name: String, message: String },
}

const BUILTIN: [(&str, &str); 3] = [
    (
        "issue.md.j2",
        include_str!("../../assets/templates/issue.md.j2"),
    ),
    (
        "issue.html.j2",
        include_str!("../../assets/templates/issue.html.j2"),
    ),
    (
        "issue.txt.j2",
        include_str!("../../assets/templates/issue.txt.j2"),
    ),
];

/// Holds the compiled templates: build once, render many (the TUI preview re-renders on
/// every edit).
pub struct Exporter {
    env: Environment<'static>,
    newsletter: String,
    site: crate::config::SiteConfig,
}

pub(crate) fn template_error(name: &str, e: &minijinja::Error) -> ExportError {
    let mut message = e.to_string();
    if let Some(line) = e.line() {
        message = format!("line {line}: {message}");
    }
    ExportError::Template {
        name: name.to_string(),
        message: message.lines().next().unwrap_or_default().to_string(),
    }
}

/// A template environment with roundup's syntax and escaping: each of `templates` (name,
/// built-in source) from the user's copy in the config directory (under `subdir`) when there
/// is one, else built in. The exporters and the site (`site/` templates) share it.
pub(crate) fn environment(
    config: &Config,
    templates: &[(&str, &str)],
    subdir: Option<&str>,
) -> Result<Environment<'static>, ExportError> {
    let mut env = Environment::new();
    // Block tags on their own lines leave no trace: templates stay readable.
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .map_err(|e| template_error("syntax", &e))?;
    env.set_syntax(syntax);
    env.set_formatter(formatter);
    for (name, builtin) in templates {
        let user = config
            .dir
            .as_ref()
            .map(|d| match subdir {
                Some(sub) => d.join(sub).join(name),
                None => d.join(name),
            })
            .filter(|p| p.exists());
        let source = match user {
            Some(path) => std::fs::read_to_string(&path).map_err(|cause| ExportError::Read {
                path: path.display().to_string(),
                cause,
            })?,
            None => builtin.to_string(),
        };
        env.add_template_owned(name.to_string(), source)
            .map_err(|e| template_error(name, &e))?;
    }
    Ok(env)
}

impl Exporter {
    /// The templates of `config`: the user's overrides from its directory, else built-in.
    pub fn new(config: &Config) -> Result<Exporter, ExportError> {
        Ok(Exporter {
            env: environment(config, &BUILTIN, None)?,
            newsletter: config.newsletter.name.clone(),
            site: config.site.clone(),
        })
    }

    /// The built-in templates only (tests, benches).
    pub fn builtin() -> Result<Exporter, ExportError> {
        Self::new(&Config::default())
    }

    pub fn render(&self, issue: &Issue, format: Format) -> Result<String, ExportError> {
        self.render_with(issue, format, &QuoteLinks::default())
    }

    /// `render`, with each anchored quote linked to its place on the page (HTML and
    /// Markdown; the plain text and the JSON issue file are unchanged).
    pub fn render_with(
        &self,
        issue: &Issue,
        format: Format,
        links: &QuoteLinks,
    ) -> Result<String, ExportError> {
        let none = QuoteLinks::default();
        let (flavour, links): (&dyn view::Flavour, &QuoteLinks) = match format {
            Format::Json => return Ok(issue_file_json(&export_issue_file(issue))),
            Format::Markdown => (&markdown::Markdown, links),
            Format::Html => (&html::Html, links),
            Format::Text => (&text::Text, &none),
        };
        let mut view = view::build(issue, &self.newsletter, flavour, links);
        view.web_url = self
            .site
            .issue_url(issue.number)
            .as_deref()
            .and_then(view::safe_url)
            .map(|u| flavour.url(&u));
        let name = format.template().unwrap_or_default();
        let out = self
            .env
            .get_template(name)
            .and_then(|t| t.render(Value::from(Serde(&view))))
            .map_err(|e| template_error(name, &e))?;
        // No control characters in any export (they make HTML invalid and can drive the
        // terminal the text is pasted into), whatever was stored before they were refused.
        // Removed before the Markdown safety pass, so that pass sees the text as it goes out
        // ("\0<script" must not become "<script" after it was judged).
        let out = crate::model::text::printable(&out);
        Ok(match format {
            Format::Markdown => markdown::sanitize_document(&tidy(&out)),
            _ => tidy(&out),
        })
    }
}

/// minijinja's HTML escaping also escapes `/` (as `&#x2f;`): valid but it makes every URL
/// unreadable in the source of the mail. This one escapes the five that matter.
fn formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if matches!(state.auto_escape(), minijinja::AutoEscape::Html)
        && !value.is_safe()
        && let Some(s) = value.as_str()
    {
        return out
            .write_str(&escape_html(s))
            .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string()));
    }
    minijinja::escape_formatter(out, state, value)
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Templates are easier to read with generous blank lines; the output gets at most one in a
/// row, no trailing spaces and exactly one final newline.
fn tidy(out: &str) -> String {
    let mut s = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 || s.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        s.push_str(line);
        s.push('\n');
    }
    while s.ends_with("\n\n") {
        s.pop();
    }
    s
}
