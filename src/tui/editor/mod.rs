pub mod field;
pub mod keys;
mod quote;
pub mod run;
pub mod state;
pub mod view;
