//! The issue screen: the draft as rows (sponsor, intro, sections, entries), a cursor, and
//! what the issue keys do. Structural edits are applied here for instant feedback and sent
//! to the store as effects; the store's answer (a reload) then replaces the issue.

use crate::model::{Issue, IssueStatus, LinkState, SectionStyle};
use crate::tui::action::Action;
use crate::tui::editor::state::EditorState;
use crate::tui::effects::Effect;
use crate::tui::export::state::ExportState;
use crate::tui::state::{App, ConfirmState, IssueRef, Overlay, Screen};

#[derive(Debug, Default)]
pub struct IssueState {
    pub issue: Option<Issue>,
    pub issues: Vec<IssueRef>,
    pub cursor: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Sponsor,
    Intro,
    Section(usize),
    Entry(usize, usize),
}

impl IssueState {
    pub fn rows(&self) -> Vec<Row> {
        let Some(issue) = &self.issue else {
            return vec![];
        };
        let mut rows = vec![Row::Sponsor, Row::Intro];
        for (si, s) in issue.sections.iter().enumerate() {
            rows.push(Row::Section(si));
            rows.extend((0..s.entries.len()).map(|ei| Row::Entry(si, ei)));
        }
        rows
    }

    pub fn current(&self) -> Option<Row> {
        self.rows().get(self.cursor).copied()
    }

    pub fn is_published(&self) -> bool {
        self.issue
            .as_ref()
            .map(|i| i.status == IssueStatus::Published)
            .unwrap_or(false)
    }

    fn place_cursor(&mut self, row: Row) {
        if let Some(pos) = self.rows().iter().position(|r| *r == row) {
            self.cursor = pos;
        }
    }

    /// Puts the cursor on `row` and scrolls it into a page of `page` rows.
    pub fn show_row(&mut self, row: Row, page: usize) {
        self.place_cursor(row);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + page {
            self.offset = self.cursor + 1 - page;
        }
    }

    pub fn set_issue(&mut self, issue: Option<Issue>, issues: Vec<IssueRef>) {
        let same = issue.as_ref().map(|i| i.id) == self.issue.as_ref().map(|i| i.id);
        self.issue = issue;
        self.issues = issues;
        if !same {
            self.cursor = 0;
            self.offset = 0;
        }
        self.cursor = self.cursor.min(self.rows().len().saturating_sub(1));
    }
}

/// Choosing a section: where to place a link, or where to move an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerState {
    pub title: String,
    pub options: Vec<(i64, String)>,
    pub selected: usize,
    pub purpose: Pick,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pick {
    Place(i64),
    Move(i64),
}

impl PickerState {
    /// `None` when there is no draft to pick from (the link goes to a new draft's default).
    pub fn for_place(issue: Option<&Issue>, link_id: i64, url: &str) -> Option<PickerState> {
        let issue = issue.filter(|i| i.status == IssueStatus::Draft && !i.sections.is_empty())?;
        // Status pages go to the list-style section (Outages) by default, the rest to Articles.
        let status_page =
            url.contains("://status.") || url.contains("status.io") || url.contains("/incidents/");
        let want = if status_page {
            SectionStyle::List
        } else {
            SectionStyle::Articles
        };
        let selected = issue
            .sections
            .iter()
            .position(|s| s.style == want)
            .unwrap_or(0);
        Some(PickerState {
            title: format!("Place in #{}", issue.number),
            options: issue
                .sections
                .iter()
                .map(|s| (s.id, s.heading.clone()))
                .collect(),
            selected,
            purpose: Pick::Place(link_id),
        })
    }
}

pub fn on_picker(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(Overlay::Picker(p)) = &mut app.overlay else {
        return vec![];
    };
    let last = p.options.len().saturating_sub(1);
    match action {
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::Down => p.selected = (p.selected + 1).min(last),
        Action::Top => p.selected = 0,
        Action::Bottom => p.selected = last,
        Action::Back => app.overlay = None,
        Action::Confirm => {
            let Some((section_id, heading)) = p.options.get(p.selected).cloned() else {
                return vec![];
            };
            let purpose = p.purpose;
            app.overlay = None;
            return match purpose {
                Pick::Place(link_id) => {
                    app.inbox
                        .rows
                        .iter_mut()
                        .filter(|r| r.id == link_id)
                        .for_each(|r| r.state = LinkState::Used);
                    app.inbox.refilter(true);
                    app.status.info(format!("Placed in {heading}"));
                    vec![
                        Effect::PlaceLink {
                            link_id,
                            section: Some(section_id),
                        },
                        Effect::LoadRows(vec![link_id]),
                    ]
                }
                Pick::Move(entry_id) => {
                    app.status.info(format!("Moved to {heading}"));
                    vec![Effect::MoveEntryTo {
                        entry_id,
                        section_id,
                    }]
                }
            };
        }
        _ => {}
    }
    vec![]
}

pub fn page_rows(size: (u16, u16)) -> usize {
    size.1.saturating_sub(4).max(1) as usize
}

