//! Keys → actions. Defaults come from `assets/keymap.toml` (embedded), overlaid by the
//! `[keys]` table of the user's config file. Contexts are tried in order (first match wins),
//! which keeps mode-dependent keys as data instead of `if`s in handlers.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;

const DEFAULTS: &str = include_str!("../../assets/keymap.toml");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    Global,
    List,
    Inbox,
    Filter,
    Prompt,
    Issue,
    Editor,
    Preview,
    Picker,
    Export,
    Confirm,
    Help,
    Check,
    Archive,
    Reader,
    ReaderSearch,
}

impl Ctx {
    const ALL: [Ctx; 16] = [
        Ctx::Global,
        Ctx::List,
        Ctx::Inbox,
        Ctx::Filter,
        Ctx::Prompt,
        Ctx::Issue,
        Ctx::Editor,
        Ctx::Preview,
        Ctx::Picker,
        Ctx::Export,
        Ctx::Confirm,
        Ctx::Help,
        Ctx::Check,
        Ctx::Archive,
        Ctx::Reader,
        Ctx::ReaderSearch,
    ];
    fn name(self) -> &'static str {
        match self {
            Ctx::Global => "global",
            Ctx::List => "list",
            Ctx::Inbox => "inbox",
            Ctx::Filter => "filter",
            Ctx::Prompt => "prompt",
            Ctx::Issue => "issue",
            Ctx::Editor => "editor",
            Ctx::Preview => "preview",
            Ctx::Picker => "picker",
            Ctx::Export => "export",
            Ctx::Confirm => "confirm",
            Ctx::Help => "help",
            Ctx::Check => "check",
            Ctx::Archive => "archive",
            Ctx::Reader => "reader",
            Ctx::ReaderSearch => "reader_search",
        }
    }
}

/// A key with its modifiers, normalised (shift is folded into the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                // 'G' arrives as Char('G') + SHIFT on most terminals: the case says it already.
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                    c.to_ascii_lowercase()
                } else {
                    c
                })
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("shift-")
                .filter(|r| r.chars().count() > 1)
            {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "esc" => KeyCode::Esc,
            "enter" => KeyCode::Enter,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            f if f.len() > 1 && f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next()?),
            _ => return None,
        };
        Some(Key { code, mods })
    }

    /// How the help overlay and status bar write the key.
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("shift-");
        }
        match self.code {
            KeyCode::Char(' ') => s.push_str("space"),
            KeyCode::Char(c) => s.push(c),
            KeyCode::Esc => s.push_str("esc"),
            KeyCode::Enter => s.push_str("enter"),
            KeyCode::Tab => s.push_str("tab"),
            KeyCode::BackTab => s.push_str("shift-tab"),
            KeyCode::Up => s.push('↑'),
            KeyCode::Down => s.push('↓'),
            KeyCode::Left => s.push('←'),
            KeyCode::Right => s.push('→'),
            KeyCode::PageUp => s.push_str("pgup"),
            KeyCode::PageDown => s.push_str("pgdn"),
            KeyCode::F(n) => s.push_str(&format!("f{n}")),
            other => s.push_str(&format!("{other:?}").to_lowercase()),
        }
        s
    }
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    /// Per context, in file order (the help overlay lists them in that order).
    bindings: HashMap<Ctx, Vec<(Key, Action)>>,
}

impl Keymap {
    /// The embedded defaults overlaid by `user` (the `[keys]` table of config.toml).
    /// Problems in the user's table are returned as warnings, never fatal.
    pub fn load(user: Option<&toml::Table>) -> (Keymap, Vec<String>) {
        let mut km = Keymap::default();
        let mut warnings = Vec::new();
        match DEFAULTS.parse::<toml::Table>() {
            Ok(t) => km.overlay(&t, &mut warnings),
            Err(e) => warnings.push(format!("built-in keymap: {e}")),
        }
        if let Some(user) = user {
            km.overlay(user, &mut warnings);
        }
        (km, warnings)
    }

    pub fn defaults() -> Keymap {
        Keymap::load(None).0
    }

