//! What the editor's effects do: write what the editor typed (only the fields that changed
//! since the last write), and look up credit and disclosure suggestions.

use crate::store::EntryField;
use crate::tui::effects::{EditorFx, EntryEdit};
use crate::tui::issue::run::saved_and_reload;
use crate::tui::runner::{Res, Runner};
use crate::tui::state::Msg;

pub(crate) fn run(rt: &mut Runner, fx: EditorFx) -> Res {
    match fx {
        EditorFx::SaveEntry { entry_id, edit } => {
            if save_entry(rt, entry_id, edit)? {
                rt.unlearned.insert(entry_id);
            }
            // Kept until learned: a busy database makes this save run again, when the
            // credit no longer differs from what was written.
            if rt.unlearned.contains(&entry_id) {
                crate::compose::learn_credit(&rt.store, entry_id)?;
                rt.unlearned.remove(&entry_id);
            }
            saved_and_reload(rt)
        }
        EditorFx::SaveSponsor { issue_id, sponsor } => {
            rt.store.set_sponsor(issue_id, sponsor.as_ref())?;
            saved_and_reload(rt)
        }
        EditorFx::SaveIntro { issue_id, intro } => {
            rt.store.set_intro(issue_id, intro.as_deref())?;
            saved_and_reload(rt)
        }
        EditorFx::Suggest { kind, prefix } => Ok(vec![Msg::Suggestions(
            rt.store.past_credits(kind, &prefix, 8)?,
        )]),
        EditorFx::SuggestDisclosures { entry_id } => {
            rt.reload_config_if_changed();
            let entry = rt.store.entry(entry_id)?;
            let issue = rt.store.issue_of_section(entry.section_id)?;
            Ok(vec![Msg::Disclosures(crate::compose::suggested_for_entry(
                &entry, &issue, &rt.config,
            ))])
        }
    }
}

/// Writes the fields of `edit` that differ from what was last written for this entry;
/// whether the authors or the publication changed.
fn save_entry(rt: &mut Runner, id: i64, edit: EntryEdit) -> anyhow::Result<bool> {
    let before = match rt.saved.get(&id) {
        Some(b) => b.clone(),
        None => {
            let e = rt.store.entry(id)?;
            EntryEdit {
                title: e.title,
                body: e.body,
                credit: e.credit,
                disclosures: e.disclosures,
            }
        }
    };
    let s = &rt.store;
    if edit.title != before.title {
        s.update_entry_field(id, EntryField::Title(edit.title.clone()))?;
    }
    if edit.body != before.body {
        s.update_entry_field(id, EntryField::Body(edit.body.clone()))?;
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
    let credit_changed = edit.credit.authors != before.credit.authors
        || edit.credit.publication != before.credit.publication;
    rt.saved.insert(id, edit);
    Ok(credit_changed)
}
