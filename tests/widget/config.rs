//! Configuration in the browser: the theme, the clinic's phone and crisis line, a broken
//! configuration (admin notice + visitor fallback, no questionnaire),
//! configuration text shown as text, and Quick exit.

use crate::support::{document, Widget};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

pub const CLINIC: &str = r##"{
  "clinic": {"name": "Riverbend Community Mental Health", "phone": "(555) 014-2000",
             "contact_url": "https://riverbend.example/contact"},
  "programs": [
    {"level": "iop", "name": "Evening IOP",
     "cta": {"label": "Request an IOP assessment", "url": "https://riverbend.example/iop"},
     "schedule": "Mon, Tue, Thu 5:30-8:30 pm", "therapies": ["CBT", "DBT"],
     "outcomes": "8 in 10 finish the program"}
  ],
  "crisis": {"country": "US", "lines": [{"label": "Riverbend crisis line", "phone": "(555) 014-2999"}]},
  "quick_exit_url": "https://weather.example/",
  "theme": {"primary": "#1f5e59"}
}"##;

#[wasm_bindgen_test]
async fn the_theme_is_set_as_custom_properties_and_no_style_attribute_is_rendered() {
    let w = Widget::mount(Some(CLINIC)).await;
    let host: web_sys::HtmlElement = w.root.clone().dyn_into().unwrap();
    assert_eq!(
        host.style().get_property_value("--cs-primary").unwrap(),
        "#1f5e59"
    );
    // The only style the widget sets is on the host, through CSSOM.
    assert!(
        w.all("[style]").is_empty(),
        "a descendant has a style attribute"
    );
    assert_eq!(w.root.get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn the_clinic_phone_and_crisis_line_are_shown() {
    let w = Widget::mount(Some(CLINIC)).await;
    let hrefs: Vec<String> = w
        .all("a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(hrefs.iter().any(|h| h == "tel:5550142000"), "{hrefs:?}");
    assert!(hrefs.iter().any(|h| h == "tel:5550142999"), "{hrefs:?}");
    assert!(w.text().contains("Riverbend crisis line"));
    // The contact page, where a visitor looks for other ways to reach the clinic.
    let contact = w
        .all("a")
        .into_iter()
        .find(|a| a.get_attribute("href").as_deref() == Some("https://riverbend.example/contact"))
        .expect("a link to the contact page on the start screen");
    assert_eq!(contact.text_content().unwrap(), "the contact page");
    assert!(w
        .text()
        .contains("Other ways to reach Riverbend Community Mental Health: the contact page."));
    // The version, in the start screen's small print.
    let small = w.one(".cs-start .cs-small").expect("the small print");
    assert_eq!(
        small.text_content().unwrap(),
        concat!("CareStep ", env!("CARGO_PKG_VERSION"))
    );
}

#[wasm_bindgen_test]
async fn a_broken_configuration_shows_the_admin_notice_and_the_visitor_fallback() {
    let broken = r#"{"clinic": {"name": "Riverbend", "phone": "(555) 014-2000"},
                     "quick_exit_url": "javascript:alert(1)", "theme": {"primary": "red"}}"#;
    let w = Widget::mount(Some(broken)).await;
    let notice = w
        .one("[data-testid=config-error]")
        .expect("the admin notice");
    let notice = notice.text_content().unwrap();
    assert!(notice.contains("quick_exit_url"), "{notice}");
    assert!(notice.contains("theme.primary"), "{notice}");
    assert!(notice.contains("allowed"), "{notice}");
    // Visitors still get crisis help and the clinic's phone, and no questionnaire.
    let hrefs: Vec<String> = w
        .all("a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    for href in ["tel:988", "tel:911", "tel:5550142000"] {
        assert!(hrefs.iter().any(|h| h == href), "no {href} in {hrefs:?}");
    }
    assert!(!w.has_button("Start"));
    assert!(w.has_button("Quick exit"));
    assert_eq!(w.root.get_attribute("data-ready").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn text_that_is_not_json_is_a_configuration_error_too() {
    let w = Widget::mount(Some("{clinic: 'x'}")).await;
    assert!(w.one("[data-testid=config-error]").is_some());
    assert!(!w.has_button("Start"));
}

#[wasm_bindgen_test]
async fn no_configuration_means_the_defaults() {
    for config in [None, Some(""), Some("  \n ")] {
        let w = Widget::mount(config).await;
        assert!(w.one("[data-testid=config-error]").is_none());
        assert!(w.has_button("Start"));
    }
}

#[wasm_bindgen_test]
async fn html_in_configuration_text_is_shown_as_text() {
    let config =
        r#"{"clinic": {"name": "<img src=x onerror=alert(1)>", "phone": "(555) 014-2000"}}"#;
    let w = Widget::mount(Some(config)).await;
    assert!(
        w.text().contains("<img src=x onerror=alert(1)>"),
        "{}",
        w.text()
    );
    assert!(w.all("img").is_empty());
}

#[wasm_bindgen_test]
async fn quick_exit_drops_the_answers_then_leaves_for_the_configured_site() {
    let w = Widget::mount(Some(CLINIC)).await;
    w.click("Start").await;
    w.answer("Yes").await;
    w.click("Quick exit").await;
    assert_eq!(w.exits.borrow().as_slice(), ["https://weather.example/"]);
    // The answers are gone: the app is back at the start.
    assert!(w.has_button("Start"));
}

fn key(name: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(name);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn pressing_shift_three_times_is_quick_exit() {
    let w = Widget::mount(Some(CLINIC)).await;
    key("Shift");
    key("Shift");
    key("a"); // another key in between starts the count again
    key("Shift");
    key("Shift");
    assert!(w.exits.borrow().is_empty());
    key("Shift");
    yew::scheduler::flush().await;
    assert_eq!(w.exits.borrow().as_slice(), ["https://weather.example/"]);
}
