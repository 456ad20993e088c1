//! The widget's own small pieces, next to the ones every CareStep app shares
//! (`carestep_ui::parts`, re-exported here so the screens have one place to import from).

pub use carestep_ui::parts::*;

use crate::messages as m;
use crate::state::Action;
use yew::prelude::*;

/// A click that sends `action`.
pub fn on_click(dispatch: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    dispatch.reform(move |_: MouseEvent| action.clone())
}

/// The Back button at the top of a screen, in its `cs-back` row.
pub fn back_row(onclick: Callback<MouseEvent>) -> Html {
    html! { <div class="cs-back">{ link_button(m::BACK, onclick) }</div> }
}

/// "Other ways to reach {clinic}: the contact page." with the clinic's contact URL, when it
/// gave one.
pub fn contact_line(clinic: &carestep_config::Clinic) -> Option<Html> {
    let url = clinic.contact_url.as_ref()?;
    Some(html! {
        <p>
            { m::contact_intro(&clinic.name) }
            { link(url.as_str().to_owned().into(), m::CONTACT_LINK.into()) }
            { "." }
        </p>
    })
}
