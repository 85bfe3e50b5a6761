//! Kit (ConvertKit) API v4 broadcasts (developers.kit.com/api-reference/broadcasts:
//! "Create a broadcast", "Get a broadcast", "Update a broadcast").
//!
//! - Auth: `X-Kit-Api-Key: <api key>`.
//! - Create: `POST /v4/broadcasts` with `{subject, content (HTML), description, public:
//!   false, published_at, send_at: null}`. `send_at: null` keeps it a draft ("To save a
//!   draft, set `public` to false"; a `send_at` would schedule it). Answer
//!   `{"broadcast": {"id": …}}`.
//! - Update: `PUT /v4/broadcasts/{id}` with the same body, after `GET /v4/broadcasts/{id}`
//!   shows no `send_at` (not scheduled or sent).

use super::credentials::{base_url, secret};
use super::request::{Header, Http, Method, Request};
use super::{Api, Draft, Env, PushError, Remote, Service, id_at, read_or_gone, safe_id};
use crate::config::{Config, Secret};
use serde_json::json;

const SERVICE: Service = Service::Kit;
const DEFAULT_URL: &str = "https://api.kit.com";

pub struct Kit {
    base: String,
    key: Secret,
    template: Option<i64>,
}

impl Kit {
    pub fn new(config: &Config, env: Env) -> Result<Kit, PushError> {
        let table = config.push.kit.as_ref();
        let url = table.and_then(|t| t.url.as_deref()).unwrap_or(DEFAULT_URL);
        Ok(Kit {
            base: base_url(SERVICE, Some(url), "url")?,
            key: secret(
                SERVICE,
                env,
                table.and_then(|t| t.api_key.as_ref()),
                "api_key",
            )?,
            template: table.and_then(|t| t.email_template_id),
        })
    }

    fn request(&self, method: Method, path: &str) -> Request {
        Request::new(
            method,
            format!("{}/v4/{path}", self.base),
            vec![Header::secret("X-Kit-Api-Key", self.key.expose())],
        )
    }

    fn body(&self, draft: &Draft) -> serde_json::Value {
        // published_at is required by the documented schema; it is only shown when the
        // broadcast is public, which a roundup draft is not.
        let published_at = match &draft.date {
            Some(d) => format!("{d}T00:00:00Z"),
            None => chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        let mut body = json!({
            "subject": draft.title,
            "content": draft.fragment,
            "description": draft.title,
            "public": false,
            "published_at": published_at,
            "send_at": null,
        });
        if let (Some(id), Some(map)) = (self.template, body.as_object_mut()) {
            map.insert("email_template_id".into(), json!(id));
        }
        body
    }

    fn create_request(&self, draft: &Draft) -> Request {
        self.request(Method::Post, "broadcasts")
            .json(self.body(draft))
    }

    fn read_request(&self, id: &str) -> Result<Request, PushError> {
        Ok(self.request(
            Method::Get,
            &format!("broadcasts/{}", safe_id(SERVICE, id)?),
        ))
    }

    fn update_request(&self, id: &str, draft: &Draft) -> Result<Request, PushError> {
        Ok(self
            .request(
                Method::Put,
                &format!("broadcasts/{}", safe_id(SERVICE, id)?),
            )
            .json(self.body(draft)))
    }
}

impl Api for Kit {
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
        id_at(&resp.json(SERVICE)?, "/broadcast/id", SERVICE)
    }

    fn read(&self, http: &Http, id: &str) -> Result<Remote, PushError> {
        let Some(v) = read_or_gone(http, &self.read_request(id)?, SERVICE)? else {
            return Ok(Remote::Gone);
        };
        Ok(match v.pointer("/broadcast/send_at") {
            None | Some(serde_json::Value::Null) => Remote::Draft {
                state: String::new(),
            },
            Some(at) => Remote::NotDraft {
                status: format!("scheduled for {}", at.as_str().unwrap_or("a send time")),
            },
        })
    }

    fn update(&self, http: &Http, id: &str, _state: &str, draft: &Draft) -> Result<(), PushError> {
        http.send_ok(&self.update_request(id, draft)?)?;
        Ok(())
    }
}
