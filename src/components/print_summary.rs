//! The printed summary: shown only by the print stylesheet (`.cs-print-only`), with the
//! same content as the saved file (see [`crate::summary::Summary::to_text`]): level,
//! reasons, notes, scores, every answer, attribution lines, date — no clinic chrome, no
//! buttons.

use crate::messages as m;
use crate::summary::Summary;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PrintSummaryProps {
    pub summary: Rc<Summary>,
}

#[component]
pub fn PrintSummary(props: &PrintSummaryProps) -> Html {
    let s = &props.summary;
    let mut groups: Vec<(&'static str, Vec<Html>)> = Vec::new();
    for row in &s.answers {
        let entry = html! {
            <li>{ row.question }{ " — " }<strong>{ row.answer.clone() }</strong></li>
        };
        match groups.last_mut() {
            Some((name, entries)) if *name == row.instrument => entries.push(entry),
            _ => groups.push((row.instrument, vec![entry])),
        }
    }
    html! {
        <div class="cs-print-only" aria-hidden="true">
            <h1>{ m::SUMMARY_TITLE }</h1>
            <p>{ m::SUMMARY_DATE }{ " " }{ s.date.clone() }</p>
            <p><strong>{ m::SUMMARY_LEVEL }{ " " }{ m::level_name(s.level) }</strong></p>
            <h2>{ m::SUMMARY_REASONS }</h2>
            if s.reasons.is_empty() {
                <p>{ m::RESULT_WHY_NONE }</p>
            }
            <ul>
                { for s.reasons.iter().map(|r| html! {
                    <li>
                        { format!("[{}] {}", r.rule.as_str(), r.sentence) }
                        if !r.evidence.is_empty() {
                            <ul>{ for r.evidence.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
                        }
                    </li>
                }) }
            </ul>
            <h2>{ m::SUMMARY_FLAGS }</h2>
            <ul>{ for s.notes.iter().map(|n| html! { <li>{ *n }</li> }) }</ul>
            <h2>{ m::SUMMARY_SCORES }</h2>
            <ul>{ for s.scores.iter().map(|row| html! { <li>{ row.sentence() }</li> }) }</ul>
            <h2>{ m::SUMMARY_ANSWERS }</h2>
            { for groups.into_iter().map(|(name, entries)| html! {
                <>
                    <h3>{ name }</h3>
                    <ul>{ for entries }</ul>
                </>
            }) }
            <h2>{ m::SUMMARY_ATTRIBUTION }</h2>
            <ul>
                { for s.attributions.iter().map(|a| html! { <li>{ a.clone() }</li> }) }
                <li>{ format!("{} {}", m::SUMMARY_MODEL, s.model_version) }</li>
            </ul>
            <p>{ m::SUMMARY_NOT_DIAGNOSIS }</p>
        </div>
    }
}
