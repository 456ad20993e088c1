//! The result: the engine's suggested level in plain words and what that care is like, what
//! to do next (the clinic's call-to-action only when it offers exactly that level, otherwise
//! where to find that level — never a lower one), the flags as messages, every fired rule
//! explained with the scores behind it (each with a Why? that opens "How this self-check
//! works" at its rule), the score table, the attribution lines, and Keep a copy (Print,
//! Save a copy, Clear my answers, and the page as an appendix of the printout on request).

use crate::browser;
use crate::components::handoff::handoff_panel;
use crate::components::method::{method_appendix, method_link};
use crate::components::parts::{
    actions, call_line, contact_line, h2, link, link_button, list, on_click, p, p_class,
    secondary_button, title,
};
use crate::components::report::reasons;
use crate::messages as m;
use crate::state::{Action, Opener, State};
use crate::summary::Summary;
use carestep_config::{ClinicConfig, Program};
use carestep_engine::{Level, RuleId};
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// What the last "Save a copy" said, and on which step's result screen. The app keeps it;
/// it shows only on that step, so the result screen starts without a note each time it is
/// shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SaveNote {
    step: u32,
    text: &'static str,
}

/// The result screen for the answers in `state` and the clinic in `config`; `save_note` is
/// the app's note for Save a copy.
pub fn result_screen(
    state: &State,
    config: &ClinicConfig,
    dispatch: &Callback<Action>,
    save_note: &UseStateHandle<SaveNote>,
) -> Html {
    let Some(assessment) = state.assessment.as_ref() else {
        return Html::default();
    };
    // One reading of the clock for the summary's date and the handoff code's.
    let (year, month, day) = browser::today();
    let summary = Rc::new(Summary::new(
        assessment,
        &state.answers,
        &state.path(),
        m::date_in_words(year, month, day),
    ));
    let level = assessment.level;

    let on_back = on_click(dispatch, Action::Back);
    let on_clear = on_click(dispatch, Action::Clear);
    let on_print = Callback::from(|_: MouseEvent| browser::print_page());
    let on_why = dispatch.reform(|rule: RuleId| Action::OpenMethod(Opener::Why(rule)));
    let on_method_in_print = dispatch.reform(|e: Event| {
        Action::MethodInPrint(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    let on_save = {
        let summary = summary.clone();
        let save_note = save_note.clone();
        let step = state.step;
        Callback::from(move |_: MouseEvent| {
            let ok = browser::save_text_file(m::SAVE_FILE_NAME, &summary.to_text()).is_ok();
            let text = if ok { m::SAVED_NOTE } else { m::SAVE_FAILED };
            save_note.set(SaveNote { step, text });
        })
    };

    // The lists' lines (plain loops: each iterator chain would add its own code).
    let mut scores = Vec::new();
    for row in &summary.scores {
        scores.push(row.sentence());
    }
    let mut answers = Vec::new();
    for row in &summary.answers {
        answers.push([row.question, " — ", &row.answer].concat());
    }

    let note = if save_note.step == state.step {
        save_note.text
    } else {
        ""
    };

    // The order fits a phone (issue 14): the level, what to do next, the urgent notes, why;
    // then the rest, each folded in a native <details> (keyboard and screen readers know
    // it). Print shows this screen through the print stylesheet with every fold open:
    // everything but `.cs-no-print` (Back, the call-to-action, the buttons), plus the
    // `.cs-print-only` parts (the date and every answer). Save writes the same sections as
    // text (`Summary::to_text`).
    html! {
        <div class="cs-screen cs-result" key="result" data-testid="result" data-level={level.as_str()}>
            <div class="cs-back cs-no-print">
                { link_button(m::BACK, on_back) }
            </div>
            { title(m::RESULT_TITLE) }
            <p class="cs-print-only">{ m::SUMMARY_DATE }{ " " }{ summary.date.clone() }</p>
            <div class="cs-level" data-testid="level">
                <span>{ m::RESULT_SUGGESTED }</span>
                <strong class="cs-level-name">{ m::level_name(level) }</strong>
            </div>

            <div class="cs-no-print">
                { h2(m::RESULT_NEXT) }
                { next_step(config, level) }
            </div>

            { notes(m::RESULT_IMPORTANT, &summary.notes[..summary.urgent]) }

            { h2(m::RESULT_WHY) }
            { reasons(&summary, false, Some(&on_why)) }
            { method_link(dispatch) }

            { p(m::NOT_A_DIAGNOSIS) }
            { notes(m::RESULT_MORE, &summary.notes[summary.urgent..]) }

            { fold(m::RESULT_WHAT_IT_IS, html! {
                <>{ for m::level_description(level).iter().map(|text| p(*text)) }</>
            }) }
            if has_program_questions(level) {
                <div class="cs-no-print">
                    { fold(m::QUESTIONS_TITLE, program_questions(config, level)) }
                </div>
            }
            if !scores.is_empty() {
                { fold(m::RESULT_SCORES, list("cs-list cs-scores", scores)) }
            }

            <div class="cs-print-only">
                { h2(m::SUMMARY_ANSWERS) }
                { list("cs-list", answers) }
            </div>

            if !summary.attributions.is_empty() {
                { fold(m::RESULT_ABOUT, list("cs-list cs-attribution", summary.attributions.clone())) }
            }
            // Printed only when the visitor opened it (the code "on request", issue 13).
            { handoff_panel(&state.answers, &state.modules, (year, month, day)) }
            { p_class("cs-print-only", m::SUMMARY_NOT_DIAGNOSIS) }
            // At the end of the printout, only when the visitor ticked it (issue 12: the
            // printed summary stays short otherwise).
            if state.method_in_print {
                { method_appendix(&state.modules, config.module_permissions()) }
            }

            <div class="cs-no-print">
                { h2(m::RESULT_KEEP) }
                { p(m::RESULT_KEEP_INTRO) }
                { p(m::SAVE_STAYS) }
                <p class="cs-checkbox">
                    <input type="checkbox" id="cs-method-in-print" checked={state.method_in_print} onchange={on_method_in_print} />
                    <label for="cs-method-in-print">{ m::METHOD_PRINT }</label>
                </p>
                { actions(html! {
                    <>
                        { secondary_button(m::PRINT, on_print) }
                        { secondary_button(m::SAVE, on_save) }
                        { secondary_button(m::CLEAR, on_clear) }
                    </>
                }) }
                <p class="cs-save-note" role="status">{ note }</p>
            </div>
        </div>
    }
}

/// A folded section: a native `<details>` whose `<summary>` is the section's title, so it
/// opens with Enter or Space and is announced as a button that expands. The print
/// stylesheet unfolds it.
fn fold(title: &'static str, content: Html) -> Html {
    html! {
        <details class="cs-fold">
            <summary>{ title }</summary>
            { content }
        </details>
    }
}

/// A heading and its notes, or nothing when there are none.
fn notes(title: &'static str, notes: &[&'static str]) -> Html {
    if notes.is_empty() {
        return Html::default();
    }
    html! {
        <>
            { h2(title) }
            <ul class="cs-list cs-flags">
                { for notes.iter().map(|note| html! { <li>{ linked(note) }</li> }) }
            </ul>
        </>
    }
}

/// A note's text with each phone number it gives ("call 988", "text 988", …, from
/// `m::NOTE_LINKS`) as a `tel:`/`sms:` link, the rest as text.
fn linked(text: &'static str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut rest = text;
    loop {
        // The earliest number left in the text.
        let mut next: Option<(usize, &'static str, &'static str)> = None;
        for (words, href) in m::NOTE_LINKS {
            // A byte scan rather than `str::find`, whose searcher would add kilobytes.
            let found = rest
                .as_bytes()
                .windows(words.len())
                .position(|w| w == words.as_bytes());
            if let Some(at) = found {
                if next.is_none_or(|(first, _, _)| at < first) {
                    next = Some((at, words, href));
                }
            }
        }
        let Some((at, words, href)) = next else {
            parts.push(html! { { rest } });
            break;
        };
        parts.push(html! { { &rest[..at] } });
        parts.push(link(href.into(), words.into()));
        rest = &rest[at + words.len()..];
    }
    html! { <>{ for parts }</> }
}

/// The levels a person would look for a program at.
fn has_program_questions(level: Level) -> bool {
    matches!(
        level,
        Level::Outpatient | Level::Iop | Level::Php | Level::Inpatient
    )
}

/// The clinic's call-to-action when it offers exactly this level, otherwise where to find it.
fn next_step(config: &ClinicConfig, level: Level) -> Html {
    let clinic = config.clinic();
    let call = clinic.and_then(|c| {
        let phone = c.phone.as_ref()?;
        Some(call_line(m::clinic_call(&c.name), phone))
    });
    let contact = clinic.and_then(contact_line);
    let offer = config.offer_for(level).map(|program| {
        let name = clinic.map(|c| c.name.as_str()).unwrap_or_default();
        html! {
            <div class="cs-callout cs-offer" data-testid="clinic-offer">
                if !name.is_empty() {
                    { p(m::next_offer_intro(name, &program.name)) }
                } else {
                    <p><strong>{ program.name.clone() }</strong></p>
                }
                <p>
                    <a class="cs-button" href={program.cta.url.as_str().to_owned()} data-testid="next-step">{ program.cta.label.clone() }</a>
                </p>
            </div>
        }
    });
    match offer {
        Some(offer) => html! { <>{ offer }{ for call }{ for contact }</> },
        None => {
            let intro = match (clinic, level) {
                (_, Level::SelfCare) => None,
                (Some(c), _) => Some(m::next_not_offered(&c.name)),
                (None, _) => Some(m::NEXT_GENERIC_INTRO.to_owned()),
            };
            let locator = matches!(level, Level::Outpatient | Level::Iop | Level::Php);
            html! {
                <div class="cs-generic-next" data-testid="generic-next">
                    if let Some(intro) = intro {
                        { p(intro) }
                    }
                    <p data-testid="next-step">{ linked(m::level_find(level)) }</p>
                    if locator {
                        <ul class="cs-list">
                            <li><a href={m::FIND_TREATMENT_URL} rel="noreferrer">{ m::FIND_TREATMENT }</a></li>
                            <li><a href={m::SAMHSA_HELPLINE_TEL}>{ m::SAMHSA_HELPLINE }</a></li>
                        </ul>
                    }
                    // The clinic's contact page only when it has no phone: on a phone,
                    // the reasons must stay within two screens (the start screen links it).
                    if call.is_none() {
                        { for contact }
                    }
                    { for call }
                </div>
            }
        }
    }
}

/// "Questions to ask any program" (from the seed article), with the clinic's own answers
/// when it offers this level.
fn program_questions(config: &ClinicConfig, level: Level) -> Html {
    let program: Option<&Program> = config.offer_for(level);
    let clinic = config.clinic().map(|c| c.name.clone());
    let therapies = program
        .filter(|p| !p.therapies.is_empty())
        .map(|p| p.therapies.join(", "));
    let rows: [(&str, Option<String>); 5] = [
        (m::Q_THERAPIES, therapies),
        (
            m::Q_CREDENTIALS,
            program.and_then(|p| p.credentials.clone()),
        ),
        (m::Q_OUTCOMES, program.and_then(|p| p.outcomes.clone())),
        (m::Q_SCHEDULE, program.and_then(|p| p.schedule.clone())),
        (m::Q_EVALUATION, None),
    ];
    let who = clinic.unwrap_or_else(|| program.map(|p| p.name.clone()).unwrap_or_default());
    html! {
        <>
            { p(m::QUESTIONS_INTRO) }
            <ul class="cs-list cs-ask">
                { for rows.into_iter().map(|(question, answer)| html! {
                    <li>
                        <span class="cs-ask-question">{ question }</span>
                        if let Some(answer) = answer {
                            <span class="cs-ask-answer"><strong>{ [who.as_str(), ": "].concat() }</strong>{ answer }</span>
                        }
                    </li>
                }) }
            </ul>
        </>
    }
}
