//! What the first-run dialog's effect does: write the newsletter to config.toml (never over
//! a file that appeared meanwhile) and use it at once.

use super::state::Setup;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, setup: Setup) -> Res {
    let dir = rt
        .config
        .dir
        .clone()
        .or_else(crate::paths::config_dir)
        .ok_or_else(|| anyhow::anyhow!("no config directory to write config.toml in"))?;
    let file = dir.join(crate::config::CONFIG_FILE);
    let mut newsletter = toml::Table::new();
    newsletter.insert("name".into(), setup.name.clone().into());
    newsletter.insert("title_pattern".into(), setup.title_pattern.clone().into());
    newsletter.insert("first_number".into(), setup.first_number.into());
    let mut doc = toml::Table::new();
    doc.insert("newsletter".into(), newsletter.into());
    let text = format!(
        "# Written by roundup's first run; assets/config.toml in the source lists every \
         setting.\n{}",
        toml::to_string(&doc)?
    );
    std::fs::create_dir_all(&dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    // Whole or not at all, and never over a config written by hand meanwhile.
    crate::atomic::write_new(&file, text.as_bytes(), false)?;
    if rt.config.dir.is_none() {
        rt.config.dir = Some(dir);
    }
    rt.reload_config_if_changed();
    Ok(vec![Msg::Info(format!(
        "Saved {} to {}: n starts issue #{}",
        setup.name,
        file.display(),
        setup.first_number
    ))])
}
