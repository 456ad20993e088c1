//! The start screen: what this is, how long it takes, that answers stay on the device, the
//! crisis numbers and the clinic's phone and contact page, the Start button, the link to
//! "How this self-check works", and the version in the small print.

use crate::components::method::method_link;
use crate::components::parts::{
    actions, call_line, contact_line, list, on_click, p, p_class, primary_button, title,
};
use crate::messages as m;
use crate::state::Action;
use carestep_config::Clinic;
use carestep_engine::{estimate, ModuleSet};
use yew::prelude::*;

/// The start screen, with the clinic's phone line when it has one and the length of this
/// deployment's journey as the engine estimates it.
pub fn start_screen(
    clinic: Option<&Clinic>,
    modules: &ModuleSet,
    dispatch: &Callback<Action>,
) -> Html {
    let onclick = on_click(dispatch, Action::Start);
    let phone = clinic.and_then(|clinic| {
        let phone = clinic.phone.as_ref()?;
        Some(call_line(m::start_clinic_phone(&clinic.name), phone))
    });
    let contact = clinic.and_then(contact_line);
    let length = estimate(modules);
    let facts = vec![
        m::start_time(length.questions, length.minutes_min, length.minutes_max),
        m::START_PRIVATE.to_owned(),
        m::START_SKIP.to_owned(),
        m::START_NOT_DIAGNOSIS.to_owned(),
    ];
    html! {
        <div class="cs-screen cs-start" key="start">
            { title(m::START_TITLE) }
            { p(m::START_INTRO) }
            { list("cs-list", facts) }
            { for phone }
            { for contact }
            { actions(primary_button(m::START_BUTTON, onclick)) }
            { method_link(dispatch) }
            { p_class("cs-small", m::VERSION_LINE) }
        </div>
    }
}
