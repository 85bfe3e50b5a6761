//! Ghost Admin API (docs.ghost.org/admin-api): posts as drafts.
//!
//! - Auth: the Admin API key is `id:secret`; each request carries a short-lived HS256 JWT
//!   with header `kid` = id, claims `iat`, `exp` (at most 5 minutes later) and
//!   `aud` = `/admin/`, signed with the hex-decoded secret, sent as `Authorization: Ghost
//!   <token>`, plus `Accept-Version: v5.0` ("Token authentication" in the Admin API docs).
//! - Create: `POST /ghost/api/admin/posts/?source=html` with `{"posts":[{title, html,
//!   status:"draft"}]}`; without `?source=html` Ghost ignores `html` and stores an empty post.
//! - Update: `PUT /ghost/api/admin/posts/{id}/?source=html` with the post's current
//!   `updated_at` (read first with `GET /ghost/api/admin/posts/{id}/`): Ghost refuses an
//!   update whose `updated_at` is stale (409 UpdateCollisionError).

use super::credentials::{base_url, secret};
use super::request::{Header, Http, Method, Request};
use super::{Api, Draft, Env, PushError, Remote, Service, id_at, read_or_gone, safe_id};
use crate::config::Config;
use jsonwebtoken::{Algorithm, EncodingKey, Header as JwtHeader};
use serde::Serialize;
use serde_json::json;

const SERVICE: Service = Service::Ghost;
/// The API version roundup is written against (Ghost 5).
pub const ACCEPT_VERSION: &str = "v5.0";
/// Ghost accepts tokens at most 5 minutes old.
const TOKEN_SECONDS: i64 = 5 * 60;

pub struct Ghost {
    base: String,
    key_id: String,
    secret: Vec<u8>,
}

#[derive(Serialize)]
struct Claims<'a> {
    iat: i64,
    exp: i64,
    aud: &'a str,
}

impl Ghost {
    pub fn new(config: &Config, env: Env) -> Result<Ghost, PushError> {
        let table = config.push.ghost.as_ref();
        let base = base_url(SERVICE, table.map(|t| t.url.as_str()), "url")?;
        let key = secret(
            SERVICE,
            env,
            table.and_then(|t| t.admin_key.as_ref()),
            "admin_key",
        )?;
        let bad = || PushError::Config {
            service: SERVICE,
            message: "the admin key is not an Admin API key (id:secret, the secret in hex); \
                      copy it from a custom integration in Ghost Admin"
                .into(),
        };
        let (id, hex_secret) = key.expose().split_once(':').ok_or_else(bad)?;
        let secret = hex::decode(hex_secret).map_err(|_| bad())?;
        if id.is_empty() || secret.is_empty() {
            return Err(bad());
        }
        Ok(Ghost {
            base,
            key_id: id.to_string(),
            secret,
        })
    }

    fn token(&self) -> Result<String, PushError> {
        let iat = chrono::Utc::now().timestamp();
        let mut header = JwtHeader::new(Algorithm::HS256);
        header.kid = Some(self.key_id.clone());
        let claims = Claims {
            iat,
            exp: iat + TOKEN_SECONDS,
            aud: "/admin/",
        };
        jsonwebtoken::encode(&header, &claims, &EncodingKey::from_secret(&self.secret)).map_err(
            |e| PushError::Config {
                service: SERVICE,
                message: format!("cannot sign the admin token ({e})"),
            },
        )
    }

    fn request(&self, method: Method, path: &str) -> Result<Request, PushError> {
        let headers = vec![
            Header::secret("Authorization", format!("Ghost {}", self.token()?)),
            Header::plain("Accept-Version", ACCEPT_VERSION),
        ];
        Ok(Request::new(
            method,
            format!("{}/ghost/api/admin/{path}", self.base),
            headers,
        ))
    }

    fn create_request(&self, draft: &Draft) -> Result<Request, PushError> {
        Ok(self
            .request(Method::Post, "posts/?source=html")?
            .json(json!({"posts": [{
                "title": draft.title,
                "html": draft.fragment,
                "status": "draft",
            }]})))
    }

