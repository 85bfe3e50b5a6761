//! Issue day in the real binary inside tmux (issue 11), as a first-time editor met it:
//! pasted paragraphs (CR from tmux's paste, and LF), a quote before the commentary with lines
//! kept, typed disclosures, remove → place again keeping the writing, undo, the first run
//! and `n` with a number, and the overwrite prompt. Every step waits for what the screen or
//! the database shows; nothing is timed.
// A test or benchmark fails loudly: unwrap, expect and panic are how it says so.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use roundup::model::Entry;
use roundup::store::Store;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::tmux::Tmux;

const SRE: &str =
    "[newsletter]\nname = \"SRE Weekly\"\ntitle_pattern = \"SRE Weekly Issue #{number}\"\n";

fn roundup(dir: &Path, db: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_roundup"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A database with draft #380 holding one entry (`body` its writing), and a config.
fn draft(dir: &Path, body: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("config/roundup")).unwrap();
    std::fs::write(dir.join("config/roundup/config.toml"), SRE).unwrap();
    let db = dir.join("roundup.db");
    let file = dir.join("issue.json");
    let issue = serde_json::json!({"number": 380, "sections": [
        {"heading": "Articles", "style": "articles", "entries": [
            {"url": "https://example.com/kafka", "title": "Kafka split-brain",
             "authors": ["Fred Hebert"], "body": body}]},
        {"heading": "Outages", "style": "list", "entries": []}]});
    std::fs::write(&file, issue.to_string()).unwrap();
    roundup(dir, &db, &["issue", "load", file.to_str().unwrap()]);
    db
}

fn entries(db: &Path, number: i64) -> Vec<Entry> {
    let store = Store::open(db).unwrap();
    store
        .issue(number)
        .map(|i| i.sections.into_iter().flat_map(|s| s.entries).collect())
        .unwrap_or_default()
}

fn body(db: &Path) -> String {
    entries(db, 380)
        .first()
        .map(|e| e.body.clone())
        .unwrap_or_default()
}

/// The editor on the draft's first entry.
fn open_entry(t: &Tmux) {
    t.expect("Inbox");
    t.keys("2");
    t.expect("Kafka split-brain");
    // Rows: sponsor, intro, Articles, the entry.
    t.keys("j j j Enter");
    t.expect("Body");
}

#[test]
fn pasted_paragraphs_and_quote_lines_keep_their_breaks() {
    let dir = tempfile::tempdir().unwrap();
    let db = draft(dir.path(), "");
    let t = Tmux::start(&db, dir.path(), 120, 40);
    open_entry(&t);
    // tmux sends the pasted line breaks as CR, as most terminals do.
    t.paste("PARA ONE.\n\nPARA TWO.");
    t.until("the two paragraphs saved", || {
        body(&db) == "PARA ONE.\n\nPARA TWO."
    });
    // A quote started with ctrl-q takes a pasted poem line by line (sent as LF here).
    t.keys("Enter Enter C-q");
    t.paste("I have a confession\nthat I must make");
    t.until("the quote saved", || {
        body(&db).ends_with("> I have a confession\n> that I must make")
    });
    t.quit();
    let md = roundup(dir.path(), &db, &["export", "380", "--format", "markdown"]);
    assert!(md.contains("PARA ONE.\n\nPARA TWO."), "{md}");
    assert!(
        md.contains("> I have a confession\\\n> that I must make")
            || md.contains("> I have a confession  \n> that I must make"),
        "the quote's line break is kept: {md}"
    );
}

