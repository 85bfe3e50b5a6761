//! Writes that could not happen yet because another process holds the database's write lock
//! (a long `roundup import`, a `feed pull`). They wait here, in order, the newest value of a
//! field replacing the one queued before it, and are tried again on the loop's tick until
//! they land. Nothing is dropped: a write that fails for another reason is reported, and
//! what is still queued when the editor insists on quitting goes to a recovery file.
//!
//! Why a short busy timeout and a queue rather than a writer thread: every handler writes
//! and then reads its result back (a placed entry, the reloaded issue) on the loop's one
//! connection, and the tests run the TUI on in-memory databases a second connection could
//! not share. A short timeout (`BUSY_TIMEOUT`) keeps each attempt's stall under a frame,
//! and while anything is queued new writes join the queue without waiting at all.

use super::{Res, Runner};
use crate::model::{FetchFailure, PageMeta};
use crate::store::StoreError;
use crate::tui::effects::{EditorFx, Effect, InboxFx, IssueFx};
use crate::tui::state::Msg;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How long one TUI statement waits for another process's write lock. Ordinary writers
/// (`roundup add`, a feed pull) finish well inside it, so they never show as waiting; a long
/// one costs the screen at most this much per attempt.
pub const BUSY_TIMEOUT: Duration = Duration::from_millis(50);
/// How often queued writes are tried again while the lock is held.
pub const RETRY_EVERY: Duration = Duration::from_millis(500);

/// One write waiting for the database.
#[derive(Debug)]
pub enum Write {
    Fx(Effect),
    /// The current draft's number (remembered for the next start).
    Setting {
        key: &'static str,
        value: String,
    },
    /// A fetch's result, which only the loop's thread writes.
    Fetch {
        link_id: i64,
        result: Result<PageMeta, FetchFailure>,
    },
}

#[derive(Debug, Default)]
pub struct Pending {
    pub(in crate::tui) queue: VecDeque<Write>,
    last_try: Option<Instant>,
}

impl Pending {
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// Queues `write` behind the others; the same field written again replaces the value
    /// queued just before it (typing queues one write per key, all for the same field).
    pub(in crate::tui) fn push(&mut self, write: Write) {
        if let (Some(last), Some(new)) = (self.queue.back_mut(), key(&write)) {
            if key(last).as_ref() == Some(&new) {
                *last = write;
                return;
            }
        }
        self.queue.push_back(write);
        self.last_try.get_or_insert_with(Instant::now);
    }

    fn due(&self) -> bool {
        self.last_try.is_none_or(|t| t.elapsed() >= RETRY_EVERY)
    }
}

/// What a queued write overwrites: two writes with the same key, one right after the
/// other, need only the second.
#[derive(Debug, PartialEq)]
enum Key {
    Entry(i64),
    Sponsor(i64),
    Intro(i64),
    State(i64),
    Setting(&'static str),
}

fn key(write: &Write) -> Option<Key> {
    match write {
        Write::Fx(Effect::Editor(EditorFx::SaveEntry { entry_id, .. })) => {
            Some(Key::Entry(*entry_id))
        }
        Write::Fx(Effect::Editor(EditorFx::SaveSponsor { issue_id, .. })) => {
            Some(Key::Sponsor(*issue_id))
        }
        Write::Fx(Effect::Editor(EditorFx::SaveIntro { issue_id, .. })) => {
            Some(Key::Intro(*issue_id))
        }
        Write::Fx(Effect::Inbox(InboxFx::SetState(id, _))) => Some(Key::State(*id)),
        Write::Setting { key, .. } => Some(Key::Setting(key)),
        _ => None,
    }
}

/// Effects that write and can simply be run again later: each is one change the editor
/// asked for, which a later attempt makes the same way. Starting a new issue is not among
/// them (it is several writes, and a second try would number another issue), nor an undo
/// (placing a link again and moving it are two writes): those are reported.
pub fn replayable(effect: &Effect) -> bool {
    let several_writes = matches!(
        effect,
        Effect::Issue(IssueFx::New(_) | IssueFx::Undo { .. })
    );
    (effect.writes() && !several_writes)
        || matches!(
            effect,
            Effect::Inbox(InboxFx::SetStates(..) | InboxFx::AddUrls(_))
                | Effect::Issue(IssueFx::Publish(_))
        )
}

/// The error is another process's write lock outlasting the busy timeout.
pub fn is_busy(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<StoreError>()
            .is_some_and(StoreError::is_busy)
    })
}

/// The status bar's words while writes wait.
pub const WAITING: &str = "waiting for the database (another roundup is writing)";

