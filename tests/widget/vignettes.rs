//! The engine's case vignettes (`engine/tests/vignettes/*.json`), replayed through the real
//! UI: every question the widget shows is answered from the file by clicking its option (or
//! typing the count, or "Skip this question" for `"declined"`), then the level on screen
//! must equal both the file's expected level and `assess()` of the same answers.

use crate::config::CLINIC;
use crate::support::{started, Widget};
use carestep_engine::{assess, item, Answers, ItemId, Module};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

/// Every vignette file, listed by the crate's build script (those with `"flow": false` are
/// skipped: skip logic would not ask their answers).
const VIGNETTES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/vignettes.rs"));

/// The configuration that switches on exactly the vignette's modules.
fn config_for(modules: &Value) -> Option<String> {
    let names: Vec<&str> = match modules {
        Value::String(s) if s == "default" => return None,
        Value::String(s) if s == "all" => Module::ALL.iter().map(|m| m.as_str()).collect(),
        Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
        other => panic!("unexpected modules value {other}"),
    };
    let entries: Vec<String> = Module::ALL
        .iter()
        .filter(|m| !matches!(m, Module::Gate | Module::Context))
        .map(|m| {
            let on = names.contains(&m.as_str());
            let value = match (on, m.is_licensed()) {
                (false, _) => "false".to_owned(),
                (true, false) => "true".to_owned(),
                (true, true) => r#"{"permission": "Written permission on file (test)"}"#.to_owned(),
            };
            format!("\"{}\": {value}", m.as_str())
        })
        .collect();
    Some(format!("{{\"modules\": {{{}}}}}", entries.join(", ")))
}

/// Drives the widget through a vignette's answers; returns the level shown.
async fn drive(w: &Widget, name: &str, answers: &serde_json::Map<String, Value>) -> String {
    w.click("Start").await;
    let mut asked = 0;
    while let Some(id) = w.item() {
        asked += 1;
        assert!(asked <= ItemId::COUNT, "{name}: the flow does not end");
        let value = answers.get(&id).unwrap_or_else(|| {
            panic!("{name}: the widget asked {id}, which the vignette does not answer")
        });
        let entered = w.enter(value).await;
        w.move_on(entered).await;
        assert_ne!(
            w.item().as_deref(),
            Some(id.as_str()),
            "{name}: stuck on {id}"
        );
    }
    if w.h1() == "Check your answers" {
        w.click("See my result").await;
    }
    w.level()
        .unwrap_or_else(|| panic!("{name}: no result on screen ({})", w.h1()))
}

#[wasm_bindgen_test]
async fn the_result_on_screen_is_the_engine_level_for_every_vignette() {
    let mut driven = 0;
    for (file, text) in VIGNETTES {
        let v: Value = serde_json::from_str(text).unwrap();
        if v["flow"] != Value::Bool(true) {
            continue;
        }
        let answers = v["answers"].as_object().unwrap();
        let engine =
            assess(&Answers::from_json(&format!("{{\"answers\": {}}}", v["answers"])).unwrap());
        let expected = v["expect"]["level"].as_str().unwrap();
        assert_eq!(
            engine.level.as_str(),
            expected,
            "{file}: the engine and the file disagree"
        );

        let config = config_for(&v["modules"]);
        let w = Widget::mount(config.as_deref()).await;
        assert!(
            w.one("[data-testid=config-error]").is_none(),
            "{file}: {}",
            w.text()
        );
        let shown = drive(&w, file, answers).await;
        assert_eq!(shown, expected, "{file}");
        driven += 1;
    }
    assert!(
        driven >= 10,
        "only {driven} vignettes were driven through the UI"
    );
}

fn vignette(file: &str) -> Value {
    let (_, text) = VIGNETTES.iter().find(|(f, _)| *f == file).unwrap();
    serde_json::from_str(text).unwrap()
}

#[wasm_bindgen_test]
async fn the_clinic_call_to_action_appears_only_for_the_level_it_offers() {
    // The demo clinic offers IOP only.
    let iop = vignette("08-iop-severe-depression.json");
    let w = Widget::mount(Some(CLINIC)).await;
    assert_eq!(
        drive(&w, "iop", iop["answers"].as_object().unwrap()).await,
        "iop"
    );
    let offer = w
        .one("[data-testid=clinic-offer]")
        .expect("the clinic's offer");
    assert!(offer
        .text_content()
        .unwrap()
        .contains("Request an IOP assessment"));
    // The clinic's own answers next to the questions to ask any program.
    assert!(w.text().contains("CBT, DBT"));
    assert!(w.text().contains("8 in 10 finish the program"));
    // The contact page on the result too.
    assert!(w
        .all("a")
        .iter()
        .any(|a| a.get_attribute("href").as_deref() == Some("https://riverbend.example/contact")));
    drop(w);

    // PHP: the clinic does not offer it, so no call-to-action (never a lower level).
    let php = vignette("10-php-severe.json");
    let w = Widget::mount(Some(CLINIC)).await;
    assert_eq!(
        drive(&w, "php", php["answers"].as_object().unwrap()).await,
        "php"
    );
    assert!(w.one("[data-testid=clinic-offer]").is_none());
    assert!(w.one("[data-testid=generic-next]").is_some());
    assert!(!w.text().contains("Request an IOP assessment"));
}

