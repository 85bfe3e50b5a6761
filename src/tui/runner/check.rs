//! The runner's check side: the context is read here (it needs the store), the network part
//! of `check_issue` runs on a thread and answers through `pending` like the inbox reader.

use super::{Res, Runner};
use crate::check::{CheckOptions, check_issue, context_for};
use crate::tui::state::Msg;

impl Runner {
    pub(super) fn run_check(&mut self, issue_id: i64) -> Res {
        let issue = self.store.issue_by_id(issue_id)?;
        let ctx = context_for(&self.store, &self.config, self.exporter.as_ref(), &issue)?;
        let opts = CheckOptions {
            network: self.check_network,
            ..CheckOptions::for_store(&self.store)?
        };
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let problems = check_issue(&issue, &ctx, &opts);
            let _ = tx.send(Msg::Checked { issue_id, problems });
        });
        self.pending.push((rx, self.touched.len()));
        Ok(vec![])
    }

    /// The entry's link takes `url` (refused when another link already has it).
    pub(super) fn replace_url(&mut self, entry_id: i64, url: &str) -> Res {
        let entry = self.store.entry(entry_id)?;
        self.store.replace_link_url(entry.link_id, url)?;
        let mut msgs = vec![Msg::Saved, Msg::UrlReplaced { entry_id }];
        msgs.push(Msg::RowsUpdated(
            self.store.inbox_rows_by_id(&[entry.link_id])?,
        ));
        msgs.extend(self.load_issue(None)?);
        Ok(msgs)
    }
}
