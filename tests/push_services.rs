//! `roundup push` to Buttondown, listmonk, Kit and Mailchimp against one loopback fake that
//! plays each documented API: its auth header, its draft marker (Buttondown and listmonk
//! `status: draft`, Kit `send_at: null`, Mailchimp `status: save`), its answer wrapper, its
//! error shape, its update verb, and a 404 for a deleted draft.

// A test fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::config::{
    ButtondownConfig, Config, KitConfig, ListmonkConfig, MailchimpConfig, Secret,
};
use roundup::publish::{PushAction, PushError, PushOptions, PushReport, Service, push_issue};
use roundup::store::Store;
use serde_json::{Value, json as j};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use support::http::{Server, json, respond};

const KEY: &str = "k3y-s3cret-abcdef-us6";

struct Spec {
    service: Service,
    /// Lower-case header name and the value a good key gives.
    auth: (&'static str, &'static str),
    collection: &'static str,
    update: &'static str,
    wrap: fn(Value) -> Value,
    /// Whether a stored object is still a draft, and what a create must say to make one.
    is_draft: fn(&Value) -> bool,
    error: fn(&str) -> Value,
    /// The fields holding the HTML (and the text, where the tool takes one).
    content: &'static [&'static str],
}

const BASIC_LISTMONK: &str = "Basic YXBpOmszeS1zM2NyZXQtYWJjZGVmLXVzNg=="; // api:KEY
const BASIC_MAILCHIMP: &str = "Basic cm91bmR1cDprM3ktczNjcmV0LWFiY2RlZi11czY="; // roundup:KEY

fn specs() -> Vec<Spec> {
    vec![
        Spec {
            service: Service::Buttondown,
            auth: ("authorization", "Token k3y-s3cret-abcdef-us6"),
            collection: "/v1/emails",
            update: "PATCH",
            wrap: |v| v,
            is_draft: |v| v["status"] == "draft",
            error: |m| j!({"detail": m}),
            content: &["body"],
        },
        Spec {
            service: Service::Listmonk,
            auth: ("authorization", BASIC_LISTMONK),
            collection: "/api/campaigns",
            update: "PUT",
            wrap: |v| j!({"data": v}),
            is_draft: |v| v["status"] == "draft",
            error: |m| j!({"message": m}),
            content: &["body", "altbody"],
        },
        Spec {
            service: Service::Kit,
            auth: ("x-kit-api-key", KEY),
            collection: "/v4/broadcasts",
            update: "PUT",
            wrap: |v| j!({"broadcast": v}),
            is_draft: |v| v.get("send_at") == Some(&Value::Null) && v["public"] == false,
            error: |m| j!({"errors": [m]}),
            content: &["content"],
        },
        Spec {
            service: Service::Mailchimp,
            auth: ("authorization", BASIC_MAILCHIMP),
            collection: "/3.0/campaigns",
            update: "PATCH",
            wrap: |v| v,
            is_draft: |v| v["status"] == "save",
            error: |m| j!({"type": "about:blank", "title": "Invalid Resource", "status": 400, "detail": m}),
            content: &["html", "plain_text"],
        },
    ]
}

#[derive(Default)]
struct Fake {
    objects: BTreeMap<String, Value>,
    next: u32,
    limited: bool,
    tests_sent: Vec<Value>,
}

