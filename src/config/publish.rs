//! `[push.SERVICE]` and `[site]`: where each mailing tool is and how to reach it, and where
//! the web archive lives. Secrets may sit here or in the environment (which wins, see
//! `publish::credentials`); they are wrapped in [`Secret`] so that printing a config (Debug,
//! Serialize) never shows one.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// An API key or token. Shown as `[redacted]` by Debug and Serialize: only
/// [`Secret::expose`] gives the value, at the one place a request is signed.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("[redacted]")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PushConfig {
    pub ghost: Option<GhostConfig>,
    pub buttondown: Option<ButtondownConfig>,
    pub listmonk: Option<ListmonkConfig>,
    pub kit: Option<KitConfig>,
    pub mailchimp: Option<MailchimpConfig>,
}

/// Ghost: the admin URL (`https://example.ghost.io`) and an Admin API key (`id:secret`)
/// from a custom integration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GhostConfig {
    pub url: String,
    pub admin_key: Option<Secret>,
}

/// Buttondown: an API key; `url` only to point at another host (tests).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ButtondownConfig {
    pub url: Option<String>,
    pub api_key: Option<Secret>,
}

/// listmonk (self-hosted): its URL, an API user and token, the list ids a campaign goes to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListmonkConfig {
    pub url: String,
    pub username: Option<String>,
    pub token: Option<Secret>,
    pub lists: Vec<i64>,
    pub from_email: Option<String>,
    pub template_id: Option<i64>,
}

/// Kit (ConvertKit) v4: an API key; optionally the email template to use.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KitConfig {
    pub url: Option<String>,
    pub api_key: Option<Secret>,
    pub email_template_id: Option<i64>,
}

/// Mailchimp: an API key (`…-us6`; the suffix names the data centre), the audience (list)
/// id and the sender a campaign needs. `url` only to point at another host (tests).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MailchimpConfig {
    pub url: Option<String>,
    pub api_key: Option<Secret>,
    pub list_id: String,
    pub from_name: String,
    pub reply_to: String,
}

/// `[site]`: the public address of the web archive (`roundup site`). When set, each email
/// export links to the issue's page there ("view in browser").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SiteConfig {
    pub url: Option<String>,
    /// Issues per index page.
    pub per_page: Option<usize>,
    /// Issues in the Atom and JSON feeds (the newest).
    pub feed_items: Option<usize>,
}

impl SiteConfig {
    /// `https://example.com/weekly/` → the page of issue `number`, `…/issues/379/`.
    pub fn issue_url(&self, number: i64) -> Option<String> {
        let base = self.url.as_deref()?.trim();
        if base.is_empty() {
            return None;
        }
        Some(format!(
            "{}/{}",
            base.trim_end_matches('/'),
            issue_path(number)
        ))
    }
}

/// Where an issue's page lives in the site, relative to its root (a stable URL).
pub fn issue_path(number: i64) -> String {
    format!("issues/{number}/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let c = GhostConfig {
            url: "https://x".into(),
            admin_key: Some(Secret::new("abc:def")),
        };
        assert!(!format!("{c:?}").contains("def"));
        assert!(!serde_json::to_string(&c).unwrap().contains("def"));
        assert_eq!(c.admin_key.unwrap().expose(), "abc:def");
    }

    #[test]
    fn issue_url_joins_one_slash() {
        let s = SiteConfig {
            url: Some("https://e.com/weekly/".into()),
            ..SiteConfig::default()
        };
        assert_eq!(
            s.issue_url(379).as_deref(),
            Some("https://e.com/weekly/issues/379/")
        );
        assert_eq!(SiteConfig::default().issue_url(1), None);
    }
}
