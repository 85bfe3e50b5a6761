pub mod field;
pub mod state;
pub mod view;
