//! The screen for someone under 18 (ctx.adult = No, rule G1): the self-check cannot
//! suggest a level, so it points to people who can help and to the crisis lines.

use crate::components::crisis::crisis_buttons;
use crate::components::parts::{actions, back_row, on_click, p, secondary_button, title};
use crate::messages as m;
use crate::state::Action;
use carestep_config::Crisis;
use carestep_engine::Level;
use yew::prelude::*;

/// The screen for `level`, the engine's level for these answers (`out_of_scope`).
pub fn out_of_scope_screen(level: Level, crisis: &Crisis, dispatch: &Callback<Action>) -> Html {
    let on_back = on_click(dispatch, Action::Back);
    let on_clear = on_click(dispatch, Action::Clear);
    html! {
        <div class="cs-screen cs-out-of-scope" key="out-of-scope" data-testid="result" data-level={level.as_str()}>
            { back_row(on_back) }
            { title(m::OUT_OF_SCOPE_TITLE) }
            { p(m::OUT_OF_SCOPE_BODY) }
            <div class="cs-callout">
                if crisis.uses_us_numbers() {
                    { p(m::OUT_OF_SCOPE_988) }
                }
                { crisis_buttons(crisis) }
            </div>
            { p(m::OUT_OF_SCOPE_BACK) }
            { actions(secondary_button(m::CLEAR, on_clear)) }
        </div>
    }
}
