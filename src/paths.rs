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
