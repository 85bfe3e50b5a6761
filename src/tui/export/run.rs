//! What the export dialog's effect does: render the issue and put it on the clipboard or in
//! a file.

use crate::tui::bridge;
use crate::tui::effects::{Destination, ExportFx};
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, fx: ExportFx) -> Res {
    let ExportFx {
        issue_id,
        format,
        dest,
    } = fx;
    let issue = rt.store.issue_by_id(issue_id)?;
    let exporter = rt
        .exporter
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("the export templates failed to load"))?;
    let text = bridge::render(exporter, &issue, format).map_err(anyhow::Error::msg)?;
    let size = format!("{:.1} KB", text.len() as f64 / 1024.0);
    let what = format!("issue #{} as {}", issue.number, format.label());
    match dest {
        Destination::File(path) => {
            std::fs::write(&path, &text)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            Ok(vec![Msg::Info(format!(
                "Wrote {what} to {} ({size})",
                path.display()
            ))])
        }
        Destination::Clipboard => match bridge::copy(exporter, &issue, format, &text) {
            Ok(how) => Ok(vec![Msg::Info(format!("Copied {what} ({size}){how}"))]),
            Err(e) => Ok(vec![Msg::Error(format!("Could not copy {what}: {e}"))]),
        },
    }
}