    fn overlay(&mut self, table: &toml::Table, warnings: &mut Vec<String>) {
        for (ctx_name, keys) in table {
            let Some(ctx) = Ctx::ALL.into_iter().find(|c| c.name() == ctx_name) else {
                warnings.push(format!("keys: unknown context [{ctx_name}]"));
                continue;
            };
            let Some(keys) = keys.as_table() else {
                continue;
            };
            let list = self.bindings.entry(ctx).or_default();
            for (key_name, action) in keys {
                let Some(key) = Key::parse(key_name) else {
                    warnings.push(format!("keys.{ctx_name}: unknown key \"{key_name}\""));
                    continue;
                };
                let parsed: Option<Action> = action
                    .as_str()
                    .and_then(|a| serde_json::from_value(serde_json::Value::String(a.into())).ok());
                match parsed {
                    Some(a) => {
                        list.retain(|(k, _)| *k != key);
                        list.push((key, a));
                    }
                    None if action.as_str() == Some("none") => list.retain(|(k, _)| *k != key),
                    None => warnings.push(format!("keys.{ctx_name}: unknown action {action}")),
                }
            }
        }
    }

    /// The first binding of `key` in `chain`.
    pub fn resolve(&self, chain: &[Ctx], key: Key) -> Option<Action> {
        chain.iter().find_map(|ctx| {
            self.bindings
                .get(ctx)?
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, a)| *a)
        })
    }

    /// Every (keys, action) reachable in `chain`, one line per action, shadowed keys left
    /// out: the help overlay.
    pub fn help(&self, chain: &[Ctx]) -> Vec<(String, Action)> {
        let mut by_action: Vec<(Action, Vec<String>)> = Vec::new();
        let mut seen_keys: Vec<Key> = Vec::new();
        for ctx in chain {
            for (key, action) in self.bindings.get(ctx).into_iter().flatten() {
                if seen_keys.contains(key) {
                    continue;
                }
                seen_keys.push(*key);
                match by_action.iter_mut().find(|(a, _)| a == action) {
                    Some((_, keys)) => keys.push(key.label()),
                    None => by_action.push((*action, vec![key.label()])),
                }
            }
        }
        // Stable order: actions as declared, single-character keys before named ones.
        by_action.sort_by_key(|(a, _)| *a);
        by_action
            .into_iter()
            .map(|(a, mut keys)| {
                keys.sort_by_key(|k| (k.chars().count() > 1, k.clone()));
                (keys.join(" / "), a)
            })
            .collect()
    }

    /// The first key bound to `action` in `chain` (for the status bar hints).
    pub fn key_for(&self, chain: &[Ctx], action: Action) -> Option<String> {
        self.help(chain)
            .into_iter()
            .find(|(_, a)| *a == action)
            .and_then(|(keys, _)| {
                let keys: Vec<&str> = keys.split(" / ").collect();
                // Esc is what everyone tries first to back out; otherwise the letter.
                let esc = keys.iter().find(|k| **k == "esc");
                esc.or(keys.first()).map(|k| k.to_string())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_without_warnings() {
        let (km, warnings) = Keymap::load(None);
        assert!(warnings.is_empty(), "{warnings:?}");
        let chain = [Ctx::Inbox, Ctx::List, Ctx::Global];
        let k = |s| Key::parse(s).unwrap();
        assert_eq!(km.resolve(&chain, k("j")), Some(Action::Down));
        assert_eq!(km.resolve(&chain, k("down")), Some(Action::Down));
        assert_eq!(km.resolve(&chain, k("G")), Some(Action::Bottom));
        assert_eq!(km.resolve(&chain, k("q")), Some(Action::Quit));
        assert_eq!(km.resolve(&chain, k("esc")), Some(Action::Back));
    }

    #[test]
    fn user_keys_overlay_defaults() {
        let user: toml::Table = "[inbox]\n\"x\" = \"discard\"\n\"h\" = \"none\"\n[bogus]\n"
            .parse()
            .unwrap();
        let (km, warnings) = Keymap::load(Some(&user));
        assert_eq!(warnings.len(), 1);
        let chain = [Ctx::Inbox, Ctx::List, Ctx::Global];
        assert_eq!(
            km.resolve(&chain, Key::parse("x").unwrap()),
            Some(Action::Discard)
        );
        assert_eq!(km.resolve(&chain, Key::parse("h").unwrap()), None);
    }

    #[test]
    fn shifted_letters_and_ctrl_normalise() {
        let ev = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(&ev), Key::parse("G").unwrap());
        let ev = KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(&ev), Key::parse("ctrl-e").unwrap());
    }

    #[test]
    fn help_lists_each_action_once_with_all_its_keys() {
        let km = Keymap::defaults();
        let help = km.help(&[Ctx::Inbox, Ctx::List, Ctx::Global]);
        let down = help.iter().find(|(_, a)| *a == Action::Down).unwrap();
        assert_eq!(down.0, "j / ↓");
        assert_eq!(help.iter().filter(|(_, a)| *a == Action::Down).count(), 1);
    }
}
