//! The few things the widget asks of the browser, each behind one small function:
//! moving focus, leaving the page, printing, saving a file made in memory, setting the
//! theme's CSS custom properties and logging to the console.
//!
//! None of them makes a network request or writes to any storage: the saved file is a
//! Blob turned into an object URL, clicked through a temporary `<a download>`, then revoked.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

pub use carestep_ui::dom::{focus_first, focus_id};

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

/// Offers `text` as a plain-text file download named `file_name`, made entirely in the browser.
pub fn save_text_file(file_name: &str, text: &str) -> Result<(), String> {
    carestep_ui::dom::save_text_file(file_name, "text/plain;charset=utf-8", text)
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

/// Today's date in the visitor's time zone: (year, month 1–12, day). Read once per screen,
/// so the summary's date (`messages::date_in_words`) and the handoff code's agree.
pub fn today() -> (u32, u32, u32) {
    let date = js_sys::Date::new_0();
    (date.get_full_year(), date.get_month() + 1, date.get_date())
}
