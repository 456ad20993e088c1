//! The crisis screen: replaces the questionnaire the moment a crisis rule holds (the engine
//! says so through `next_step`). A first sentence that fits the rule that fired (the
//! engine's `rules_fired`; the words are the catalogue's), large call and text buttons of
//! equal weight for every crisis line, what 988 is, advice that fits the same rule, the
//! reasons, and a way back in case an answer was a mistake. Nothing on it suggests that
//! the answers went anywhere: they did not.

use crate::browser;
use crate::components::handoff::handoff_panel;
use crate::components::parts::{actions, back_row, h2, list, on_click, p, secondary_button, title};
use crate::messages as m;
use crate::state::{Action, State};
use carestep_config::{Crisis, SafeUrl};
use carestep_engine::{Level, RuleId};
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
        // Text has the same weight as Call: for many people it is the only way they can.
        if let Some(phone) = &line.sms {
            buttons.push(crisis_button(
                "cs-button",
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
    // That order is also the order of urgency (C1 emergency now, C2–C4 the suicide
    // screen, C5 harm to someone else, C6 a recent attempt), so the first one picks the
    // screen's lead and advice.
    let mut reasons = Vec::new();
    let mut first = None;
    if let Some(assessment) = &state.assessment {
        for &rule in &assessment.rules_fired {
            if rule.is_crisis() {
                first = first.or(Some(rule));
                reasons.push(m::rule_sentence(rule).to_owned());
            }
        }
    }
    let rule = first.unwrap_or(RuleId::C1);
    let us = crisis.uses_us_numbers();
    let call_now = if us {
        m::CRISIS_ER
    } else {
        m::CRISIS_CALL_LOCAL
    };
    html! {
        <div class="cs-screen cs-crisis-screen" key="crisis" data-testid="result" data-level={level.as_str()}>
            { back_row(on_back) }
            { title(m::CRISIS_TITLE) }
            <p class="cs-lead" data-testid="level">{ m::crisis_lead(rule) }</p>
            // The buttons first: on a phone they are what fits on the first screen.
            <div data-testid="next-step">{ crisis_buttons(crisis) }</div>
            if us {
                { p(m::CRISIS_988_IS) }
            }
            <p><strong>{ call_now }</strong></p>
            { p(m::crisis_advice(rule)) }
            if !reasons.is_empty() {
                { h2(m::CRISIS_WHY) }
                <div data-testid="reasons">{ list("cs-list cs-reasons", reasons) }</div>
            }
            { p(m::CRISIS_BACK_NOTE) }
            { handoff_panel(&state.answers, &state.modules, browser::today()) }
            { actions(secondary_button(m::CLEAR, on_clear)) }
        </div>
    }
}