fn fake(spec: &'static Spec, state: Arc<Mutex<Fake>>) -> Server {
    Server::start(move |req, stream| {
        let mut f = state.lock().unwrap();
        let fail = |stream: &mut _, status: &str, m: &str| json(stream, status, &(spec.error)(m));
        if f.limited {
            let body = (spec.error)("Rate limit exceeded").to_string();
            return respond(
                stream,
                "429 Too Many Requests",
                &[("Retry-After", "30"), ("Content-Type", "application/json")],
                body.as_bytes(),
            );
        }
        if req.headers.get(spec.auth.0).map(String::as_str) != Some(spec.auth.1) {
            return fail(stream, "401 Unauthorized", "Invalid API key.");
        }
        let Some(rest) = req.path.strip_prefix(spec.collection) else {
            return fail(stream, "404 Not Found", "No such endpoint.");
        };
        let parts: Vec<&str> = rest.split('/').filter(|p| !p.is_empty()).collect();
        let body = req.json();
        match (req.method.as_str(), parts.as_slice()) {
            ("POST", []) => {
                if spec.service == Service::Mailchimp && body["recipients"]["list_id"] != "a1b2c3" {
                    return fail(
                        stream,
                        "400 Bad Request",
                        "Unknown list: recipients.list_id.",
                    );
                }
                let mut obj = body.clone();
                f.next += 1;
                let id = match spec.service {
                    Service::Listmonk | Service::Kit => j!(f.next),
                    _ => j!(format!("obj{}", f.next)),
                };
                obj["id"] = id.clone();
                // A new campaign is a draft in these two; the others are told.
                match spec.service {
                    Service::Mailchimp => obj["status"] = j!("save"),
                    Service::Listmonk => obj["status"] = j!("draft"),
                    _ => {}
                }
                if !(spec.is_draft)(&obj) {
                    return fail(
                        stream,
                        "400 Bad Request",
                        "test fake: a create that would send",
                    );
                }
                let key = id.to_string().trim_matches('"').to_string();
                f.objects.insert(key, obj.clone());
                json(stream, "201 Created", &(spec.wrap)(obj));
            }
            ("GET", [id]) => match f.objects.get(*id) {
                Some(obj) => json(stream, "200 OK", &(spec.wrap)(obj.clone())),
                None => fail(stream, "404 Not Found", "Not found."),
            },
            (m, [id]) if m == spec.update => match f.objects.get_mut(*id) {
                Some(obj) => {
                    for (k, v) in body.as_object().unwrap() {
                        obj[k] = v.clone();
                    }
                    json(stream, "200 OK", &(spec.wrap)(obj.clone()))
                }
                None => fail(stream, "404 Not Found", "Not found."),
            },
            ("PUT", [id, "content"]) if spec.service == Service::Mailchimp => {
                match f.objects.get_mut(*id) {
                    Some(obj) => {
                        obj["html"] = body["html"].clone();
                        obj["plain_text"] = body["plain_text"].clone();
                        json(stream, "200 OK", &j!({"html": body["html"]}))
                    }
                    None => fail(stream, "404 Not Found", "Not found."),
                }
            }
            ("POST", [_, "test"]) if spec.service == Service::Listmonk => {
                f.tests_sent.push(body);
                json(stream, "200 OK", &j!({"data": true}));
            }
            _ => fail(stream, "405 Method Not Allowed", "Method not allowed."),
        }
    })
}

struct Setup {
    spec: &'static Spec,
    server: Server,
    state: Arc<Mutex<Fake>>,
    store: Store,
    config: Config,
}

fn setup(spec: Spec, key: &str) -> Setup {
    let spec: &'static Spec = Box::leak(Box::new(spec));
    let state = Arc::new(Mutex::new(Fake::default()));
    let server = fake(spec, state.clone());
    let store = Store::open_in_memory().unwrap();
    roundup::demo::build(&store).unwrap();
    let mut config = Config::builtin().unwrap();
    let url = Some(server.url(""));
    let secret = Some(Secret::new(key));
    match spec.service {
        Service::Buttondown => {
            config.push.buttondown = Some(ButtondownConfig {
                url,
                api_key: secret,
            })
        }
        Service::Kit => {
            config.push.kit = Some(KitConfig {
                url,
                api_key: secret,
                email_template_id: None,
            })
        }
        Service::Listmonk => {
            config.push.listmonk = Some(ListmonkConfig {
                url: server.url(""),
                username: Some("api".into()),
                token: secret,
                lists: vec![3],
                ..ListmonkConfig::default()
            })
        }
        _ => {
            config.push.mailchimp = Some(MailchimpConfig {
                url: Some(server.url("/3.0")),
                api_key: secret,
                list_id: "a1b2c3".into(),
                from_name: "SRE Weekly".into(),
                reply_to: "editor@example.com".into(),
            })
        }
    }
    Setup {
        spec,
        server,
        state,
        store,
        config,
    }
}

fn push(s: &Setup, opts: &PushOptions) -> Result<PushReport, PushError> {
    let issue = s.store.current_draft().unwrap().unwrap();
    let none = |_: &str| None;
    push_issue(&s.store, &s.config, &issue, s.spec.service, opts, &none)
}

fn pushed(s: &Setup) -> (String, PushAction) {
    match push(s, &PushOptions::default()) {
        Ok(PushReport::Pushed {
            remote_id, action, ..
        }) => (remote_id, action),
        other => panic!("{}: {other:?}", s.spec.service),
    }
}

#[test]
fn create_update_and_a_deleted_draft_made_anew() {
    for spec in specs() {
        let s = setup(spec, KEY);
        let name = s.spec.service;
        let (id, action) = pushed(&s);
        assert_eq!(action, PushAction::Created, "{name}");
        {
            let f = s.state.lock().unwrap();
            let obj = &f.objects[&id];
            for field in s.spec.content {
                let text = obj[*field].as_str().unwrap_or_default();
                assert!(text.contains("Rootly"), "{name} {field}: {text}");
            }
        }
        let draft = s.store.current_draft().unwrap().unwrap();
        s.store
            .set_intro(draft.id, Some("Second edition of the intro."))
            .unwrap();
        let (again, action) = pushed(&s);
        assert_eq!(
            (again.as_str(), action),
            (id.as_str(), PushAction::Updated),
            "{name}"
        );
        {
            let f = s.state.lock().unwrap();
            assert_eq!(f.objects.len(), 1, "{name}: a second object");
            let html = f.objects[&id][s.spec.content[0]]
                .as_str()
                .unwrap()
                .to_string();
            assert!(
                html.contains("Second edition of the intro."),
                "{name}: {html}"
            );
            assert!(
                (s.spec.is_draft)(&f.objects[&id]),
                "{name}: no longer a draft"
            );
        }
        s.state.lock().unwrap().objects.clear();
        let (new, action) = pushed(&s);
        assert_ne!(new, id, "{name}");
        assert_eq!(action, PushAction::Recreated { previous: id }, "{name}");
        let stored = s
            .store
            .remote_draft(draft.id, name.as_str())
            .unwrap()
            .unwrap();
        assert_eq!(stored.remote_id, new, "{name}");
    }
}

