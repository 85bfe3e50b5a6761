//! The export dialog: formats, destinations (a push to each configured mailing tool among
//! them), the path field.

use super::state::{ExportState, Focus};
use crate::tui::effects::ExportFormat;
use crate::tui::theme::Theme;
use crate::tui::view::{boxed, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(x: &ExportState, hint: &str, frame: &mut Frame, area: Rect, theme: &Theme) {
    let radio = |on: bool| if on { "(•)" } else { "( )" };
    let label = |focus: bool, s: &'static str| {
        Span::styled(
            format!(" {s:<12} "),
            if focus { theme.focus } else { theme.dim },
        )
    };
    let mut lines = Vec::new();
    for (i, f) in ExportFormat::ALL.iter().enumerate() {
        let l = if i == 0 {
            label(x.focus == Focus::Format, "Format")
        } else {
            Span::raw(" ".repeat(14))
        };
        lines.push(Line::from(vec![
            l,
            Span::raw(format!("{} {}", radio(x.format == i), f.label())),
        ]));
    }
    lines.push(Line::from(vec![
        label(x.focus == Focus::Destination, "Destination"),
        Span::raw(format!("{} Clipboard", radio(x.dest == 0))),
    ]));
    lines.push(Line::from(vec![
        Span::raw(" ".repeat(14)),
        Span::raw(format!("{} File", radio(x.dest == 1))),
    ]));
    for (i, s) in x.services.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::raw(" ".repeat(14)),
            Span::raw(format!(
                "{} Push as draft to {}",
                radio(x.dest == 2 + i),
                s.label()
            )),
        ]));
    }
    let path_at = lines.len();
    lines.push(Line::from(vec![label(x.focus == Focus::Path, "Path")]));
    lines.push(Line::from(Span::styled(
        format!(" {}", x.summary),
        theme.dim,
    )));
    if x.problems > 0 {
        let s = if x.problems == 1 { "" } else { "s" };
        lines.push(Line::from(Span::styled(
            format!(
                " ⚠ {} problem{s} from check: press {}",
                x.problems, x.check_key
            ),
            theme.warn,
        )));
    }
    lines.push(Line::from(Span::styled(format!(" {hint}"), theme.dim)));
    let rect = popup(area, 72, lines.len() as u16 + 2);
    boxed(
        frame,
        rect,
        &format!(" Export issue #{} ", x.number),
        Paragraph::new(lines),
        theme,
    );
    // The path is a text field beside its label (the cursor shows only when it has focus).
    let field = Rect::new(
        rect.x + 15,
        rect.y + 1 + path_at as u16,
        rect.width.saturating_sub(17),
        1,
    )
    .intersection(area);
    let mut ta = x.path.clone();
    ta.set_cursor_style(if x.focus == Focus::Path {
        theme.focus.add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    });
    frame.render_widget(&ta, field);
}
