//! `roundup serve [--listen ADDR] [--bookmarklet]`

use crate::serve::{ServeOptions, Server, bookmarklet, is_loopback, secrets};
use crate::store::Store;
use std::net::{SocketAddr, ToSocketAddrs};
use std::time::Duration;

pub struct ServeArgs {
    pub listen: String,
    pub bookmarklet: bool,
    pub no_fetch: bool,
    pub write_wait: u64,
}

/// The first address `listen` names ("localhost:7777" resolves).
fn resolve(listen: &str) -> anyhow::Result<SocketAddr> {
    listen
        .to_socket_addrs()
        .map_err(|e| anyhow::anyhow!("--listen {listen}: {e}"))?
        .next()
        .ok_or_else(|| anyhow::anyhow!("--listen {listen}: names no address"))
}

pub fn run(store: Store, args: ServeArgs) -> anyhow::Result<i32> {
    let addr = resolve(&args.listen)?;
    if args.bookmarklet {
        let secrets = secrets::ensure(&store)?;
        out!("{}", bookmarklet(&format!("http://{addr}"), &secrets.token));
        err!(
            "Drag it to the bookmarks bar (or make a bookmark with it as the address); it \
             opens http://{addr}/add for the page you are on. It holds the token: keep it to \
             yourself."
        );
        return Ok(0);
    }
    if !is_loopback(&addr) {
        err!(
            "roundup: warning: listening on {addr} is reachable from other machines, in plain \
             HTTP; anyone who learns the token can add links (put a TLS proxy in front)"
        );
    }
    let log = crate::logfile::init();
    let db = store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let server = Server::start(
        store,
        ServeOptions {
            listen: addr.to_string(),
            fetch: !args.no_fetch,
            write_wait: Duration::from_secs(args.write_wait.max(1)),
            ..ServeOptions::default()
        },
    )?;
    let base = format!("http://{}", server.addr());
    out!("roundup serve: listening on {base} (database {db})");
    out!(
        "  POST {base}/links with \"Authorization: Bearer TOKEN\" and JSON {{\"url\": …}}; \
         the token: roundup setting capture_token"
    );
    out!("  bookmarklet: roundup serve --bookmarklet");
    out!(
        "  Miniflux: webhook URL {base}/webhooks/miniflux; paste its secret with \
         roundup setting miniflux_secret SECRET"
    );
    out!("  requests are logged to {}", log.display());
    server.wait();
    Ok(0)
}
