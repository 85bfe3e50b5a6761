//! One HTTP request to a mailing tool, as data: the same value is sent by [`Http`] or printed
//! by `--dry-run`, whose printing redacts every secret header. Responses come back whole
//! (status, Retry-After, body); errors carry the service's own message.

use super::{PushError, Service};
use std::fmt;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
        }
    }
}

/// A header; a secret one (a key, a token, a signed JWT) prints as `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Header {
    pub name: &'static str,
    pub value: String,
    pub secret: bool,
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.shown())
    }
}

impl Header {
    pub fn plain(name: &'static str, value: impl Into<String>) -> Header {
        Header {
            name,
            value: value.into(),
            secret: false,
        }
    }
    pub fn secret(name: &'static str, value: impl Into<String>) -> Header {
        Header {
            name,
            value: value.into(),
            secret: true,
        }
    }
    fn shown(&self) -> &str {
        if self.secret {
            "[redacted]"
        } else {
            &self.value
        }
    }
}

#[derive(Debug, Clone)]
pub struct Request {
    pub method: Method,
    pub url: String,
    pub headers: Vec<Header>,
    pub body: Option<serde_json::Value>,
}

impl Request {
    pub fn new(method: Method, url: impl Into<String>, headers: Vec<Header>) -> Request {
        Request {
            method,
            url: url.into(),
            headers,
            body: None,
        }
    }
    pub fn json(mut self, body: serde_json::Value) -> Request {
        self.body = Some(body);
        self
    }
}

/// What `--dry-run` prints: the request line, the headers (secrets redacted), the JSON body.
impl fmt::Display for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method.as_str(), self.url)?;
        for h in &self.headers {
            writeln!(f, "{}: {}", h.name, h.shown())?;
        }
        if let Some(body) = &self.body {
            writeln!(f, "Content-Type: application/json")?;
            writeln!(f)?;
            let text = serde_json::to_string_pretty(body).map_err(|_| fmt::Error)?;
            writeln!(f, "{text}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub retry_after: Option<String>,
    pub body: String,
}

impl Response {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn json(&self, service: Service) -> Result<serde_json::Value, PushError> {
        serde_json::from_str(&self.body).map_err(|e| PushError::Response {
            service,
            message: format!("the answer is not JSON ({e})"),
        })
    }
}

/// The blocking client for one service. Synchronous on purpose (no tokio anywhere).
pub struct Http {
    client: reqwest::blocking::Client,
    service: Service,
}

impl Http {
    pub fn new(service: Service) -> Result<Http, PushError> {
        // Another part of the program may have installed it already; either way one is there.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::blocking::Client::builder()
            .user_agent(format!("roundup/{}", env!("CARGO_PKG_VERSION")))
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            // An API answering a write with a redirect is misconfigured (http → https): a
            // followed POST would turn into a GET. Say so instead.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| PushError::Network {
                service,
                message: format!("cannot start the HTTP client ({e})"),
            })?;
        Ok(Http { client, service })
    }

    /// Sends `req`; any status comes back as a [`Response`] (the caller decides what a 404
    /// means). Only a failure to talk at all is an error, and it never names a header.
    pub fn send(&self, req: &Request) -> Result<Response, PushError> {
        let method = match req.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
        };
        let mut builder = self
            .client
            .request(method, &req.url)
            .header("Accept", "application/json");
        for h in &req.headers {
            builder = builder.header(h.name, &h.value);
        }
        if let Some(body) = &req.body {
            builder = builder.json(body);
        }
        let resp = builder.send().map_err(|e| PushError::Network {
            service: self.service,
            message: network_reason(&req.url, e),
        })?;
        let status = resp.status().as_u16();
        let retry_after = resp
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = resp.text().unwrap_or_default();
        let out = Response {
            status,
            retry_after,
            body,
        };
        if (300..400).contains(&status) {
            return Err(PushError::Response {
                service: self.service,
                message: format!(
                    "{} answered with a redirect (HTTP {status}); check the url in [push.{}]",
                    req.url,
                    self.service.as_str()
                ),
            });
        }
        Ok(out)
    }

    /// `send`, then any status outside 2xx is an error with the service's own message.
    pub fn send_ok(&self, req: &Request) -> Result<Response, PushError> {
        let resp = self.send(req)?;
        if resp.ok() {
            Ok(resp)
        } else {
            Err(http_error(self.service, &resp, &secrets_of(req)))
        }
    }
}

/// The values of the secret headers, to scrub from anything shown.
pub fn secrets_of(req: &Request) -> Vec<String> {
    req.headers
        .iter()
        .filter(|h| h.secret)
        .map(|h| h.value.clone())
        .collect()
}

