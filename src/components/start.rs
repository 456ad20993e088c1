//! The start screen: what this is, how long it takes, that answers stay on the device.

use crate::messages as m;
use yew::prelude::*;

#[component]
pub fn StartScreen() -> Html {
    html! {
        <div class="cs-screen cs-start">
            <h1 class="cs-title" tabindex="-1">{ m::START_TITLE }</h1>
            <p>{ m::START_INTRO }</p>
            <ul class="cs-list">
                <li>{ m::START_TIME }</li>
                <li>{ m::START_PRIVATE }</li>
                <li>{ m::START_NOT_DIAGNOSIS }</li>
            </ul>
            <div class="cs-actions">
                <button type="button" class="cs-button">{ m::START_BUTTON }</button>
            </div>
        </div>
    }
}
