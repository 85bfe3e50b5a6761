//! Mailchimp Marketing API 3.0 (mailchimp.com/developer/marketing/api: "Add campaign",
//! "Get campaign info", "Update campaign settings", "Set campaign content").
//!
//! - Base URL `https://<dc>.api.mailchimp.com/3.0`, `<dc>` being the API key's suffix
//!   (`…-us6`); auth HTTP Basic with any user name and the key as password.
//! - Create: `POST /campaigns` with `{type: "regular", recipients: {list_id}, settings:
//!   {subject_line, title, from_name, reply_to}}`; a new campaign has status "save" (a
//!   draft) until sent or scheduled. Then `PUT /campaigns/{id}/content` with `{html,
//!   plain_text}`.
//! - Update: `GET /campaigns/{id}` (status must still be "save"), `PATCH /campaigns/{id}`
//!   with the settings, then the content again.
//! - Errors are RFC 7807 problem documents `{title, status, detail}`.

use super::credentials::{base_url, required, secret};
use super::request::{Header, Http, Method, Request};
use super::{Api, Draft, Env, PushError, Remote, Service, id_at, read_or_gone, safe_id};
use crate::config::Config;
use base64::Engine;
use serde_json::json;

const SERVICE: Service = Service::Mailchimp;

pub struct Mailchimp {
    base: String,
    auth: String,
    list_id: String,
    from_name: String,
    reply_to: String,
}

impl Mailchimp {
    pub fn new(config: &Config, env: Env) -> Result<Mailchimp, PushError> {
        let table = config.push.mailchimp.as_ref();
        let key = secret(
            SERVICE,
            env,
            table.and_then(|t| t.api_key.as_ref()),
            "api_key",
        )?;
        let base = match table.and_then(|t| t.url.as_deref()) {
            Some(url) => base_url(SERVICE, Some(url), "url")?,
            None => {
                let dc = key
                    .expose()
                    .rsplit_once('-')
                    .map(|(_, dc)| dc)
                    .filter(|dc| !dc.is_empty() && dc.chars().all(|c| c.is_ascii_alphanumeric()))
                    .ok_or_else(|| PushError::Config {
                        service: SERVICE,
                        message: "the api key has no data-centre suffix (it ends in -us6 or \
                                  similar); copy the whole key from Mailchimp"
                            .into(),
                    })?;
                format!("https://{dc}.api.mailchimp.com/3.0")
            }
        };
        let pair = format!("roundup:{}", key.expose());
        Ok(Mailchimp {
            base,
            auth: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            ),
            list_id: required(SERVICE, table.map(|t| t.list_id.as_str()), "list_id")?,
            from_name: required(SERVICE, table.map(|t| t.from_name.as_str()), "from_name")?,
            reply_to: required(SERVICE, table.map(|t| t.reply_to.as_str()), "reply_to")?,
        })
    }

    fn request(&self, method: Method, path: &str) -> Request {
        Request::new(
            method,
            format!("{}/{path}", self.base),
            vec![Header::secret("Authorization", self.auth.clone())],
        )
    }

    fn settings(&self, draft: &Draft) -> serde_json::Value {
        json!({
            "subject_line": draft.title,
            "title": draft.title,
            "from_name": self.from_name,
            "reply_to": self.reply_to,
        })
    }

    fn create_request(&self, draft: &Draft) -> Request {
        self.request(Method::Post, "campaigns").json(json!({
            "type": "regular",
            "recipients": {"list_id": self.list_id},
            "settings": self.settings(draft),
        }))
    }

    fn content_request(&self, id: &str, draft: &Draft) -> Result<Request, PushError> {
        Ok(self
            .request(
                Method::Put,
                &format!("campaigns/{}/content", safe_id(SERVICE, id)?),
            )
            .json(json!({"html": draft.html, "plain_text": draft.text})))
    }

    fn read_request(&self, id: &str) -> Result<Request, PushError> {
        Ok(self.request(Method::Get, &format!("campaigns/{}", safe_id(SERVICE, id)?)))
    }

    fn settings_request(&self, id: &str, draft: &Draft) -> Result<Request, PushError> {
        Ok(self
            .request(
                Method::Patch,
                &format!("campaigns/{}", safe_id(SERVICE, id)?),
            )
            .json(json!({"settings": self.settings(draft)})))
    }
}

impl Api for Mailchimp {
    fn plan(&self, draft: &Draft, remote: Option<&str>, _test_to: Option<&str>) -> Vec<Request> {
        let reqs = match remote {
            None => vec![
                Ok(self.create_request(draft)),
                self.content_request("ID", draft),
            ],
            Some(id) => vec![
                self.read_request(id),
                self.settings_request(id, draft),
                self.content_request(id, draft),
            ],
        };
        reqs.into_iter().filter_map(Result::ok).collect()
    }

    fn create(&self, http: &Http, draft: &Draft) -> Result<String, PushError> {
        let resp = http.send_ok(&self.create_request(draft))?;
        id_at(&resp.json(SERVICE)?, "/id", SERVICE)
    }

    fn fill(&self, http: &Http, id: &str, draft: &Draft) -> Result<(), PushError> {
        http.send_ok(&self.content_request(id, draft)?)?;
        Ok(())
    }

    fn read(&self, http: &Http, id: &str) -> Result<Remote, PushError> {
        let Some(v) = read_or_gone(http, &self.read_request(id)?, SERVICE)? else {
            return Ok(Remote::Gone);
        };
        Ok(super::remote_by_status(
            v.get("status").and_then(|s| s.as_str()),
            "save",
        ))
    }

    fn update(&self, http: &Http, id: &str, _state: &str, draft: &Draft) -> Result<(), PushError> {
        http.send_ok(&self.settings_request(id, draft)?)?;
        self.fill(http, id, draft)
    }
}
