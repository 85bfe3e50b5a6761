//! The issue screen: sponsor, intro, sections and entries; the preview beside it on a wide
//! terminal.

use super::state::{PickerState, Row, page_rows};
use crate::model::{Entry, SectionStyle};
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, fit, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Narrowest the issue list gets for the preview beside it to be widened (entry titles and
/// their marks stay readable).
const ISSUE_MIN_WIDTH: u16 = 60;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (left, right) = if app.wide() {
        let [l, r] = crate::tui::preview::view::beside(app, area, 50, ISSUE_MIN_WIDTH);
        (l, Some(r))
    } else {
        (area, None)
    };
    draw_issue(app, frame, left, theme);
    if let Some(r) = right {
        crate::tui::preview::view::draw_at(app, anchor(app).as_deref(), frame, r, theme);
    }
}

/// What the preview should show: the selected entry's title or section's heading.
fn anchor(app: &App) -> Option<String> {
    let issue = app.issue.issue.as_ref()?;
    match app.issue.current()? {
        Row::Entry(si, ei) => issue.sections[si].entries[ei].title.clone(),
        Row::Section(si) => Some(issue.sections[si].heading.clone()),
        Row::Sponsor | Row::Intro => None,
    }
}

fn entry_mark(e: &Entry, style: SectionStyle) -> &'static str {
    if style == SectionStyle::Articles && crate::model::body::is_empty(&e.body) {
        "✎"
    } else if style == SectionStyle::Articles
        && e.credit.authors.is_empty()
        && e.credit.publication.is_none()
    {
        "·"
    } else {
        "✓"
    }
}

fn draw_issue(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let st = &app.issue;
    let Some(issue) = &st.issue else {
        let chain = app.screen_chain();
        let key = app
            .keymap
            .key_for(&chain, crate::tui::action::Action::NewIssue)
            .unwrap_or_default();
        let p = Paragraph::new(vec![
            Line::from("No issue yet."),
            Line::from(format!(
                "Press {key} to create one, or place a link from the inbox."
            )),
        ]);
        frame.render_widget(
            p.block(
                Block::bordered()
                    .title(" Issue ")
                    .border_style(theme.border),
            ),
            area,
        );
        return;
    };
    let status = if st.is_published() {
        format!(" · published {}", issue.date.clone().unwrap_or_default())
    } else {
        " · draft".into()
    };
    let block = Block::bordered()
        .title(format!(" {}{status} ", issue.title))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = inner.width as usize;
    let rows = st.rows();
    let page = page_rows(app.size).min(inner.height as usize);
    let mut lines = Vec::new();
    for (i, row) in rows.iter().enumerate().skip(st.cursor.offset).take(page) {
        let selected = i == st.cursor.selected;
        let base = if selected {
            theme.selected
        } else {
            theme.normal
        };
        let text = match *row {
            Row::Sponsor => match &issue.sponsor {
                Some(s) => format!(
                    "Sponsor  {} — \"{}\"",
                    s.name,
                    s.message.clone().unwrap_or_default()
                ),
                None => "Sponsor  (none)".into(),
            },
            Row::Intro => format!(
                "Intro    {}",
                issue
                    .intro
                    .as_deref()
                    .map(|t| t.lines().next().unwrap_or("").to_string())
                    .unwrap_or_else(|| "(none)".into())
            ),
            Row::Section(si) => {
                let s = &issue.sections[si];
                let hidden = if s.show_heading {
                    ""
                } else {
                    "  · heading hidden in the issue"
                };
                format!("▾ {} ({}){hidden}", s.heading, s.entries.len())
            }
            Row::Entry(si, ei) => {
                let s = &issue.sections[si];
                let e = &s.entries[ei];
                let mut mark = entry_mark(e, s.style).to_string();
                // A problem from the last check of this issue.
                if app.check.flags(issue.id, e.id) {
                    mark.push_str(" !");
                }
                let title = e.title.clone().unwrap_or_else(|| e.url.clone());
                let head = format!("  {:>2} ", ei + 1);
                let tw = w.saturating_sub(head.chars().count() + 1 + mark.chars().count());
                format!("{head}{:<tw$} {mark}", fit(&title, tw))
            }
        };
        let style = match row {
            Row::Section(_) => base.patch(theme.title),
            Row::Sponsor | Row::Intro => {
                if selected {
                    base
                } else {
                    theme.dim
                }
            }
            Row::Entry(..) => base,
        };
        lines.push(Line::from(Span::styled(
            format!("{:<w$}", fit(&text, w)),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn draw_picker(p: &PickerState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let h = p.options.len() as u16 + 2;
    let rect = popup(area, 50, h);
    let lines: Vec<Line> = p
        .options
        .iter()
        .enumerate()
        .map(|(i, (_, heading))| {
            let style = if i == p.cursor.selected {
                theme.selected
            } else {
                theme.normal
            };
            Line::from(Span::styled(format!(" {heading:<46}"), style))
        })
        .collect();
    boxed(
        frame,
        rect,
        &format!(" {} ", p.title),
        Paragraph::new(lines),
        theme,
    );
}
