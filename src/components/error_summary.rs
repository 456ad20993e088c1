//! The GOV.UK error summary: shown at the top when Continue is pressed without a valid
//! answer; it takes focus (the app moves focus to `#cs-error-summary`) and links to the
//! first input. The link moves focus itself instead of following `#id`, so the question
//! never ends up in the URL's hash or the history.

use crate::messages as m;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The summary for `message`, linking to the input whose DOM id is `target`. A plain
/// function rather than a component: it has no state of its own.
pub fn error_summary(message: &'static str, target: String) -> Html {
    let href = ["#", &target].concat();
    let onclick = Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        // Find the input next to the summary (works inside a Shadow DOM root too).
        let input = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|link| link.closest(".cs-screen").ok().flatten())
            .and_then(|screen| {
                screen
                    .query_selector(&["[id=\"", &target, "\"]"].concat())
                    .ok()
                    .flatten()
            })
            .and_then(|input| input.dyn_into::<HtmlElement>().ok());
        if let Some(input) = input {
            let _ = input.focus();
        }
    });
    html! {
        <div class="cs-error-summary" id="cs-error-summary" role="alert" tabindex="-1"
            aria-labelledby="cs-error-summary-title">
            <h2 id="cs-error-summary-title">{ m::ERROR_SUMMARY_TITLE }</h2>
            <ul class="cs-list">
                <li><a {href} {onclick}>{ message }</a></li>
            </ul>
        </div>
    }
}
