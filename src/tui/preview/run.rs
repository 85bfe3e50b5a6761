//! What the preview's effect does: render the issue as the exporter will.

use crate::tui::bridge;
use crate::tui::effects::{ExportFormat, PreviewFx};
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, fx: PreviewFx) -> Res {
    let PreviewFx::Render { issue_id, markdown } = fx;
    let issue = rt.store.issue_by_id(issue_id)?;
    let format = if markdown {
        ExportFormat::Markdown
    } else {
        ExportFormat::Text
    };
    let text = match &rt.exporter {
        Some(x) => {
            bridge::render(x, &issue, format).unwrap_or_else(|e| format!("(preview failed: {e})"))
        }
        None => "(the export templates failed to load: see the log)".into(),
    };
    Ok(vec![Msg::Preview(text)])
}
