//! The flow: every screen renders, answering drives it, skip logic and the crisis interrupt
//! come from the engine, Back and Change keep answers, errors and focus follow GOV.UK.

use crate::support::{started, Widget};
use carestep_engine::{item, AnswerKind, ItemId};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn start_screen_renders_and_marks_the_host_ready() {
    let w = Widget::mount(None).await;
    assert_eq!(w.root.get_attribute("data-ready").as_deref(), Some("true"));
    assert!(w.h1().contains("self-check"), "{}", w.h1());
    assert!(w.has_button("Start"));
    assert!(w.has_button("Quick exit"));
    let hrefs: Vec<String> = w
        .all("a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    for href in ["tel:988", "sms:988", "tel:911"] {
        assert!(
            hrefs.iter().any(|h| h == href),
            "no {href} link in {hrefs:?}"
        );
    }
    assert!(w.text().contains("Your answers stay on this device"));
}

#[wasm_bindgen_test]
async fn the_gate_question_is_a_fieldset_with_the_item_text_as_its_heading() {
    let w = Widget::mount(None).await;
    w.click("Start").await;
    assert_eq!(w.item().as_deref(), Some("ctx.adult"));
    let legend_h1 = w
        .one("fieldset > legend > h1")
        .expect("legend contains the h1");
    assert_eq!(
        legend_h1.text_content().unwrap(),
        item(ItemId::CtxAdult).text
    );
    // Labels are the engine's option labels; ids come from the item id, first unsuffixed.
    let AnswerKind::Choices(choices) = item(ItemId::CtxAdult).answer else {
        panic!("ctx.adult has options");
    };
    let labels: Vec<String> = w
        .all("label")
        .iter()
        .map(|l| l.text_content().unwrap())
        .collect();
    let expected: Vec<&str> = choices.iter().map(|c| c.label).collect();
    assert_eq!(labels, expected);
    let ids: Vec<String> = w.all("input[type=radio]").iter().map(|i| i.id()).collect();
    assert_eq!(ids, ["ctx.adult", "ctx.adult-2"]);
    assert!(w.text().contains("Question 1 of about"));
    // Focus moved to the new heading.
    assert_eq!(w.focused(), "h1");
}

#[wasm_bindgen_test]
async fn continue_without_an_answer_shows_an_error_summary_that_takes_focus() {
    let w = Widget::mount(None).await;
    w.click("Start").await;
    w.click("Continue").await;
    let summary = w.one("[role=alert]").expect("an error summary");
    assert!(summary
        .text_content()
        .unwrap()
        .contains("There is a problem"));
    assert_eq!(w.focused(), "cs-error-summary");
    let link = summary
        .query_selector("a")
        .unwrap()
        .expect("a link to the first input");
    assert_eq!(link.get_attribute("href").as_deref(), Some("#ctx.adult"));
    let described = w
        .one("fieldset")
        .unwrap()
        .get_attribute("aria-describedby")
        .unwrap();
    assert!(
        described.split(' ').any(|id| id == "ctx.adult-error"),
        "{described}"
    );
    let message = w
        .one("[id=\"ctx.adult-error\"]")
        .unwrap()
        .text_content()
        .unwrap();
    assert!(message.starts_with("Error:"), "{message}");
    // Still on the same question, nothing recorded.
    assert_eq!(w.item().as_deref(), Some("ctx.adult"));
    // Choosing an answer and continuing clears the error.
    w.answer("Yes").await;
    assert!(w.one("[role=alert]").is_none());
    assert_eq!(w.item().as_deref(), Some("ctx.emergency"));
}

#[wasm_bindgen_test]
async fn a_click_on_an_option_does_not_advance() {
    let w = Widget::mount(None).await;
    w.click("Start").await;
    w.choose("Yes").await;
    assert_eq!(w.item().as_deref(), Some("ctx.adult"));
    assert!(w.radio("Yes").unwrap().checked());
}

