//! `update` for the export dialog's push to a mailing tool, on plain data.

use super::effects::{Destination, Effect, ExportFormat, ExportFx};
use super::state::{IssueRef, Msg, Overlay};
use super::tests::{app, issue, keys};
use super::update::update;
use crate::publish::Service;

fn with_issue(services: &[Service]) -> super::state::App {
    let mut app = app();
    app.push_services = services.to_vec();
    update(
        &mut app,
        Msg::IssueLoaded {
            issue: Some(Box::new(issue())),
            issues: vec![IssueRef {
                id: 1,
                number: 380,
                published: false,
            }],
        },
    );
    keys(&mut app, "2");
    app
}

#[test]
fn each_configured_service_is_a_destination_and_enter_pushes_to_it() {
    let mut app = with_issue(&[Service::Ghost, Service::Kit]);
    keys(&mut app, "e tab");
    let Some(Overlay::Export(x)) = &app.overlay else {
        panic!("no dialog")
    };
    assert_eq!(x.destinations(), 4);
    // Clipboard, file, Ghost, Kit; down stops at the last one, up comes back.
    keys(&mut app, "j j j j k");
    let fx = keys(&mut app, "enter");
    assert_eq!(
        fx,
        vec![Effect::Export(ExportFx {
            issue_id: 1,
            format: ExportFormat::Markdown,
            dest: Destination::Push(Service::Ghost),
            overwrite: false,
        })]
    );
    assert!(!fx[0].writes(), "the worker writes the remote id itself");
    assert!(app.overlay.is_none());
    assert_eq!(
        app.status.message.as_deref(),
        Some("Pushing #380 to Ghost as a draft…")
    );
    // The worker's answer is the status line.
    update(
        &mut app,
        Msg::Info("Draft updated in Ghost (id 65f0); nothing was sent".into()),
    );
    assert_eq!(
        app.status.message.as_deref(),
        Some("Draft updated in Ghost (id 65f0); nothing was sent")
    );

    let fx = keys(&mut app, "e tab j j j enter");
    assert!(matches!(
        &fx[..],
        [Effect::Export(ExportFx {
            dest: Destination::Push(Service::Kit),
            ..
        })]
    ));
}

#[test]
fn without_configured_services_the_destinations_are_clipboard_and_file() {
    let mut app = with_issue(&[]);
    keys(&mut app, "e tab j j j");
    let Some(Overlay::Export(x)) = &app.overlay else {
        panic!("no dialog")
    };
    assert_eq!((x.destinations(), x.dest), (2, 1));
    assert!(matches!(x.destination(), Destination::File(_)));
}