    fn read_request(&self, id: &str) -> Result<Request, PushError> {
        self.request(Method::Get, &format!("posts/{}/", safe_id(SERVICE, id)?))
    }

    fn update_request(
        &self,
        id: &str,
        updated_at: &str,
        draft: &Draft,
    ) -> Result<Request, PushError> {
        Ok(self
            .request(
                Method::Put,
                &format!("posts/{}/?source=html", safe_id(SERVICE, id)?),
            )?
            .json(json!({"posts": [{
                "title": draft.title,
                "html": draft.fragment,
                "updated_at": updated_at,
            }]})))
    }
}

impl Api for Ghost {
    fn plan(&self, draft: &Draft, remote: Option<&str>, _test_to: Option<&str>) -> Vec<Request> {
        let reqs = match remote {
            None => vec![self.create_request(draft)],
            Some(id) => vec![
                self.read_request(id),
                self.update_request(id, "<updated_at from the GET above>", draft),
            ],
        };
        reqs.into_iter().filter_map(Result::ok).collect()
    }

    fn create(&self, http: &Http, draft: &Draft) -> Result<String, PushError> {
        let resp = http.send_ok(&self.create_request(draft)?)?;
        id_at(&resp.json(SERVICE)?, "/posts/0/id", SERVICE)
    }

    fn read(&self, http: &Http, id: &str) -> Result<Remote, PushError> {
        let Some(v) = read_or_gone(http, &self.read_request(id)?, SERVICE)? else {
            return Ok(Remote::Gone);
        };
        let status = v.pointer("/posts/0/status").and_then(|s| s.as_str());
        let updated_at = v.pointer("/posts/0/updated_at").and_then(|s| s.as_str());
        Ok(match (status, updated_at) {
            (Some("draft"), Some(at)) => Remote::Draft {
                state: at.to_string(),
            },
            (Some(other), _) if other != "draft" => Remote::NotDraft {
                status: other.to_string(),
            },
            _ => {
                return Err(PushError::Response {
                    service: SERVICE,
                    message: format!("post {id} came back without its status and updated_at"),
                });
            }
        })
    }

    fn update(
        &self,
        http: &Http,
        id: &str,
        updated_at: &str,
        draft: &Draft,
    ) -> Result<(), PushError> {
        http.send_ok(&self.update_request(id, updated_at, draft)?)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{DecodingKey, Validation, decode, decode_header};

    #[test]
    fn token_is_what_ghost_verifies() {
        let mut config = Config::default();
        config.push.ghost = Some(crate::config::GhostConfig {
            url: "https://blog.example/".into(),
            admin_key: Some(crate::config::Secret::new("6489:a1b2c3d4")),
        });
        let none = |_: &str| None;
        let ghost = Ghost::new(&config, &none).unwrap();
        assert_eq!(ghost.base, "https://blog.example");
        let token = ghost.token().unwrap();
        let header = decode_header(&token).unwrap();
        assert_eq!(header.kid.as_deref(), Some("6489"));
        assert_eq!(header.alg, Algorithm::HS256);
        let mut v = Validation::new(Algorithm::HS256);
        v.set_audience(&["/admin/"]);
        let data = decode::<serde_json::Value>(
            &token,
            &DecodingKey::from_secret(&[0xa1, 0xb2, 0xc3, 0xd4]),
            &v,
        )
        .unwrap();
        let (iat, exp) = (
            data.claims["iat"].as_i64().unwrap(),
            data.claims["exp"].as_i64().unwrap(),
        );
        assert_eq!(exp - iat, 300);
    }

    #[test]
    fn a_malformed_key_is_refused_without_showing_it() {
        let mut config = Config::default();
        config.push.ghost = Some(crate::config::GhostConfig {
            url: "https://blog.example".into(),
            admin_key: Some(crate::config::Secret::new("nothex:zzzz-secret")),
        });
        let none = |_: &str| None;
        let err = Ghost::new(&config, &none).err().unwrap().to_string();
        assert!(err.starts_with("ghost: the admin key is not"), "{err}");
        assert!(!err.contains("zzzz"), "{err}");
    }
}
