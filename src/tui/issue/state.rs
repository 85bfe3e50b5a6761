//! The issue screen's state: the issue shown as rows (sponsor, intro, sections, entries)
//! and a cursor; and the section picker (where to place a link, where to move an entry).
//! What the keys do is in `keys.rs`.

use super::undo::{DEPTH, Undo};
use crate::model::{Issue, IssueStatus, SectionStyle};
use crate::tui::list::ListCursor;
use crate::tui::state::IssueRef;

#[derive(Debug, Default)]
pub struct IssueState {
    pub issue: Option<Issue>,
    pub issues: Vec<IssueRef>,
    pub cursor: ListCursor,
    /// What `u` takes back, newest last (this issue's changes only).
    pub undo: Vec<Undo>,
    /// The row the cursor goes to when the issue next loads (the entry just moved).
    pub follow: Option<Follow>,
    /// Opened from an archive hit: esc returns to the archive and loads the issue shown
    /// before (`None` in it: the current draft).
    pub from_archive: Option<Option<i64>>,
}

/// A row named by what it shows, so the cursor can find it after a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Follow {
    Link(i64),
    Section(i64),
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
        self.rows().get(self.cursor.selected).copied()
    }

    pub fn is_published(&self) -> bool {
        self.issue
            .as_ref()
            .map(|i| i.status == IssueStatus::Published)
            .unwrap_or(false)
    }

    pub(super) fn place_cursor(&mut self, row: Row) {
        if let Some(pos) = self.rows().iter().position(|r| *r == row) {
            self.cursor.selected = pos;
        }
    }

    /// Puts the cursor on `row` and scrolls it into a page of `page` rows.
    pub fn show_row(&mut self, row: Row, page: usize) {
        self.place_cursor(row);
        self.cursor.scroll_into_view(page);
    }

    pub fn set_issue(&mut self, issue: Option<Issue>, issues: Vec<IssueRef>) {
        let same = issue.as_ref().map(|i| i.id) == self.issue.as_ref().map(|i| i.id);
        self.issue = issue;
        self.issues = issues;
        if !same {
            self.cursor.reset();
            self.undo.clear();
        }
        self.cursor.clamp(self.rows().len());
        if let Some(row) = self.follow.take().and_then(|f| self.row_of(f)) {
            self.place_cursor(row);
        }
    }

    /// Remembers how to take back a change; the oldest go past `DEPTH`.
    pub fn push_undo(&mut self, op: Undo) {
        self.undo.push(op);
        if self.undo.len() > DEPTH {
            self.undo.remove(0);
        }
    }

    pub fn row_of(&self, follow: Follow) -> Option<Row> {
        let issue = self.issue.as_ref()?;
        issue
            .sections
            .iter()
            .enumerate()
            .find_map(|(si, s)| match follow {
                Follow::Section(id) => (s.id == id).then_some(Row::Section(si)),
                Follow::Link(id) => s
                    .entries
                    .iter()
                    .position(|e| e.link_id == id)
                    .map(|ei| Row::Entry(si, ei)),
            })
    }
}

/// Choosing a section: where to place a link, or where to move an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct PickerState {
    pub title: String,
    pub options: Vec<(i64, String)>,
    pub cursor: ListCursor,
    pub purpose: Pick,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Pick {
    Place(i64),
    Move(i64),
    /// Place link N there with the reader's pending quote.
    Quote(i64),
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
            cursor: ListCursor {
                selected,
                offset: 0,
            },
            purpose: Pick::Place(link_id),
        })
    }
}

/// Rows of the issue list on screen.
pub fn page_rows(size: (u16, u16)) -> usize {
    size.1.saturating_sub(4).max(1) as usize
}
