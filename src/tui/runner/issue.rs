//! The runner's issue side: the default section for a placement, entry writes that touch
//! only the changed fields, and reloading the issue being edited.

use super::{Res, Runner};
use crate::model::{Issue, IssueStatus, SectionStyle};
use crate::store::EntryField;
use crate::tui::effects::EntryEdit;
use crate::tui::state::{IssueRef, Msg};

impl Runner {
    /// The first articles section of the current draft, creating the draft if needed.
    pub(super) fn default_section(&self) -> anyhow::Result<i64> {
        let issue = match self.store.current_draft()? {
            Some(i) => i,
            None => self.store.new_issue(&self.config)?,
        };
        issue
            .sections
            .iter()
            .find(|s| s.style == SectionStyle::Articles)
            .or(issue.sections.first())
            .map(|s| s.id)
            .map_or_else(
                || {
                    Ok(self
                        .store
                        .add_section(issue.id, "Articles", SectionStyle::Articles)?)
                },
                Ok,
            )
    }

    pub(super) fn save_entry(&mut self, id: i64, edit: EntryEdit) -> anyhow::Result<()> {
        let before = match self.saved.get(&id) {
            Some(b) => b.clone(),
            None => {
                let e = self.store.entry(id)?;
                EntryEdit {
                    title: e.title,
                    blurb: e.blurb,
                    quotes: e.quotes,
                    credit: e.credit,
                    disclosures: e.disclosures,
                }
            }
        };
        let s = &self.store;
        if edit.title != before.title {
            s.update_entry_field(id, EntryField::Title(edit.title.clone()))?;
        }
        if edit.blurb != before.blurb {
            s.update_entry_field(id, EntryField::Blurb(edit.blurb.clone()))?;
        }
        if edit.quotes != before.quotes {
            s.update_entry_field(id, EntryField::Quotes(edit.quotes.clone()))?;
        }
        if edit.credit.authors != before.credit.authors {
            s.update_entry_field(id, EntryField::Authors(edit.credit.authors.clone()))?;
        }
        if edit.credit.publication != before.credit.publication {
            s.update_entry_field(id, EntryField::Publication(edit.credit.publication.clone()))?;
        }
        if edit.credit.via != before.credit.via {
            s.update_entry_field(id, EntryField::Via(edit.credit.via.clone()))?;
        }
        if edit.disclosures != before.disclosures {
            s.update_entry_field(id, EntryField::Disclosures(edit.disclosures.clone()))?;
        }
        self.saved.insert(id, edit);
        Ok(())
    }

    pub(super) fn saved_and_reload(&mut self) -> Res {
        let mut msgs = vec![Msg::Saved];
        msgs.extend(self.load_issue(None)?);
        Ok(msgs)
    }

    /// `None`: the draft being edited, else the newest issue. Drafts opened become current.
    pub(super) fn load_issue(&mut self, number: Option<i64>) -> Res {
        self.draft = None;
        let s = &self.store;
        let issue: Option<Issue> = match number {
            Some(n) => Some(s.issue(n)?),
            None => match s.current_draft()? {
                Some(i) => Some(i),
                None => match s.last_issue_number()? {
                    Some(n) => Some(s.issue(n)?),
                    None => None,
                },
            },
        };
        if let Some(i) = issue.as_ref().filter(|i| i.status == IssueStatus::Draft) {
            let number = i.number.to_string();
            // Reloads follow every keystroke in the editor: write the setting only on change.
            if s.setting("current_issue")?.as_deref() != Some(number.as_str()) {
                s.set_setting("current_issue", &number)?;
            }
        }
        // Numbers only (for [ and ]): one small query, not per-issue counts.
        let issues = s
            .issue_numbers()?
            .into_iter()
            .map(|(id, number, published)| IssueRef {
                id,
                number,
                published,
            })
            .collect();
        Ok(vec![Msg::IssueLoaded {
            issue: issue.map(Box::new),
            issues,
        }])
    }
}
