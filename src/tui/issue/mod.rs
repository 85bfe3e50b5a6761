pub mod edit;
pub mod keys;
pub mod run;
mod run_undo;
pub mod state;
pub mod undo;
pub mod view;
