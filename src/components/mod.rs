//! The widget's components, one per file. Each renders part of [`crate::state::State`]
//! and turns clicks into [`crate::state::Action`]s; none of them makes a clinical decision.

pub mod app;
pub mod start;
pub mod top_bar;
