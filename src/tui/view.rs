//! Drawing the whole frame from `&App`: header, the current screen, the status bar, and an
//! overlay on top. Views never change state.

use super::action::Action;
use super::state::{App, Overlay, Screen};
use super::theme::Theme;
use super::{archive, check, dialog, editor, export, help, inbox, issue, preview, reader, status};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(app: &App, frame: &mut Frame) {
    let theme = Theme::new(app.color);
    let [head, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    header(app, frame, head, &theme);
    match app.screen {
        Screen::Inbox => inbox::view::draw(app, frame, body, &theme),
        Screen::Issue => issue::view::draw(app, frame, body, &theme),
        Screen::Editor => editor::view::draw(app, frame, body, &theme),
        Screen::Preview => preview::view::draw(app, frame, body, &theme),
        Screen::Archive => archive::view::draw(app, frame, body, &theme),
        Screen::Reader => reader::view::draw(app, frame, body, &theme),
    }
    status::draw(app, frame, foot, &theme);
    match &app.overlay {
        Some(Overlay::Help(h)) => help::view::draw(h, frame, body, &theme),
        Some(Overlay::Export(x)) => {
            let chain = app.chain();
            let k = |a| app.keymap.key_for(&chain, a).unwrap_or_default();
            let verb = match x.destination() {
                super::effects::Destination::Push(_) => "push the draft",
                _ => "export",
            };
            let hint = format!(
                "{}: next field · {}/{}: choose · {}: {verb}",
                k(Action::NextField),
                k(Action::Down),
                k(Action::Up),
                k(Action::Confirm)
            );
            export::view::draw(x, &hint, frame, body, &theme)
        }
        Some(Overlay::Check) => {
            let chain = app.chain();
            let k = |a| app.keymap.key_for(&chain, a).unwrap_or_default();
            let hint = format!(
                "{}: go to the entry · {}: use the suggested URL · {}: check again · {}: close",
                k(Action::Confirm),
                k(Action::AcceptSuggestion),
                k(Action::Check),
                k(Action::Back)
            );
            let issue = app.issue.issue.as_ref();
            check::view::draw(&app.check, issue, &hint, frame, body, &theme)
        }
        Some(Overlay::Picker(p)) => issue::view::draw_picker(p, frame, body, &theme),
        Some(Overlay::Prompt(p)) => dialog::view::draw_prompt(p, frame, body, &theme),
        Some(Overlay::Confirm(c)) => dialog::view::draw_confirm(c, frame, body, &theme),
        Some(Overlay::Setup(s)) => super::setup::view::draw(s, frame, body, &theme),
        Some(Overlay::Candidates(p)) => reader::picker::draw(p, frame, body, &theme),
        None => {}
    }
}

fn header(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut spans = vec![Span::styled(" roundup", theme.title)];
    let tabs = [
        (Screen::Inbox, "Inbox"),
        (Screen::Issue, "Issue"),
        (Screen::Preview, "Preview"),
        (Screen::Archive, "Archive"),
    ];
    let mut right: Vec<Span> = Vec::new();
    for (screen, name) in tabs {
        let current =
            app.screen == screen || (app.screen == Screen::Editor && screen == Screen::Issue);
        right.push(Span::styled(
            format!(" {name} "),
            if current { theme.selected } else { theme.dim },
        ));
    }
    right.push(Span::styled("  ? help ", theme.dim));
    let right_w: usize = right.iter().map(Span::width).sum();
    // On a narrow terminal the newsletter and issue give way to the screen list.
    let room = (area.width as usize).saturating_sub(right_w + spans[0].width());
    let info = format!(" · {} · {}", app.newsletter, app.draft_label());
    spans.push(Span::raw(fit(&info, room)));
    let left_w: usize = spans.iter().map(Span::width).sum();
    let pad = (area.width as usize).saturating_sub(left_w + right_w);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.extend(right);
    frame.render_widget(Line::from(spans), area);
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn boxed(frame: &mut Frame, area: Rect, title: &str, body: Paragraph, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(title.to_string())
        .border_style(theme.border);
    frame.render_widget(body.block(block), area);
}

/// Cuts `s` to `width` columns with an ellipsis (counting chars: good enough for titles).
pub fn fit(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// "now", "5m", "3h", "2d", "1w", "3mo", "2y".
pub fn age(now: i64, then: i64) -> String {
    let s = (now - then).max(0);
    match s {
        0..60 => "now".into(),
        60..3600 => format!("{}m", s / 60),
        3600..86_400 => format!("{}h", s / 3600),
        86_400..604_800 => format!("{}d", s / 86_400),
        604_800..2_592_000 => format!("{}w", s / 604_800),
        2_592_000..31_536_000 => format!("{}mo", s / 2_592_000),
        _ => format!("{}y", s / 31_536_000),
    }
}
