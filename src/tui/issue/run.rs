//! What the issue screen's effects do: load the issue shown, move and remove entries,
//! reorder sections, start and publish issues — each through `compose`, the one home of
//! issue logic the CLI uses too.

use super::state::Follow;
use super::undo::Undo;
use crate::compose;
use crate::model::{Issue, IssueStatus};
use crate::tui::effects::IssueFx;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::{IssueRef, Msg};

pub(crate) fn run(rt: &mut Runner, fx: IssueFx) -> Res {
    let s = &rt.store;
    match fx {
        IssueFx::Load(number) => load(rt, number),
        IssueFx::MoveEntry { entry_id, delta } => {
            compose::move_entry(s, entry_id, delta)?;
            saved_and_reload(rt)
        }
        IssueFx::MoveEntryTo {
            entry_id,
            section_id,
        } => {
            compose::move_entry_to_section(s, entry_id, section_id)?;
            saved_and_reload(rt)
        }
        IssueFx::MoveSection { section_id, delta } => {
            compose::move_section(s, section_id, delta)?;
            saved_and_reload(rt)
        }
        IssueFx::RemoveEntry(id) => {
            compose::remove_entry(s, id)?;
            saved_and_reload(rt)
        }
        IssueFx::ProposeNumber => Ok(vec![Msg::AskNewNumber(compose::next_number(
            s, &rt.config,
        )?)]),
        IssueFx::New(number) => {
            let issue = compose::new_issue(s, &rt.config, number)?;
            let mut msgs = vec![
                Msg::Saved,
                Msg::Info(format!("Created issue #{}: {}", issue.number, issue.title)),
            ];
            msgs.extend(load(rt, Some(issue.number))?);
            Ok(msgs)
        }
        IssueFx::Renumber { from, to } => {
            let issue = compose::renumber(s, &rt.config, from, to)?;
            let mut msgs = vec![
                Msg::Saved,
                Msg::Info(format!("Draft #{from} is now #{}", issue.number)),
            ];
            msgs.extend(load(rt, Some(issue.number))?);
            Ok(msgs)
        }
        IssueFx::Delete(number) => {
            let back = compose::delete_draft(s, number)?;
            // The links are back in the inbox: every screen reads again.
            Ok(vec![
                Msg::Saved,
                Msg::Info(format!(
                    "Deleted draft #{number}: {back} link(s) back in the inbox, with their writing"
                )),
                Msg::DataChanged,
            ])
        }
        IssueFx::AddSection { issue_id, heading } => {
            let id =
                compose::add_section(s, issue_id, &heading, crate::model::SectionStyle::Articles)?;
            let mut msgs = vec![
                Msg::UndoPush(Undo::SectionAdded { section_id: id }),
                Msg::Follow(Follow::Section(id)),
                Msg::Info(format!("Added the section {} (u undoes)", heading.trim())),
            ];
            msgs.extend(saved_and_reload(rt)?);
            Ok(msgs)
        }
        IssueFx::RenameSection {
            section_id,
            heading,
        } => {
            let old = s
                .issue_of_section(section_id)?
                .sections
                .into_iter()
                .find(|x| x.id == section_id)
                .map(|x| x.heading)
                .unwrap_or_default();
            compose::rename_section(s, section_id, &heading)?;
            let mut msgs = vec![Msg::UndoPush(Undo::SectionRenamed {
                section_id,
                heading: old,
            })];
            msgs.extend(saved_and_reload(rt)?);
            Ok(msgs)
        }
        IssueFx::DeleteSection(id) => {
            compose::delete_section(s, id)?;
            saved_and_reload(rt)
        }
        IssueFx::ShowHeading { section_id, shown } => {
            compose::set_heading_shown(s, section_id, shown)?;
            saved_and_reload(rt)
        }
        IssueFx::Undo { number, op } => {
            let mut msgs = super::run_undo::undo(rt, number, op)?;
            msgs.extend(saved_and_reload(rt)?);
            Ok(msgs)
        }
        IssueFx::Publish(issue_id) => {
            let number = s.issue_by_id(issue_id)?.number;
            compose::publish(s, number)?;
            let mut msgs = vec![
                Msg::Saved,
                Msg::Info(format!("Published issue #{number}: it is in the archive")),
            ];
            // Held links came back to the inbox: every screen reads again.
            msgs.push(Msg::DataChanged);
            msgs.extend(load(rt, Some(number))?);
            Ok(msgs)
        }
    }
}

/// A write landed: say so and show the issue as the database now holds it.
pub(crate) fn saved_and_reload(rt: &mut Runner) -> Res {
    let mut msgs = vec![Msg::Saved];
    msgs.extend(load(rt, None)?);
    Ok(msgs)
}

/// `None`: the draft being edited, else the newest issue. Drafts opened become current.
pub(crate) fn load(rt: &mut Runner, number: Option<i64>) -> Res {
    rt.draft = None;
    let s = &rt.store;
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
    let mut msgs = Vec::new();
    if let Some(i) = issue.as_ref().filter(|i| i.status == IssueStatus::Draft) {
        let number = i.number.to_string();
        // Reloads follow every keystroke in the editor: write the setting only on change.
        if s.setting("current_issue")?.as_deref() != Some(number.as_str()) {
            // Queued while another process writes: a read must not fail on a busy database.
            msgs = rt.write_setting("current_issue", number)?;
        }
    }
    let s = &rt.store;
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
    msgs.push(Msg::IssueLoaded {
        issue: issue.map(Box::new),
        issues,
    });
    Ok(msgs)
}
