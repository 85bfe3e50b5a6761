//! The issue-day flows of `update` on plain data (issue 11): the add dialog, undo on the
//! issue screen, sections, numbers, the export dialog. No terminal, no database.

use super::effects::{Destination, Effect, ExportFormat, ExportFx, InboxFx, IssueFx};
use super::issue::undo::Undo;
use super::state::{Msg, Overlay};
use super::tests::{app, issue, keys};
use super::update::update;

#[test]
fn pasting_urls_adds_the_good_lines_and_keeps_the_refused_ones_with_their_reason() {
    let mut app = app();
    // Terminals send pasted line breaks as CR; `www.` means https; a space is not part of a
    // URL, so that line is refused whole (never cut to "http://exa").
    let fx = update(
        &mut app,
        Msg::Paste(
            "https://a.example/1\rwww.b.example/2\r\nhttp://exa mple.com/x\rhttps://c.example/3 https://d.example/4".into(),
        ),
    );
    assert_eq!(
        fx,
        vec![Effect::Inbox(InboxFx::AddUrls(vec![
            "https://a.example/1".into(),
            "https://www.b.example/2".into(),
            "https://c.example/3".into(),
            "https://d.example/4".into(),
        ]))]
    );
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("the refused line stays in the add dialog");
    };
    assert_eq!(p.text(), "http://exa mple.com/x");
    assert!(p.label.contains("1 line refused"), "{}", p.label);
    assert!(matches!(
        crate::tui::dialog::state::judge_line(&p.text()),
        crate::tui::dialog::state::LineVerdict::Refused(why) if why.contains("space")
    ));
    // Fixing the line and pressing enter adds it and closes the dialog.
    keys(
        &mut app,
        "home right right right right right right right right right right right backspace",
    );
    let fx = keys(&mut app, "enter");
    assert_eq!(
        fx,
        vec![Effect::Inbox(InboxFx::AddUrls(vec![
            "http://example.com/x".into()
        ]))]
    );
    assert!(app.overlay.is_none());
}

fn on_issue() -> super::state::App {
    let mut app = app();
    update(
        &mut app,
        Msg::IssueLoaded {
            issue: Some(Box::new(issue())),
            issues: vec![],
        },
    );
    keys(&mut app, "2");
    app
}

#[test]
fn u_takes_back_remove_move_and_section_changes_newest_first() {
    let mut app = on_issue();
    // Rows: sponsor, intro, Articles, entry 1, entry 2, Outages.
    keys(&mut app, "j j j J");
    keys(&mut app, "x");
    let fx = keys(&mut app, "u");
    assert_eq!(
        fx,
        vec![Effect::Issue(IssueFx::Undo {
            number: 380,
            op: Undo::Removed {
                link_id: 101,
                section_id: 10,
                position: 1,
                title: "Entry 1".into(),
            }
        })]
    );
    let fx = keys(&mut app, "u");
    assert_eq!(
        fx,
        vec![Effect::Issue(IssueFx::Undo {
            number: 380,
            op: Undo::Moved {
                link_id: 101,
                delta: -1
            }
        })]
    );
    assert!(keys(&mut app, "u").is_empty(), "nothing left to undo");
    assert!(app.status.message.is_some());
}

#[test]
fn sections_are_deleted_only_when_empty_and_come_back_with_u() {
    let mut app = on_issue();
    // Articles has entries: x on it refuses and changes nothing.
    assert!(keys(&mut app, "j j x").is_empty());
    assert_eq!(app.issue.issue.as_ref().unwrap().sections.len(), 2);
    // Outages is empty: it goes, and u brings it back where it was.
    assert_eq!(
        keys(&mut app, "G x"),
        vec![Effect::Issue(IssueFx::DeleteSection(11))]
    );
    let fx = keys(&mut app, "u");
    assert!(matches!(
        &fx[..],
        [Effect::Issue(IssueFx::Undo { op: Undo::SectionDeleted { heading, position: 1, .. }, .. })]
            if heading == "Outages"
    ));
    // A restored section has a new id; older undo steps follow it.
    app.issue.push_undo(Undo::HeadingShown {
        section_id: 11,
        shown: true,
    });
    update(&mut app, Msg::SectionRestored { old: 11, new: 42 });
    assert_eq!(
        app.issue.undo.last(),
        Some(&Undo::HeadingShown {
            section_id: 42,
            shown: true
        })
    );
}

