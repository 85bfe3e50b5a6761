//! Where roundup keeps things on disk (XDG through the `directories` crate).

use directories::ProjectDirs;
use std::path::PathBuf;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "roundup")
}

/// `roundup.db` in the XDG data directory (`~/.local/share/roundup/roundup.db`).
pub fn default_db() -> PathBuf {
    dirs()
        .map(|d| d.data_dir().join("roundup.db"))
        .unwrap_or_else(|| PathBuf::from("roundup.db"))
}

/// The user's config directory (`~/.config/roundup`): config.toml and template overrides.
pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_path_buf())
}

/// Where logs go (`~/.local/state/roundup`, else the data directory).
pub fn log_dir() -> PathBuf {
    dirs()
        .map(|d| d.state_dir().unwrap_or(d.data_dir()).to_path_buf())
        .unwrap_or_else(std::env::temp_dir)
}

/// Files roundup can rebuild (the HTML opened in the browser): `~/.cache/roundup`.
pub fn cache_dir() -> PathBuf {
    dirs()
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(std::env::temp_dir)
}

/// The user's own directory for files nobody else should see or plant (the clipboard
/// fallback): `$XDG_RUNTIME_DIR/roundup`, else the state directory. Never a shared `/tmp`
/// path. Created (0700) when missing.
pub fn private_dir() -> std::io::Result<PathBuf> {
    let dir = dirs()
        .and_then(|d| d.runtime_dir().map(|r| r.to_path_buf()))
        .unwrap_or_else(log_dir);
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir)?;
    Ok(dir)
}
