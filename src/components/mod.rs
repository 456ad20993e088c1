//! The widget's screens and parts, one per file, and [`parts`], the small pieces (buttons,
//! headings, lists, links) that several screens share. Each renders part of
//! [`crate::state::State`] (or the configuration) and turns clicks into
//! [`crate::state::Action`]s; none of them makes a clinical decision. Only [`app::App`] is
//! a Yew component (it owns the hooks: the reducer, the Save note, the effects); the screens
//! are plain functions returning `Html` that it calls, as a component type of its own
//! costs lifecycle and props-comparison code in the bundle.

pub mod app;
pub mod check;
pub mod config_error;
pub mod crisis;
pub mod handoff;
pub mod method;
pub mod out_of_scope;
pub mod parts;
pub mod question;
pub mod report;
pub mod result;
pub mod standard_drink;
pub mod start;
pub mod top_bar;
