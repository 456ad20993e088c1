//! The GOV.UK error summary: a box at the top that takes focus (the app moves focus to
//! `#cs-error-summary`) and links each problem to its field. A link moves focus itself
//! instead of following `#id`, so the field never ends up in the URL's hash or the history.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

/// The summary titled `title`, one link per `(message, DOM id of the field)`, announced
/// at once (`role="alert"`): for a summary that appears after an action (Continue). The
/// fields are looked up inside the nearest `.cs-screen` around the summary, so the links
/// work inside a Shadow DOM root too.
pub fn error_summary(title: &'static str, entries: Vec<(AttrValue, String)>) -> Html {
    summary(title, entries, Some("alert"))
}

/// The same summary without the announcement: for one that follows a form as it is typed
/// in (announcing every keystroke's change would drown a screen reader). The page moves
/// focus to it when the admin asks for it (opening a file), and it is read then.
pub fn error_summary_quiet(title: &'static str, entries: Vec<(AttrValue, String)>) -> Html {
    summary(title, entries, None)
}

fn summary(
    title: &'static str,
    entries: Vec<(AttrValue, String)>,
    role: Option<&'static str>,
) -> Html {
    html! {
        <div class="cs-error-summary" id="cs-error-summary" {role} tabindex="-1"
            aria-labelledby="cs-error-summary-title">
            <h2 id="cs-error-summary-title">{ title }</h2>
            <ul class="cs-list">
                { for entries.into_iter().map(|(message, target)| entry(message, target)) }
            </ul>
        </div>
    }
}

fn entry(message: AttrValue, target: String) -> Html {
    let href = ["#", &target].concat();
    let onclick = Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        let field = event
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|link| link.closest(".cs-screen").ok().flatten())
            .and_then(|screen| {
                screen
                    .query_selector(&["[id=\"", &target, "\"]"].concat())
                    .ok()
                    .flatten()
            })
            .and_then(|field| field.dyn_into::<HtmlElement>().ok());
        if let Some(field) = field {
            let _ = field.focus();
        }
    });
    html! { <li><a {href} {onclick}>{ message }</a></li> }
}
