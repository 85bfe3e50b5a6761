pub mod keys;
pub mod run;
pub mod state;
pub mod view;