pub fn on_action(app: &mut App, action: Action) -> Vec<Effect> {
    let st = &mut app.issue;
    let n = st.rows().len();
    let page = page_rows(app.size);
    let last = n.saturating_sub(1);
    match action {
        Action::Up => st.cursor = st.cursor.saturating_sub(1),
        Action::Down => st.cursor = (st.cursor + 1).min(last),
        Action::Top => st.cursor = 0,
        Action::Bottom => st.cursor = last,
        Action::PageUp => st.cursor = st.cursor.saturating_sub(page),
        Action::PageDown => st.cursor = (st.cursor + page).min(last),
        Action::PrevIssue | Action::NextIssue => {
            return switch_issue(app, action == Action::NextIssue);
        }
        Action::NewIssue => return vec![Effect::NewIssue],
        Action::PreviewFormat => {
            app.preview.markdown = !app.preview.markdown;
            return preview_effect(app);
        }
        Action::Export => {
            if let Some(issue) = &st.issue {
                let mut x = ExportState::new(issue, &app.export_dir);
                x.problems = app.check.count_for(issue.id);
                x.check_key = app
                    .keymap
                    .key_for(&[crate::tui::keymap::Ctx::Export], Action::Check)
                    .unwrap_or_default();
                app.overlay = Some(Overlay::Export(x));
            }
        }
        _ => return edit_action(app, action),
    }
    if st.cursor < st.offset {
        st.offset = st.cursor;
    } else if st.cursor >= st.offset + page {
        st.offset = st.cursor + 1 - page;
    }
    vec![]
}

fn switch_issue(app: &mut App, next: bool) -> Vec<Effect> {
    let st = &app.issue;
    let cur = st.issue.as_ref().map(|i| i.number);
    let target = match cur {
        Some(n) if next => st.issues.iter().map(|r| r.number).filter(|m| *m > n).min(),
        Some(n) => st.issues.iter().map(|r| r.number).filter(|m| *m < n).max(),
        None => None,
    };
    match target {
        Some(n) => vec![Effect::LoadIssue(Some(n))],
        None => {
            app.status.info(if next {
                "This is the newest issue"
            } else {
                "This is the oldest issue"
            });
            vec![]
        }
    }
}

pub fn preview_effect(app: &App) -> Vec<Effect> {
    match &app.issue.issue {
        Some(i) => vec![Effect::RenderPreview {
            issue_id: i.id,
            markdown: app.preview.markdown,
        }],
        None => vec![],
    }
}

fn edit_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(row) = app.issue.current() else {
        return vec![];
    };
    let Some(issue) = app.issue.issue.as_mut() else {
        return vec![];
    };
    let read_only = issue.status == IssueStatus::Published;
    let issue_id = issue.id;
    let mut fx = Vec::new();
    let edits = matches!(
        action,
        Action::MoveUp
            | Action::MoveDown
            | Action::MoveToSection
            | Action::Remove
            | Action::Publish
            | Action::Edit
            | Action::EditSponsor
            | Action::EditIntro
    );
    if read_only && edits {
        app.status.error(format!(
            "Issue #{} is published: it is read-only",
            issue.number
        ));
        return fx;
    }
    match (action, row) {
        (Action::Edit, Row::Sponsor) | (Action::EditSponsor, _) => {
            app.editor = Some(EditorState::sponsor(issue).ready());
            open_editor(app);
        }
        (Action::Edit, Row::Intro) | (Action::EditIntro, _) => {
            app.editor = Some(EditorState::intro(issue).ready());
            open_editor(app);
        }
        (Action::Edit, Row::Entry(si, ei)) => {
            let s = &issue.sections[si];
            let e = &s.entries[ei];
            fx.push(Effect::SuggestDisclosures { entry_id: e.id });
            app.editor = Some(EditorState::entry(e, &s.heading, ei).ready());
            open_editor(app);
        }
        (Action::MoveUp | Action::MoveDown, Row::Entry(si, ei)) => {
            let up = action == Action::MoveUp;
            let entries = &mut issue.sections[si].entries;
            let to = if up {
                ei.checked_sub(1)
            } else {
                Some(ei + 1).filter(|t| *t < entries.len())
            };
            if let Some(to) = to {
                let id = entries[ei].id;
                entries.swap(ei, to);
                app.issue.place_cursor(Row::Entry(si, to));
                fx.push(Effect::MoveEntry {
                    entry_id: id,
                    delta: if up { -1 } else { 1 },
                });
            }
        }
        (Action::MoveUp | Action::MoveDown, Row::Section(si)) => {
            let up = action == Action::MoveUp;
            let to = if up {
                si.checked_sub(1)
            } else {
                Some(si + 1).filter(|t| *t < issue.sections.len())
            };
            if let Some(to) = to {
                let id = issue.sections[si].id;
                issue.sections.swap(si, to);
                app.issue.place_cursor(Row::Section(to));
                fx.push(Effect::MoveSection {
                    section_id: id,
                    delta: if up { -1 } else { 1 },
                });
            }
        }
        (Action::MoveToSection, Row::Entry(si, ei)) => {
            let e = &issue.sections[si].entries[ei];
            let options: Vec<(i64, String)> = issue
                .sections
                .iter()
                .filter(|s| s.id != e.section_id)
                .map(|s| (s.id, s.heading.clone()))
                .collect();
            if !options.is_empty() {
                app.overlay = Some(Overlay::Picker(PickerState {
                    title: format!(
                        "Move \"{}\" to",
                        e.title.clone().unwrap_or_else(|| e.url.clone())
                    ),
                    options,
                    selected: 0,
                    purpose: Pick::Move(e.id),
                }));
            }
        }
        (Action::Remove, Row::Entry(si, ei)) => {
            let e = issue.sections[si].entries.remove(ei);
            app.status.info("Removed: the link is back in the inbox");
            app.issue.cursor = app
                .issue
                .cursor
                .min(app.issue.rows().len().saturating_sub(1));
            fx.push(Effect::RemoveEntry(e.id));
            fx.push(Effect::LoadRows(vec![e.link_id]));
        }
        (Action::Publish, _) => {
            app.overlay = Some(Overlay::Confirm(ConfirmState {
                question: format!("Publish issue #{}? It moves to the archive.", issue.number),
                issue_id,
            }));
        }
        _ => {}
    }
    fx
}

fn open_editor(app: &mut App) {
    app.prev_screen = app.screen;
    app.screen = Screen::Editor;
}
