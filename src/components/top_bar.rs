//! The bar at the top of every screen: crisis numbers and the Quick exit button.

use crate::messages as m;
use yew::prelude::*;

#[component]
pub fn TopBar() -> Html {
    html! {
        <div class="cs-topbar">
            <p class="cs-crisis-bar">
                { m::CRISIS_PREFIX }{ " " }
                <a href="tel:988">{ "Call 988" }</a>{ " or " }
                <a href="sms:988">{ "text 988" }</a>{ " · " }
                <a href="tel:911">{ "Call 911" }</a>
            </p>
            <button type="button" class="cs-button cs-quick-exit">{ m::QUICK_EXIT }</button>
        </div>
    }
}
