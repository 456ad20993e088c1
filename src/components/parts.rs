//! Small pieces that several screens share. One copy of each keeps the bundle small: every
//! closure and every element written out in a screen adds its own construction code.

use crate::state::Action;
use yew::prelude::*;

/// A click that sends `action`.
pub fn on_click(dispatch: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    dispatch.reform(move |_: MouseEvent| action.clone())
}
