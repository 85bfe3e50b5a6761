//! The first run: with no config file and no issue yet, the TUI asks for the newsletter's
//! name, its title pattern and the first issue's number, and writes them to config.toml.
pub mod keys;
pub mod run;
pub mod state;
pub mod view;
