//! The full report of one answer set, every part unfolded: the level, the urgent and other
//! notes, every fired rule with the scores and answers behind it, the score table, every
//! answer with its question text, the attribution lines, the model version and the date.
//!
//! One view of a [`Summary`] that any app can show: the clinician page (`clinician/`) shows
//! it for a handoff code it has read, and the visitor's Print can use it too. It reads the
//! same `Summary` as the result screen, Print and Save, so a clinician sees exactly what the
//! visitor saw; it decides nothing and picks no words of its own beyond its few headings.

use crate::components::parts::{h2, list, p};
use crate::messages::{
    self as m, REPORT_ANSWER, REPORT_BAND, REPORT_MEASURE, REPORT_NOTES, REPORT_QUESTION,
    REPORT_SCORE,
};
use crate::summary::Summary;
use carestep_engine::RuleId;
use yew::prelude::*;

/// The report of `summary`, fully unfolded (no `<details>`), headings from `<h2>` down. The
/// element carries `data-level` (the engine's level id) and each reason `data-rule`, each
/// answer row `data-item`, so tests can compare it with `carestep score`.
pub fn report(summary: &Summary) -> Html {
    let level = summary.level;
    html! {
        <div class="cs-report" data-testid="report" data-level={level.as_str()}>
            <p class="cs-report-date" data-testid="report-date">
                { m::SUMMARY_DATE }{ " " }{ summary.date.clone() }
            </p>
            <div class="cs-level" data-testid="level">
                <span>{ m::SUMMARY_LEVEL }</span>
                <strong class="cs-level-name">{ m::level_name(level) }</strong>
                <span>{ m::NOT_A_DIAGNOSIS }</span>
            </div>

            { h2(m::SUMMARY_REASONS) }
            { reasons(summary, true, None) }

            if !summary.notes.is_empty() {
                { h2(REPORT_NOTES) }
                { list("cs-list cs-flags", summary.notes.iter().map(|n| (*n).to_owned()).collect()) }
            }

            if !summary.scores.is_empty() {
                { h2(m::SUMMARY_SCORES) }
                <table class="cs-table cs-scores" data-testid="scores">
                    <thead>
                        <tr>
                            <th scope="col">{ REPORT_MEASURE }</th>
                            <th scope="col">{ REPORT_SCORE }</th>
                            <th scope="col">{ REPORT_BAND }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for summary.scores.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{ row.measure }</th>
                                <td>{ row.value.clone() }</td>
                                <td>{ row.band.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }

            { h2(m::SUMMARY_ANSWERS) }
            { answers(summary) }

            { h2(m::SUMMARY_ATTRIBUTION) }
            <ul class="cs-list cs-attribution">
                { for summary.attributions.iter().map(|a| html! { <li>{ a.clone() }</li> }) }
                <li>{ m::SUMMARY_MODEL }{ " " }{ summary.model_version }</li>
            </ul>
            { p(m::SUMMARY_NOT_DIAGNOSIS) }
        </div>
    }
}

/// Every answer, one table per questionnaire (its name is the table's caption), in the
/// order they were asked.
fn answers(summary: &Summary) -> Html {
    // Consecutive rows of the same instrument form one table.
    let mut groups: Vec<(&'static str, Vec<Html>)> = Vec::new();
    for row in &summary.answers {
        let html = html! {
            <tr data-item={row.id.as_str()}>
                <td>{ row.question }</td>
                <td>{ row.answer.clone() }</td>
            </tr>
        };
        match groups.last_mut() {
            Some((name, rows)) if *name == row.instrument => rows.push(html),
            _ => groups.push((row.instrument, vec![html])),
        }
    }
    html! {
        <div data-testid="answers">
            { for groups.into_iter().map(|(name, rows)| html! {
                <table class="cs-table cs-answers-table">
                    <caption>{ name }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ REPORT_QUESTION }</th>
                            <th scope="col">{ REPORT_ANSWER }</th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }) }
        </div>
    }
}

/// The id of the Why? button of `rule`'s reason (focus returns to it from the page).
pub fn why_id(rule: RuleId) -> String {
    ["cs-why-", rule.as_str()].concat()
}

/// The reasons, each with its evidence (what made the rule fire): the visitor's result
/// and the clinician's report show them from this one function; the report also shows
/// each rule's id, for looking it up in docs/methodology.md. With `on_why` (the visitor's
/// result), each reason has a Why? button that opens "How this self-check works" at its
/// rule; its accessible name is "Why?" followed by the reason's sentence.
pub fn reasons(summary: &Summary, with_ids: bool, on_why: Option<&Callback<RuleId>>) -> Html {
    if summary.reasons.is_empty() {
        return html! { <p data-testid="reasons">{ m::RESULT_WHY_NONE }</p> };
    }
    html! {
        <ul class="cs-list cs-reasons" data-testid="reasons">
            { for summary.reasons.iter().map(|r| html! {
                <li data-rule={r.rule.as_str()}>
                    if with_ids {
                        <strong>{ "[" }{ r.rule.as_str() }{ "] " }</strong>
                    }
                    if let Some(on_why) = on_why {
                        { why(r.rule, r.sentence, on_why) }
                    } else {
                        { r.sentence }
                    }
                    if !r.evidence.is_empty() {
                        { list("cs-evidence cs-small", r.evidence.clone()) }
                    }
                </li>
            }) }
        </ul>
    }
}

/// A reason's sentence and its Why? button, named by the button's text and the sentence
/// (`aria-labelledby`), so a list of buttons is not a row of identical "Why?".
fn why(rule: RuleId, sentence: &'static str, on_why: &Callback<RuleId>) -> Html {
    let id = why_id(rule);
    let reason = ["cs-reason-", rule.as_str()].concat();
    let labelled = [id.as_str(), " ", reason.as_str()].concat();
    let onclick = on_why.reform(move |_: MouseEvent| rule);
    html! {
        <>
            <span id={reason}>{ sentence }</span>
            { " " }
            <button type="button" class="cs-link-button cs-why cs-no-print" {id} aria-labelledby={labelled} {onclick}>{ m::WHY }</button>
        </>
    }
}
