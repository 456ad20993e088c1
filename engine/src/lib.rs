//! CareStep engine.
pub mod config;
