//! Small dialogs over any screen: a one-line prompt (adding URLs) and a yes/no confirmation
//! (publishing).
pub mod keys;
pub mod state;
pub mod view;
