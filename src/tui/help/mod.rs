pub mod keys;
pub mod state;
pub mod view;
