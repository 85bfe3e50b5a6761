//! Buttondown emails API (docs.buttondown.com: "Creating an email", "Updating an email",
//! "Drafting emails via the API").
//!
//! - Auth: `Authorization: Token <api key>`.
//! - Create: `POST /v1/emails` with `{subject, body, status: "draft"}`: a draft is an email
//!   whose status is "draft" (any other status sends it). The body is HTML; the
//!   `buttondown-editor-mode: fancy` comment says so instead of letting Buttondown guess.
//! - Update: `PATCH /v1/emails/{id}` with `{subject, body}` (status left alone), after
//!   `GET /v1/emails/{id}` shows it is still a draft.

use super::credentials::{base_url, secret};
use super::request::{Header, Http, Method, Request};
use super::{Api, Draft, Env, PushError, Remote, Service, id_at, read_or_gone, safe_id};
use crate::config::{Config, Secret};
use serde_json::json;

const SERVICE: Service = Service::Buttondown;
const DEFAULT_URL: &str = "https://api.buttondown.com";

pub struct Buttondown {
    base: String,
    key: Secret,
}

impl Buttondown {
    pub fn new(config: &Config, env: Env) -> Result<Buttondown, PushError> {
        let table = config.push.buttondown.as_ref();
        let url = table.and_then(|t| t.url.as_deref()).unwrap_or(DEFAULT_URL);
        Ok(Buttondown {
            base: base_url(SERVICE, Some(url), "url")?,
            key: secret(
                SERVICE,
                env,
                table.and_then(|t| t.api_key.as_ref()),
                "api_key",
            )?,
        })
    }

    fn request(&self, method: Method, path: &str) -> Request {
        Request::new(
            method,
            format!("{}/v1/{path}", self.base),
            vec![Header::secret(
                "Authorization",
                format!("Token {}", self.key.expose()),
            )],
        )
    }

    fn body(draft: &Draft) -> String {
        format!("<!-- buttondown-editor-mode: fancy -->\n{}", draft.fragment)
    }

    fn create_request(&self, draft: &Draft) -> Request {
        self.request(Method::Post, "emails").json(json!({
            "subject": draft.title,
            "body": Self::body(draft),
            "status": "draft",
        }))
    }

    fn read_request(&self, id: &str) -> Result<Request, PushError> {
        Ok(self.request(Method::Get, &format!("emails/{}", safe_id(SERVICE, id)?)))
    }

    fn update_request(&self, id: &str, draft: &Draft) -> Result<Request, PushError> {
        Ok(self
            .request(Method::Patch, &format!("emails/{}", safe_id(SERVICE, id)?))
            .json(json!({"subject": draft.title, "body": Self::body(draft)})))
    }
}

impl Api for Buttondown {
    fn plan(&self, draft: &Draft, remote: Option<&str>, _test_to: Option<&str>) -> Vec<Request> {
        match remote {
            None => vec![self.create_request(draft)],
            Some(id) => [self.read_request(id), self.update_request(id, draft)]
                .into_iter()
                .filter_map(Result::ok)
                .collect(),
        }
    }

    fn create(&self, http: &Http, draft: &Draft) -> Result<String, PushError> {
        let resp = http.send_ok(&self.create_request(draft))?;
        id_at(&resp.json(SERVICE)?, "/id", SERVICE)
    }

    fn read(&self, http: &Http, id: &str) -> Result<Remote, PushError> {
        let Some(v) = read_or_gone(http, &self.read_request(id)?, SERVICE)? else {
            return Ok(Remote::Gone);
        };
        Ok(super::remote_by_status(
            v.get("status").and_then(|s| s.as_str()),
            "draft",
        ))
    }

    fn update(&self, http: &Http, id: &str, _state: &str, draft: &Draft) -> Result<(), PushError> {
        http.send_ok(&self.update_request(id, draft)?)?;
        Ok(())
    }
}
