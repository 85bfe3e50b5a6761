//! `roundup serve [--listen ADDR] [--bookmarklet]`

use crate::store::Store;

pub struct ServeArgs {
    pub listen: String,
    pub bookmarklet: bool,
    pub no_fetch: bool,
    pub write_wait: u64,
}

pub fn run(_store: Store, _args: ServeArgs) -> anyhow::Result<i32> {
    anyhow::bail!("not yet")
}
