//! The TUI on ratatui's TestBackend, driven by key events through the same `step` the real
//! loop uses: one harness for every end-to-end TUI test.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use roundup::store::Store;
use roundup::tui::app::{start, step};
use roundup::tui::keymap::Key;
use roundup::tui::runner::Runner;
use roundup::tui::state::{App, Msg};
use std::path::Path;
use std::time::{Duration, Instant};

pub struct Harness {
    pub app: App,
    pub runner: Runner,
    pub term: Terminal<TestBackend>,
    pub dir: tempfile::TempDir,
}

impl Harness {
    /// A fresh on-disk database filled by `fill`, a config directory of its own (SRE
    /// Weekly's name and the built-in rest unless `config` is given), no colour, no browser,
    /// and exports written into the temporary directory.
    pub fn open(w: u16, h: u16, fill: impl FnOnce(&Store), config: Option<&str>) -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("t.db");
        fill(&Store::open(&db).unwrap());
        Harness::open_at(dir, &db, w, h, config)
    }

    /// The TUI on the database at `db` (which other processes may share), with `dir` kept
    /// for the config directory and exports.
    pub fn open_at(
        dir: tempfile::TempDir,
        db: &Path,
        w: u16,
        h: u16,
        config: Option<&str>,
    ) -> Harness {
        let store = Store::open(db).unwrap();
        let cfg = dir.path().join("config");
        std::fs::create_dir_all(&cfg).unwrap();
        // The screens' snapshots show a real newsletter's name (the built-in one is neutral,
        // and the first run asks for it). FIRST_RUN: no config file at all.
        let text = config.unwrap_or(SRE_WEEKLY);
        if text != FIRST_RUN {
            std::fs::write(cfg.join("config.toml"), text).unwrap();
        }
        let (mut app, mut runner) = roundup::tui::setup(store, Some(&cfg), (w, h));
        app.color = false;
        app.export_prefs.dir = dir.path().to_path_buf();
        runner.opener = None;
        let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
        start(&mut app, &mut runner, &mut term).unwrap();
        Harness {
            app,
            runner,
            term,
            dir,
        }
    }

    pub fn send(&mut self, msg: Msg) {
        step(&mut self.app, &mut self.runner, msg, &mut |_| None);
    }

    /// Keys by keymap name, separated by spaces: "j j enter ctrl-q G".
    pub fn keys(&mut self, spec: &str) {
        for k in spec.split(' ') {
            let key = Key::parse(k).unwrap_or_else(|| panic!("bad key {k}"));
            let mut mods = key.mods;
            if let KeyCode::Char(c) = key.code {
                if c.is_ascii_uppercase() {
                    mods |= KeyModifiers::SHIFT;
                }
            }
            self.send(Msg::Key(KeyEvent::new(key.code, mods)));
        }
    }

    pub fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.send(Msg::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
        }
    }

    pub fn key(&mut self, code: KeyCode) {
        self.send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// What the real loop does between keys: background results, then the reload tick
    /// (another process's writes).
    pub fn tick(&mut self) {
        for m in self.runner.poll() {
            self.send(m);
        }
        self.send(Msg::PollChanges);
    }

    /// Ticks until no background work is left.
    pub fn settle(&mut self) {
        let t0 = Instant::now();
        loop {
            self.tick();
            if !self.runner.busy() {
                break;
            }
            assert!(t0.elapsed() < Duration::from_secs(20), "reads never ended");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Feeds background results (fetches, reads, checks) back until nothing is in flight.
    pub fn wait_background(&mut self) {
        let t0 = Instant::now();
        loop {
            for m in self.runner.poll() {
                self.send(m);
            }
            if !self.runner.busy() {
                break;
            }
            assert!(
                t0.elapsed() < Duration::from_secs(20),
                "background work did not finish"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn screen(&mut self) -> String {
        let app = &self.app;
        self.term
            .draw(|f| roundup::tui::view::draw(app, f))
            .unwrap();
        self.term.backend().to_string()
    }
}

/// The newsletter the screens' snapshots show.
pub const SRE_WEEKLY: &str =
    "[newsletter]\nname = \"SRE Weekly\"\ntitle_pattern = \"SRE Weekly Issue #{number}\"\n";

/// As `config`: write no config file (the first run).
pub const FIRST_RUN: &str = "<no config file>";
