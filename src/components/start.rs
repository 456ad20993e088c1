//! The start screen: what this is, how long it takes, that answers stay on the device, the
//! crisis numbers and the clinic's phone, and the Start button.

use crate::components::parts::{actions, call_line, list, on_click, p, primary_button, title};
use crate::messages as m;
use crate::state::Action;
use carestep_engine::config::Clinic;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StartProps {
    pub clinic: Option<Clinic>,
    pub dispatch: Callback<Action>,
}

#[component]
pub fn StartScreen(props: &StartProps) -> Html {
    let onclick = on_click(&props.dispatch, Action::Start);
    let phone = props.clinic.as_ref().and_then(|clinic| {
        let phone = clinic.phone.as_ref()?;
        Some(call_line(m::start_clinic_phone(&clinic.name), phone))
    });
    let facts = [
        m::START_TIME,
        m::START_PRIVATE,
        m::START_SKIP,
        m::START_NOT_DIAGNOSIS,
    ]
    .map(String::from)
    .into();
    html! {
        <div class="cs-screen cs-start">
            { title(m::START_TITLE) }
            { p(m::START_INTRO) }
            { list("cs-list", facts) }
            { for phone }
            { actions(primary_button(m::START_BUTTON, onclick)) }
        </div>
    }
}