#[test]
fn a_bad_key_is_the_services_own_401_without_the_key() {
    for spec in specs() {
        let s = setup(spec, "wrong-key-999999-us6");
        let err = push(&s, &PushOptions::default()).unwrap_err().to_string();
        let name = s.spec.service;
        assert!(
            err.starts_with(&format!("{name}: HTTP 401 Unauthorized: ")),
            "{err}"
        );
        assert!(err.contains("Invalid API key."), "{err}");
        assert!(!err.contains("wrong-key"), "{err}");
    }
}

#[test]
fn rate_limiting_says_when_to_retry() {
    for spec in specs() {
        let s = setup(spec, KEY);
        s.state.lock().unwrap().limited = true;
        let err = push(&s, &PushOptions::default()).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("{}: HTTP 429 Too Many Requests", s.spec.service)),
            "{err}"
        );
        assert!(
            err.ends_with("Rate limit exceeded; retry after 30 s"),
            "{err}"
        );
    }
}

#[test]
fn dry_run_sends_nothing_and_shows_no_key() {
    for spec in specs() {
        let s = setup(spec, KEY);
        let opts = PushOptions {
            dry_run: true,
            test_to: None,
        };
        let Ok(PushReport::DryRun(reqs)) = push(&s, &opts) else {
            panic!("not a dry run")
        };
        let text: String = reqs.iter().map(ToString::to_string).collect();
        assert!(
            text.starts_with(&format!("POST {}{}", s.server.url(""), s.spec.collection)),
            "{text}"
        );
        assert!(
            !text.contains("k3y-s3cret") && !text.contains(&BASIC_LISTMONK[6..]),
            "{text}"
        );
        assert!(!text.contains(&BASIC_MAILCHIMP[6..]), "{text}");
        assert!(text.contains("[redacted]"), "{text}");
        assert!(
            s.server.requests().is_empty(),
            "{}: a dry run sent a request",
            s.spec.service
        );
    }
}

#[test]
fn listmonk_sends_a_test_to_the_given_subscriber() {
    let s = setup(specs().remove(1), KEY);
    let opts = PushOptions {
        dry_run: false,
        test_to: Some("me@example.com".into()),
    };
    let Ok(PushReport::Pushed { test_sent_to, .. }) = push(&s, &opts) else {
        panic!()
    };
    assert_eq!(test_sent_to.as_deref(), Some("me@example.com"));
    let f = s.state.lock().unwrap();
    assert_eq!(f.tests_sent.len(), 1);
    assert_eq!(f.tests_sent[0]["subscribers"], j!(["me@example.com"]));
    assert_eq!(f.tests_sent[0]["content_type"], "html");
}

#[test]
fn a_test_address_for_another_service_is_refused_before_sending() {
    let s = setup(specs().remove(0), KEY);
    let opts = PushOptions {
        dry_run: false,
        test_to: Some("me@example.com".into()),
    };
    let err = push(&s, &opts).unwrap_err().to_string();
    assert_eq!(err, "buttondown: --test-to works with listmonk only");
    assert!(s.server.requests().is_empty());
}

#[test]
fn mailchimp_names_an_unknown_list() {
    let mut s = setup(specs().remove(3), KEY);
    if let Some(m) = s.config.push.mailchimp.as_mut() {
        m.list_id = "nope".into();
    }
    let err = push(&s, &PushOptions::default()).unwrap_err().to_string();
    assert_eq!(
        err,
        "mailchimp: HTTP 400 Bad Request: Invalid Resource: Unknown list: recipients.list_id."
    );
}

#[test]
fn a_campaign_no_longer_a_draft_is_not_touched() {
    let s = setup(specs().remove(1), KEY);
    let (id, _) = pushed(&s);
    s.state.lock().unwrap().objects.get_mut(&id).unwrap()["status"] = j!("running");
    let err = push(&s, &PushOptions::default()).unwrap_err().to_string();
    assert!(
        err.starts_with(&format!(
            "listmonk: campaign {id} is running there, not a draft"
        )),
        "{err}"
    );
    assert!(s.server.requests().iter().all(|r| r.method != "PUT"));
}
