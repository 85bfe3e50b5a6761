//! The issue screen's undo: each structural change (remove, move, reorder, section edits)
//! pushes what takes it back. Entries are named by their link, not their row id: an entry
//! removed and placed again is a new row, and a later undo must still find it.

use crate::model::SectionStyle;

/// How many changes `u` can take back.
pub const DEPTH: usize = 100;

/// One change, as what undoes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// An entry was removed: its link goes back to `position` in `section_id` (its writing
    /// stayed with the link, so it comes back too).
    Removed {
        link_id: i64,
        section_id: i64,
        position: usize,
        title: String,
    },
    /// An entry moved by `delta` within its section.
    Moved {
        link_id: i64,
        delta: i64,
    },
    /// An entry moved to another section from `position` in `section_id`.
    MovedTo {
        link_id: i64,
        section_id: i64,
        position: usize,
    },
    SectionMoved {
        section_id: i64,
        delta: i64,
    },
    SectionAdded {
        section_id: i64,
    },
    SectionRenamed {
        section_id: i64,
        heading: String,
    },
    SectionDeleted {
        section_id: i64,
        issue_id: i64,
        heading: String,
        style: SectionStyle,
        shown: bool,
        position: usize,
    },
    HeadingShown {
        section_id: i64,
        shown: bool,
    },
}

impl Undo {
    /// What the status bar says once it is undone.
    pub fn done(&self) -> String {
        match self {
            Undo::Removed { title, .. } => format!("Undone: \"{title}\" is back"),
            Undo::Moved { .. } | Undo::MovedTo { .. } => "Undone: the entry is back".into(),
            Undo::SectionMoved { .. } => "Undone: the section is back in place".into(),
            Undo::SectionAdded { .. } => "Undone: the new section is gone".into(),
            Undo::SectionRenamed { heading, .. } => format!("Undone: the section is {heading}"),
            Undo::SectionDeleted { heading, .. } => format!("Undone: {heading} is back"),
            Undo::HeadingShown { .. } => "Undone: the heading is as it was".into(),
        }
    }

    /// A section deleted and restored has a new id: later changes name that one.
    pub fn renumber_section(&mut self, old: i64, new: i64) {
        let id = match self {
            Undo::Removed { section_id, .. }
            | Undo::MovedTo { section_id, .. }
            | Undo::SectionMoved { section_id, .. }
            | Undo::SectionAdded { section_id }
            | Undo::SectionRenamed { section_id, .. }
            | Undo::SectionDeleted { section_id, .. }
            | Undo::HeadingShown { section_id, .. } => section_id,
            Undo::Moved { .. } => return,
        };
        if *id == old {
            *id = new;
        }
    }
}
