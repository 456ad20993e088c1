//! The widget's screens and parts, one per file, and [`parts`], the small pieces (buttons,
//! headings, lists, links) that several screens share. Each renders part of
//! [`crate::state::State`] (or the configuration) and turns clicks into
//! [`crate::state::Action`]s; none of them makes a clinical decision.

pub mod app;
pub mod check;
pub mod config_error;
pub mod crisis;
pub mod error_summary;
pub mod out_of_scope;
pub mod parts;
pub mod question;
pub mod result;
pub mod standard_drink;
pub mod start;
pub mod top_bar;
