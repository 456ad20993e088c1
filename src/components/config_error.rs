//! A broken configuration: the visitor gets a calm line, the crisis numbers and, if it
//! could be read, the clinic's phone (and the embed loaders keep the clinic's own
//! placeholder, with its phone, on the page). The site administrator's notice — every
//! problem with its field path, what is wrong and what is allowed, the same lines as
//! `console.error` — sits behind a labelled, closed fold, out of the visitor's way. The
//! questionnaire is not shown: a half-configured widget could send someone to the wrong
//! place.

use crate::components::crisis::crisis_buttons;
use crate::messages as m;
use carestep_config::ConfigErrors;
use yew::prelude::*;

/// The fallback screen and the administrator's notice for these problems.
pub fn config_error_screen(errors: &ConfigErrors) -> Html {
    let fallback = &errors.fallback;
    let phone = fallback.phone.as_ref().map(|phone| {
        let intro = match &fallback.clinic_name {
            Some(name) => m::config_fallback_clinic(name),
            None => m::CONFIG_FALLBACK_CALL_US.to_owned(),
        };
        html! {
            <p>{ intro }<a href={phone.tel_url().as_str().to_owned()}>{ phone.display() }</a>{ "." }</p>
        }
    });
    html! {
        <div class="cs-screen cs-config-broken">
            <h1 class="cs-title" tabindex="-1">{ m::CONFIG_FALLBACK_TITLE }</h1>
            if fallback.crisis.uses_us_numbers() {
                <p>{ m::CONFIG_FALLBACK_BODY }</p>
            }
            { crisis_buttons(&fallback.crisis) }
            { for phone }
            <details class="cs-config-error" data-testid="config-error">
                <summary>{ m::CONFIG_ERROR_SUMMARY }</summary>
                <p>{ m::CONFIG_ERROR_INTRO }</p>
                <ul class="cs-list">
                    { for errors.errors.iter().map(|e| html! {
                        <li>
                            if !e.path.is_empty() {
                                <code>{ e.path.clone() }</code>{ ": " }
                            }
                            { e.problem.clone() }
                            if let Some(allowed) = &e.allowed {
                                { [" (", m::CONFIG_ERROR_ALLOWED, " ", allowed, ")"].concat() }
                            }
                        </li>
                    }) }
                </ul>
            </details>
        </div>
    }
}
