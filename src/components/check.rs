//! Check your answers: every answer on the path, grouped by questionnaire, each with a
//! Change button whose accessible name includes the question (GOV.UK summary list).

use crate::components::parts::{actions, back_row, on_click, p, primary_button, title};
use crate::messages as m;
use crate::state::{Action, State};
use crate::summary::answer_rows;
use yew::prelude::*;

/// The check page for the answers in `state`.
pub fn check_screen(state: &State, dispatch: &Callback<Action>) -> Html {
    let rows = answer_rows(&state.answers, &state.path());
    let on_back = on_click(dispatch, Action::Back);
    let on_result = on_click(dispatch, Action::SeeResult);

    // Group consecutive rows of the same questionnaire under one heading.
    let mut groups: Vec<Html> = Vec::new();
    let mut name = "";
    let mut entries: Vec<Html> = Vec::new();
    for row in rows {
        if row.instrument != name && !entries.is_empty() {
            groups.push(group(name, std::mem::take(&mut entries)));
        }
        name = row.instrument;
        let id = row.id;
        let onclick = on_click(dispatch, Action::Change(id));
        let entry = html! {
            <div class="cs-answer" key={id.as_str()}>
                <dt>{ row.question }</dt>
                <dd class="cs-answer-row">
                    <span>{ row.answer.clone() }</span>
                    <button type="button" class="cs-link-button" {onclick}>
                        { m::CHANGE }<span class="cs-visually-hidden">{ m::change_hidden(row.question) }</span>
                    </button>
                </dd>
            </div>
        };
        entries.push(entry);
    }
    if !entries.is_empty() {
        groups.push(group(name, entries));
    }

    html! {
        <div class="cs-screen cs-check" key="check">
            { back_row(on_back) }
            { title(m::CHECK_TITLE) }
            { p(m::CHECK_INTRO) }
            { for groups }
            { actions(primary_button(m::SEE_RESULT, on_result)) }
        </div>
    }
}

/// One questionnaire's answers under its name.
fn group(name: &'static str, entries: Vec<Html>) -> Html {
    html! {
        <>
            <h2 class="cs-section-title">{ name }</h2>
            <dl class="cs-answers">{ for entries }</dl>
        </>
    }
}
