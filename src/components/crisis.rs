//! The crisis screen: replaces the questionnaire the moment a crisis rule holds (the engine
//! says so through `next_step`). Large call/text buttons for every crisis line, a calm
//! explanation, the reasons, and a way back in case an answer was a mistake.

use crate::components::parts::{
    actions, back_row, h2, list, on_click, p, p_class, secondary_button, title,
};
use crate::messages as m;
use crate::state::{Action, State};
use carestep_config::{Crisis, SafeUrl};
use carestep_engine::Level;
use yew::prelude::*;

/// A button per way of reaching help: the built-in US numbers when the country is the US,
/// then the clinic's own lines.
pub fn crisis_buttons(crisis: &Crisis) -> Html {
    let mut buttons: Vec<Html> = Vec::new();
    for line in crisis.all_lines() {
        if let Some(phone) = &line.phone {
            buttons.push(crisis_button(
                "cs-button",
                phone.tel_url(),
                m::call_label(phone.display()),
                &line.label,
            ));
        }
        if let Some(phone) = &line.sms {
            buttons.push(crisis_button(
                "cs-button cs-button-secondary",
                phone.sms_url(),
                m::text_label(phone.display()),
                &line.label,
            ));
        }
    }
    html! { <ul class="cs-crisis-numbers">{ for buttons }</ul> }
}

/// One big link: "Call 988" over "Suicide & Crisis Lifeline".
fn crisis_button(class: &'static str, url: SafeUrl, action: String, label: &str) -> Html {
    html! {
        <li>
            <a class={class} href={url.as_str().to_owned()}>
                <span class="cs-crisis-action">{ action }</span>
                <span class="cs-crisis-label">{ label.to_owned() }</span>
            </a>
        </li>
    }
}

/// The crisis screen for the answers in `state`, with these crisis lines.
pub fn crisis_screen(state: &State, crisis: &Crisis, dispatch: &Callback<Action>) -> Html {
    let on_back = on_click(dispatch, Action::Back);
    let on_clear = on_click(dispatch, Action::Clear);
    // The level is the engine's (crisis_now whenever this screen shows).
    let level = state
        .assessment
        .as_ref()
        .map(|a| a.level)
        .unwrap_or(Level::CrisisNow);
    // The crisis rules that fired, in the engine's order (the same sentences as the result).
    let mut reasons = Vec::new();
    if let Some(assessment) = &state.assessment {
        for &rule in &assessment.rules_fired {
            if rule.is_crisis() {
                reasons.push(m::rule_sentence(rule).to_owned());
            }
        }
    }
    let lead = if crisis.uses_us_numbers() {
        m::CRISIS_CALL_988
    } else {
        m::CRISIS_CALL_LOCAL
    };
    html! {
        <div class="cs-screen cs-crisis-screen" key="crisis" data-testid="result" data-level={level.as_str()}>
            { back_row(on_back) }
            { title(m::CRISIS_TITLE) }
            { p_class("cs-lead", m::CRISIS_LEAD) }
            // The buttons first: on a phone they are what fits on the first screen.
            { crisis_buttons(crisis) }
            <p><strong>{ lead }</strong></p>
            { p(m::CRISIS_CALM) }
            if !reasons.is_empty() {
                { h2(m::CRISIS_WHY) }
                { list("cs-list cs-reasons", reasons) }
            }
            { p(m::CRISIS_BACK_NOTE) }
            { actions(secondary_button(m::CLEAR, on_clear)) }
        </div>
    }
}
