pub mod keys;
mod push;
pub mod run;
pub mod state;
pub mod view;
