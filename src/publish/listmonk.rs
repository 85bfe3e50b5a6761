//! listmonk campaigns API (listmonk.app/docs/apis/campaigns).
//!
//! - Auth: HTTP Basic with an API user and its token (`curl -u "api_user:token"`).
//! - Create: `POST /api/campaigns` with `{name, subject, lists, type: "regular",
//!   content_type: "html", body, altbody, messenger}`; a new campaign is a draft until its
//!   status is changed (`PUT /api/campaigns/{id}/status`, which roundup never calls).
//!   Answer `{"data": {"id": …, "status": "draft"}}`.
//! - Update: `PUT /api/campaigns/{id}` with the same body, after `GET /api/campaigns/{id}`
//!   shows status "draft".
//! - `--test-to`: `POST /api/campaigns/{id}/test` with the campaign plus
//!   `subscribers: [address]` (listmonk sends tests to existing subscribers only).

use super::credentials::{base_url, required, secret};
use super::request::{Header, Http, Method, Request};
use super::{Api, Draft, Env, PushError, Remote, Service, id_at, read_or_gone, safe_id};
use crate::config::Config;
use base64::Engine;
use serde_json::json;

const SERVICE: Service = Service::Listmonk;

pub struct Listmonk {
    base: String,
    auth: String,
    lists: Vec<i64>,
    from_email: Option<String>,
    template_id: Option<i64>,
}

impl Listmonk {
    pub fn new(config: &Config, env: Env) -> Result<Listmonk, PushError> {
        let table = config.push.listmonk.as_ref();
        let base = base_url(SERVICE, table.map(|t| t.url.as_str()), "url")?;
        let user =
            env("ROUNDUP_LISTMONK_USERNAME").or_else(|| table.and_then(|t| t.username.clone()));
        let user = required(SERVICE, user.as_deref(), "username")?;
        let token = secret(SERVICE, env, table.and_then(|t| t.token.as_ref()), "token")?;
        let lists = table.map(|t| t.lists.clone()).unwrap_or_default();
        if lists.is_empty() {
            return Err(PushError::Config {
                service: SERVICE,
                message:
                    "set [push.listmonk] lists (the list ids a campaign goes to) in config.toml"
                        .into(),
            });
        }
        let pair = format!("{user}:{}", token.expose());
        Ok(Listmonk {
            base,
            auth: format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(pair)
            ),
            lists,
            from_email: table.and_then(|t| t.from_email.clone()),
            template_id: table.and_then(|t| t.template_id),
        })
    }

    fn request(&self, method: Method, path: &str) -> Request {
        Request::new(
            method,
            format!("{}/api/{path}", self.base),
            vec![Header::secret("Authorization", self.auth.clone())],
        )
    }

    fn campaign(&self, draft: &Draft) -> serde_json::Value {
        let mut body = json!({
            "name": draft.title,
            "subject": draft.title,
            "lists": self.lists,
            "type": "regular",
            "content_type": "html",
            "body": draft.fragment,
            "altbody": draft.text,
            "messenger": "email",
        });
        if let Some(map) = body.as_object_mut() {
            if let Some(from) = &self.from_email {
                map.insert("from_email".into(), json!(from));
            }
            if let Some(t) = self.template_id {
                map.insert("template_id".into(), json!(t));
            }
        }
        body
    }

    fn create_request(&self, draft: &Draft) -> Request {
        self.request(Method::Post, "campaigns")
            .json(self.campaign(draft))
    }

    fn read_request(&self, id: &str) -> Result<Request, PushError> {
        Ok(self.request(Method::Get, &format!("campaigns/{}", safe_id(SERVICE, id)?)))
    }

    fn update_request(&self, id: &str, draft: &Draft) -> Result<Request, PushError> {
        Ok(self
            .request(Method::Put, &format!("campaigns/{}", safe_id(SERVICE, id)?))
            .json(self.campaign(draft)))
    }

    fn test_request(&self, id: &str, draft: &Draft, to: &str) -> Result<Request, PushError> {
        let mut body = self.campaign(draft);
        if let Some(map) = body.as_object_mut() {
            map.insert("subscribers".into(), json!([to]));
        }
        Ok(self
            .request(
                Method::Post,
                &format!("campaigns/{}/test", safe_id(SERVICE, id)?),
            )
            .json(body))
    }
}

impl Api for Listmonk {
    fn plan(&self, draft: &Draft, remote: Option<&str>, test_to: Option<&str>) -> Vec<Request> {
        let id = remote.unwrap_or("ID");
        let mut reqs = match remote {
            None => vec![Ok(self.create_request(draft))],
            Some(id) => vec![self.read_request(id), self.update_request(id, draft)],
        };
        if let Some(to) = test_to {
            reqs.push(self.test_request(id, draft, to));
        }
        reqs.into_iter().filter_map(Result::ok).collect()
    }

    fn create(&self, http: &Http, draft: &Draft) -> Result<String, PushError> {
        let resp = http.send_ok(&self.create_request(draft))?;
        id_at(&resp.json(SERVICE)?, "/data/id", SERVICE)
    }

    fn read(&self, http: &Http, id: &str) -> Result<Remote, PushError> {
        let Some(v) = read_or_gone(http, &self.read_request(id)?, SERVICE)? else {
            return Ok(Remote::Gone);
        };
        Ok(super::remote_by_status(
            v.pointer("/data/status").and_then(|s| s.as_str()),
            "draft",
        ))
    }

    fn update(&self, http: &Http, id: &str, _state: &str, draft: &Draft) -> Result<(), PushError> {
        http.send_ok(&self.update_request(id, draft)?)?;
        Ok(())
    }

    fn send_test(&self, http: &Http, id: &str, draft: &Draft, to: &str) -> Result<(), PushError> {
        http.send_ok(&self.test_request(id, draft, to)?)?;
        Ok(())
    }
}
