//! CareStep's set-up page (`setup.html`): a clinic's web admin fills in a form, sees the
//! real widget change in a preview as they type, and copies the configuration, the snippet
//! and the Content-Security-Policy lines their site needs. No Rust, no command line.
//!
//! - [`model`]: the form as text fields, the configuration JSON written from it, and where
//!   each validator error belongs;
//! - [`form`]: the form's sections and fields;
//! - [`preview`]: the sandboxed iframe with the real widget (this same WebAssembly, in
//!   preview mode, mounting `carestep_widget`'s `App`), and the scenes it can show;
//! - [`output`]: the configuration, the two snippets and the CSP lines, each with Copy;
//! - [`hosting`]: "Check my hosting", which fetches the bundle's own files and reads their
//!   headers;
//! - [`app`]: the page's one component, which owns the state.
//!
//! Every check of a value is the validator's ([`carestep_config::ClinicConfig::from_json`],
//! the same code as the widget and `carestep check-config`); nothing here re-implements one.
//! The page sends nothing anywhere and stores nothing: the only requests after it has
//! loaded are the hosting check's, for the bundle's own files.

mod app;
mod form;
mod hosting;
mod model;
mod output;
mod preview;

/// `setup.html` has `#setup`: the form. `preview.html`, the page inside the preview's
/// sandboxed iframe, has `#carestep-preview`: the same WebAssembly then shows the widget.
fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.get_element_by_id("carestep-preview") {
        preview::run_in_frame(root);
    } else if let Some(root) = document.get_element_by_id("setup") {
        root.set_text_content(None);
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
