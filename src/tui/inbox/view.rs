//! The inbox: the list (two lines per link, only the visible rows are built) and the detail
//! pane of the selected link.

use super::state::page_rows;
use crate::model::LinkState;
use crate::store::InboxRow;
use crate::tui::action::Action;
use crate::tui::reader::state::minutes;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::view::{age, fit};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let inbox = &app.inbox;
    let (list_area, detail_area) = if area.width >= 70 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(area);
        (l, Some(d))
    } else {
        (area, None)
    };
    let mut title = format!(" Inbox {} ", inbox.visible.len());
    if inbox.show_all {
        title = format!(" All links {} ", inbox.visible.len());
    }
    if inbox.filtering || inbox.filter.is_active() {
        title.push_str(&format!(
            "· filter: {}{} ",
            inbox.filter.query,
            if inbox.filtering { "▏" } else { "" }
        ));
    }
    let block = Block::bordered().title(title).border_style(theme.border);
    let inner = block.inner(list_area);
    frame.render_widget(block, list_area);
    // Also after the last link was triaged (rows remain, none is shown), unless a filter hides them.
    if inbox.visible.is_empty() && inbox.complete && !inbox.filter.is_active() {
        empty_hint(app, frame, inner, theme);
    } else {
        let page = page_rows(app.size).min(inner.height as usize / 2);
        let end = (inbox.cursor.offset + page).min(inbox.visible.len());
        for (slot, idx) in inbox.visible[inbox.cursor.offset.min(end)..end]
            .iter()
            .enumerate()
        {
            let Some(row) = inbox.rows.get(*idx as usize) else {
                continue;
            };
            let selected = inbox.cursor.offset + slot == inbox.cursor.selected;
            let y = inner.y + 2 * slot as u16;
            draw_row(
                app,
                row,
                selected,
                frame,
                Rect::new(inner.x, y, inner.width, 2),
                theme,
            );
        }
    }
    if let Some(d) = detail_area {
        detail(app, frame, d, theme);
    }
}

fn marker(app: &App, row: &InboxRow) -> (char, bool) {
    if app.inbox.fetching.contains(&row.id) {
        return ('◌', false);
    }
    if row.error.is_some() {
        return ('✗', true);
    }
    match row.state {
        LinkState::Held => return ('⚑', false),
        LinkState::Discarded => return ('–', false),
        LinkState::Used => return ('✓', false),
        LinkState::Inbox => {}
    }
    if row.featured {
        ('⚠', true)
    } else if app.inbox.is_stale(row, app.now) {
        ('◷', false)
    } else if app.now - row.added_unix < 86_400 {
        ('●', false)
    } else {
        (' ', false)
    }
}

fn draw_row(
    app: &App,
    row: &InboxRow,
    selected: bool,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let w = area.width as usize;
    let (mark, warn) = marker(app, row);
    let age = age(app.now, row.added_unix);
    let read = row
        .words()
        .map_or(String::new(), |n| format!(" {} min", minutes(n)));
    let title_w = w.saturating_sub(age.len() + read.chars().count() + 4);
    let base = if selected {
        theme.selected
    } else {
        theme.normal
    };
    let first = Line::from(vec![
        Span::styled(
            format!(" {mark} "),
            if warn { theme.warn } else { theme.focus },
        ),
        Span::styled(
            format!("{:<title_w$}", fit(row.title(), title_w)),
            base.patch(theme.title),
        ),
        Span::styled(read, theme.dim),
        Span::styled(format!(" {age}"), theme.dim),
    ]);
    let second = if app.inbox.fetching.contains(&row.id) {
        "(fetching…)".to_string()
    } else if let Some(e) = &row.error {
        format!("✗ {e}")
    } else {
        let mut parts: Vec<&str> = Vec::new();
        if !row.publication().is_empty() {
            parts.push(row.publication());
        }
        if !row.authors().is_empty() && row.authors() != row.publication() {
            parts.push(row.authors());
        }
        let mut s = parts.join(" · ");
        match (row.state, row.held_from) {
            (LinkState::Inbox, _) => {}
            (LinkState::Held, Some(n)) => s.push_str(&format!(" · held from #{n}")),
            (state, _) => s.push_str(&format!(" · {state}")),
        }
        if s.is_empty() {
            s = row.url().to_string();
        }
        origin(row, &mut s);
        s
    };
    let second = Line::from(vec![
        Span::raw("   "),
        Span::styled(
            format!(
                "{:<width$}",
                fit(&second, w.saturating_sub(3)),
                width = w.saturating_sub(3)
            ),
            if selected { base } else { theme.dim },
        ),
    ]);
    frame.render_widget(Paragraph::new(vec![first, second]), area);
}

