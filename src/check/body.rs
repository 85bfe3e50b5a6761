//! Reading a page's body for the check within the link's deadline: a body that drips is a
//! timeout, one cut off half-way is a broken link.

use super::CheckOptions;
use reqwest::blocking::Response;
use std::io::Read;
use std::time::Instant;

pub(super) enum BodyError {
    /// The deadline passed (a body that drips a byte at a time).
    Late,
    /// The connection was reset or closed before the body ended.
    Broken(String),
}

pub(super) fn timed_out(opts: &CheckOptions) -> String {
    format!(
        "no complete answer within {:.1} s",
        opts.timeout.as_secs_f64()
    )
}

/// The first `cap` bytes of the body, decoded by the Content-Type charset (UTF-8 otherwise),
/// read before `deadline`. A body cut off half-way is a broken link, not a page.
pub(super) fn read_text(
    mut response: Response,
    content_type: Option<&str>,
    cap: usize,
    deadline: Instant,
) -> Result<String, BodyError> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    while bytes.len() < cap {
        if Instant::now() >= deadline {
            return Err(BodyError::Late);
        }
        match response.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&chunk[..n.min(cap - bytes.len())]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) if is_timeout(&e) || Instant::now() >= deadline => {
                return Err(BodyError::Late);
            }
            Err(e) => return Err(BodyError::Broken(innermost(&e))),
        }
    }
    let encoding = content_type
        .and_then(|ct| {
            ct.split(';')
                .filter_map(|p| p.trim().split_once('='))
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
                .and_then(|(_, v)| {
                    encoding_rs::Encoding::for_label(v.trim().trim_matches('"').as_bytes())
                })
        })
        .unwrap_or(encoding_rs::UTF_8);
    Ok(encoding.decode(&bytes).0.into_owned())
}

/// A read that failed on the request's deadline (reqwest wraps its timeout in an io error).
fn is_timeout(e: &std::io::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        let timed_out = err
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
            || err
                .downcast_ref::<reqwest::Error>()
                .is_some_and(reqwest::Error::is_timeout);
        if timed_out {
            return true;
        }
        source = err.source();
    }
    false
}

/// The innermost message of an error chain: the one that says what happened.
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e.to_string();
    let mut source = e.source();
    while let Some(err) = source {
        last = err.to_string();
        source = err.source();
    }
    last
}
