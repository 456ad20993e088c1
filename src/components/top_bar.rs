//! The bar at the top of every screen: the crisis numbers (as `tel:`/`sms:` links) and the
//! Quick exit button.

use crate::components::parts::p_class;
use crate::messages as m;
use carestep_engine::config::{Crisis, CrisisLine};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TopBarProps {
    pub crisis: Crisis,
    pub on_quick_exit: Callback<()>,
}

#[component]
pub fn TopBar(props: &TopBarProps) -> Html {
    let onclick = props.on_quick_exit.reform(|_: MouseEvent| ());
    let mut parts: Vec<Html> = Vec::new();
    if props.crisis.uses_us_numbers() {
        parts.push(html! {
            <>
                <a href="tel:988">{ m::call_label("988") }</a>
                { " or " }
                <a href="sms:988">{ format!("{} 988", m::TEXT) }</a>
            </>
        });
        parts.push(html! { <a href="tel:911">{ m::call_label("911") }</a> });
    }
    parts.extend(props.crisis.lines().iter().map(line_links));
    let mut joined: Vec<Html> = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            joined.push(html! { { " · " } });
        }
        joined.push(part);
    }
    html! {
        <div class="cs-topbar cs-no-print">
            <p class="cs-crisis-bar">{ m::CRISIS_PREFIX }{ " " }{ for joined }</p>
            <button type="button" class="cs-button cs-quick-exit" {onclick}>{ m::QUICK_EXIT }</button>
            { p_class("cs-quick-exit-hint", m::QUICK_EXIT_HINT) }
        </div>
    }
}

/// A clinic crisis line: "Riverbend crisis line: Call (555) 014-2999 or text (555) 014-2999".
pub fn line_links(line: &CrisisLine) -> Html {
    let call = line.phone.as_ref().map(|p| {
        html! { <a href={p.tel_url().as_str().to_owned()}>{ m::call_label(p.display()) }</a> }
    });
    let text = line.sms.as_ref().map(|p| {
        html! { <a href={p.sms_url().as_str().to_owned()}>{ format!("{} {}", m::TEXT, p.display()) }</a> }
    });
    let or = (call.is_some() && text.is_some()).then(|| html! { { " or " } });
    html! {
        <span class="cs-line">{ format!("{}: ", line.label) }{ for call }{ for or }{ for text }</span>
    }
}
