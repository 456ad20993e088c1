//! The view pieces CareStep's apps share — the visitor's widget (`src/`), the set-up page
//! (`setup/`) and, later, the clinician page — one copy each, so no app writes its own
//! button, heading, error summary or file download.
//!
//! - [`parts`]: buttons, headings, paragraphs, lists and links;
//! - [`error_summary`]: the GOV.UK error summary that links to the fields it names;
//! - [`dom`]: the few things the apps ask of the browser (focus, a file download made in
//!   memory, the console), none of which sends or stores anything.
//!
//! Everything here is a plain function returning `Html`: a component type of its own costs
//! lifecycle and props-comparison code in every bundle that uses it.

pub mod dom;
pub mod error_summary;
pub mod parts;
