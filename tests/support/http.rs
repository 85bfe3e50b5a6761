//! The one loopback HTTP/1.1 server of the tests and benches: std::net on 127.0.0.1, one
//! thread per connection, a log of every request. Two ways to answer:
//! - `Server::start(handler)`: the handler writes the raw response itself, so it can
//!   misbehave in any way a test needs (drip, reset, lie about lengths), keep-alive or not;
//! - `Server::routes(latency, route)`: a `Reply` per (method, path), after `latency`, with
//!   `Connection: close` (the check tests and benches).
#![allow(dead_code)] // each test binary uses a different part

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Lower-cased names.
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
}

impl Request {
    /// "METHOD /path" (the request line without the version).
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.path)
    }

    /// The body as JSON (`null` when it is not JSON): what an API fake reads.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

type Handler = dyn Fn(&Request, &mut TcpStream) + Send + Sync + 'static;

pub struct Server {
    pub port: u16,
    pub log: Arc<Mutex<Vec<Request>>>,
}

impl Server {
    /// Serves requests on a keep-alive connection until the client closes it, a request says
    /// `Connection: close`, or the handler shuts the stream down.
    pub fn start(handler: impl Fn(&Request, &mut TcpStream) + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let seen = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_nodelay(true);
                let handler = handler.clone();
                let seen = seen.clone();
                thread::spawn(move || {
                    while let Some(req) = read_request(&stream) {
                        seen.lock().unwrap().push(req.clone());
                        handler(&req, &mut stream);
                        if req.headers.get("connection").is_some_and(|c| c == "close") {
                            break;
                        }
                    }
                });
            }
        });
        Server { port, log }
    }

    /// Answers `route(method, path without query)` after `latency` (plus the reply's own
    /// delay), then closes the connection.
    pub fn routes(
        latency: Duration,
        route: impl Fn(&str, &str) -> Reply + Send + Sync + 'static,
    ) -> Server {
        Server::start(move |req, stream| {
            // Routes see the path alone: a tracking query must not change the page served.
            let reply = route(&req.method, req.path.split('?').next().unwrap_or(""));
            thread::sleep(latency + reply.delay);
            if reply.status != 0 {
                let mut headers: Vec<(&str, &str)> = vec![("Connection", "close")];
                headers.extend(reply.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                let body = if req.method == "HEAD" {
                    &[][..]
                } else {
                    reply.body.as_bytes()
                };
                write_response(
                    stream,
                    &format!("{} X", reply.status),
                    &headers,
                    reply.body.len(),
                    body,
                );
            }
            let _ = stream.shutdown(Shutdown::Both);
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }

    /// "METHOD /path" for every request so far.
    pub fn request_lines(&self) -> Vec<String> {
        self.requests().iter().map(Request::line).collect()
    }
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next()?.to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let len: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    std::io::Read::read_exact(&mut reader, &mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// Writes a status line, headers with `Content-Length: length` and `body` in one write (head
/// and body in separate small writes meet Nagle's algorithm and the client's delayed ACK,
/// adding ~40 ms to every response). Errors (the client hung up) are ignored.
fn write_response(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    length: usize,
    body: &[u8],
) {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {length}\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    let _ = stream.write_all(&out);
    let _ = stream.flush();
}

/// A complete response with a Content-Length.
pub fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    write_response(stream, status, headers, body.len(), body);
}

/// A JSON answer with the given status line ("201 Created"), as an API fake sends it.
pub fn json(stream: &mut TcpStream, status: &str, body: &serde_json::Value) {
    respond(
        stream,
        status,
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    );
}

pub fn html(stream: &mut TcpStream, body: &str) {
    respond(
        stream,
        "200 OK",
        &[("Content-Type", "text/html; charset=utf-8")],
        body.as_bytes(),
    );
}

/// A port on which nothing listens (bound, then released).
pub fn refused_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// What `Server::routes` answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Waited before answering (added to the server's latency).
    pub delay: Duration,
}

impl Reply {
    pub fn html(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    pub fn page(title: &str, text: &str) -> Reply {
        Reply::html(
            200,
            &format!(
                "<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
            ),
        )
    }

    pub fn status(status: u16) -> Reply {
        Reply::html(status, "<html><body>status</body></html>")
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        let mut r = Reply::status(status);
        r.headers.push(("Location".into(), location.into()));
        r
    }

    /// Closes the connection without a word.
    pub fn hang_up() -> Reply {
        Reply::html(0, "")
    }

    pub fn delayed(mut self, d: Duration) -> Reply {
        self.delay = d;
        self
    }
}
