//! Noticing other processes' writes (`PRAGMA data_version`), and which links this
//! connection wrote while a background inbox read ran (its rows for them are stale).

use super::{Res, Runner};
use crate::tui::effects::{Effect, InboxFx, IssueFx};
use crate::tui::state::Msg;

impl Runner {
    /// `Msg::DataChanged` when another connection committed since the last call (the first
    /// call only takes the baseline).
    pub(super) fn check_data_version(&mut self) -> Res {
        let now = self.store.data_version()?;
        let before = self.data_version.replace(now);
        Ok(match before {
            Some(v) if v != now => vec![Msg::DataChanged],
            _ => vec![],
        })
    }

    /// Remembers the links an effect writes, while a background read could return them stale.
    pub(super) fn note_touched(&mut self, effect: &Effect) {
        if self.pending.is_empty() {
            return;
        }
        match effect {
            Effect::Inbox(InboxFx::SetState(id, _) | InboxFx::Place { link_id: id, .. }) => {
                self.touched.push(*id)
            }
            Effect::Inbox(InboxFx::SetStates(ids, _)) => self.touched.extend(ids),
            Effect::Issue(IssueFx::RemoveEntry(id)) => {
                if let Ok(e) = self.store.entry(*id) {
                    self.touched.push(e.link_id);
                }
            }
            _ => {}
        }
    }
}