#[wasm_bindgen_test]
async fn the_result_explains_every_fired_rule() {
    let v = vignette("11-e1-iop-to-php.json");
    let w = Widget::mount(None).await;
    drive(&w, "e1", v["answers"].as_object().unwrap()).await;
    let shown: Vec<String> = w
        .all("[data-rule]")
        .iter()
        .filter_map(|li| li.get_attribute("data-rule"))
        .collect();
    let fired: Vec<String> = v["expect"]["rules_fired"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(shown, fired);
}

#[wasm_bindgen_test]
async fn save_and_print_carry_the_same_summary() {
    use carestep_widget::summary::Summary;
    let v = vignette("08-iop-severe-depression.json");
    let answers = Answers::from_json(&format!("{{\"answers\": {}}}", v["answers"])).unwrap();
    let assessment = assess(&answers);
    // Administration order (the JSON map is read back sorted by key).
    let mut asked: Vec<ItemId> = v["answers"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| ItemId::parse(k).unwrap())
        .collect();
    asked.sort();
    let summary = Summary::new(&assessment, &answers, &asked, "1 January 2030".into());
    let text = summary.to_text();
    assert!(text.contains("1 January 2030"));
    assert!(text.contains(carestep_widget::messages::level_name(assessment.level)));
    for rule in &assessment.rules_fired {
        assert!(
            text.contains(&format!("[{}]", rule.as_str())),
            "{rule} missing"
        );
    }
    for id in &asked {
        assert!(
            text.contains(item(*id).text),
            "{id} missing from the saved copy"
        );
    }
    let phq = carestep_engine::instrument(carestep_engine::Instrument::Phq9);
    assert!(text.contains(phq.attribution.unwrap()));
    assert!(text.contains("not a diagnosis"));

    // The printed page (the result screen under the print stylesheet) lists the same answers.
    let w = Widget::mount(None).await;
    drive(&w, "iop", v["answers"].as_object().unwrap()).await;
    let printed: Vec<String> = w
        .all(".cs-print-only li")
        .iter()
        .map(|li| li.text_content().unwrap())
        .collect();
    assert_eq!(printed.len(), summary.answers.len());
    for (line, row) in printed.iter().zip(&summary.answers) {
        assert!(
            line.starts_with(row.question) && line.ends_with(&row.answer),
            "{line}"
        );
    }
}

/// The crisis screen's first sentence and advice fit the crisis rule that fired (the
/// engine's first crisis rule in `rules_fired`), and nothing on it says the answers went
/// anywhere. One vignette per kind of crisis: emergency now (C1), the suicide screen
/// (C2–C4), harm to someone else (C5), a recent attempt (C6).
#[wasm_bindgen_test]
async fn the_crisis_screen_leads_with_the_rule_that_fired() {
    use carestep_engine::RuleId;
    use carestep_widget::messages as m;
    let cases = [
        ("14-crisis-emergency.json", RuleId::C1),
        ("15-crisis-asq-acute.json", RuleId::C4),
        ("18-crisis-harm-others.json", RuleId::C5),
        ("16-crisis-recent-attempt.json", RuleId::C6),
    ];
    let mut leads = Vec::new();
    for (file, rule) in cases {
        let v = vignette(file);
        let answers = Answers::from_json(&format!("{{\"answers\": {}}}", v["answers"])).unwrap();
        let first = assess(&answers)
            .rules_fired
            .into_iter()
            .find(|r| r.is_crisis());
        assert_eq!(first, Some(rule), "{file}: the engine's first crisis rule");

        let w = Widget::mount(config_for(&v["modules"]).as_deref()).await;
        let level = drive(&w, file, v["answers"].as_object().unwrap()).await;
        assert_eq!(level, "crisis_now", "{file}");
        let lead = w
            .one("[data-testid=level]")
            .and_then(|p| p.text_content())
            .unwrap_or_default();
        assert_eq!(lead, m::crisis_lead(rule), "{file}");
        let text = w.text();
        assert!(text.contains(m::crisis_advice(rule)), "{file}: {text}");
        if matches!(rule, RuleId::C5 | RuleId::C6) {
            assert!(!text.contains("hurt yourself"), "{file}: {text}");
        }
        // What 988 is, with the US numbers of the default configuration.
        assert!(text.contains(m::CRISIS_988_IS), "{file}");
        for words in ["tell us", "told us", "sent to", "shared with"] {
            assert!(!text.contains(words), "{file}: \"{words}\" in {text}");
        }
        // Call 988 and Text 988 have the same weight: the same classes.
        let class = |href: &str| {
            w.one(&format!(".cs-crisis-numbers a[href=\"{href}\"]"))
                .unwrap_or_else(|| panic!("{file}: no {href} button"))
                .class_name()
        };
        assert_eq!(class("tel:988"), class("sms:988"));
        leads.push(lead);
    }
    leads.dedup();
    assert_eq!(leads.len(), 4, "four different leads: {leads:?}");
}

/// The result keeps the level, the next step, the notes and the reasons unfolded, folds
/// the rest in native `<details>`, links every phone number in its notes, and says before
/// Save where the file will stay.
#[wasm_bindgen_test]
async fn the_result_folds_the_rest_and_links_the_numbers_in_its_notes() {
    let v = vignette("13-outpatient-unsafe-home.json");
    let w = Widget::mount(None).await;
    drive(&w, "home", v["answers"].as_object().unwrap()).await;
    let folds = w.all("details");
    assert!(folds.len() >= 3, "{} folds", folds.len());
    for fold in &folds {
        assert!(!fold.has_attribute("open"), "folded at first");
        let summary = fold.first_element_child().unwrap();
        assert_eq!(summary.tag_name(), "SUMMARY");
    }
    for visible in [
        "[data-testid=level]",
        "[data-testid=next-step]",
        "[data-testid=reasons]",
        ".cs-flags",
    ] {
        let element = w.one(visible).unwrap_or_else(|| panic!("no {visible}"));
        assert!(
            element.closest("details").unwrap().is_none(),
            "{visible} is folded"
        );
    }
    let hrefs: Vec<String> = w
        .all(".cs-flags a")
        .iter()
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    for href in ["tel:18007997233", "sms:88788", "tel:988", "sms:988"] {
        assert!(hrefs.iter().any(|h| h == href), "no {href} in {hrefs:?}");
    }
    // The line about the saved file comes before the Save button.
    let text = w.text();
    let line = text
        .find(carestep_widget::messages::SAVE_STAYS)
        .expect("the save line");
    let save = text.find("Save a copy").unwrap();
    assert!(line < save);
}

/// Issue 14: each reason's evidence is what made the rule fire (the engine's witnesses),
/// not everything the rule reads — in the IOP vignette, I1 fired on the PHQ-9 total and
/// the difficulty answer, so the anxiety score (GAD-7 0) is not shown as its evidence.
#[wasm_bindgen_test]
async fn evidence_is_what_made_each_rule_fire() {
    use carestep_widget::summary::Summary;
    let v = vignette("08-iop-severe-depression.json");
    let answers = Answers::from_json(&format!("{{\"answers\": {}}}", v["answers"])).unwrap();
    let assessment = assess(&answers);
    let summary = Summary::new(&assessment, &answers, &[], String::new());
    let i1 = summary
        .reasons
        .iter()
        .find(|r| r.rule.as_str() == "I1")
        .expect("I1 fired");
    let witnesses = carestep_engine::witnesses(i1.rule, &answers);
    assert!(!witnesses.is_empty());
    // One line per witnessed score and answer, nothing else.
    assert_eq!(
        i1.evidence.len(),
        witnesses.scores.len() + witnesses.summaries.len() + witnesses.items.len(),
        "{:?}",
        i1.evidence
    );
    assert!(
        i1.evidence.iter().any(|e| e.contains("PHQ-9")),
        "{:?}",
        i1.evidence
    );
    assert!(
        !i1.evidence.iter().any(|e| e.contains("GAD-7")),
        "{:?}",
        i1.evidence
    );
    // RuleId::inputs lists the anxiety score too: the evidence used to show it.
    assert!(i1
        .rule
        .inputs()
        .scores
        .contains(&carestep_engine::ScoreKind::Gad7));
}

/// Issue 14: progress shows the part with the count, and a one-line heads-up comes before
/// the suicide questions, on the first question of that part only.
#[wasm_bindgen_test]
async fn progress_names_the_part_and_a_heads_up_precedes_the_suicide_questions() {
    let w = started().await;
    // started() has answered the two gate questions: the first PHQ-9 question opens part 2.
    let first = carestep_engine::part_of(carestep_engine::ItemId::Phq9_1);
    let progress = w.one(".cs-progress").unwrap().text_content().unwrap();
    assert!(progress.starts_with("Part 2 of "), "{progress}");
    assert!(
        progress.contains(&format!("· {} · Question 3 of about", first.name)),
        "{progress}"
    );
    // Answer until the first ASQ question.
    for _ in 0..40 {
        if w.item().as_deref() == Some("asq.1") {
            break;
        }
        w.answer_code(0).await;
    }
    assert_eq!(w.item().as_deref(), Some("asq.1"));
    let part = carestep_engine::part_of(carestep_engine::ItemId::Asq1);
    let heads_up = w
        .one(".cs-heads-up")
        .expect("a heads-up before the suicide questions");
    assert_eq!(heads_up.text_content().as_deref(), part.heads_up);
    let progress = w.one(".cs-progress").unwrap().text_content().unwrap();
    assert!(
        progress.contains(&format!("· {} ·", part.name)),
        "{progress}"
    );
    // The next question of the same part has no heads-up.
    w.answer_code(0).await;
    assert_eq!(w.item().as_deref(), Some("asq.2"));
    assert!(w.one(".cs-heads-up").is_none());
}