#[wasm_bindgen_test]
async fn yes_to_the_emergency_question_shows_the_crisis_screen_at_once() {
    let w = Widget::mount(None).await;
    w.click("Start").await;
    w.answer("Yes").await;
    w.answer("Yes").await; // in danger right now
    assert_eq!(w.level().as_deref(), Some("crisis_now"));
    assert!(w.item().is_none());
    let hrefs: Vec<String> = w
        .all("a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(hrefs.iter().any(|h| h == "tel:988"));
    assert!(hrefs.iter().any(|h| h == "tel:911"));
}

#[wasm_bindgen_test]
async fn under_18_gets_the_out_of_scope_screen() {
    let w = Widget::mount(None).await;
    w.click("Start").await;
    w.answer("No").await;
    assert_eq!(w.level().as_deref(), Some("out_of_scope"));
    // Back returns to the question with the answer kept.
    w.click("Back").await;
    assert_eq!(w.item().as_deref(), Some("ctx.adult"));
    assert!(w.radio("No").unwrap().checked());
}

#[wasm_bindgen_test]
async fn phq9_10_is_skipped_when_items_1_to_9_are_all_zero() {
    let w = started().await;
    w.answer_all_with_prefix("phq9.", "Not at all").await;
    assert_eq!(w.item().as_deref(), Some("gad7.1"));
}

#[wasm_bindgen_test]
async fn phq9_10_is_asked_after_any_symptom() {
    let w = started().await;
    w.answer("Several days").await;
    w.answer_all_with_prefix("phq9.", "Not at all").await;
    // phq9.10 has its own options, so the loop above stopped on it.
    assert_eq!(w.item().as_deref(), Some("phq9.10"));
}

#[wasm_bindgen_test]
async fn asq5_only_follows_a_yes_and_a_yes_to_it_interrupts_at_once() {
    let w = started().await;
    w.answer_all_with_prefix("phq9.", "Not at all").await;
    w.answer_all_with_prefix("gad7.", "Not at all").await;
    assert_eq!(w.item().as_deref(), Some("asq.1"));
    w.answer("Yes").await;
    w.answer("No").await;
    w.answer("No").await;
    w.answer("No").await;
    assert_eq!(w.item().as_deref(), Some("asq.5"));
    w.answer("Yes").await;
    assert_eq!(w.level().as_deref(), Some("crisis_now"));
}

#[wasm_bindgen_test]
async fn no_asq5_after_four_noes() {
    let w = started().await;
    w.answer_all_with_prefix("phq9.", "Not at all").await;
    w.answer_all_with_prefix("gad7.", "Not at all").await;
    w.answer_all_with_prefix("asq.", "No").await;
    assert_eq!(w.item().as_deref(), Some("pcptsd5.0"));
}

#[wasm_bindgen_test]
async fn back_shows_the_previous_answer_and_continue_moves_on() {
    let w = started().await;
    w.answer("More than half the days").await;
    assert_eq!(w.item().as_deref(), Some("phq9.2"));
    w.click("Back").await;
    assert_eq!(w.item().as_deref(), Some("phq9.1"));
    assert!(w.radio("More than half the days").unwrap().checked());
    assert!(w.text().contains("Question 3 of about"));
    w.click("Continue").await;
    assert_eq!(w.item().as_deref(), Some("phq9.2"));
}

#[wasm_bindgen_test]
async fn skip_records_declined_and_moves_on() {
    let w = started().await;
    w.click("Skip this question").await;
    assert_eq!(w.item().as_deref(), Some("phq9.2"));
    w.click("Back").await;
    assert!(w.all("input[type=radio]").iter().all(|r| {
        !wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlInputElement>(r)
            .unwrap()
            .checked()
    }));
}

#[wasm_bindgen_test]
async fn the_count_question_is_a_labelled_number_field_that_rejects_non_counts() {
    let w = started().await;
    w.answer_all_with_prefix("phq9.", "Not at all").await;
    w.answer_all_with_prefix("gad7.", "Not at all").await;
    w.answer_all_with_prefix("asq.", "No").await;
    w.answer("No").await; // pcptsd5.0
    w.answer("Never").await; // audit.1
    assert_eq!(w.item().as_deref(), Some("nida_sq.1"));
    let input = w.one("input[type=number]").expect("a number field");
    assert_eq!(input.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(input.id(), "nida_sq.1");
    let label = w.one("h1 label").expect("the heading is the label");
    assert_eq!(label.get_attribute("for").as_deref(), Some("nida_sq.1"));
    w.type_count("-2").await;
    w.click("Continue").await;
    assert_eq!(w.item().as_deref(), Some("nida_sq.1"));
    assert!(w.one("[role=alert]").is_some());
    w.type_count("3").await;
    w.click("Continue").await;
    assert_eq!(w.item().as_deref(), Some("ctx.harm_others"));
}

/// Answers the default deployment with the first option everywhere except the suicide
/// screen (No) and the gate, ending on the check page.
async fn to_check_page(w: &Widget) {
    w.answer_all_with_prefix("phq9.", "Not at all").await;
    w.answer_all_with_prefix("gad7.", "Not at all").await;
    w.answer_all_with_prefix("asq.", "No").await;
    w.answer("No").await; // pcptsd5.0
    w.answer("Never").await; // audit.1
    w.type_count("0").await;
    w.click("Continue").await;
    while let Some(id) = w.item() {
        let first = w.all("input[type=radio]")[0]
            .get_attribute("value")
            .unwrap();
        w.answer_code(first.parse().unwrap()).await;
        assert_ne!(w.item().as_deref(), Some(id.as_str()), "stuck on {id}");
    }
    assert_eq!(w.h1(), "Check your answers");
}

#[wasm_bindgen_test]
async fn check_page_change_returns_to_the_check_page_and_drops_answers_no_longer_asked() {
    let w = started().await;
    to_check_page(&w).await;
    assert!(
        !w.text().contains("If you checked off any problems"),
        "phq9.10 not asked yet"
    );
    let change = w
        .all("button")
        .into_iter()
        .find(|b| {
            let text = b.text_content().unwrap();
            text.starts_with("Change") && text.contains(item(ItemId::Phq9_1).text)
        })
        .expect("a Change button naming phq9.1");
    wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&change)
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    assert_eq!(w.item().as_deref(), Some("phq9.1"));
    assert!(w.radio("Not at all").unwrap().checked());
    w.answer("Nearly every day").await;
    // A symptom now: the engine adds phq9.10, which is asked before returning.
    assert_eq!(w.item().as_deref(), Some("phq9.10"));
    w.answer("Very difficult").await;
    assert_eq!(w.h1(), "Check your answers");
    assert!(w.text().contains("Nearly every day"));

    // Changing it back to 0 takes phq9.10 off the path: its answer is dropped.
    let change = w
        .all("button")
        .into_iter()
        .find(|b| {
            b.text_content()
                .unwrap()
                .contains(item(ItemId::Phq9_1).text)
        })
        .unwrap();
    wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&change)
        .unwrap()
        .click();
    yew::scheduler::flush().await;
    w.answer("Not at all").await;
    assert_eq!(w.h1(), "Check your answers");
    assert!(!w.text().contains("Very difficult"));
}

