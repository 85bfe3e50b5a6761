//! The preview's state: the issue as the exporter renders it (re-rendered after every change)
//! and how far it is scrolled. Its keys are in `keys.rs`.

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PreviewState {
    pub text: String,
    /// Markdown view instead of plain text.
    pub markdown: bool,
    pub scroll: usize,
}