impl Runner {
    /// Runs a write now, or queues it when the database is busy (or writes are already
    /// queued: they land in order).
    pub(super) fn write(&mut self, effect: Effect) -> Vec<Msg> {
        if !self.queued.is_empty() {
            self.queued.push(Write::Fx(effect));
            return vec![Msg::Waiting(self.queued.len())];
        }
        match self.dispatch(effect.clone()) {
            Ok(mut msgs) => {
                self.overlay_pending(&mut msgs);
                msgs
            }
            Err(e) if is_busy(&e) => {
                log::info!("database busy; queued {effect:?}");
                self.queued.push(Write::Fx(effect));
                vec![Msg::Waiting(self.queued.len())]
            }
            Err(e) => super::error_msgs(&e),
        }
    }

    /// Writes a setting, or queues it while the database is busy.
    pub(in crate::tui) fn write_setting(&mut self, key: &'static str, value: String) -> Res {
        if self.queued.is_empty() {
            match self.store.set_setting(key, &value) {
                Err(e) if e.is_busy() => {}
                other => return Ok(other.map(|()| vec![])?),
            }
        }
        self.queued.push(Write::Setting { key, value });
        Ok(vec![Msg::Waiting(self.queued.len())])
    }

    /// Records a fetch's result, or queues it while the database is busy.
    pub(in crate::tui) fn record_fetch(
        &mut self,
        link_id: i64,
        result: Result<PageMeta, FetchFailure>,
    ) -> Vec<Msg> {
        if self.queued.is_empty() {
            match self.store.record_fetch(link_id, &result) {
                Err(e) if e.is_busy() => {}
                Err(e) => log::warn!("recording the fetch of link {link_id}: {e}"),
                Ok(()) => return vec![],
            }
        }
        self.queued.push(Write::Fetch { link_id, result });
        vec![Msg::Waiting(self.queued.len())]
    }

    /// Writes waiting for the database.
    pub fn unsaved(&self) -> usize {
        self.queued.len()
    }

    /// Tries the queued writes again, oldest first, until one finds the database still
    /// busy. `force`: now, whenever the last attempt was (quitting, a signal).
    pub fn retry_writes(&mut self, force: bool) -> Vec<Msg> {
        if self.queued.is_empty() || !(force || self.queued.due()) {
            return vec![];
        }
        self.queued.last_try = Some(Instant::now());
        let mut msgs = Vec::new();
        while let Some(write) = self.queued.queue.pop_front() {
            let result = match &write {
                Write::Fx(effect) => self.dispatch(effect.clone()),
                Write::Setting { key, value } => self
                    .store
                    .set_setting(key, value)
                    .map(|()| vec![])
                    .map_err(Into::into),
                Write::Fetch { link_id, result } => self
                    .store
                    .record_fetch(*link_id, result)
                    .map_err(Into::into)
                    .and_then(|()| {
                        Ok(vec![Msg::RowsUpdated(
                            self.store.inbox_rows_by_id(&[*link_id])?,
                        )])
                    }),
            };
            match result {
                Ok(m) => msgs.extend(m),
                Err(e) if is_busy(&e) => {
                    self.queued.queue.push_front(write);
                    break;
                }
                Err(e) => {
                    log::warn!("{write:?} failed: {e:#}");
                    msgs.extend(super::error_msgs(&e));
                }
            }
        }
        if self.queued.is_empty() {
            self.queued.last_try = None;
            log::info!("queued writes landed");
        }
        self.overlay_pending(&mut msgs);
        msgs.push(Msg::Waiting(self.queued.len()));
        msgs
    }

    /// An issue read while edits to it are still queued shows them, so the editor reopened
    /// on an entry starts from what was typed, not from the older row.
    pub(super) fn overlay_pending(&self, msgs: &mut [Msg]) {
        if self.queued.is_empty() {
            return;
        }
        for msg in msgs {
            let Msg::IssueLoaded {
                issue: Some(issue), ..
            } = msg
            else {
                continue;
            };
            for write in &self.queued.queue {
                apply(issue, write);
            }
        }
    }
}

fn apply(issue: &mut crate::model::Issue, write: &Write) {
    let Write::Fx(Effect::Editor(fx)) = write else {
        return;
    };
    match fx {
        EditorFx::SaveEntry { entry_id, edit } => {
            let entries = issue.sections.iter_mut().flat_map(|s| s.entries.iter_mut());
            for e in entries.filter(|e| e.id == *entry_id) {
                e.title.clone_from(&edit.title);
                e.body.clone_from(&edit.body);
                e.credit.clone_from(&edit.credit);
                e.disclosures.clone_from(&edit.disclosures);
            }
        }
        EditorFx::SaveSponsor { issue_id, sponsor } if *issue_id == issue.id => {
            issue.sponsor.clone_from(sponsor);
        }
        EditorFx::SaveIntro { issue_id, intro } if *issue_id == issue.id => {
            issue.intro.clone_from(intro);
        }
        _ => {}
    }
}
