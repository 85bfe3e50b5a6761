//! `roundup setting [KEY [VALUE]]` and `roundup discard [ID…] [--stale]`.

use crate::model::LinkState;
use crate::store::Store;

/// The settings an editor may change, with what they mean.
const KNOWN: &[(&str, &str)] = &[
    (
        "upgrade_http",
        "treat http:// and https:// as the same link (true/false)",
    ),
    (
        "fetch_concurrency",
        "how many pages are fetched at once (default 16)",
    ),
    (
        "stale_after_days",
        "inbox links older than this are stale (default 28)",
    ),
    (
        "check_timeout_secs",
        "the most one link's check may take, body included (default 10)",
    ),
    (
        "feed_max_items",
        "the most items one feed adds per pull (default 200)",
    ),
    (
        "capture_token",
        "the token `roundup serve` requires (created by serve; printed bare for scripts)",
    ),
    (
        "miniflux_secret",
        "the secret of Miniflux's webhook (Settings > Integrations > Webhook)",
    ),
    (
        "quote_links",
        "exports link each anchored quote to its place on the page (true/false, default false)",
    ),
];

/// Settings that are secrets: printed bare (for `$(roundup setting capture_token)`), created
/// when first asked for, and never in the listing of every setting.
const SECRETS: &[&str] = &[
    crate::serve::secrets::TOKEN_SETTING,
    crate::serve::secrets::MINIFLUX_SETTING,
];

pub fn setting(store: &Store, key: Option<String>, value: Option<String>) -> anyhow::Result<i32> {
    let Some(key) = key else {
        let s = store.settings()?;
        out!("upgrade_http = {}", s.upgrade_http);
        out!("fetch_concurrency = {}", s.fetch_concurrency);
        out!("stale_after_days = {}", s.stale_after_days);
        out!("check_timeout_secs = {}", s.check_timeout_secs);
        out!("feed_max_items = {}", s.feed_max_items);
        out!("quote_links = {}", s.quote_links);
        return Ok(0);
    };
    let Some((_, help)) = KNOWN.iter().find(|(k, _)| *k == key) else {
        let names: Vec<&str> = KNOWN.iter().map(|(k, _)| *k).collect();
        anyhow::bail!("unknown setting '{key}' (known: {})", names.join(", "));
    };
    if SECRETS.contains(&key.as_str()) {
        return secret(store, &key, value);
    }
    let Some(value) = value else {
        out!(
            "{key} = {}  # {help}",
            store.setting(&key)?.unwrap_or_else(|| "(default)".into())
        );
        return Ok(0);
    };
    let ok = match key.as_str() {
        "upgrade_http" | "quote_links" => matches!(value.as_str(), "true" | "false"),
        _ => value.parse::<u32>().is_ok_and(|n| n > 0),
    };
    if !ok {
        anyhow::bail!("'{value}' is not a valid value for {key}: {help}");
    }
    store.set_setting(&key, &value)?;
    out!("{key} = {value}");
    Ok(0)
}

fn secret(store: &Store, key: &str, value: Option<String>) -> anyhow::Result<i32> {
    match value {
        None => {
            let secrets = crate::serve::secrets::ensure(store)?;
            let v = if key == crate::serve::secrets::TOKEN_SETTING {
                secrets.token
            } else {
                secrets.miniflux
            };
            out!("{v}");
        }
        Some(v) => {
            let v = v.trim();
            if v.len() < 16 || v.chars().any(|c| c.is_whitespace() || c.is_control()) {
                anyhow::bail!(
                    "{key} must be at least 16 characters without spaces (not shown here)"
                );
            }
            store.set_setting(key, v)?;
            out!("{key} set (restart `roundup serve` to use it)");
        }
    }
    Ok(0)
}

pub fn discard(store: &mut Store, ids: &[i64], stale: bool) -> anyhow::Result<i32> {
    if stale {
        let n = store.discard_stale()?;
        out!("discarded {n} stale link(s)");
    }
    for id in ids {
        store.set_link_state(*id, LinkState::Discarded)?;
        out!("discarded #{id}");
    }
    if !stale && ids.is_empty() {
        anyhow::bail!("nothing to discard: give link ids or --stale");
    }
    Ok(0)
}
