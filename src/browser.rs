//! The few things the widget asks of the browser, each behind one small function:
//! moving focus, leaving the page, printing, saving a file made in memory, setting the
//! theme's CSS custom properties and logging to the console.
//!
//! None of them makes a network request or writes to any storage: the saved file is a
//! Blob turned into an object URL, clicked through a temporary `<a download>`, then revoked.

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

/// Moves focus to the element with this id, if it exists anywhere in the document.
pub fn focus_id(host: &Element, id: &str) -> bool {
    // Look under the host first so a Shadow DOM mount finds its own elements.
    focus_first(host, &format!("[id=\"{id}\"]"))
}

/// Replaces the current page with `url` (no new history entry, so Back does not return).
pub fn leave_page(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(url);
    }
}

/// Opens the browser's print dialog; the print stylesheet shows only the summary.
pub fn print_page() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// Offers `text` as a file download named `file_name`, made entirely in the browser.
pub fn save_text_file(file_name: &str, text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
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

/// Sets CSS custom properties on the mount element. CSSOM `setProperty` is allowed under
/// `style-src 'self'`, unlike a `style="…"` attribute or an inline `<style>`.
pub fn set_custom_properties<'a>(
    host: &Element,
    properties: impl IntoIterator<Item = (&'a str, &'a str)>,
) {
    if let Some(host) = host.dyn_ref::<HtmlElement>() {
        let style = host.style();
        for (name, value) in properties {
            let _ = style.set_property(name, value);
        }
    }
}

/// Logs each line with `console.error` (the admin reads configuration problems there).
pub fn console_error_lines(lines: &[String]) {
    for line in lines {
        web_sys::console::error_1(&line.as_str().into());
    }
}

/// Today's date in words, e.g. "27 November 2025", for the summary.
pub fn today() -> String {
    let date = js_sys::Date::new_0();
    let month = crate::messages::MONTHS
        .get(date.get_month() as usize)
        .copied()
        .unwrap_or("");
    format!("{} {} {}", date.get_date(), month, date.get_full_year())
}
