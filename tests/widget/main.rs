//! The widget's browser tests: the real app rendered into a fresh element in headless
//! Chromium or Firefox, driven by clicking, asserted through the DOM.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p carestep-widget --target wasm32-unknown-unknown`

mod config;
mod flow;
mod method;
mod support;
mod vignettes;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
