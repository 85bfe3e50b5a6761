//! `roundup serve` throughput: requests per second on `POST /links`, whole requests (HTTP,
//! JSON, token check, the SQLite commit and the answer), from keep-alive clients on loopback,
//! into a fresh on-disk database holding the demo data. No background fetch (its network
//! cost is the fetch bench's business).
//!
//!     cargo bench --bench serve
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/support/client.rs"]
mod client;

use roundup::serve::secrets;
use roundup::serve::{ServeOptions, Server};
use roundup::store::Store;
use std::time::Instant;

const CLIENTS: usize = 4;
const PER_CLIENT: usize = 2_500;
const RUNS: usize = 3;

fn run_once() -> f64 {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("bench.db")).expect("open");
    roundup::demo::build(&store).expect("demo");
    let token = secrets::ensure(&store).expect("token").token;
    let server = Server::start(
        store,
        ServeOptions {
            listen: "127.0.0.1:0".into(),
            fetch: false,
            ..ServeOptions::default()
        },
    )
    .expect("start");
    let addr = server.addr();
    let t = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let auth = format!("Bearer {token}");
            std::thread::spawn(move || {
                let mut conn = client::Conn::open(addr).expect("connect");
                for i in 0..PER_CLIENT {
                    let body = format!(
                        r#"{{"url": "https://bench.example.com/{c}/{i}?utm_source=x", "title": "Post {i}", "tags": ["bench"]}}"#
                    );
                    let r = conn
                        .send(
                            "POST",
                            "/links",
                            &[("Authorization", &auth), ("Content-Type", "application/json")],
                            body.as_bytes(),
                        )
                        .expect("request");
                    assert_eq!(r.status, 201, "{}", r.body);
                }
            })
        })
        .collect();
    for c in clients {
        c.join().expect("client");
    }
    let secs = t.elapsed().as_secs_f64();
    server.stop();
    (CLIENTS * PER_CLIENT) as f64 / secs
}

fn main() {
    let mut rates: Vec<f64> = (0..RUNS).map(|_| run_once()).collect();
    rates.sort_by(f64::total_cmp);
    println!(
        "POST /links: median {:.0} requests/s (min {:.0}, max {:.0}) over {RUNS} runs of {} requests from {CLIENTS} keep-alive clients, each committed to SQLite",
        rates[RUNS / 2],
        rates[0],
        rates[RUNS - 1],
        CLIENTS * PER_CLIENT
    );
}
