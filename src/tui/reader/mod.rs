//! The reader: a link's article text to read, search and quote from (issue 13), opened from
//! the inbox, the issue or the entry editor. `doc.rs` turns the Markdown into text with its
//! layout and selection boundaries; `picker.rs` is the editor's imported-highlight picker.

pub mod doc;
pub mod keys;
pub mod layout;
pub mod picker;
pub mod run;
pub mod state;
pub mod view;

#[cfg(test)]
mod tests;
