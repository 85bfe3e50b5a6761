//! A loopback HTTP/1.1 server for the check tests and bench: one thread per connection,
//! `Connection: close`, a route function deciding each reply, and a log of requests.

#![allow(dead_code)] // each test binary uses a different part

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

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

type Route = dyn Fn(&str, &str) -> Reply + Send + Sync;

pub struct Server {
    pub port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `route(method, path without query)` on 127.0.0.1, each answer after `latency`.
    pub fn start(
        latency: Duration,
        route: impl Fn(&str, &str) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let route: Arc<Route> = Arc::new(route);
        let log2 = log.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (route, log) = (route.clone(), log2.clone());
                thread::spawn(move || serve(stream, latency, &*route, &log));
            }
        });
        Server { port, log }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// "METHOD /path" for every request so far.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, latency: Duration, route: &Route, log: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    log.lock().unwrap().push(format!("{method} {path}"));
    // Routes see the path alone: a tracking query must not change the page served.
    let reply = route(&method, path.split('?').next().unwrap_or(""));
    thread::sleep(latency + reply.delay);
    if reply.status == 0 {
        return;
    }
    let mut out = format!(
        "HTTP/1.1 {} X\r\nConnection: close\r\nContent-Length: {}\r\n",
        reply.status,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    if method != "HEAD" {
        out.push_str(&reply.body);
    }
    let mut stream = stream;
    let _ = stream.write_all(out.as_bytes());
    let _ = stream.flush();
}

/// A port nothing listens on: bound, then released.
pub fn refused_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}