#[wasm_bindgen_test]
async fn back_from_a_change_returns_to_the_check_page() {
    let w = started().await;
    to_check_page(&w).await;
    w.all("button")
        .into_iter()
        .find(|b| b.text_content().unwrap().starts_with("Change"))
        .map(|b| {
            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b)
                .unwrap()
                .click()
        })
        .unwrap();
    yew::scheduler::flush().await;
    assert!(w.item().is_some());
    w.click("Back").await;
    assert_eq!(w.h1(), "Check your answers");
}

#[wasm_bindgen_test]
async fn the_result_explains_itself_and_clear_returns_to_start() {
    let w = started().await;
    to_check_page(&w).await;
    w.click("See my result").await;
    assert_eq!(w.level().as_deref(), Some("self_care"));
    let text = w.text();
    assert!(text.contains("not a diagnosis"));
    // The 988 note's numbers are links.
    let links: Vec<String> = w
        .all(".cs-flags a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert!(links.iter().any(|h| h == "tel:988"), "{links:?}");
    assert!(links.iter().any(|h| h == "sms:988"), "{links:?}");
    // Self-care says plainly that struggling is reason enough to talk to someone.
    assert!(text.contains("reason enough to talk to someone"), "{text}");
    // PHQ-9 attribution line from the engine.
    let phq = carestep_engine::instrument(carestep_engine::Instrument::Phq9);
    assert!(text.contains(phq.attribution.unwrap()));
    for name in ["Print", "Save a copy", "Clear my answers"] {
        assert!(w.has_button(name), "no {name}");
    }
    w.click("Clear my answers").await;
    assert!(w.has_button("Start"));
    w.click("Start").await;
    assert_eq!(w.item().as_deref(), Some("ctx.adult"));
    assert!(!w.radio("Yes").unwrap().checked(), "answers were dropped");
}

#[wasm_bindgen_test]
async fn focus_moves_to_each_new_heading() {
    let w = started().await;
    assert_eq!(w.focused(), "h1");
    w.answer("Several days").await;
    assert_eq!(w.focused(), "h1");
    let live = w.one("[aria-live]").unwrap().text_content().unwrap();
    assert!(live.starts_with("Question 4 of about"), "{live}");
}

#[wasm_bindgen_test]
async fn back_to_the_start_and_start_again_keeps_the_answers() {
    let w = started().await;
    w.click("Back").await; // ctx.emergency
    w.click("Back").await; // ctx.adult
    w.click("Back").await; // start screen
    assert!(w.has_button("Start"));
    w.click("Start").await;
    assert_eq!(w.item().as_deref(), Some("ctx.adult"));
    assert!(w.radio("Yes").unwrap().checked());
}

/// Every asked instrument's attribution line appears once, named once: lines
/// that already open with the instrument's name are not prefixed again.
#[wasm_bindgen_test]
fn attribution_lines_name_each_instrument_once() {
    use carestep_engine::{instrument, questionnaire, Answers, Instrument, ModuleSet, Response};
    let mut answers = Answers::new();
    let mut asked = Vec::new();
    for item in questionnaire() {
        if ModuleSet::all().contains(item.module) {
            answers.set(item.id, Response::Declined).unwrap();
            asked.push(item.id);
        }
    }
    let lines = carestep_widget::summary::attributions(&answers, &asked);
    for which in [Instrument::Audit, Instrument::NidaSq, Instrument::Phq9] {
        let info = instrument(which);
        let attribution = info.attribution.unwrap();
        let line = lines
            .iter()
            .find(|l| l.contains(attribution))
            .unwrap_or_else(|| panic!("no attribution line for {}", info.name));
        assert!(line.starts_with(info.name), "{line}");
        let doubled = format!("{0}: {0}", info.name);
        assert!(!line.starts_with(&doubled), "{line}");
    }
}

#[wasm_bindgen_test]
async fn the_save_note_is_only_shown_on_the_result_it_was_given_on() {
    let w = started().await;
    to_check_page(&w).await;
    w.click("See my result").await;
    let note = || w.one(".cs-save-note").unwrap().text_content().unwrap();
    assert_eq!(note(), "");
    w.click("Save a copy").await;
    let saved = note();
    assert!(
        saved == carestep_widget::messages::SAVED_NOTE
            || saved == carestep_widget::messages::SAVE_FAILED,
        "{saved}"
    );
    // Back to the check page and to the result again: a fresh result, no old note.
    w.click("Back").await;
    assert!(w.has_button("See my result"));
    w.click("See my result").await;
    assert_eq!(note(), "");
}
