pub mod filter;
pub mod keys;
pub mod run;
pub mod state;
pub mod tags;
pub mod view;
