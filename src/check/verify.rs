//! One URL fetched before it replaces an entry's link (the check panel's "use the suggested
//! URL"): a suggestion is only a guess (a URL without its tracking parameters, where a
//! redirect said the page moved), so it must answer OK itself first.

use super::page::{Checked, link_problems};
use super::probe::probe_all;
use super::{CheckOptions, ProblemKind};

/// `Ok` when `url` answers a success status with a real page (a permanent redirect to one
/// is fine); else the one-line reason: "HTTP 404 Not Found", "timed out", a soft 404.
pub fn verify_url(url: &str, opts: &CheckOptions) -> Result<(), String> {
    let urls = [url.to_string()];
    let mut checked =
        probe_all(&urls, opts, |_, probe| Checked::new(probe, false)).map_err(|e| e.to_string())?;
    let checked = checked.pop().ok_or_else(|| "not checked".to_string())?;
    match link_problems(None, &checked, &[], &[])
        .into_iter()
        .find(|p| p.kind != ProblemKind::PermanentRedirect)
    {
        Some(p) => Err(p.message),
        None => Ok(()),
    }
}
