pub mod filter;
pub mod state;
pub mod view;