#[test]
fn a_quote_before_the_commentary_and_a_typed_disclosure() {
    let dir = tempfile::tempdir().unwrap();
    let db = draft(dir.path(), "");
    let t = Tmux::start(&db, dir.path(), 120, 40);
    open_entry(&t);
    t.keys("C-q");
    t.type_text("I have a confession.");
    t.keys("Enter Enter");
    t.type_text("This jaded tale also contains a lesson.");
    // Tab to the disclosures (title, body, authors, publication, via, disclosures).
    t.keys("Tab Tab Tab Tab");
    t.type_text("I used to work with the author.");
    t.until("body and disclosure saved", || {
        let e = entries(&db, 380);
        e.first().is_some_and(|e| {
            e.body == "> I have a confession.\n\nThis jaded tale also contains a lesson."
                && e.disclosures == vec!["I used to work with the author.".to_string()]
        })
    });
    t.quit();
    let md = roundup(dir.path(), &db, &["export", "380", "--format", "markdown"]);
    let quote = md.find("> I have a confession.").expect("quote exported");
    let comment = md.find("This jaded tale").expect("commentary exported");
    let note = md
        .find("I used to work with the author.")
        .expect("note exported");
    assert!(quote < comment && comment < note, "{md}");
}

#[test]
fn removing_keeps_the_writing_and_u_brings_the_entry_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = draft(dir.path(), "A week of my words.");
    let t = Tmux::start(&db, dir.path(), 120, 40);
    t.expect("Inbox");
    t.keys("2");
    t.expect("Kafka split-brain");
    t.keys("j j j x");
    t.expect("Removed");
    t.until("the entry removed", || entries(&db, 380).is_empty());
    // Placed again from the inbox: the writing comes back with it.
    t.keys("1");
    t.expect("Kafka split-brain");
    t.keys("p");
    t.expect("Place in #380");
    t.keys("Enter");
    t.until("placed again with its writing", || {
        body(&db) == "A week of my words."
    });
    // Removed again, then u: back in place, writing and all.
    t.keys("2");
    t.expect("Kafka split-brain");
    t.keys("g j j j x");
    t.until("removed again", || entries(&db, 380).is_empty());
    t.keys("u");
    t.expect("is back");
    t.until("undone", || body(&db) == "A week of my words.");
    t.quit();
}

#[test]
fn the_first_run_asks_for_the_newsletter_and_n_takes_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roundup.db");
    let t = Tmux::start(&db, dir.path(), 120, 40);
    t.expect("Welcome to roundup");
    t.type_text("Ops Digest");
    t.keys("Tab Tab BSpace");
    t.type_text("379");
    t.expect("Ops Digest #379");
    t.keys("Enter");
    t.expect("Saved Ops Digest");
    let config = std::fs::read_to_string(dir.path().join("config/roundup/config.toml")).unwrap();
    assert!(config.contains("name = \"Ops Digest\""), "{config}");
    assert!(config.contains("first_number = 379"), "{config}");
    // n proposes the configured first number; the editor takes it.
    t.keys("2 n");
    t.expect("Number of the new issue");
    t.keys("Enter");
    t.expect("Ops Digest #379");
    // And the next n proposes 380; the editor types another number.
    t.keys("n");
    t.expect("Number of the new issue");
    t.keys("BSpace BSpace BSpace");
    t.type_text("400");
    t.keys("Enter");
    t.expect("Ops Digest #400");
    t.quit();
    let list = roundup(dir.path(), &db, &["issue", "list"]);
    assert!(list.contains("#379") && list.contains("#400"), "{list}");
}

#[test]
fn export_asks_before_replacing_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = draft(dir.path(), "Words.");
    let target = dir.path().join("week.md");
    std::fs::write(&target, "OLD").unwrap();
    let t = Tmux::start(&db, dir.path(), 120, 40);
    t.expect("Inbox");
    t.keys("2");
    t.expect("Kafka split-brain");
    // Export: destination file, then the path typed over the default.
    t.keys("e Tab j Tab C-a C-k");
    t.type_text(target.to_str().unwrap());
    t.keys("Enter");
    t.expect("exists. Replace it?");
    t.keys("n");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "OLD");
    // The dialog remembers nothing from a cancelled export; the second time, yes.
    t.keys("e Tab j Tab C-a C-k");
    t.type_text(target.to_str().unwrap());
    t.keys("Enter");
    t.expect("exists. Replace it?");
    t.keys("y");
    t.until("the file replaced", || {
        std::fs::read_to_string(&target).is_ok_and(|s| s.contains("Kafka split-brain"))
    });
    t.quit();
}
