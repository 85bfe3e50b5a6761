//! `roundup push`: the issue as a DRAFT in a mailing tool (Ghost, Buttondown, listmonk, Kit,
//! Mailchimp), never sent or published. The bodies are the same exports as `roundup export`
//! (HTML, and the plain text where the tool takes one). The remote id is kept per issue and
//! service (`Store::remote_draft`), so the next push updates that draft; a draft deleted
//! remotely is made anew and the editor told. Dry runs print each request with its secrets
//! redacted and send nothing.
//!
//! One file per service, each following the service's documented API (cited there); the
//! shared request type is in `request`, credentials (config file or environment) in
//! `credentials`, the services' names in `service`.

mod buttondown;
mod content;
pub mod credentials;
mod ghost;
mod kit;
mod listmonk;
mod mailchimp;
pub mod request;
mod service;

pub use content::Draft;
pub use request::{Header, Method, Request, Response};
pub use service::Service;

use crate::config::Config;
use crate::export::{ExportError, Exporter};
use crate::model::Issue;
use crate::store::{Store, StoreError};
use request::Http;

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    /// Missing or malformed settings; names the config key or variable to set.
    #[error("{service}: {message}")]
    Config { service: Service, message: String },
    #[error("{service}: {message}")]
    Network { service: Service, message: String },
    #[error("{}", http_line(*service, *status, message, retry_after.as_deref()))]
    Http {
        service: Service,
        status: u16,
        message: String,
        retry_after: Option<String>,
    },
    /// The service answered 2xx with something unexpected.
    #[error("{service}: {message}")]
    Response { service: Service, message: String },
    #[error(
        "{service}: {thing} {id} is {status} there, not a draft; roundup changes drafts only",
        thing = service.thing()
    )]
    NotADraft {
        service: Service,
        id: String,
        status: String,
    },
    #[error(transparent)]
    Export(#[from] ExportError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn http_line(service: Service, status: u16, message: &str, retry: Option<&str>) -> String {
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    let mut line = format!("{service}: HTTP {status} {reason}")
        .trim_end()
        .to_string();
    if !message.is_empty() {
        line.push_str(": ");
        line.push_str(message);
    }
    match retry {
        Some(r) if r.trim().parse::<u64>().is_ok() => {
            line.push_str(&format!("; retry after {} s", r.trim()))
        }
        Some(r) => line.push_str(&format!("; retry after {}", r.trim())),
        None if status == 429 => line.push_str("; retry later"),
        None => {}
    }
    line
}

#[derive(Debug, Clone, Default)]
pub struct PushOptions {
    /// Print the requests instead of sending them.
    pub dry_run: bool,
    /// listmonk only: also send a test of the campaign to this address.
    pub test_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PushAction {
    Created,
    Updated,
    /// The draft roundup knew (`previous`) was deleted in the tool; a new one was made.
    Recreated {
        previous: String,
    },
}

#[derive(Debug, Clone)]
pub enum PushReport {
    /// `--dry-run`: what would be sent, in order. Nothing was sent or stored.
    DryRun(Vec<Request>),
    Pushed {
        service: Service,
        remote_id: String,
        action: PushAction,
        test_sent_to: Option<String>,
    },
}

/// What a service's draft looks like when roundup reads it before an update.
pub(crate) enum Remote {
    /// Deleted in the tool (404).
    Gone,
    /// Still a draft; `state` is what the update needs (Ghost: the post's `updated_at`).
    Draft { state: String },
    /// Sent, scheduled or published since: roundup will not touch it.
    NotDraft { status: String },
}

/// One mailing tool's documented API. `plan` builds the same requests the other methods
/// send, with placeholders where a value comes from an earlier answer.
pub(crate) trait Api {
    fn plan(&self, draft: &Draft, remote: Option<&str>, test_to: Option<&str>) -> Vec<Request>;
    fn create(&self, http: &Http, draft: &Draft) -> Result<String, PushError>;
    /// After `create` (and after the id is stored): a second step some tools need.
    fn fill(&self, _http: &Http, _id: &str, _draft: &Draft) -> Result<(), PushError> {
        Ok(())
    }
    fn read(&self, http: &Http, id: &str) -> Result<Remote, PushError>;
    fn update(&self, http: &Http, id: &str, state: &str, draft: &Draft) -> Result<(), PushError>;
    fn send_test(
        &self,
        _http: &Http,
        _id: &str,
        _draft: &Draft,
        _to: &str,
    ) -> Result<(), PushError> {
        Ok(())
    }
}

/// Looks a variable up; the CLI passes the process environment, tests pass a map.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment, for callers outside tests.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn api_for(service: Service, config: &Config, env: Env) -> Result<Box<dyn Api>, PushError> {
    Ok(match service {
        Service::Ghost => Box::new(ghost::Ghost::new(config, env)?),
        Service::Buttondown => Box::new(buttondown::Buttondown::new(config, env)?),
        Service::Listmonk => Box::new(listmonk::Listmonk::new(config, env)?),
        Service::Kit => Box::new(kit::Kit::new(config, env)?),
        Service::Mailchimp => Box::new(mailchimp::Mailchimp::new(config, env)?),
    })
}

