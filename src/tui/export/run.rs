//! What the export dialog's effect does: render the issue and put it on the clipboard, in a
//! file (never over an existing one unless the editor said yes), or in the browser; and
//! remember the choices for the next export. A push to a mailing tool is `push.rs`.

use crate::tui::bridge;
use crate::tui::effects::{Destination, ExportFx, ExportPrefs};
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;
use std::path::Path;

pub(crate) fn run(rt: &mut Runner, fx: ExportFx) -> Res {
    if let Destination::Push(service) = fx.dest {
        return super::push::start(rt, fx.issue_id, service);
    }
    let issue = rt.store.issue_by_id(fx.issue_id)?;
    if let Destination::File(path) = &fx.dest
        && !fx.overwrite
        && path.exists()
    {
        return Ok(vec![Msg::AskOverwrite(fx)]);
    }
    let exporter = rt
        .exporter
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("the export templates failed to load"))?;
    let format = fx.format;
    let text = bridge::render(exporter, &issue, format).map_err(anyhow::Error::msg)?;
    let size = format!("{:.1} KB", text.len() as f64 / 1024.0);
    let what = format!("issue #{} as {}", issue.number, format.label());
    let mut msgs = Vec::new();
    match &fx.dest {
        Destination::File(path) => {
            // Whole or not at all: a full disk leaves the old file as it was.
            crate::atomic::write_atomic(path, text.as_bytes())?;
            msgs.push(Msg::Info(format!(
                "Wrote {what} to {} ({size})",
                path.display()
            )));
        }
        Destination::Clipboard => msgs.push(match bridge::copy(exporter, &issue, format, &text) {
            Ok(how) => Msg::Info(format!("Copied {what} ({size}){how}")),
            Err(e) => Msg::Error(format!("Could not copy {what}: {e}")),
        }),
        Destination::Browser => {
            let path = crate::paths::cache_dir().join(format!("issue-{}.html", issue.number));
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
            }
            crate::atomic::write_atomic(&path, text.as_bytes())?;
            msgs.push(rt.open_file(&path));
            return Ok(msgs);
        }
        Destination::Push(_) => return Ok(msgs),
    }
    let prefs = ExportPrefs {
        format,
        to_file: matches!(fx.dest, Destination::File(_)),
        dir: match &fx.dest {
            Destination::File(p) => p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| std::env::current_dir().unwrap_or_default()),
            _ => prefs(rt).dir,
        },
    };
    save_prefs(rt, &prefs)?;
    msgs.push(Msg::ExportPrefs(prefs));
    Ok(msgs)
}

/// The dialog's last choices (defaults: Markdown to the clipboard, files in the current
/// folder).
pub(crate) fn prefs(rt: &Runner) -> ExportPrefs {
    let get = |k: &str| rt.store.setting(k).ok().flatten();
    ExportPrefs {
        format: get("export_format")
            .and_then(|f| crate::tui::effects::ExportFormat::from_key(&f))
            .unwrap_or(crate::tui::effects::ExportFormat::Markdown),
        to_file: get("export_destination").as_deref() == Some("file"),
        dir: get("export_dir")
            .map(Into::into)
            .filter(|d: &std::path::PathBuf| d.is_dir())
            .unwrap_or_else(|| std::env::current_dir().unwrap_or_default()),
    }
}

fn save_prefs(rt: &Runner, p: &ExportPrefs) -> anyhow::Result<()> {
    let s = &rt.store;
    s.set_setting("export_format", p.format.key())?;
    s.set_setting(
        "export_destination",
        if p.to_file { "file" } else { "clipboard" },
    )?;
    s.set_setting("export_dir", &p.dir.display().to_string())?;
    Ok(())
}
