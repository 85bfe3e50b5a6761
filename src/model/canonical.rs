//! Canonical URLs: the one function that decides when two URLs are "the same link".

use url::Url;

/// Query parameters that only track where a click came from. Removing them never changes
/// which page is served. Matched case-insensitively; entries ending in `*` are prefixes.
const TRACKING_PARAMS: &[&str] = &[
    "utm_*",
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "ref_src",
    "ref_url",
    "_hsenc",
    "_hsmi",
    "__hssc",
    "__hstc",
    "__hsfp",
    "hsctatracking",
    "igshid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "vero_conv",
    "wickedid",
    "s_cid",
    "_ga",
    "_gl",
    "sc_cid",
    "ncid",
    "cmpid",
    "trk",
    "trkcampaign",
    "spm",
    "ss_source",
    "ss_campaign_id",
    "pk_*",
    "piwik_*",
    "mtm_*",
    "matomo_*",
    "at_medium",
    "at_campaign",
];

/// Settings that change the canonical form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CanonicalOptions {
    /// Treat `http://` as `https://`.
    pub upgrade_http: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("'{0}' is not a URL: {1}")]
    Malformed(String, String),
    #[error("'{0}' is not an http(s) URL")]
    NotHttp(String),
    #[error("'{0}' has no host")]
    NoHost(String),
}

pub fn is_tracking_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING_PARAMS.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == *p,
    })
}

/// Parses an editor-given string as an http(s) URL, with nothing else changed.
pub fn parse_http_url(input: &str) -> Result<Url, UrlError> {
    let trimmed = input.trim();
    let shown = trimmed.chars().take(200).collect::<String>();
    if trimmed.is_empty() {
        return Err(UrlError::Malformed(shown, "empty".into()));
    }
    let url = Url::parse(trimmed).map_err(|e| UrlError::Malformed(shown.clone(), e.to_string()))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(UrlError::NotHttp(shown));
    }
    match url.host_str() {
        Some(h) if !h.is_empty() => Ok(url),
        _ => Err(UrlError::NoHost(shown)),
    }
}

/// Turns any URL the editor gives into its canonical form:
/// - scheme and host lower-cased, default ports dropped, IDN hosts in punycode (the `url`
///   crate's WHATWG parsing does these, and percent-encoding normalisation);
/// - `http` → `https` only when the setting says so;
/// - tracking parameters removed, the rest kept in their order; an empty query dropped;
/// - the fragment dropped, except hash-bang routes (`#!/…`, `#/…`) that select the content;
/// - a trailing slash on a non-root path removed (`/blog/` and `/blog` are one page).
pub fn canonicalize(input: &str, opts: &CanonicalOptions) -> Result<String, UrlError> {
    let mut url = parse_http_url(input)?;
    if opts.upgrade_http && url.scheme() == "http" {
        // Cannot fail: http and https are both special schemes.
        let _ = url.set_scheme("https");
        if url.port() == Some(443) {
            let _ = url.set_port(None);
        }
    }
    if let Some(host) = url.host_str() {
        // "example.com." is the same host as "example.com".
        if host.ends_with('.') && host.len() > 1 {
            let trimmed = host.trim_end_matches('.').to_string();
            let _ = url.set_host(Some(&trimmed));
        }
    }

    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !k.is_empty() && !is_tracking_param(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let had_query = url.query().is_some();
    if kept.is_empty() {
        url.set_query(None);
    } else if had_query {
        let removed_any = url.query_pairs().count() != kept.len();
        if removed_any {
            url.query_pairs_mut().clear().extend_pairs(kept.iter());
        }
    }

    let keep_fragment = url
        .fragment()
        .is_some_and(|f| f.starts_with('!') || f.starts_with('/'));
    if !keep_fragment {
        url.set_fragment(None);
    }

    let path = url.path().to_string();
    if path.len() > 1 && path.ends_with('/') {
        let trimmed = path.trim_end_matches('/');
        url.set_path(if trimmed.is_empty() { "/" } else { trimmed });
    }
    Ok(url.to_string())
}

/// A tidy name for a host: "www.honeycomb.io" → "honeycomb.io".
pub fn tidy_host(url: &str) -> Option<String> {
    let host = Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}
