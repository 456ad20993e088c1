//! "How this self-check works" (issue 12 item 3): the page on screen is the engine's
//! methodology for the deployment, block by block; every Why? on a result lands on its
//! rule's entry with focus on the heading; opening the page mid-journey and coming back
//! loses nothing; the print appendix is in the DOM only when its checkbox is ticked.

use crate::support::{document, started, Widget};
use carestep_engine::methodology::{instrument_anchor, methodology, rule_anchor, Block};
use carestep_engine::questionnaire::questionnaire;
use carestep_engine::{assess, Answers, ItemId, Module, ModuleSet, RuleId};
use carestep_widget::messages;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

const LINK: &str = "How this self-check works";
const BACK: &str = "Back to your self-check";

const VIGNETTES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/vignettes.rs"));

/// A licensed module switched on with a permission statement (WSAS: no other module
/// depends on it).
const PERMISSION: &str = "Used with the written permission of Isaac M. Marks (test letter).";

fn licensed_config() -> String {
    format!(
        r#"{{"modules": {{"{}": {{"permission": "{PERMISSION}"}}}}}}"#,
        Module::Functioning.as_str()
    )
}

fn text(e: &Element) -> String {
    e.text_content().unwrap_or_default()
}

fn children(e: &Element) -> Vec<Element> {
    let list = e.children();
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

fn texts(e: &Element, selector: &str) -> Vec<String> {
    let list = e.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// The engine's text with its Markdown marks taken out (the page's only change): backticks,
/// `**`, and `[text](target)` links, which keep their text.
fn strip(s: &str) -> String {
    let mut out = s.replace('`', "").replace("**", "");
    while let Some(open) = out.find('[') {
        let Some(mid) = out[open..].find("](").map(|m| open + m) else {
            break;
        };
        let Some(close) = out[mid..].find(')').map(|c| mid + c) else {
            break;
        };
        out = [&out[..open], &out[open + 1..mid], &out[close + 1..]].concat();
    }
    out
}

/// One block as (tag, texts): what the page must render for it.
fn expected(block: &Block) -> (String, Vec<String>) {
    match block {
        Block::Paragraph { text } => ("p".into(), vec![strip(text)]),
        Block::List { items } => ("ul".into(), items.iter().map(|i| strip(i)).collect()),
        Block::Fields { fields } => (
            "dl".into(),
            fields
                .iter()
                .flat_map(|f| [strip(&f.label), strip(&f.text)])
                .collect(),
        ),
        Block::Table { head, rows } => (
            "table".into(),
            std::iter::once(head)
                .chain(rows)
                .map(|r| r.iter().map(|c| strip(c)).collect::<Vec<_>>().join(" | "))
                .collect(),
        ),
    }
}

/// One rendered block as (tag, texts), read the same way.
fn rendered(e: &Element) -> (String, Vec<String>) {
    let tag = e.tag_name().to_lowercase();
    let texts = match tag.as_str() {
        "ul" => texts(e, ":scope > li"),
        "dl" => texts(e, ":scope > dt, :scope > dd"),
        "table" => {
            let th = e.query_selector_all("thead th").unwrap();
            for i in 0..th.length() {
                let th: Element = th.item(i).unwrap().dyn_into().unwrap();
                assert_eq!(th.get_attribute("scope").as_deref(), Some("col"));
            }
            let mut rows = vec![texts(e, "thead th").join(" | ")];
            let trs = e.query_selector_all("tbody tr").unwrap();
            for i in 0..trs.length() {
                let tr: Element = trs.item(i).unwrap().dyn_into().unwrap();
                rows.push(texts(&tr, "td").join(" | "));
            }
            rows
        }
        _ => vec![text(e)],
    };
    (tag, texts)
}

/// Compares the page on screen with `methodology(modules)`, block by block; returns the
/// permission paragraphs found, by the anchor of the entry they follow.
fn assert_page_is_the_engines(w: &Widget, modules: &ModuleSet) -> Vec<(String, String)> {
    let page = methodology(modules);
    let body = w.one("[data-testid=method-body]").expect("the page's body");
    let sections = children(&body);
    assert_eq!(sections.len(), page.sections.len(), "sections");
    let mut permissions = Vec::new();
    let mut compared = 0;
    let mut plains = 0;
    for (dom, section) in sections.iter().zip(&page.sections) {
        let mut got = children(dom).into_iter();
        let h2 = got.next().expect("a section heading");
        assert_eq!(
            (h2.tag_name().to_lowercase(), text(&h2)),
            ("h2".to_owned(), section.title.clone())
        );
        for block in &section.blocks {
            let e = got
                .next()
                .unwrap_or_else(|| panic!("{}: a block is missing", section.anchor));
            assert_eq!(rendered(&e), expected(block), "section {}", section.anchor);
            compared += 1;
        }
        let mut rest: Vec<Element> = got.collect();
        for entry in &section.entries {
            assert!(!rest.is_empty(), "entry {} is missing", entry.anchor);
            let h3 = rest.remove(0);
            assert_eq!(h3.tag_name().to_lowercase(), "h3");
            assert_eq!(text(&h3), entry.title);
            assert_eq!(h3.id(), entry.anchor);
            assert_eq!(h3.get_attribute("tabindex").as_deref(), Some("-1"));
            // A rule's entry starts with its plain sentence from the catalogue.
            if let Some(rule) = RuleId::ALL
                .into_iter()
                .find(|&r| rule_anchor(r) == entry.anchor)
            {
                assert!(!rest.is_empty(), "{}: no plain sentence", entry.anchor);
                let plain = rest.remove(0);
                assert!(
                    plain.class_list().contains("cs-method-plain"),
                    "{}",
                    entry.anchor
                );
                assert_eq!(
                    text(&plain),
                    [
                        messages::METHOD_RULE_SAYS,
                        " ",
                        messages::rule_sentence(rule)
                    ]
                    .concat()
                );
                plains += 1;
            }
            for block in &entry.blocks {
                assert!(!rest.is_empty(), "{}: a block is missing", entry.anchor);
                let e = rest.remove(0);
                assert_eq!(rendered(&e), expected(block), "entry {}", entry.anchor);
                compared += 1;
            }
            while rest
                .first()
                .is_some_and(|e| e.class_list().contains("cs-permission"))
            {
                permissions.push((entry.anchor.clone(), text(&rest.remove(0))));
            }
        }
        assert!(
            rest.is_empty(),
            "{}: more on screen than in the engine's page",
            section.anchor
        );
    }
    assert!(compared > 50, "only {compared} blocks compared");
    assert_eq!(
        plains,
        RuleId::ALL.len(),
        "a plain sentence under every rule"
    );
    permissions
}

async fn open_from_start(config: Option<&str>) -> Widget {
    let w = Widget::mount(config).await;
    w.click(LINK).await;
    assert_eq!(w.h1(), LINK);
    w
}

#[wasm_bindgen_test]
async fn the_page_is_the_engines_methodology_for_the_default_deployment() {
    let w = open_from_start(None).await;
    let permissions = assert_page_is_the_engines(&w, &ModuleSet::default_deployment());
    assert!(permissions.is_empty());
    // Nothing on the page is a link that could put a rule in the URL.
    assert!(w.all("[data-testid=method] a[href^='#']").is_empty());
    // No Markdown mark shows: no backtick, no `**`, no `](` of a link.
    let text = w.text();
    for mark in ["`", "**", "]("] {
        assert!(!text.contains(mark), "{mark} on the page");
    }
}

#[wasm_bindgen_test]
async fn the_page_follows_the_deployments_modules_and_shows_the_clinics_permission() {
    let config = licensed_config();
    let w = open_from_start(Some(&config)).await;
    let modules = ModuleSet::default_deployment().with(Module::Functioning);
    let permissions = assert_page_is_the_engines(&w, &modules);
    // The statement sits under each instrument of the module, and nowhere else.
    let mut anchors: Vec<String> = questionnaire()
        .iter()
        .filter(|it| it.module == Module::Functioning)
        .map(|it| instrument_anchor(it.instrument))
        .collect();
    anchors.dedup();
    assert!(!anchors.is_empty());
    let expected: Vec<(String, String)> = anchors
        .into_iter()
        .map(|a| {
            (
                a,
                format!("This clinic's permission to use it: {PERMISSION}"),
            )
        })
        .collect();
    assert_eq!(permissions, expected);
}

/// Answers the questions on screen from a vignette's answers until none is left; with
/// `pause_at`, opens the page on that question (its answer chosen, not yet submitted),
/// comes back and checks nothing was lost.
async fn drive(w: &Widget, answers: &serde_json::Map<String, Value>, pause_at: Option<usize>) {
    let mut asked = 0;
    while let Some(id) = w.item() {
        asked += 1;
        assert!(asked <= ItemId::COUNT, "the flow does not end");
        let value = &answers[&id];
        let entered = w.enter(value).await;
        if pause_at == Some(asked) {
            // The pause is on a question with options: one is chosen, not yet submitted.
            let code = value.as_u64().expect("the pause is on a chosen option");
            let heading = w.h1();
            let progress = w.text();
            w.click(LINK).await;
            assert_eq!(w.h1(), LINK);
            assert!(w.item().is_none(), "the question is not on screen");
            w.click(BACK).await;
            assert_eq!(w.item().as_deref(), Some(id.as_str()));
            assert_eq!(w.h1(), heading);
            assert!(
                w.code_radio(code).checked(),
                "{id}: the chosen answer was lost"
            );
            assert_eq!(w.text(), progress, "{id}: the screen is not the same");
            assert_eq!(w.focused(), "cs-method-link");
        }
        w.move_on(entered).await;
    }
    if w.h1() == "Check your answers" {
        w.click("See my result").await;
    }
}

fn vignette(file: &str) -> serde_json::Map<String, Value> {
    let (_, text) = VIGNETTES.iter().find(|(f, _)| *f == file).unwrap();
    let v: Value = serde_json::from_str(text).unwrap();
    assert_eq!(v["modules"], "default", "{file}");
    v["answers"].as_object().unwrap().clone()
}

fn engine_level(answers: &serde_json::Map<String, Value>) -> String {
    let json = format!("{{\"answers\": {}}}", Value::Object(answers.clone()));
    assess(&Answers::from_json(&json).unwrap())
        .level
        .as_str()
        .to_owned()
}

#[wasm_bindgen_test]
async fn opening_the_page_mid_journey_loses_no_answer() {
    let answers = vignette("08-iop-severe-depression.json");
    let w = started().await;
    // The sixth question from here (PHQ-9), with five answers given before it.
    drive(&w, &answers, Some(6)).await;
    assert_eq!(w.level(), Some(engine_level(&answers)));
    // Every answer is still there: the check page lists them (Back from the result).
    w.click("Back").await;
    assert_eq!(w.h1(), "Check your answers");
    w.click(LINK).await;
    w.click(BACK).await;
    assert_eq!(w.h1(), "Check your answers");
    w.click("See my result").await;
    assert_eq!(w.level(), Some(engine_level(&answers)));
}

#[wasm_bindgen_test]
async fn back_from_the_page_returns_to_the_start_with_focus_on_the_link() {
    let w = Widget::mount(None).await;
    let start = w.h1();
    w.click(LINK).await;
    assert_eq!(w.h1(), LINK);
    assert_eq!(w.focused(), "h1");
    // Both "Back to your self-check" buttons return; the top one is the first.
    assert_eq!(
        w.all("button").iter().filter(|b| text(b) == BACK).count(),
        2
    );
    w.click(BACK).await;
    assert_eq!(w.h1(), start);
    assert_eq!(w.focused(), "cs-method-link");
    // Start still starts.
    w.click("Start").await;
    assert_eq!(w.item().as_deref(), Some("ctx.adult"));
}

/// A result of the default deployment whose reasons are several fired rules (not a crisis).
async fn result_with_several_reasons() -> (Widget, Vec<RuleId>) {
    let answers = vignette("10-php-severe.json");
    let w = started().await;
    drive(&w, &answers, None).await;
    assert_eq!(w.level(), Some(engine_level(&answers)));
    let rules: Vec<RuleId> = w
        .all("[data-testid=reasons] > li")
        .iter()
        .map(|li| RuleId::parse(&li.get_attribute("data-rule").unwrap()).unwrap())
        .collect();
    assert!(rules.len() >= 3, "only {} reasons: {rules:?}", rules.len());
    (w, rules)
}

#[wasm_bindgen_test]
async fn every_why_lands_on_its_rules_entry_with_focus_on_its_heading() {
    let (w, rules) = result_with_several_reasons().await;
    let href = web_sys::window().unwrap().location().href().unwrap();
    let mut names = Vec::new();
    for rule in &rules {
        let li = w
            .one(&format!(
                "[data-testid=reasons] > li[data-rule=\"{}\"]",
                rule.as_str()
            ))
            .unwrap();
        let why: HtmlElement = li
            .query_selector("button")
            .unwrap()
            .expect("a Why? button")
            .dyn_into()
            .unwrap();
        assert_eq!(text(&why), "Why?");
        // Its accessible name is "Why?" and the reason it is about.
        let name: Vec<String> = why
            .get_attribute("aria-labelledby")
            .expect("aria-labelledby")
            .split(' ')
            .map(|id| {
                text(
                    &document()
                        .get_element_by_id(id)
                        .expect("a labelling element"),
                )
            })
            .collect();
        assert_eq!(name[0], "Why?");
        assert!(li.text_content().unwrap().contains(&name[1]), "{name:?}");
        names.push(name.join(" "));

        let opener = why.id();
        why.click();
        yew::scheduler::flush().await;
        assert_eq!(w.h1(), LINK);
        let anchor = rule_anchor(*rule);
        assert_eq!(w.focused(), anchor, "Why? of {rule:?}");
        let heading = document().active_element().unwrap();
        assert_eq!(heading.tag_name(), "H3");
        assert_eq!(text(&heading), rule.as_str());
        assert_eq!(web_sys::window().unwrap().location().href().unwrap(), href);

        w.click(BACK).await;
        assert!(w.level().is_some(), "back on the result");
        assert_eq!(w.focused(), opener);
    }
    names.sort();
    names.dedup();
    assert_eq!(
        names.len(),
        rules.len(),
        "two Why? buttons have the same name"
    );
}

#[wasm_bindgen_test]
async fn the_print_appendix_is_in_the_dom_only_when_ticked() {
    let (w, rules) = result_with_several_reasons().await;
    let checkbox = || -> HtmlInputElement {
        let label = w
            .all("label")
            .into_iter()
            .find(|l| text(l) == "Add 'How this self-check works' to the printout")
            .expect("the checkbox's label");
        w.one(&format!("[id=\"{}\"]", label.get_attribute("for").unwrap()))
            .unwrap()
            .dyn_into()
            .unwrap()
    };
    assert_eq!(checkbox().type_(), "checkbox");
    assert!(!checkbox().checked(), "off by default");
    assert!(w.one("[data-testid=method-appendix]").is_none());

    checkbox().click();
    yew::scheduler::flush().await;
    assert!(checkbox().checked());
    let appendix = w
        .one("[data-testid=method-appendix]")
        .expect("the appendix");
    assert!(appendix.class_list().contains("cs-print-only"));
    // At the end of what prints: nothing printable follows it in the result.
    let result = w.one("[data-testid=result]").unwrap();
    let after: Vec<Element> = children(&result)
        .into_iter()
        .skip_while(|e| e != &appendix)
        .skip(1)
        .collect();
    assert!(
        after.iter().all(|e| e.class_list().contains("cs-no-print")),
        "printed after the appendix: {:?}",
        after.iter().map(|e| e.class_name()).collect::<Vec<_>>()
    );
    let titles = texts(&appendix, "h4");
    for rule in &rules {
        assert!(
            titles.iter().any(|t| t == rule.as_str()),
            "{rule:?} not in the appendix"
        );
    }
    // The appendix has no ids of the page's entries (the page is the target of Why?).
    assert!(appendix.query_selector("[id]").unwrap().is_none());

    checkbox().click();
    yew::scheduler::flush().await;
    assert!(!checkbox().checked());
    assert!(w.one("[data-testid=method-appendix]").is_none());
}