/// Where the link came from and its tags, after the credit: "· pocket #sre #kafka". Manual
/// adds say nothing (that is the usual way in).
fn origin(row: &InboxRow, s: &mut String) {
    if let Some(src) = row.source().filter(|s| *s != "manual") {
        s.push_str(" · ");
        s.push_str(src);
    }
    for (i, tag) in row.tags().enumerate() {
        s.push_str(if i == 0 { " · #" } else { " #" });
        s.push_str(tag);
    }
}

fn empty_hint(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let chain = app.screen_chain();
    let key = |a| app.keymap.key_for(&chain, a).unwrap_or_else(|| "?".into());
    let lines = vec![
        Line::from(Span::styled("Your inbox is empty.", theme.title)),
        Line::from(""),
        Line::from(format!(
            "Press {} to add a URL, or paste one or several.",
            key(Action::Add)
        )),
        Line::from("From a shell: roundup add URL…"),
        Line::from(format!("Press {} for every key.", key(Action::Help))),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn detail(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::bordered().title(" Link ").border_style(theme.border);
    let mut lines: Vec<Line> = Vec::new();
    let inbox = &app.inbox;
    if let Some(link) = inbox
        .detail
        .as_ref()
        .filter(|d| Some(d.id) == inbox.selected_id())
    {
        lines.push(Line::from(Span::styled(
            link.display_title().to_string(),
            theme.title,
        )));
        lines.push(Line::from(Span::styled(link.url.clone(), theme.dim)));
        lines.push(Line::from(""));
        let credit = crate::compose::credit_line(&crate::model::Credit {
            authors: link.authors.clone(),
            publication: link.publication.clone(),
            via: link.via.clone(),
        });
        if !credit.is_empty() {
            lines.push(Line::from(credit));
        }
        let mut when = Vec::new();
        if let Some(p) = &link.published {
            when.push(format!("Published {}", p.get(..10).unwrap_or(p)));
        }
        let added = chrono::DateTime::parse_from_rfc3339(&link.added_at)
            .map(|t| t.timestamp())
            .unwrap_or(app.now);
        let ago = age(app.now, added);
        when.push(if ago == "now" {
            "added just now".into()
        } else {
            format!("added {ago} ago")
        });
        lines.push(Line::from(Span::styled(when.join(" · "), theme.dim)));
        if !link.featured_in.is_empty() {
            let nums: Vec<String> = link.featured_in.iter().map(|n| format!("#{n}")).collect();
            lines.push(Line::from(Span::styled(
                format!("⚠ featured in {}", nums.join(", ")),
                theme.warn,
            )));
        }
        if let Some(e) = &link.fetch_error {
            lines.push(Line::from(Span::styled(
                format!("✗ fetch failed: {e}"),
                theme.error,
            )));
        } else if link.fetched_at.is_none() {
            lines.push(Line::from(Span::styled("not fetched yet", theme.dim)));
        }
        if link.state != LinkState::Inbox {
            lines.push(Line::from(format!("State: {}", link.state)));
        }
        for note in &inbox.detail_notes {
            lines.push(Line::from(Span::styled(
                format!("Disclosure: {note}"),
                theme.warn,
            )));
        }
        if let Some(d) = &link.description {
            lines.push(Line::from(""));
            lines.push(Line::from(d.clone()));
        }
        if let Some(n) = &link.note {
            lines.push(Line::from(""));
            lines.push(Line::from(format!("Note: {n}")));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}
