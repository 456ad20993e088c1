//! What the apps ask of the browser, each behind one small function. None of them makes a
//! network request or writes to any storage: a saved file is a Blob turned into an object
//! URL, clicked through a temporary `<a download>`, then revoked.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Moves keyboard focus to the first element under `host` that matches `selector`.
/// Returns whether something was focused (tests use it; callers may ignore it).
pub fn focus_first(host: &Element, selector: &str) -> bool {
    let Ok(Some(element)) = host.query_selector(selector) else {
        return false;
    };
    match element.dyn_into::<HtmlElement>() {
        Ok(element) => element.focus().is_ok(),
        Err(_) => false,
    }
}

/// Moves focus to the element with this id under `host` (a Shadow DOM mount finds its own).
pub fn focus_id(host: &Element, id: &str) -> bool {
    focus_first(host, &["[id=\"", id, "\"]"].concat())
}

/// Offers `text` as a file download named `file_name` of type `mime`, made entirely in the
/// browser.
pub fn save_text_file(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "could not make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "no object URL")?;
    let anchor = document
        .create_element("a")
        .map_err(|_| "no anchor")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor")?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or("no body")?;
    let _ = body.append_child(&anchor);
    anchor.click();
    let _ = body.remove_child(&anchor);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}
