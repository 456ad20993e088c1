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
