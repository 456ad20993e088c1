//! CareStep widget: the self-check as a Yew app, compiled to WebAssembly.
//!
//! The widget only renders state and dispatches actions. Every clinical decision — which
//! question comes next (skip logic), when the crisis screen interrupts, the scores, bands,
//! the suggested level and the reasons — comes from `carestep_engine`; nothing here compares
//! a score to a number. Answers live in memory only: no code path sends, stores or puts an
//! answer in the URL.
//!
//! Two ways in:
//! - the demo page (and any page that follows the same snippet): `src/main.rs` runs when the
//!   WebAssembly is initialised and mounts into `<div id="carestep">`, reading the clinic's
//!   configuration from `<script type="application/json" id="carestep-config">`;
//! - an embedder that wants another mount point (for example a Shadow DOM root) calls the
//!   exported `mount` with the element and the configuration text (feature `mount`, on by
//!   default; the clinician page, which only reuses views, turns it off).
//!
//! Code map: [`state`] (the reducer that drives the flow through the engine),
//! [`components`] (one screen per file; only `App` is a Yew component), [`messages`] (every visible English string),
//! [`summary`] (what Print and Save contain), [`browser`] (focus, print, save, quick exit).

pub mod browser;
pub mod components;
pub mod messages;
pub mod preview;
pub mod state;
pub mod summary;

use std::rc::Rc;
#[cfg(feature = "mount")]
use wasm_bindgen::prelude::*;
use web_sys::Element;

pub use components::app::{App, AppProps, ConfigState};

/// The allocator: Talc's single-threaded WebAssembly allocator, which grows the linear memory
/// as needed — smaller and faster than the standard library's default (dlmalloc). The widget
/// never uses threads (no `atomics` target feature), which is what makes the unsynchronised
/// allocator sound.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The id of the element the demo page mounts into.
pub const HOST_ID: &str = "carestep";
/// The id of the inline JSON configuration block.
pub const CONFIG_ID: &str = "carestep-config";

/// Mounts the widget into `root` with the clinic configuration `config_json`.
///
/// `config_json` is the JSON text of the configuration; an empty (or all-whitespace)
/// string means "no configuration" and uses the defaults. A configuration with problems
/// is not fatal: the widget shows the admin notice and the visitor fallback instead of the
/// questionnaire (and logs each problem with `console.error`).
///
/// Whatever `root` contains (for example the static start screen) is replaced. When the
/// app is interactive it sets `data-ready="true"` on `root`.
///
/// Returns whether the configuration was valid: `false` means the broken-configuration
/// screen is showing, so an embedder keeps its own placeholder (with the clinic's phone).
#[cfg(feature = "mount")]
#[wasm_bindgen]
pub fn mount(root: Element, config_json: &str) -> bool {
    let config = Rc::new(ConfigState::from_text(Some(config_json)));
    let valid = matches!(*config, ConfigState::Ready(_));
    start(root, config);
    valid
}

/// Mounts into `#carestep` with the configuration from `#carestep-config` (if present).
/// Does nothing when the page has no `#carestep`, so a page that calls `mount` itself
/// with another element is not mounted twice.
pub fn mount_in_document() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id(HOST_ID) else {
        return;
    };
    if root.get_attribute("data-ready").is_some() {
        return;
    }
    let text = document
        .get_element_by_id(CONFIG_ID)
        .and_then(|script| script.text_content());
    let config = Rc::new(ConfigState::from_text(text.as_deref()));
    start(root, config);
}

fn start(root: Element, config: Rc<ConfigState>) {
    // The static start screen is there so the page is never blank before the WebAssembly
    // arrives; the app draws its own start screen, so the static one goes.
    root.set_text_content(None);
    let _ = root.remove_attribute("data-load-failed");
    let props = AppProps {
        config,
        host: root.clone(),
        on_quick_exit: None,
        initial: None,
    };
    yew::Renderer::<App>::with_root_and_props(root, props).render();
}