/// The services whose settings are complete (config and environment): what the TUI offers.
pub fn configured_services(config: &Config, env: Env) -> Vec<Service> {
    Service::ALL
        .into_iter()
        .filter(|s| api_for(*s, config, env).is_ok())
        .collect()
}

/// Pushes `issue` to `service` as a draft: creates it, or updates the one pushed before (a
/// new one when that was deleted there). With `dry_run`, returns the requests unsent.
pub fn push_issue(
    store: &Store,
    config: &Config,
    issue: &Issue,
    service: Service,
    opts: &PushOptions,
    env: Env,
) -> Result<PushReport, PushError> {
    if opts.test_to.is_some() && service != Service::Listmonk {
        return Err(PushError::Config {
            service,
            message: "--test-to works with listmonk only".into(),
        });
    }
    let api = api_for(service, config, env)?;
    let draft = Draft::render(&Exporter::new(config)?, issue)?;
    let known = store.remote_draft(issue.id, service.as_str())?;
    let known = known.as_ref().map(|r| r.remote_id.as_str());
    if opts.dry_run {
        return Ok(PushReport::DryRun(api.plan(
            &draft,
            known,
            opts.test_to.as_deref(),
        )));
    }
    let http = Http::new(service)?;
    let created = |action: PushAction| -> Result<(String, PushAction), PushError> {
        let id = api.create(&http, &draft)?;
        // Stored before any further step: a failure after this still updates this draft
        // next time instead of leaving a twin behind.
        store.set_remote_draft(issue.id, service.as_str(), &id)?;
        api.fill(&http, &id, &draft)?;
        Ok((id, action))
    };
    let (remote_id, action) = match known {
        None => created(PushAction::Created)?,
        Some(id) => match api.read(&http, id)? {
            Remote::Gone => created(PushAction::Recreated {
                previous: id.to_string(),
            })?,
            Remote::NotDraft { status } => {
                return Err(PushError::NotADraft {
                    service,
                    id: id.to_string(),
                    status,
                });
            }
            Remote::Draft { state } => {
                api.update(&http, id, &state, &draft)?;
                store.set_remote_draft(issue.id, service.as_str(), id)?;
                (id.to_string(), PushAction::Updated)
            }
        },
    };
    if let Some(to) = &opts.test_to {
        api.send_test(&http, &remote_id, &draft, to)?;
    }
    Ok(PushReport::Pushed {
        service,
        remote_id,
        action,
        test_sent_to: opts.test_to.clone(),
    })
}

/// A 404 on read means the draft is gone; anything else not 2xx is an error.
pub(crate) fn read_or_gone(
    http: &Http,
    req: &Request,
    service: Service,
) -> Result<Option<serde_json::Value>, PushError> {
    let resp = http.send(req)?;
    if resp.status == 404 {
        return Ok(None);
    }
    if !resp.ok() {
        return Err(request::http_error(
            service,
            &resp,
            &request::secrets_of(req),
        ));
    }
    resp.json(service).map(Some)
}

/// What a service's status word says of a remote draft: `draft_word` is its word for a
/// draft ("draft", Mailchimp's "save"); any other is named in the refusal ("about to
/// send" for "about_to_send").
pub(crate) fn remote_by_status(status: Option<&str>, draft_word: &str) -> Remote {
    match status {
        Some(s) if s == draft_word => Remote::Draft {
            state: String::new(),
        },
        Some(other) => Remote::NotDraft {
            status: other.replace('_', " "),
        },
        None => Remote::NotDraft {
            status: "of unknown status".into(),
        },
    }
}

/// A remote id as a URL path segment. Ids come from the service (hex, digits, UUIDs); one
/// with anything else is refused rather than spliced into a URL.
pub(crate) fn safe_id(service: Service, id: &str) -> Result<&str, PushError> {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(id)
    } else {
        Err(PushError::Response {
            service,
            message: format!("the stored {} id {id:?} is not an id", service.thing()),
        })
    }
}

/// The id in a created object's answer (`{"posts":[{"id":…}]}`, `{"data":{"id":…}}`…),
/// whether the service writes it as a number or a string.
pub(crate) fn id_at(
    v: &serde_json::Value,
    pointer: &str,
    service: Service,
) -> Result<String, PushError> {
    match v.pointer(pointer) {
        Some(serde_json::Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
        _ => Err(PushError::Response {
            service,
            message: format!("the answer has no {} id (at {pointer})", service.thing()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_errors_read_as_one_line_with_the_retry_time() {
        assert_eq!(
            http_line(Service::Kit, 429, "Rate limit exceeded", Some("30")),
            "kit: HTTP 429 Too Many Requests: Rate limit exceeded; retry after 30 s"
        );
        assert_eq!(
            http_line(Service::Ghost, 401, "", None),
            "ghost: HTTP 401 Unauthorized"
        );
        assert_eq!(
            http_line(Service::Mailchimp, 429, "", None),
            "mailchimp: HTTP 429 Too Many Requests; retry later"
        );
    }

    #[test]
    fn service_names_round_trip() {
        for s in Service::ALL {
            assert_eq!(s.as_str().parse::<Service>(), Ok(s));
        }
        assert!("substack".parse::<Service>().unwrap_err().contains("ghost"));
    }
}
