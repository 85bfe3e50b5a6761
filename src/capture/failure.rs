//! The mapping from reqwest and I/O errors to the short reasons stored on links
//! (`model::FetchFailure`: "timeout", "HTTP 404").

pub use crate::model::FetchFailure;

/// The whole error chain, lower-cased, for the classifications reqwest does not expose.
fn chain_text(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out.to_lowercase()
}

pub(crate) fn classify(e: &reqwest::Error) -> FetchFailure {
    if e.is_timeout() {
        return FetchFailure::Timeout;
    }
    if e.is_redirect() {
        return FetchFailure::TooManyRedirects;
    }
    if e.is_builder() {
        return FetchFailure::InvalidUrl;
    }
    classify_text(&chain_text(e), e.is_connect())
}

pub(crate) fn classify_io(e: &std::io::Error) -> FetchFailure {
    if e.kind() == std::io::ErrorKind::TimedOut {
        return FetchFailure::Timeout;
    }
    classify_text(&chain_text(e), false)
}

fn classify_text(text: &str, connect: bool) -> FetchFailure {
    if text.contains("timed out") || text.contains("timeout") {
        FetchFailure::Timeout
    } else if text.contains("dns error")
        || text.contains("failed to lookup")
        || text.contains("name or service not known")
        || text.contains("no address associated")
    {
        FetchFailure::Dns
    } else if text.contains("connection refused") {
        FetchFailure::Refused
    } else if text.contains("certificate")
        || text.contains("tls")
        || text.contains("handshake")
        || text.contains("invalid peer")
    {
        FetchFailure::Tls
    } else if text.contains("decod") || text.contains("gzip") || text.contains("brotli") {
        FetchFailure::Other("bad encoding".into())
    } else if connect || text.contains("connection") || text.contains("broken pipe") {
        FetchFailure::Connection
    } else {
        FetchFailure::Other(text.chars().take(80).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_chains_map_to_short_reasons() {
        let cases = [
            (
                "error sending request: client error (Connect): dns error: failed to lookup address information: Name or service not known",
                FetchFailure::Dns,
            ),
            (
                "error sending request: client error (Connect): tcp connect error: Connection refused (os error 111)",
                FetchFailure::Refused,
            ),
            (
                "error sending request: client error (Connect): invalid peer certificate: UnknownIssuer",
                FetchFailure::Tls,
            ),
            (
                "error reading a body from connection: operation timed out",
                FetchFailure::Timeout,
            ),
            ("connection reset by peer", FetchFailure::Connection),
        ];
        for (text, want) in cases {
            assert_eq!(classify_text(&text.to_lowercase(), false), want, "{text}");
        }
        assert_eq!(FetchFailure::Status(404).to_string(), "HTTP 404");
    }
}
