//! The config file: newsletter name, title pattern, default sections, disclosure rules.
//! Defaults are embedded from `assets/config.toml`; the user's `config.toml` in the config
//! directory is laid over them key by key (tables merge, other values replace).
//!
//! Unknown keys are ignored here on purpose: other parts of roundup (the TUI keymap) keep
//! their own tables in the same file.

mod publish;

pub use publish::{
    ButtondownConfig, GhostConfig, KitConfig, ListmonkConfig, MailchimpConfig, PushConfig, Secret,
    SiteConfig, issue_path,
};

use crate::model::SectionStyle;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.toml");
pub const CONFIG_FILE: &str = "config.toml";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {cause}")]
    Read { path: String, cause: std::io::Error },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub newsletter: Newsletter,
    pub sections: Vec<SectionTemplate>,
    pub disclosure: DisclosureConfig,
    /// `roundup push`: one table per mailing tool.
    pub push: PushConfig,
    /// `roundup site`, and the "view in browser" link of the email exports.
    pub site: SiteConfig,
    /// Where template overrides are looked up (the config directory); not read from TOML.
    #[serde(skip)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Newsletter {
    pub name: String,
    pub title_pattern: String,
    pub first_number: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionTemplate {
    pub heading: String,
    #[serde(default)]
    pub style: SectionStyle,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisclosureConfig {
    pub sponsor_note: String,
    pub rules: Vec<DisclosureRule>,
}

/// A rule matches when any of its given fields matches (domain: the host or a subdomain of
/// it; publication and author: case-insensitive equality).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisclosureRule {
    pub domain: Option<String>,
    pub publication: Option<String>,
    pub author: Option<String>,
    pub note: String,
}

impl Config {
    /// The built-in defaults alone.
    pub fn builtin() -> Result<Config, ConfigError> {
        Self::from_layers(None)
    }

    /// Defaults overlaid with `user` (the text of a user's config.toml).
    pub fn from_layers(user: Option<(&str, &str)>) -> Result<Config, ConfigError> {
        let parse = |path: &str, text: &str| {
            text.parse::<toml::Table>().map_err(|e| ConfigError::Parse {
                path: path.to_string(),
                message: one_line(&e.to_string()),
            })
        };
        let mut table = parse("built-in config.toml", DEFAULT_CONFIG)?;
        let mut path = "built-in config.toml";
        if let Some((p, text)) = user {
            overlay(&mut table, parse(p, text)?);
            path = p;
        }
        toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| ConfigError::Parse {
                path: path.to_string(),
                message: one_line(&e.to_string()),
            })
    }

    /// Loads `config.toml` from `dir` (the XDG config directory when `None`); a missing file
    /// means the defaults.
    pub fn load(dir: Option<&Path>) -> Result<Config, ConfigError> {
        let dir = dir.map(Path::to_path_buf).or_else(crate::paths::config_dir);
        let mut config = match dir.as_ref().map(|d| d.join(CONFIG_FILE)) {
            Some(file) if file.exists() => {
                let shown = file.display().to_string();
                let text = std::fs::read_to_string(&file).map_err(|cause| ConfigError::Read {
                    path: shown.clone(),
                    cause,
                })?;
                Self::from_layers(Some((&shown, &text)))?
            }
            _ => Self::builtin()?,
        };
        config.dir = dir;
        Ok(config)
    }

    /// "SRE Weekly Issue #94".
    pub fn issue_title(&self, number: i64) -> String {
        let pattern = if self.newsletter.title_pattern.is_empty() {
            "Issue #{number}"
        } else {
            &self.newsletter.title_pattern
        };
        pattern.replace("{number}", &number.to_string())
    }
}

/// Lays `top` over `base`: nested tables merge, everything else (lists included) replaces.
fn overlay(base: &mut toml::Table, top: toml::Table) {
    for (key, value) in top {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(t)) => overlay(b, t),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}

/// toml's errors span several lines (a source excerpt); the CLI prints one line.
fn one_line(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_with_neutral_defaults() {
        let c = Config::builtin().unwrap();
        // Not another newsletter's name: the first run asks for the editor's own.
        assert_eq!(c.issue_title(94), "My Newsletter #94");
        assert_eq!(c.newsletter.first_number, 1);
        assert_eq!(c.sections.len(), 2);
        assert_eq!(c.sections[1].style, SectionStyle::List);
        assert!(c.disclosure.sponsor_note.contains("{sponsor}"));
    }

    #[test]
    fn user_values_overlay_defaults() {
        let user = "[newsletter]\nfirst_number = 379\n[keys]\nquit = \"q\"\n\
                    [[disclosure.rules]]\npublication = \"Honeycomb\"\nnote = \"x\"\n";
        let c = Config::from_layers(Some(("u.toml", user))).unwrap();
        assert_eq!(c.newsletter.first_number, 379);
        assert_eq!(c.newsletter.name, "My Newsletter");
        assert_eq!(c.disclosure.rules.len(), 1);
        assert!(!c.disclosure.sponsor_note.is_empty());
    }

    #[test]
    fn bad_user_file_is_one_line_naming_it() {
        let err = Config::from_layers(Some(("u.toml", "[newsletter]\nfirst_number = \"x\"")))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("u.toml:"), "{err}");
        assert!(!err.contains('\n'));
    }
}
