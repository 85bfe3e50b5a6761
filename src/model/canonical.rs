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
    #[error("'{0}' has a space in it: a space is not part of a URL")]
    Space(String),
    #[error("'{0}' has a control character in it")]
    Control(String),
    #[error("the URL is longer than {MAX_URL_BYTES} bytes")]
    TooLong,
}

/// Longer URLs are refused: nothing real is that long, and a hostile feed or page could
/// otherwise fill the database with them.
pub const MAX_URL_BYTES: usize = 8 * 1024;

pub fn is_tracking_param(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    TRACKING_PARAMS.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == *p,
    })
}

/// Parses an editor-given string as an http(s) URL, with nothing else changed. Whitespace
/// inside, control characters and absurd lengths are refused rather than percent-encoded:
/// `http://exa mple.com/x` is a typo, not a URL.
pub fn parse_http_url(input: &str) -> Result<Url, UrlError> {
    let trimmed = input.trim();
    let shown: String = trimmed
        .chars()
        .take(200)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if trimmed.is_empty() {
        return Err(UrlError::Malformed(shown, "empty".into()));
    }
    if trimmed.len() > MAX_URL_BYTES {
        return Err(UrlError::TooLong);
    }
    if trimmed.chars().any(char::is_control) {
        return Err(UrlError::Control(shown));
    }
    if trimmed.chars().any(char::is_whitespace) {
        return Err(UrlError::Space(shown));
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

/// What the editor typed or pasted, as an http(s) URL: `www.example.com/post` and
/// `example.com/post` mean https. Refused with the reason otherwise.
pub fn parse_user_url(input: &str) -> Result<String, UrlError> {
    let t = input.trim();
    let lower = t.to_ascii_lowercase();
    let bare = !lower.contains("://") && looks_like_host(t);
    let full = if bare {
        format!("https://{t}")
    } else {
        t.to_string()
    };
    parse_http_url(&full)?;
    Ok(full)
}

/// `www.example.com/…` or `example.co.uk`: a dotted name with letters after the last dot.
fn looks_like_host(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once(':').map_or(host, |(h, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            h
        } else {
            host
        }
    });
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_alphabetic())
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
}

/// The URL as given, without its tracking parameters and nothing else changed: path, case,
/// trailing slash, the other parameters (and their encoding) and the fragment stay. This is
/// what a link stores and exports; `canonicalize` is only the de-duplication key.
pub fn strip_tracking(url: &str) -> String {
    let url = url.trim();
    let (head, fragment) = match url.split_once('#') {
        Some((h, f)) => (h, Some(f)),
        None => (url, None),
    };
    let Some((base, query)) = head.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or("");
            let key = percent_decode(key);
            pair.is_empty() || !is_tracking_param(&key)
        })
        .filter(|pair| !pair.is_empty())
        .collect();
    let removed = kept.len() != query.split('&').filter(|p| !p.is_empty()).count();
    if !removed {
        return url.to_string();
    }
    let mut out = base.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(s.as_bytes())
        .next()
        .map(|(k, _)| k.into_owned())
        .unwrap_or_default()
}

/// A tidy name for a host: "www.honeycomb.io" → "honeycomb.io".
pub fn tidy_host(url: &str) -> Option<String> {
    let host = Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_string())
}
