//! Undoing one structural change of a draft: the inverse of what `edit.rs` did, through
//! `compose` like every other change. Entries are found by their link (a removed entry
//! placed again is a new row).

use super::undo::Undo;
use crate::compose;
use crate::model::Issue;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

fn entry_of_link(issue: &Issue, link_id: i64) -> anyhow::Result<i64> {
    issue
        .sections
        .iter()
        .flat_map(|s| &s.entries)
        .find(|e| e.link_id == link_id)
        .map(|e| e.id)
        .ok_or_else(|| anyhow::anyhow!("cannot undo: the entry is no longer in the issue"))
}

pub(super) fn undo(rt: &mut Runner, number: i64, op: Undo) -> Res {
    let s = &rt.store;
    let issue = s.issue(number)?;
    let done = Msg::Info(op.done());
    match op {
        Undo::Removed {
            link_id,
            section_id,
            position,
            ..
        } => {
            // Placing the link again brings back the writing it kept.
            let entry = compose::place_link(s, &rt.config, link_id, Some(section_id))?;
            compose::put_entry_at(s, entry.id, section_id, position)?;
            return Ok(vec![done, Msg::DataChanged]);
        }
        Undo::Moved { link_id, delta } => {
            compose::move_entry(s, entry_of_link(&issue, link_id)?, delta)?;
        }
        Undo::MovedTo {
            link_id,
            section_id,
            position,
        } => {
            compose::put_entry_at(s, entry_of_link(&issue, link_id)?, section_id, position)?;
        }
        Undo::SectionMoved { section_id, delta } => {
            compose::move_section(s, section_id, delta)?;
        }
        Undo::SectionAdded { section_id } => compose::delete_section(s, section_id)?,
        Undo::SectionRenamed {
            section_id,
            heading,
        } => compose::rename_section(s, section_id, &heading)?,
        Undo::SectionDeleted {
            section_id,
            issue_id,
            heading,
            style,
            shown,
            position,
        } => {
            let new = compose::restore_section(s, issue_id, &heading, style, shown, position)?;
            return Ok(vec![
                done,
                Msg::SectionRestored {
                    old: section_id,
                    new,
                },
            ]);
        }
        Undo::HeadingShown { section_id, shown } => {
            compose::set_heading_shown(s, section_id, shown)?
        }
    }
    Ok(vec![done])
}
