//! Entry point of the WebAssembly binary that Trunk builds: when the module is initialised
//! (by `static/boot.js`), mount the widget into `#carestep` with the page's inline
//! configuration. Everything else lives in the library (`src/lib.rs`).

fn main() {
    carestep_widget::mount_in_document();
}
