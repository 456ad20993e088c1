//! The bar at the top of every screen: the crisis numbers (as `tel:`/`sms:` links) and the
//! Quick exit button.

use crate::components::parts::{link, p_class};
use crate::messages as m;
use carestep_config::{Crisis, CrisisLine};
use yew::prelude::*;

/// The bar for these crisis lines; the button calls `on_quick_exit`.
///
/// The bar stays at the top of the screen while the page scrolls (help one tap away), so it
/// holds what fits in a phone's width: the US numbers and Quick exit. The clinic's own
/// lines follow in a row of their own under it, which scrolls with the page; without the
/// US numbers they are the bar's.
pub fn top_bar(crisis: &Crisis, on_quick_exit: &Callback<()>) -> Html {
    let onclick = on_quick_exit.reform(|_: MouseEvent| ());
    let us = crisis.uses_us_numbers();
    let mut parts: Vec<Html> = Vec::new();
    if us {
        parts.push(html! {
            <>
                { link("tel:988".into(), m::call_label("988").into()) }
                { " or " }
                { link("sms:988".into(), [m::TEXT, " 988"].concat().into()) }
            </>
        });
        parts.push(link("tel:911".into(), m::call_label("911").into()));
    }
    let mut lines: Vec<Html> = Vec::new();
    for line in crisis.lines() {
        lines.push(line_links(line));
    }
    if !us {
        parts.append(&mut lines);
    }
    html! {
        <>
            <div class="cs-topbar cs-no-print">
                <p class="cs-crisis-bar"><span>{ m::CRISIS_PREFIX }</span>{ " " }{ joined(parts) }</p>
                <button type="button" class="cs-button cs-quick-exit" {onclick}>{ m::QUICK_EXIT }</button>
                { p_class("cs-quick-exit-hint", m::QUICK_EXIT_HINT) }
            </div>
            if !lines.is_empty() {
                <div class="cs-crisis-lines cs-no-print">{ joined(lines) }</div>
            }
        </>
    }
}

/// The parts with " · " between them.
fn joined(parts: Vec<Html>) -> Html {
    let mut out: Vec<Html> = Vec::new();
    for part in parts {
        if !out.is_empty() {
            out.push(html! { { " · " } });
        }
        out.push(part);
    }
    html! { <>{ for out }</> }
}

/// A clinic crisis line: "Riverbend crisis line: Call (555) 014-2999 or text (555) 014-2999".
pub fn line_links(line: &CrisisLine) -> Html {
    let call = line.phone.as_ref().map(|p| {
        link(
            p.tel_url().as_str().to_owned().into(),
            m::call_label(p.display()).into(),
        )
    });
    let text = line.sms.as_ref().map(|p| {
        link(
            p.sms_url().as_str().to_owned().into(),
            [m::TEXT, " ", p.display()].concat().into(),
        )
    });
    let or = (call.is_some() && text.is_some()).then(|| html! { { " or " } });
    html! {
        <span class="cs-line">{ [&line.label, ": "].concat() }{ for call }{ for or }{ for text }</span>
    }
}
