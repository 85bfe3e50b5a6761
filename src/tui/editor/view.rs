//! The entry editor: labelled fields (text areas), credit suggestions, disclosures and the
//! credit line as it will print.

use super::state::{EditorState, Role, Target};
use crate::tui::state::App;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

const LABEL_W: u16 = 13;
/// Narrowest the editor gets for the preview beside it to be widened (labels and a line of
/// text).
const EDITOR_MIN_WIDTH: u16 = 64;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(ed) = &app.editor else { return };
    let (main, side) = if app.wide() {
        let [l, r] = crate::tui::preview::view::beside(app, area, 55, EDITOR_MIN_WIDTH);
        (l, Some(r))
    } else {
        (area, None)
    };
    draw_editor(ed, frame, main, theme);
    if let Some(r) = side {
        let anchor = match ed.target {
            Target::Entry(id) => app.issue.issue.as_ref().and_then(|i| {
                i.sections
                    .iter()
                    .flat_map(|s| &s.entries)
                    .find(|e| e.id == id)
                    .and_then(|e| e.title.clone())
            }),
            _ => None,
        };
        crate::tui::preview::view::draw_at(app, anchor.as_deref(), frame, r, theme);
    }
}

fn draw_editor(ed: &EditorState, frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::bordered()
        .title(format!(" {} ", ed.heading))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let is_entry = matches!(ed.target, Target::Entry(_));
    // One constraint per visual part, in order; multi-line fields share what is left.
    let mut parts: Vec<(Constraint, Part)> = Vec::new();
    if is_entry {
        parts.push((Constraint::Length(1), Part::Url));
    }
    for (i, f) in ed.fields.iter().enumerate() {
        if f.role.multiline() {
            parts.push((Constraint::Length(1), Part::Label(i)));
            if f.role == Role::Notes {
                let lines = f.area.lines().len().clamp(1, 4) as u16;
                parts.push((Constraint::Length(lines), Part::Field(i)));
            } else {
                parts.push((Constraint::Fill(1), Part::Field(i)));
            }
        } else {
            parts.push((Constraint::Length(1), Part::Field(i)));
        }
    }
    if !ed.suggestions.is_empty() {
        parts.push((Constraint::Length(1), Part::Suggestions));
    }
    if is_entry {
        parts.push((
            Constraint::Length(ed.suggested.len().max(1) as u16),
            Part::Disclosures,
        ));
        parts.push((Constraint::Length(1), Part::Credit));
    }
    let rects = Layout::vertical(parts.iter().map(|(c, _)| *c)).split(inner);
    for ((_, part), rect) in parts.iter().zip(rects.iter()) {
        draw_part(ed, *part, frame, *rect, theme);
    }
}

#[derive(Clone, Copy)]
enum Part {
    Url,
    Label(usize),
    Field(usize),
    Suggestions,
    Disclosures,
    Credit,
}

fn label(text: &str, focused: bool, theme: &Theme) -> Span<'static> {
    Span::styled(
        format!("{text:<w$}", w = LABEL_W as usize),
        if focused { theme.focus } else { theme.dim },
    )
}

fn split_label(rect: Rect) -> (Rect, Rect) {
    let lw = LABEL_W.min(rect.width);
    (
        Rect { width: lw, ..rect },
        Rect {
            x: rect.x + lw,
            width: rect.width - lw,
            ..rect
        },
    )
}

fn draw_part(ed: &EditorState, part: Part, frame: &mut Frame, rect: Rect, theme: &Theme) {
    match part {
        Part::Url => {
            let line = Line::from(vec![
                label("URL", false, theme),
                Span::styled(ed.url.clone(), theme.dim),
            ]);
            frame.render_widget(line, rect);
        }
        Part::Label(i) => {
            let f = &ed.fields[i];
            let focused = ed.focus == i;
            let fill = "─".repeat(rect.width.saturating_sub(LABEL_W) as usize);
            frame.render_widget(
                Line::from(vec![
                    label(f.role.label(), focused, theme),
                    Span::styled(fill, theme.border),
                ]),
                rect,
            );
        }
        Part::Field(i) => {
            let f = &ed.fields[i];
            let focused = ed.focus == i;
            if f.role.multiline() {
                let bar = Rect {
                    width: 2.min(rect.width),
                    ..rect
                };
                let text = Rect {
                    x: rect.x + bar.width,
                    width: rect.width - bar.width,
                    ..rect
                };
                let bars: Vec<Line> = (0..bar.height)
                    .map(|_| {
                        Line::from(Span::styled(
                            "│",
                            if focused { theme.focus } else { theme.border },
                        ))
                    })
                    .collect();
                frame.render_widget(Paragraph::new(bars), bar);
                frame.render_widget(&f.area, text);
            } else {
                let (l, r) = split_label(rect);
                frame.render_widget(label(f.role.label(), focused, theme), l);
                frame.render_widget(&f.area, r);
            }
        }
        Part::Suggestions => {
            let list: Vec<String> = ed.suggestions.iter().take(5).cloned().collect();
            let line = Line::from(vec![
                label("", false, theme),
                Span::styled(format!("(ctrl-n: {})", list.join(" · ")), theme.dim),
            ]);
            frame.render_widget(line, rect);
        }
        Part::Disclosures => {
            let focused = ed.focus == ed.fields.len();
            let mut lines = Vec::new();
            if ed.suggested.is_empty() {
                lines.push(Line::from(vec![
                    label("Rules", focused, theme),
                    Span::styled("(no rule matches this credit)", theme.dim),
                ]));
            }
            for (i, note) in ed.suggested.iter().enumerate() {
                let head = if i == 0 { "Rules" } else { "" };
                let style = if focused && i == ed.suggested_sel {
                    theme.selected
                } else {
                    theme.normal
                };
                let on = if ed.has_note(note) { 'x' } else { ' ' };
                lines.push(Line::from(vec![
                    label(head, focused, theme),
                    Span::styled(format!("[{on}] {note}"), style),
                ]));
            }
            frame.render_widget(Paragraph::new(lines), rect);
        }
        Part::Credit => {
            let line = Line::from(vec![
                label("Credit line", false, theme),
                Span::raw(crate::compose::credit_line(&ed.credit())),
            ]);
            frame.render_widget(line, rect);
        }
    }
}
