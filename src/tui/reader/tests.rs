//! The reader key by key on plain data: no terminal, no database.

use super::state::{Article, Body, ReaderState};
use crate::model::QuoteCandidate;
use crate::store::ArticleText;
use crate::tui::effects::{Effect, ReaderFx};
use crate::tui::keymap::{Key, Keymap};
use crate::tui::state::{App, Msg, Screen};
use crate::tui::update::update;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

const MD: &str = "# Monitoring\n\nI have a confession. I hate monitoring. It is not the tools.\n\n\
                  ## What went wrong\n\nThe first dashboard had forty panels. Nobody looked.";

fn keys(app: &mut App, spec: &str) -> Vec<Effect> {
    let mut fx = Vec::new();
    for k in spec.split(' ') {
        let key = Key::parse(k).unwrap();
        fx.extend(update(
            app,
            Msg::Key(KeyEvent::new(key.code, KeyModifiers::NONE)),
        ));
    }
    fx
}

fn reader(text: ArticleText) -> App {
    let mut app = App::new(Keymap::defaults(), (60, 20), 0);
    app.screen = Screen::Reader;
    app.reader = Some(ReaderState::new(
        7,
        None,
        Screen::Inbox,
        "I hate monitoring",
    ));
    update(
        &mut app,
        Msg::Article(Box::new(Article {
            link_id: 7,
            title: "I hate monitoring".into(),
            byline: "Mathew Duggan".into(),
            url: "https://m.example/hate".into(),
            text,
            candidates: vec![QuoteCandidate {
                text: "nobody LOOKED".into(),
                ..Default::default()
            }],
        })),
    );
    app
}

fn article() -> App {
    reader(ArticleText::Article {
        markdown: MD.into(),
        words: 30,
    })
}

fn selected(app: &App) -> String {
    app.reader
        .as_ref()
        .unwrap()
        .selected_text()
        .unwrap()
        .to_string()
}

#[test]
fn selection_grows_and_shrinks_by_unit() {
    let mut app = article();
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.candidates.len(), 1, "the highlight is found in the text");
    keys(&mut app, "v");
    assert_eq!(selected(&app), "Monitoring", "the first sentence on screen");
    keys(&mut app, "j");
    assert_eq!(selected(&app), "I have a confession.");
    keys(&mut app, "w w");
    assert_eq!(selected(&app), "I have a confession. I hate");
    keys(&mut app, "s");
    assert_eq!(selected(&app), "I have a confession. I hate monitoring.");
    keys(&mut app, "W");
    assert_eq!(selected(&app), "I have a confession. I hate");
    keys(&mut app, "S");
    assert_eq!(selected(&app), "I have a confession.");
    keys(&mut app, "p");
    assert_eq!(
        selected(&app),
        "I have a confession. I hate monitoring. It is not the tools."
    );
    keys(&mut app, "p");
    assert!(selected(&app).ends_with("What went wrong"));
    keys(&mut app, "P");
    assert!(selected(&app).ends_with("the tools."));
    keys(&mut app, "esc");
    assert!(app.reader.as_ref().unwrap().selection.is_none());
    assert_eq!(
        app.screen,
        Screen::Reader,
        "esc cancels the selection first"
    );
    keys(&mut app, "esc");
    assert_eq!(app.screen, Screen::Inbox);
    assert!(app.reader.is_none());
}

#[test]
fn search_is_incremental_and_v_starts_at_the_match() {
    let mut app = article();
    keys(&mut app, "/");
    for c in "pan".chars() {
        update(
            &mut app,
            Msg::Key(KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char(c),
                KeyModifiers::NONE,
            )),
        );
    }
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.search.matches.len(), 1);
    assert!(r.search.typing);
    keys(&mut app, "enter v");
    assert_eq!(selected(&app), "panels.");
    let fx = keys(&mut app, "y");
    let Some(Effect::Reader(ReaderFx::Quote {
        link_id, anchor, ..
    })) = fx.first()
    else {
        panic!("{fx:?}")
    };
    assert_eq!(*link_id, 7);
    assert_eq!(anchor.exact, "panels.");
    assert!(anchor.prefix.ends_with("dashboard had forty"));
    assert!(app.reader.as_ref().unwrap().selection.is_none());
}

#[test]
fn no_text_says_why_and_r_fetches() {
    let mut app = reader(ArticleText::FetchFailed {
        reason: "HTTP 404".into(),
    });
    let r = app.reader.as_ref().unwrap();
    assert_eq!(r.body, Body::Missing("The fetch failed: HTTP 404.".into()));
    let fx = keys(&mut app, "v y");
    assert!(fx.is_empty());
    assert!(app.status.error);
    let fx = keys(&mut app, "r");
    assert_eq!(
        fx,
        vec![Effect::Inbox(crate::tui::effects::InboxFx::Fetch(vec![7]))]
    );
}

#[test]
fn a_quote_of_a_link_in_no_section_asks_which_section_first() {
    use crate::model::{Issue, IssueStatus, Section, SectionStyle};
    use crate::tui::state::Overlay;
    let mut app = article();
    let section = |id: i64, heading: &str, style| Section {
        id,
        issue_id: 1,
        heading: heading.into(),
        style,
        show_heading: true,
        position: id,
        entries: Vec::new(),
    };
    app.issue.issue = Some(Issue {
        id: 1,
        number: 380,
        title: "SRE Weekly Issue #380".into(),
        date: None,
        status: IssueStatus::Draft,
        intro: None,
        sponsor: None,
        sections: vec![
            section(11, "Articles", SectionStyle::Articles),
            section(12, "Outages", SectionStyle::List),
        ],
    });
    keys(&mut app, "v");
    let passage = selected(&app);
    assert!(keys(&mut app, "y").is_empty(), "nothing is written yet");
    let Some(Overlay::Picker(p)) = &app.overlay else {
        panic!("no section picker: {:?}", app.overlay)
    };
    assert!(p.title.contains("#380"), "{}", p.title);
    // Esc keeps the selection: nothing is lost by changing one's mind.
    keys(&mut app, "esc");
    assert!(app.overlay.is_none());
    assert_eq!(selected(&app), passage);
    let fx = keys(&mut app, "y j enter");
    let Some(Effect::Reader(ReaderFx::Quote {
        link_id,
        entry_id,
        anchor,
        section,
    })) = fx.first()
    else {
        panic!("{fx:?}")
    };
    assert_eq!((*link_id, *entry_id, *section), (7, None, Some(12)));
    assert_eq!(anchor.exact, passage);
    assert!(app.overlay.is_none());
    assert!(app.reader.as_ref().unwrap().selection.is_none());
}
