//! Where each service's settings come from: the `[push.SERVICE]` table of config.toml, with
//! secrets also (and preferably) from the environment, which wins. Never from the database.
//! Messages name the key or variable to set, never a value.

use super::{Env, PushError, Service};
use crate::config::Secret;

/// The environment variable holding a service's key or token.
pub fn secret_var(service: Service) -> &'static str {
    match service {
        Service::Ghost => "ROUNDUP_GHOST_ADMIN_KEY",
        Service::Buttondown => "ROUNDUP_BUTTONDOWN_API_KEY",
        Service::Listmonk => "ROUNDUP_LISTMONK_TOKEN",
        Service::Kit => "ROUNDUP_KIT_API_KEY",
        Service::Mailchimp => "ROUNDUP_MAILCHIMP_API_KEY",
    }
}

/// The secret: the environment variable when set, else the config key.
pub fn secret(
    service: Service,
    env: Env,
    configured: Option<&Secret>,
    key: &str,
) -> Result<Secret, PushError> {
    if let Some(v) = env(secret_var(service)).filter(|v| !v.trim().is_empty()) {
        return Ok(Secret::new(v.trim()));
    }
    match configured.filter(|s| !s.is_empty()) {
        Some(s) => Ok(Secret::new(s.expose().trim())),
        None => Err(PushError::Config {
            service,
            message: format!(
                "no {key}: set {} or [push.{service}] {key} in config.toml",
                secret_var(service)
            ),
        }),
    }
}

/// A required plain setting (a URL, a list id).
pub fn required(service: Service, value: Option<&str>, key: &str) -> Result<String, PushError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => Ok(v.to_string()),
        None => Err(PushError::Config {
            service,
            message: format!("set [push.{service}] {key} in config.toml"),
        }),
    }
}

/// A base URL without its trailing slash; http or https only.
pub fn base_url(service: Service, value: Option<&str>, key: &str) -> Result<String, PushError> {
    let v = required(service, value, key)?;
    match url::Url::parse(&v) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Ok(v.trim_end_matches('/').to_string()),
        _ => Err(PushError::Config {
            service,
            message: format!("[push.{service}] {key} is not an http(s) URL: {v}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_wins_and_messages_name_the_key_not_the_value() {
        let env = |k: &str| (k == "ROUNDUP_KIT_API_KEY").then(|| "from-env".to_string());
        let cfg = Secret::new("from-config");
        assert_eq!(
            secret(Service::Kit, &env, Some(&cfg), "api_key")
                .unwrap()
                .expose(),
            "from-env"
        );
        let none = |_: &str| None;
        assert_eq!(
            secret(Service::Kit, &none, Some(&cfg), "api_key")
                .unwrap()
                .expose(),
            "from-config"
        );
        let err = secret(Service::Ghost, &none, None, "admin_key")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "ghost: no admin_key: set ROUNDUP_GHOST_ADMIN_KEY or [push.ghost] admin_key in config.toml"
        );
        let err = base_url(Service::Ghost, Some("ftp://x"), "url")
            .unwrap_err()
            .to_string();
        assert!(err.contains("not an http(s) URL"), "{err}");
    }
}
