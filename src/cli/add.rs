//! `roundup add URL... [--via NAME] [--no-fetch]`

use crate::model::{Link, NewLink};
use crate::store::{AddOutcome, Store};
use std::io::BufRead;

/// One URL from the command line or from stdin, with where it came from for messages.
struct Input {
    url: String,
    /// "line 3 of stdin" for stdin input.
    origin: Option<String>,
}

fn inputs(args: &[String]) -> anyhow::Result<Vec<Input>> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            let stdin = std::io::stdin();
            for (i, line) in stdin.lock().lines().enumerate() {
                let line = line?;
                let t = line.trim();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                out.push(Input {
                    url: t.to_string(),
                    origin: Some(format!("line {} of stdin", i + 1)),
                });
            }
        } else {
            out.push(Input {
                url: arg.clone(),
                origin: None,
            });
        }
    }
    Ok(out)
}

pub(crate) fn describe_existing(link: &Link) -> String {
    let mut s = format!("#{} {}", link.id, link.display_title());
    if !link.featured_in.is_empty() {
        let nums: Vec<String> = link.featured_in.iter().map(|n| format!("#{n}")).collect();
        s.push_str(&format!(" (featured in {})", nums.join(", ")));
    } else {
        s.push_str(&format!(" ({})", link.state));
    }
    s
}

pub fn run(
    store: &mut Store,
    args: &[String],
    via: Option<String>,
    no_fetch: bool,
) -> anyhow::Result<i32> {
    let mut bad = 0;
    let mut added = Vec::new();
    for input in inputs(args)? {
        let new = NewLink {
            url: input.url.clone(),
            via: via.clone(),
            ..Default::default()
        };
        match store.add_link(&new) {
            Ok(AddOutcome::Added(id)) => {
                out!("added #{id} {}", input.url.trim());
                added.push(id);
            }
            Ok(AddOutcome::Duplicate(existing)) => {
                out!(
                    "already stored: {} is {}",
                    input.url.trim(),
                    describe_existing(&existing)
                );
            }
            Err(crate::store::StoreError::Invalid(msg)) => {
                bad += 1;
                match input.origin {
                    Some(origin) => err!("roundup: {origin}: {msg}"),
                    None => err!("roundup: {msg}"),
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !added.is_empty() && !no_fetch {
        super::fetch::fetch_with_progress(store, &added)?;
    }
    Ok(if bad > 0 { 1 } else { 0 })
}
