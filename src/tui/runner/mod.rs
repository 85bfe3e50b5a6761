//! Runs effects: the only part of the TUI that touches SQLite, the fetcher, files, the
//! clipboard and the browser. Each effect answers with messages for `update`.

use super::bridge::{self, Fetches};
use super::effects::{Destination, Effect, EntryEdit};
use super::state::Msg;
use crate::config::Config;
use crate::export::Exporter;
use crate::model::{Issue, LinkState, NewLink};
use crate::store::{AddOutcome, Store, StoreError};
mod check;
mod issue;
mod reload;

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, TryRecvError};

pub struct Runner {
    pub store: Store,
    pub config: Config,
    pub fetches: Fetches,
    /// Templates compiled once: the preview re-renders on every edit.
    exporter: Option<Exporter>,
    /// The browser opener; `None` (tests) only reports what would open.
    pub opener: Option<String>,
    /// What was last written per entry, so a keystroke writes only the field it changed.
    saved: HashMap<i64, EntryEdit>,
    /// The current draft for disclosure suggestions in the inbox's detail pane (read on
    /// every selection change); dropped whenever an issue is reloaded.
    draft: Option<Option<Issue>>,
    /// Reads running on their own connection (the full inbox of a big database), each with
    /// the length of `touched` when it started.
    pending: Vec<(Receiver<Msg>, usize)>,
    /// Links this connection changed while a background read ran: that read's rows for them
    /// are stale, so they are read again when it lands.
    touched: Vec<i64>,
    /// The check fetches every link; tests turn that off (lints only).
    pub check_network: bool,
    /// `PRAGMA data_version` when last looked at: another process wrote when it changes.
    data_version: Option<i64>,
}

pub(super) type Res = anyhow::Result<Vec<Msg>>;

impl Runner {
    pub fn new(store: Store, config: Config) -> Runner {
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let exporter = Exporter::new(&config)
            .inspect_err(|e| log::warn!("templates: {e}"))
            .ok();
        Runner {
            store,
            config,
            exporter,
            fetches: Fetches::default(),
            opener: Some(opener.into()),
            saved: HashMap::new(),
            draft: None,
            pending: Vec::new(),
            touched: Vec::new(),
            data_version: None,
            check_network: true,
        }
    }

