//! CareStep's clinician page (`clinician.html`): an intake coordinator reads the handoff code
//! a visitor shows them — typed, from a photo or screenshot of its QR code, or from the
//! device's camera — and sees the full report the visitor's answers give, and can download
//! it for the record as FHIR R4.
//!
//! - [`scan`]: QR codes read in Rust (`rqrr`) from canvas pixels: an image file or camera
//!   frames;
//! - [`app`]: the page's one component.
//!
//! Every decision is the engine's: `carestep_engine::handoff::decode` reads the code (and
//! forgives case, spaces, dashes, O/0 and I/1), `assess` scores it, and the report is the
//! widget's own (`carestep_widget::components::report`, from the same `Summary` as the
//! visitor's result). The page makes no request after it has loaded and stores nothing:
//! an image is read from the file the user picks, camera frames stay in a canvas, and the
//! FHIR file is made in memory.

mod app;
mod scan;

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.get_element_by_id("clinician") {
        root.set_text_content(None);
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
