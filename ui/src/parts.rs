//! Small pieces that several screens share. One copy of each keeps the bundles small: every
//! closure and every element written out in a screen adds its own construction code.

use carestep_config::Phone;
use yew::prelude::*;

// ---------------------------------------------------------------- buttons

/// A button that looks like a link (Back, Skip this question).
pub fn link_button(label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="cs-link-button" {onclick}>{ label }</button> }
}

/// A primary button (Start, See my result).
pub fn primary_button(label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="cs-button" {onclick}>{ label }</button> }
}

/// A secondary button (Print, Save a copy, Clear my answers, Copy).
pub fn secondary_button(label: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! { <button type="button" class="cs-button cs-button-secondary" {onclick}>{ label }</button> }
}

/// The row of buttons at the end of a screen or section.
pub fn actions(buttons: Html) -> Html {
    html! { <div class="cs-actions">{ buttons }</div> }
}

// ---------------------------------------------------------------- text

/// The screen's heading; the app moves focus to it when the screen changes.
pub fn title(text: &'static str) -> Html {
    html! { <h1 class="cs-title" tabindex="-1">{ text }</h1> }
}

/// A section heading.
pub fn h2(text: &'static str) -> Html {
    html! { <h2>{ text }</h2> }
}

/// A paragraph of text.
pub fn p(text: impl Into<AttrValue>) -> Html {
    html! { <p>{ text.into() }</p> }
}

/// A paragraph of text with a class (`cs-lead`, `cs-intro`, `cs-print-only` …).
pub fn p_class(class: &'static str, text: &'static str) -> Html {
    html! { <p class={class}>{ text }</p> }
}

/// A plain list of texts.
pub fn list(class: &'static str, items: Vec<String>) -> Html {
    html! { <ul class={class}>{ for items.into_iter().map(|text| html! { <li>{ text }</li> }) }</ul> }
}

// ---------------------------------------------------------------- links

/// A plain link.
pub fn link(href: AttrValue, text: AttrValue) -> Html {
    html! { <a {href}>{ text }</a> }
}

/// "{intro}(555) 014-2000." with the number as a `tel:` link.
pub fn call_line(intro: String, phone: &Phone) -> Html {
    html! {
        <p>
            { intro }
            { link(phone.tel_url().as_str().to_owned().into(), phone.display().to_owned().into()) }
            { "." }
        </p>
    }
}
