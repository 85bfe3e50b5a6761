//! The status bar: the last message, the save indicator and fetch progress.

use super::state::App;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Status {
    pub message: Option<String>,
    pub error: bool,
    /// Some write is on its way to the database.
    pub unsaved: bool,
    /// Writes queued behind another process's write lock.
    pub waiting: usize,
    /// At least one edit has been written (show "✓ saved").
    pub saved_once: bool,
    pub fetch_total: usize,
    pub fetch_done: usize,
    pub fetch_failed: usize,
}

impl Status {
    pub fn info(&mut self, msg: impl Into<String>) {
        self.message = Some(msg.into());
        self.error = false;
    }
    pub fn error(&mut self, msg: impl Into<String>) {
        self.message = Some(msg.into());
        self.error = true;
    }
    pub fn fetching(&self) -> usize {
        self.fetch_total.saturating_sub(self.fetch_done)
    }

    /// A batch of fetches ended: when none is left, the counters reset and the outcome is
    /// said (unless a message is showing).
    pub fn fetches_finished(&mut self, in_flight: &mut std::collections::HashSet<i64>) {
        if self.fetching() > 0 {
            return;
        }
        let (n, failed) = (self.fetch_total, self.fetch_failed);
        self.fetch_total = 0;
        self.fetch_done = 0;
        self.fetch_failed = 0;
        in_flight.clear();
        if n > 0 && self.message.is_none() {
            let s = if n == 1 { "" } else { "s" };
            match failed {
                0 => self.info(format!("Fetched {n} link{s}")),
                f => self.error(format!("Fetched {n} link{s}: {f} failed (✗ in the list)")),
            }
        }
    }
}

/// The few most useful keys of the screen, taken from the keymap (never a hand-kept list).
fn hints(app: &App) -> Vec<(String, &'static str)> {
    use super::action::Action::*;
    use super::state::Screen;
    let wanted: &[super::action::Action] = match (&app.overlay, app.screen) {
        (Some(super::state::Overlay::Check), _) => &[Confirm, AcceptSuggestion, Check, Back],
        (Some(_), _) => &[Confirm, Back],
        (None, Screen::Inbox) if app.inbox.filtering => &[Confirm, Back],
        (None, Screen::Inbox) => &[Add, Filter, Place, Hold, Discard, Open, Help],
        (None, Screen::Issue) => &[
            Edit,
            MoveDown,
            MoveToSection,
            Remove,
            Export,
            Check,
            NewIssue,
            Help,
        ],
        (None, Screen::Editor) => &[NextField, ExternalEditor, AddQuote, Back],
        (None, Screen::Preview) => &[PreviewFormat, Export, Back],
        (None, Screen::Archive) => &[Confirm, Back, Help],
        (None, Screen::Reader) if app.reader.as_ref().is_some_and(|r| r.search.typing) => {
            &[Confirm, Back]
        }
        (None, Screen::Reader) if app.reader.as_ref().is_some_and(|r| r.selection.is_some()) => &[
            TakeQuote,
            ExtendSentence,
            ExtendWord,
            ExtendParagraph,
            ExtendLine,
            ShrinkSentence,
            Back,
        ],
        (None, Screen::Reader) => &[Select, Search, NextMatch, PageDown, Refetch, Back, Help],
    };
    let chain = app.chain();
    wanted
        .iter()
        .filter_map(|a| app.keymap.key_for(&chain, *a).map(|k| (k, a.describe())))
        .collect()
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let s = &app.status;
    let mut right: Vec<Span> = Vec::new();
    if s.waiting > 0 {
        right.push(Span::styled(super::runner::WAITING, theme.error));
    } else if s.unsaved {
        right.push(Span::styled("saving…", theme.dim));
    } else if s.saved_once {
        right.push(Span::styled("✓ saved", theme.ok));
    }
    if app.check.running {
        if !right.is_empty() {
            right.push(Span::raw(" · "));
        }
        right.push(Span::styled("checking…", theme.dim));
    }
    if s.fetching() > 0 {
        if !right.is_empty() {
            right.push(Span::raw(" · "));
        }
        right.push(Span::styled(
            format!("fetching {}/{}", s.fetch_done, s.fetch_total),
            theme.dim,
        ));
    }
    // Quitting while writes wait: that line says everything, cut to fit rather than hidden.
    let asked = app.quitting.as_ref().map(|q| q.line(s.waiting));
    if asked.is_some() {
        right.clear();
    }
    let right_w: usize = right.iter().map(|s| s.width()).sum::<usize>() + 1;
    let mut left: Vec<Span> = vec![Span::raw(" ")];
    match &s.message {
        _ if asked.is_some() => left.push(Span::styled(
            super::view::fit(
                asked.as_deref().unwrap_or_default(),
                (area.width as usize).saturating_sub(2),
            ),
            theme.error,
        )),
        Some(m) => left.push(Span::styled(
            m.clone(),
            if s.error { theme.error } else { theme.normal },
        )),
        None => {
            for (k, what) in hints(app) {
                left.push(Span::styled(k, theme.key));
                left.push(Span::raw(format!(" {what}  ")));
            }
            // A key without its description is noise: cut in pairs.
            let mut used = 1;
            let mut keep = 1;
            for pair in left[1..].chunks(2) {
                let w: usize = pair.iter().map(Span::width).sum();
                if used + w + right_w > area.width as usize {
                    break;
                }
                used += w;
                keep += pair.len();
            }
            left.truncate(keep);
        }
    }
    let width = area.width as usize;
    let mut used = 0usize;
    let mut shown: Vec<Span> = Vec::new();
    for span in left {
        let w = span.width();
        if used + w + right_w > width {
            break;
        }
        used += w;
        shown.push(span);
    }
    let pad = width.saturating_sub(used + right_w);
    shown.push(Span::raw(" ".repeat(pad)));
    shown.extend(right);
    frame.render_widget(Line::from(shown).style(theme.bar), area);
}