#[test]
fn headings_toggle_add_and_rename_through_prompts() {
    let mut app = on_issue();
    assert_eq!(
        keys(&mut app, "G H"),
        vec![Effect::Issue(IssueFx::ShowHeading {
            section_id: 11,
            shown: false
        })]
    );
    keys(&mut app, "A");
    update(&mut app, Msg::Paste("Quick takes".into()));
    assert_eq!(
        keys(&mut app, "enter"),
        vec![Effect::Issue(IssueFx::AddSection {
            issue_id: 1,
            heading: "Quick takes".into()
        })]
    );
    // R on a section offers its heading to edit.
    keys(&mut app, "R");
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("no rename prompt");
    };
    assert_eq!(p.text(), "Outages");
    assert_eq!(
        keys(
            &mut app,
            "backspace backspace backspace backspace backspace backspace backspace S R E enter"
        ),
        vec![Effect::Issue(IssueFx::RenameSection {
            section_id: 11,
            heading: "SRE".into()
        })]
    );
}

#[test]
fn n_asks_for_the_number_with_the_next_one_as_default() {
    let mut app = on_issue();
    assert_eq!(
        keys(&mut app, "n"),
        vec![Effect::Issue(IssueFx::ProposeNumber)]
    );
    update(&mut app, Msg::AskNewNumber(381));
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("no number prompt");
    };
    assert_eq!(p.text(), "381");
    // Not a number: refused with a message, the prompt stays.
    keys(&mut app, "x");
    assert!(keys(&mut app, "enter").is_empty());
    assert!(app.overlay.is_some());
    assert_eq!(
        keys(&mut app, "backspace backspace backspace backspace 1 enter"),
        vec![Effect::Issue(IssueFx::New(Some(1)))]
    );
    // # renumbers after a confirmation; X deletes after one.
    keys(&mut app, "#");
    assert!(keys(&mut app, "backspace 1 enter").is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))));
    assert_eq!(
        keys(&mut app, "y"),
        vec![Effect::Issue(IssueFx::Renumber { from: 380, to: 381 })]
    );
    keys(&mut app, "X");
    assert_eq!(
        keys(&mut app, "y"),
        vec![Effect::Issue(IssueFx::Delete(380))]
    );
}

#[test]
fn export_never_overwrites_without_a_yes_and_the_path_can_be_typed() {
    let mut app = on_issue();
    app.export_prefs.dir = "/x".into();
    // Format HTML, destination file, then the path field: typed over.
    keys(&mut app, "e j tab j tab");
    for _ in 0.."/x/issue-380.html".len() {
        keys(&mut app, "backspace");
    }
    update(&mut app, Msg::Paste("/tmp/out.html".into()));
    let fx = keys(&mut app, "enter");
    let want = ExportFx {
        issue_id: 1,
        format: ExportFormat::Html,
        dest: Destination::File("/tmp/out.html".into()),
        overwrite: false,
    };
    assert_eq!(fx, vec![Effect::Export(want.clone())]);
    // The file exists: the runner asks; only yes replaces it.
    update(&mut app, Msg::AskOverwrite(want.clone()));
    assert!(matches!(&app.overlay, Some(Overlay::Confirm(c)) if c.question.contains("exists")));
    assert!(keys(&mut app, "n").is_empty());
    update(&mut app, Msg::AskOverwrite(want.clone()));
    assert_eq!(
        keys(&mut app, "y"),
        vec![Effect::Export(ExportFx {
            overwrite: true,
            ..want
        })]
    );
}

#[test]
fn publishing_names_the_errors_the_check_left() {
    let mut app = on_issue();
    update(
        &mut app,
        Msg::Checked {
            issue_id: 1,
            problems: vec![crate::check::Problem {
                entry: None,
                severity: crate::check::Severity::Error,
                kind: crate::check::ProblemKind::SponsorWithoutLink,
                message: "the sponsor has no link".into(),
                suggestion: None,
            }],
        },
    );
    app.overlay = None;
    keys(&mut app, "P");
    let Some(Overlay::Confirm(c)) = &app.overlay else {
        panic!("no confirmation");
    };
    assert!(
        c.question
            .contains("1 error still there: the sponsor has no link"),
        "{}",
        c.question
    );
}