    /// Results of background work (fetches, reads) that arrived since the last call.
    pub fn poll(&mut self) -> Vec<Msg> {
        let mut msgs = self.fetches.poll(&self.store);
        if !self.pending.is_empty() {
            self.touched.extend(msgs.iter().filter_map(|m| match m {
                Msg::FetchDone { id, .. } => Some(*id),
                _ => None,
            }));
        }
        let mut stale = Vec::new();
        self.pending.retain(|(rx, since)| match rx.try_recv() {
            Ok(m) => {
                let loaded = matches!(m, Msg::InboxLoaded { .. });
                msgs.push(m);
                if loaded {
                    stale.extend(self.touched.get(*since..).unwrap_or_default());
                }
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        if !stale.is_empty() {
            stale.sort_unstable();
            stale.dedup();
            match self.store.inbox_rows_by_id(&stale) {
                Ok(rows) => msgs.push(Msg::RowsUpdated(rows)),
                Err(e) => msgs.push(Msg::Error(format!("reloading links: {e}"))),
            }
        }
        if self.pending.is_empty() {
            self.touched.clear();
        }
        msgs
    }

    /// Background work is still running.
    pub fn busy(&self) -> bool {
        self.fetches.active() || !self.pending.is_empty()
    }

    pub fn run(&mut self, effect: Effect) -> Vec<Msg> {
        log::debug!("effect {effect:?}");
        self.note_touched(&effect);
        match self.try_run(effect) {
            Ok(msgs) => msgs,
            Err(e) => {
                log::warn!("{e:#}");
                vec![Msg::Error(format!("{e:#}"))]
            }
        }
    }

    fn try_run(&mut self, effect: Effect) -> Res {
        let s = &self.store;
        match effect {
            Effect::LoadInbox { all, limit } => {
                let states: Vec<LinkState> = if all {
                    LinkState::ALL.to_vec()
                } else {
                    vec![LinkState::Inbox, LinkState::Held]
                };
                // The whole list of a big database takes a moment: read it on a second
                // connection so keys keep working meanwhile.
                if let (None, Some(path)) = (limit, s.path()) {
                    let path = path.to_path_buf();
                    let (tx, rx) = std::sync::mpsc::channel();
                    std::thread::spawn(move || {
                        let msg =
                            match Store::open(&path).and_then(|st| st.inbox_rows(&states, None)) {
                                Ok(rows) => Msg::InboxLoaded {
                                    rows,
                                    complete: true,
                                },
                                Err(e) => Msg::Error(format!("loading the inbox: {e}")),
                            };
                        let _ = tx.send(msg);
                    });
                    self.pending.push((rx, self.touched.len()));
                    return Ok(vec![]);
                }
                let rows = s.inbox_rows(&states, limit)?;
                let complete = limit.is_none_or(|n| rows.len() < n);
                Ok(vec![Msg::InboxLoaded { rows, complete }])
            }
            Effect::CheckDataVersion => self.check_data_version(),
            // A failure must end the "checking…" state, not only show an error.
            Effect::RunCheck { issue_id } => Ok(self
                .run_check(issue_id)
                .unwrap_or_else(|e| vec![Msg::CheckFailed(format!("Check failed: {e:#}"))])),
            Effect::ReplaceUrl { entry_id, url } => self.replace_url(entry_id, &url),
            Effect::Search { query } => Ok(vec![Msg::SearchResults {
                hits: s.search(&query, crate::tui::archive::state::LIMIT)?,
                query,
            }]),
            Effect::LoadRows(ids) => Ok(vec![Msg::RowsUpdated(s.inbox_rows_by_id(&ids)?)]),
            Effect::LoadDetail(id) => {
                let link = s.link(id)?;
                if self.draft.is_none() {
                    self.draft = Some(s.current_draft()?);
                }
                let notes = match self.draft.as_ref().and_then(Option::as_ref) {
                    Some(issue) => crate::compose::suggested_for_link(&link, issue, &self.config),
                    None => vec![],
                };
                Ok(vec![Msg::Detail {
                    link: Box::new(link),
                    notes,
                }])
            }
            Effect::AddUrls(urls) => self.add_urls(urls),
            Effect::SetLinkState(id, state) => {
                s.set_link_state(id, state)?;
                Ok(vec![Msg::Saved])
            }
            Effect::SetLinksState(ids, state) => {
                s.set_links_state(&ids, state)?;
                Ok(vec![Msg::Saved])
            }
            Effect::Fetch(ids) => {
                let jobs = ids
                    .iter()
                    .filter_map(|id| s.link(*id).ok().map(|l| (l.id, l.url)))
                    .collect();
                Ok(self.fetches.start(&self.store, jobs))
            }
            Effect::OpenUrl(url) => Ok(vec![self.open(&url)]),
            Effect::LoadIssue(number) => self.load_issue(number),
            Effect::PlaceLink { link_id, section } => {
                let section_id = match section {
                    Some(id) => id,
                    None => self.default_section()?,
                };
                let entry =
                    crate::compose::place_link(&self.store, &self.config, link_id, section_id)?;
                let mut msgs = vec![
                    Msg::Saved,
                    Msg::RowsUpdated(self.store.inbox_rows_by_id(&[link_id])?),
                ];
                let title = entry.title.unwrap_or(entry.url);
                msgs.push(Msg::Info(format!(
                    "Placed \"{}\"",
                    crate::tui::view::fit(&title, 50)
                )));
                msgs.extend(self.load_issue(None)?);
                Ok(msgs)
            }
            Effect::MoveEntry { entry_id, delta } => {
                s.move_entry(entry_id, delta)?;
                self.saved_and_reload()
            }
            Effect::MoveEntryTo {
                entry_id,
                section_id,
            } => {
                s.move_entry_to_section(entry_id, section_id)?;
                self.saved_and_reload()
            }
            Effect::MoveSection { section_id, delta } => {
                s.move_section(section_id, delta)?;
                self.saved_and_reload()
            }
            Effect::RemoveEntry(id) => {
                s.remove_entry(id)?;
                self.saved_and_reload()
            }
            Effect::NewIssue => {
                let issue = s.new_issue(&self.config)?;
                s.set_setting("current_issue", &issue.number.to_string())?;
                let mut msgs = vec![Msg::Info(format!("Created issue #{}", issue.number))];
                msgs.extend(self.load_issue(Some(issue.number))?);
                Ok(msgs)
            }
            Effect::Publish(issue_id) => {
                let number = s.issue_by_id(issue_id)?.number;
                s.publish_issue(number)?;
                let mut msgs = vec![
                    Msg::Saved,
                    Msg::Info(format!("Published issue #{number}: it is in the archive")),
                ];
                msgs.extend(self.load_issue(Some(number))?);
                Ok(msgs)
            }
            Effect::SaveEntry { entry_id, edit } => {
                self.save_entry(entry_id, edit)?;
                self.saved_and_reload()
            }
            Effect::SaveSponsor { issue_id, sponsor } => {
                s.set_sponsor(issue_id, sponsor.as_ref())?;
                self.saved_and_reload()
            }
            Effect::SaveIntro { issue_id, intro } => {
                s.set_intro(issue_id, intro.as_deref())?;
                self.saved_and_reload()
            }
            Effect::RenderPreview { issue_id, markdown } => {
                let issue = s.issue_by_id(issue_id)?;
                let format = if markdown {
                    super::effects::ExportFormat::Markdown
                } else {
                    super::effects::ExportFormat::Text
                };
                let text = match &self.exporter {
                    Some(x) => bridge::render(x, &issue, format)
                        .unwrap_or_else(|e| format!("(preview failed: {e})")),
                    None => "(the export templates failed to load: see the log)".into(),
                };
                Ok(vec![Msg::Preview(text)])
            }
            Effect::Suggest { kind, prefix } => {
                Ok(vec![Msg::Suggestions(s.past_credits(kind, &prefix, 8)?)])
            }
            Effect::SuggestDisclosures { entry_id } => {
                let entry = s.entry(entry_id)?;
                let issue = s.issue_of_section(entry.section_id)?;
                Ok(vec![Msg::Disclosures(crate::compose::suggested_for_entry(
                    &entry,
                    &issue,
                    &self.config,
                ))])
            }
            // The loop runs the editor itself: it owns the terminal.
            Effect::ExternalEdit { .. } => Ok(vec![]),
            Effect::Export {
                issue_id,
                format,
                dest,
            } => {
                let issue = s.issue_by_id(issue_id)?;
                let exporter = self
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
        }
    }

    fn add_urls(&mut self, urls: Vec<String>) -> Res {
        let (mut added, mut dups, mut bad) = (Vec::new(), Vec::new(), Vec::new());
        for url in urls {
            match self.store.add_link(&NewLink {
                url: url.clone(),
                ..Default::default()
            }) {
                Ok(AddOutcome::Added(id)) => added.push(id),
                Ok(AddOutcome::Duplicate(link)) => dups.push(link),
                Err(StoreError::Invalid(_)) => bad.push(url),
                Err(e) => return Err(e.into()),
            }
        }
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("Added {}", added.len()));
        }
        for d in &dups {
            let featured: Vec<String> = d.featured_in.iter().map(|n| format!("#{n}")).collect();
            let status = if featured.is_empty() {
                d.state.to_string()
            } else {
                format!("featured in {}", featured.join(", "))
            };
            parts.push(format!(
                "already stored ({status}): {}",
                crate::tui::view::fit(d.display_title(), 40)
            ));
        }
        if !bad.is_empty() {
            parts.push(format!("not a valid URL: {}", bad.join(" ")));
        }
        let mut msgs = vec![Msg::RowsUpdated(self.store.inbox_rows_by_id(&added)?)];
        msgs.push(if bad.is_empty() {
            Msg::Info(parts.join(" · "))
        } else {
            Msg::Error(parts.join(" · "))
        });
        let jobs = added
            .iter()
            .filter_map(|id| self.store.link(*id).ok().map(|l| (l.id, l.url)))
            .collect();
        msgs.extend(self.fetches.start(&self.store, jobs));
        Ok(msgs)
    }

    fn open(&self, url: &str) -> Msg {
        let Some(cmd) = &self.opener else {
            return Msg::Info(format!("Would open {url}"));
        };
        // Detached, silent: a browser writing to our terminal would garble the screen.
        let spawned = std::process::Command::new(cmd)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        match spawned {
            Ok(mut child) => {
                // Reap it in the background so no zombie stays behind.
                std::thread::spawn(move || child.wait());
                Msg::Info(format!("Opened {url}"))
            }
            Err(e) => Msg::Error(format!("Cannot open the browser ({cmd}): {e}")),
        }
    }
}
