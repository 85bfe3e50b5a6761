//! A loopback Ghost Admin API that checks what the real one checks: the JWT (HS256
//! signature with the hex-decoded secret, `kid`, `aud` = /admin/, expiry at most 5 minutes
//! out), `Accept-Version`, `?source=html` (without it Ghost stores an empty post), and the
//! post's current `updated_at` on update (else 409 UpdateCollisionError). Used by
//! tests/push_ghost.rs and the TUI's push from the export dialog.
#![allow(dead_code)]

use super::http::{Request, Server, json, respond};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde_json::{Value, json as j};
use std::collections::BTreeMap;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

pub const KEY_ID: &str = "6489a1b2c3d4e5f600112233";
pub const SECRET_HEX: &str = "5f2a9c1e7d3b4a6f8e0c2d4b6a8f1e3c5d7b9a0e2c4f6a8b1d3e5f7a9c0b2d4e";

#[derive(Default)]
pub struct Ghost {
    pub posts: BTreeMap<String, Value>,
    pub clock: u32,
    /// Answer every request with 429 (Ghost's rate limiter).
    pub limited: bool,
}

fn err(stream: &mut TcpStream, status: &str, kind: &str, message: &str, context: &str) {
    json(
        stream,
        status,
        &j!({"errors": [{"message": message, "context": context, "type": kind}]}),
    );
}

/// What Ghost's admin API-key middleware checks, else its error.
fn check_token(req: &Request) -> Result<(), (&'static str, String)> {
    let auth = req
        .headers
        .get("authorization")
        .ok_or(("Authorization header missing", String::new()))?;
    let token = auth.strip_prefix("Ghost ").ok_or((
        "Authorization header format is \"Authorization: Ghost [token]\"",
        String::new(),
    ))?;
    let header = decode_header(token).map_err(|e| ("Invalid token", e.to_string()))?;
    if header.kid.as_deref() != Some(KEY_ID) {
        return Err(("Unknown Admin API Key", String::new()));
    }
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&["/admin/"]);
    v.set_required_spec_claims(&["exp", "aud"]);
    v.leeway = 0;
    let secret = hex::decode(SECRET_HEX).unwrap();
    let data = decode::<Value>(token, &DecodingKey::from_secret(&secret), &v)
        .map_err(|e| ("Invalid token", e.to_string()))?;
    let (iat, exp) = (
        data.claims["iat"].as_i64().unwrap_or(0),
        data.claims["exp"].as_i64().unwrap_or(i64::MAX),
    );
    if exp - iat > 5 * 60 {
        return Err(("Invalid token", "maxAge exceeded".into()));
    }
    Ok(())
}

pub fn ghost_server(state: Arc<Mutex<Ghost>>) -> Server {
    Server::start(move |req, stream| {
        let mut g = state.lock().unwrap();
        if g.limited {
            return respond(
                stream,
                "429 Too Many Requests",
                &[("Retry-After", "42"), ("Content-Type", "application/json")],
                br#"{"errors":[{"message":"Too many requests.","type":"TooManyRequestsError"}]}"#,
            );
        }
        if let Err((message, context)) = check_token(req) {
            return err(
                stream,
                "401 Unauthorized",
                "UnauthorizedError",
                message,
                &context,
            );
        }
        if req.headers.get("accept-version").map(String::as_str) != Some("v5.0") {
            return err(
                stream,
                "400 Bad Request",
                "BadRequestError",
                "Accept-Version missing",
                "",
            );
        }
        let (path, query) = req.path.split_once('?').unwrap_or((&req.path, ""));
        let Some(rest) = path.strip_prefix("/ghost/api/admin/posts/") else {
            return err(
                stream,
                "404 Not Found",
                "NotFoundError",
                "Resource not found",
                "",
            );
        };
        let id = rest.trim_end_matches('/').to_string();
        let html_source = query.split('&').any(|p| p == "source=html");
        g.clock += 1;
        let now = format!("2026-11-22T10:00:{:02}.000Z", g.clock);
        match (req.method.as_str(), id.is_empty()) {
            ("POST", true) => {
                let body = req.json();
                let p = &body["posts"][0];
                let id = format!("65f0{:020x}", g.clock);
                // Without ?source=html Ghost ignores `html` and saves an empty post.
                let html = if html_source {
                    p["html"].clone()
                } else {
                    j!("")
                };
                let post = j!({"id": id, "title": p["title"], "html": html,
                    "status": p["status"].as_str().unwrap_or("draft"), "updated_at": now});
                g.posts.insert(id, post.clone());
                json(stream, "201 Created", &j!({"posts": [post]}));
            }
            ("GET", false) => match g.posts.get(&id) {
                Some(post) => json(stream, "200 OK", &j!({"posts": [post]})),
                None => err(
                    stream,
                    "404 Not Found",
                    "NotFoundError",
                    "Post not found.",
                    "",
                ),
            },
            ("PUT", false) => {
                let body = req.json();
                let p = &body["posts"][0];
                let Some(post) = g.posts.get_mut(&id) else {
                    return err(
                        stream,
                        "404 Not Found",
                        "NotFoundError",
                        "Post not found.",
                        "",
                    );
                };
                if p["updated_at"] != post["updated_at"] {
                    return err(
                        stream,
                        "409 Conflict",
                        "UpdateCollisionError",
                        "Saving failed! Someone else is editing this post.",
                        "",
                    );
                }
                post["title"] = p["title"].clone();
                post["html"] = if html_source {
                    p["html"].clone()
                } else {
                    j!("")
                };
                post["updated_at"] = j!(now);
                let post = post.clone();
                json(stream, "200 OK", &j!({"posts": [post]}));
            }
            _ => err(
                stream,
                "405 Method Not Allowed",
                "MethodNotAllowedError",
                "Unknown method",
                "",
            ),
        }
    })
}