/// reqwest's error without the URL it prints twice; the URL holds no secret (keys travel in
/// headers only).
fn network_reason(url: &str, e: reqwest::Error) -> String {
    let why = if e.is_timeout() {
        "timed out".to_string()
    } else if e.is_connect() {
        "connection failed".to_string()
    } else {
        let source = std::error::Error::source(&e).map(ToString::to_string);
        let s = e.without_url().to_string();
        match source {
            Some(src) if !s.contains(&src) => format!("{s} ({src})"),
            _ => s,
        }
    };
    format!("cannot reach {url}: {why}")
}

/// The error for a non-2xx answer: the status, the service's own words, the retry time.
pub fn http_error(service: Service, resp: &Response, secrets: &[String]) -> PushError {
    let mut message = service_message(&resp.body);
    // A service could echo what it was sent; nothing secret may reach the terminal.
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        message = message.replace(s.as_str(), "[redacted]");
    }
    PushError::Http {
        service,
        status: resp.status,
        message,
        retry_after: resp.retry_after.clone(),
    }
}

/// The error text of each service's documented error shape, else the start of the body:
/// Ghost `{"errors":[{"message","context"}]}`, Kit `{"errors":["…"]}`, listmonk
/// `{"message"}`, Buttondown `{"detail"}` or `{"field":["…"]}`, Mailchimp
/// `{"title","detail"}` (RFC 7807 problem details).
pub fn service_message(body: &str) -> String {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body) else {
        let text: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
        return text.chars().take(200).collect();
    };
    let mut parts: Vec<String> = Vec::new();
    fn add(parts: &mut Vec<String>, s: &str) {
        let s = s.trim();
        if !s.is_empty() && !parts.iter().any(|p| p == s) {
            parts.push(s.to_string());
        }
    }
    if let Some(errors) = v.get("errors").and_then(|e| e.as_array()) {
        for e in errors {
            if let Some(s) = e.as_str() {
                add(&mut parts, s);
            }
            for key in ["message", "context"] {
                if let Some(s) = e.get(key).and_then(|m| m.as_str()) {
                    add(&mut parts, s);
                }
            }
        }
    }
    for key in ["title", "message", "detail"] {
        if let Some(s) = v.get(key).and_then(|m| m.as_str()) {
            add(&mut parts, s);
        }
    }
    if parts.is_empty()
        && let Some(map) = v.as_object()
    {
        // Field errors: {"subject": ["This field may not be blank."]}.
        for (field, errs) in map {
            if let Some(first) = errs
                .as_array()
                .and_then(|a| a.first())
                .and_then(|e| e.as_str())
            {
                add(&mut parts, &format!("{field}: {first}"));
            }
        }
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dry_run_text_redacts_secret_headers() {
        let req = Request::new(
            Method::Post,
            "https://x/api",
            vec![
                Header::secret("Authorization", "Token s3cret"),
                Header::plain("Accept-Version", "v5.0"),
            ],
        )
        .json(serde_json::json!({"a": 1}));
        let text = req.to_string();
        assert!(text.starts_with("POST https://x/api\n"), "{text}");
        assert!(text.contains("Authorization: [redacted]"), "{text}");
        assert!(text.contains("Accept-Version: v5.0"), "{text}");
        assert!(!text.contains("s3cret"));
        assert!(!format!("{req:?}").contains("s3cret"));
    }

    #[test]
    fn each_documented_error_shape_gives_its_message() {
        let ghost = r#"{"errors":[{"message":"Invalid token","context":"jwt expired","type":"UnauthorizedError"}]}"#;
        assert_eq!(service_message(ghost), "Invalid token: jwt expired");
        assert_eq!(
            service_message(r#"{"errors":["Email template not found"]}"#),
            "Email template not found"
        );
        assert_eq!(
            service_message(r#"{"message":"Unknown list"}"#),
            "Unknown list"
        );
        assert_eq!(
            service_message(r#"{"detail":"Invalid token."}"#),
            "Invalid token."
        );
        assert_eq!(
            service_message(
                r#"{"title":"API Key Invalid","status":401,"detail":"Your API key may be invalid."}"#
            ),
            "API Key Invalid: Your API key may be invalid."
        );
        assert_eq!(
            service_message(r#"{"subject":["This field may not be blank."]}"#),
            "subject: This field may not be blank."
        );
        assert_eq!(
            service_message("<html> Bad   gateway </html>"),
            "<html> Bad gateway </html>"
        );
    }

    #[test]
    fn an_echoed_secret_is_redacted() {
        let resp = Response {
            status: 401,
            retry_after: None,
            body: r#"{"message":"bad key abcd1234"}"#.into(),
        };
        let err = http_error(Service::Kit, &resp, &["abcd1234".into()]).to_string();
        assert!(!err.contains("abcd1234"), "{err}");
    }
}
