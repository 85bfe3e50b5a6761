//! The reader: the article laid out for the width, with the selection, the search matches and
//! the imported highlights marked in the text and in the left margin (so they show without
//! colour too); or why there is no text.

use super::doc::{Doc, Inline, Kind};
use super::layout::Line as DocLine;
use super::state::{Body, ReaderState, minutes, text_width};
use crate::tui::action::Action;
use crate::tui::state::App;
use crate::tui::theme::Theme;
use crate::tui::view::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::ops::Range;

pub fn draw(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(r) = &app.reader else {
        return;
    };
    let block = Block::bordered()
        .title(title(r, area.width))
        .title_bottom(footer(app, r))
        .border_style(theme.border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    match &r.body {
        Body::Loading => {
            frame.render_widget(Paragraph::new(Span::styled(" Loading…", theme.dim)), inner)
        }
        Body::Missing(why) => {
            let key = app
                .keymap
                .key_for(&app.chain(), Action::Refetch)
                .unwrap_or_else(|| "r".into());
            let lines = vec![
                Line::from(format!(" {why}")),
                Line::from(""),
                Line::from(format!(
                    " Press {key} to fetch the page (the text is kept)."
                )),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
        }
        Body::Article(doc) => {
            // The layout is for the screen's width; a frame drawn before `update` saw a resize
            // lays the text out itself.
            let fresh;
            let lines = if r.width == text_width(app.size.0) {
                &r.lines
            } else {
                fresh = doc.layout(text_width(app.size.0));
                &fresh
            };
            let shown: Vec<Line> = lines
                .iter()
                .skip(r.scroll)
                .take(inner.height as usize)
                .map(|l| render_line(r, doc, l, app.color, theme))
                .collect();
            frame.render_widget(Paragraph::new(shown), inner);
        }
    }
}

fn title(r: &ReaderState, width: u16) -> String {
    let mut parts = vec![r.title.clone()];
    if !r.byline.is_empty() {
        parts.push(format!("— {}", r.byline));
    }
    let mut t = format!("Reader · {}", parts.join(" "));
    if let Some(w) = r.words {
        t.push_str(&format!(" · {} words · {} min", group(w), minutes(w)));
    }
    format!(" {} ", fit(&t, usize::from(width.saturating_sub(4))))
}

/// "1,840".
fn group(n: u32) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The search being typed or its match count, the selection's size, the highlights found.
fn footer(app: &App, r: &ReaderState) -> String {
    let mut parts = Vec::new();
    let s = &r.search;
    if s.typing || !s.query.is_empty() {
        let cursor = if s.typing { "▏" } else { "" };
        let count = match (s.current, s.matches.len()) {
            (_, 0) if s.query.is_empty() => String::new(),
            (_, 0) => " no match".into(),
            (Some(i), n) => format!(" {}/{n}", i + 1),
            (None, n) => format!(" {n}"),
        };
        parts.push(format!("/{}{cursor}{count}", s.query));
    }
    if let Some(text) = r.selected_text() {
        let words = crate::text::word_count(text);
        let key = app
            .keymap
            .key_for(&app.chain(), Action::TakeQuote)
            .unwrap_or_default();
        parts.push(format!("selected {words} words · {key} quotes it"));
    }
    if r.candidate_count > 0 {
        parts.push(format!(
            "❝ {} of {} highlights found",
            r.candidates.len(),
            r.candidate_count
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" {} ", parts.join(" · "))
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn render_line(
    r: &ReaderState,
    doc: &Doc,
    line: &DocLine,
    color: bool,
    theme: &Theme,
) -> Line<'static> {
    let Some(bi) = line.block else {
        return Line::from("");
    };
    let kind = doc.blocks.get(bi).map_or(Kind::Para, |b| b.kind);
    let range = &line.range;
    let selection = r.selection.as_ref().filter(|s| overlaps(s, range));
    let current = r.search.current.and_then(|i| r.search.matches.get(i));
    let matches: Vec<&Range<usize>> = r
        .search
        .matches
        .iter()
        .filter(|m| overlaps(m, range))
        .collect();
    let candidates: Vec<&Range<usize>> =
        r.candidates.iter().filter(|c| overlaps(c, range)).collect();
    let gutter = if selection.is_some() {
        "┃"
    } else if current.is_some_and(|c| overlaps(c, range)) {
        "›"
    } else if !candidates.is_empty() {
        "❝"
    } else {
        " "
    };
    let base = match kind {
        Kind::Heading(_) => theme.title,
        Kind::Quote => Style::new().add_modifier(Modifier::ITALIC),
        Kind::Code => theme.dim,
        _ => theme.normal,
    };
    let mut spans = vec![
        Span::styled(gutter.to_string(), theme.focus),
        Span::styled(doc.prefix(bi, line.first), base.patch(theme.dim)),
    ];
    // Cut the line wherever a mark starts or ends, then style each piece.
    let mut cuts = vec![range.start, range.end];
    let inline: Vec<&(Range<usize>, Inline)> = doc
        .inline
        .iter()
        .filter(|(x, _)| overlaps(x, range))
        .collect();
    let marks = selection
        .into_iter()
        .chain(matches.iter().copied())
        .chain(candidates.iter().copied())
        .chain(inline.iter().map(|(x, _)| x));
    for m in marks {
        cuts.push(m.start.clamp(range.start, range.end));
        cuts.push(m.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    for w in cuts.windows(2) {
        let piece = w[0]..w[1];
        let Some(text) = doc.text.get(piece.clone()) else {
            continue;
        };
        let mut style = base;
        for (x, kind) in &inline {
            if overlaps(x, &piece) {
                style = style.patch(match kind {
                    Inline::Strong => Style::new().add_modifier(Modifier::BOLD),
                    Inline::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
                    Inline::Code => theme.dim,
                    Inline::Link => Style::new().add_modifier(Modifier::UNDERLINED),
                });
            }
        }
        if candidates.iter().any(|c| overlaps(c, &piece)) {
            let mark = Style::new().add_modifier(Modifier::UNDERLINED);
            style = style.patch(if color { mark.fg(Color::Magenta) } else { mark });
        }
        if matches.iter().any(|m| overlaps(m, &piece)) {
            style = style.patch(
                theme
                    .warn
                    .add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            );
        }
        if current.is_some_and(|c| overlaps(c, &piece)) {
            style = style.patch(theme.selected.add_modifier(Modifier::BOLD));
        }
        if selection.is_some_and(|s| overlaps(s, &piece)) {
            style = style.patch(theme.selected);
        }
        spans.push(Span::styled(text.replace('\t', "    "), style));
    }
    Line::from(spans)
}
