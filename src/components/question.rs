//! One question per screen, in the GOV.UK question-page pattern: a fieldset whose legend is
//! the page heading (the verbatim item text), the instrument's stem/time frame and our hint
//! tied to it with `aria-describedby`, native radios (ids from the item id, the first option
//! unsuffixed so the error summary can link to it), an error summary that takes focus, a
//! Back link, Continue (no auto-advance) and a quiet "Skip this question".

use crate::components::parts::{back_row, link_button, on_click, p_class, title};
use crate::components::standard_drink;
use crate::messages as m;
use crate::state::{Action, Draft, QuestionError, State};
use carestep_engine::{instrument, item, part_progress, progress, AnswerKind, ItemId};
use carestep_ui::error_summary::error_summary;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The DOM id of an option: the item id for the first, `item-N` for the N-th after it.
pub fn option_dom_id(id: ItemId, index: usize) -> String {
    if index == 0 {
        id.as_str().to_owned()
    } else {
        format!("{}-{}", id.as_str(), index + 1)
    }
}

/// A paragraph that a field's `aria-describedby` points to.
fn p_with_id(class: &'static str, id: String, text: &'static str) -> Html {
    html! { <p {class} {id}>{ text }</p> }
}

/// The screen for question `id`, with the draft and error in `state`. Its root element is
/// keyed by the item id, so the next question gets new elements rather than this one's.
pub fn question_screen(id: ItemId, state: &State, dispatch: &Callback<Action>) -> Html {
    let it = item(id);
    let info = instrument(it.instrument);
    let key = id.as_str();
    let path = state.path();
    let p = progress(&state.answers, &state.modules, id);
    let part = part_progress(&state.answers, &state.modules, id);
    // A one-line heads-up before a part that asks about hard things (suicide, trauma,
    // the About-you block): what is coming and why (the engine's words).
    let heads_up = part.part.heads_up.filter(|_| part.starts_part);

    // The instrument's intro (instructions) is shown on its first question on the path.
    let first_of_instrument = match path.iter().position(|&x| x == id) {
        Some(0) | None => true,
        Some(i) => item(path[i - 1]).instrument != it.instrument,
    };
    let intro = info.intro.filter(|_| first_of_instrument);

    let stem_id = [key, "-stem"].concat();
    let hint_id = [key, "-hint"].concat();
    let error_id = [key, "-error"].concat();
    let mut described_by: Vec<&str> = Vec::new();
    if it.stem.is_some() {
        described_by.push(&stem_id);
    }
    if it.help.is_some() || it.answer == AnswerKind::Count {
        described_by.push(&hint_id);
    }
    if state.error.is_some() {
        described_by.push(&error_id);
    }
    let described_by = (!described_by.is_empty()).then(|| described_by.join(" "));

    let error_text = state.error.map(|e| match (e, it.answer) {
        (QuestionError::NotACount, _) => m::ERROR_COUNT_INVALID,
        (QuestionError::NoAnswer, AnswerKind::Count) => m::ERROR_COUNT_EMPTY,
        (QuestionError::NoAnswer, AnswerKind::Choices(_)) => m::ERROR_CHOOSE,
    });
    let error_message = error_text.map(|text| {
        html! {
            <p class="cs-error-message" id={error_id.clone()}>
                <span class="cs-visually-hidden">{ m::ERROR_PREFIX }{ " " }</span>{ text }
            </p>
        }
    });
    let stem = it
        .stem
        .map(|stem| p_with_id("cs-stem", stem_id.clone(), stem));
    let field_class = if state.error.is_some() {
        "cs-field cs-field-error"
    } else {
        "cs-field"
    };

    let on_back = on_click(dispatch, Action::Back);
    let on_skip = on_click(dispatch, Action::Skip);
    let on_submit = dispatch.reform(|event: SubmitEvent| {
        event.prevent_default();
        Action::Continue
    });

    let field = match it.answer {
        AnswerKind::Choices(choices) => {
            let selected = match state.draft {
                Draft::Choice(code) => Some(code),
                _ => None,
            };
            let hint = it
                .help
                .map(|help| p_with_id("cs-hint", hint_id.clone(), help));
            html! {
                <fieldset class="cs-fieldset" aria-describedby={described_by}>
                    <legend class="cs-legend">{ title(it.text) }</legend>
                    { for hint }
                    if standard_drink::shows_for(id) {
                        { standard_drink::standard_drink_picture() }
                    }
                    { for error_message }
                    <div class="cs-radios">
                        { for choices.iter().enumerate().map(|(index, choice)| {
                            let dom_id = option_dom_id(id, index);
                            let code = choice.code;
                            let onchange = dispatch.reform(move |_: Event| Action::Choose(code));
                            html! {
                                <div class="cs-radio" key={dom_id.clone()}>
                                    <input type="radio" id={dom_id.clone()} name={key}
                                        value={code.to_string()} checked={selected == Some(code)} {onchange} />
                                    <label for={dom_id}>{ choice.label }</label>
                                </div>
                            }
                        }) }
                    </div>
                </fieldset>
            }
        }
        AnswerKind::Count => {
            let value = match &state.draft {
                Draft::Count(text) => text.clone(),
                _ => String::new(),
            };
            let oninput = dispatch.reform(|event: InputEvent| {
                Action::Type(event.target_unchecked_into::<HtmlInputElement>().value())
            });
            html! {
                <>
                    <h1 class="cs-title" tabindex="-1"><label for={key}>{ it.text }</label></h1>
                    { p_with_id("cs-hint", hint_id.clone(), it.help.unwrap_or(m::COUNT_HINT)) }
                    { for error_message }
                    <input class="cs-number" type="number" inputmode="numeric" min="0" step="1"
                        id={key} name={key} autocomplete="off" spellcheck="false"
                        aria-describedby={described_by} {value} {oninput} />
                </>
            }
        }
    };

    html! {
        <div class="cs-screen cs-question" {key} data-item={key}>
            { back_row(on_back) }
            if let Some(text) = error_text {
                { error_summary(m::ERROR_SUMMARY_TITLE, vec![(text.into(), option_dom_id(id, 0))]) }
            }
            <p class="cs-progress">
                { m::progress_part(part.index, part.count, part.part.name) }{ " · " }
                { m::progress(p.position, p.about_total) }
                <progress aria-hidden="true" max={p.about_total.to_string()} value={p.position.to_string()}></progress>
            </p>
            if let Some(text) = heads_up {
                { p_class("cs-intro cs-heads-up", text) }
            }
            { p_class("cs-instrument", info.name) }
            if let Some(intro) = intro {
                { p_class("cs-intro", intro) }
            }
            <form class="cs-form" novalidate=true onsubmit={on_submit}>
                { stem }
                <div class={field_class}>{ field }</div>
                <div class="cs-actions">
                    <button type="submit" class="cs-button">{ m::CONTINUE }</button>
                    { link_button(m::SKIP, on_skip) }
                </div>
            </form>
            if let Some(attribution) = info.attribution {
                { p_class("cs-attribution", attribution) }
            }
        </div>
    }
}
