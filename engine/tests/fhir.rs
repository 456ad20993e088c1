//! The FHIR export (issue 13 item 4): a table, written here again from the
//! sources (HL7 PCO IG Questionnaire-PHQ9.json and Questionnaire-GAD7.json,
//! US Core Questionnaire-AUDIT-C.json and its Observation examples), holds
//! each LOINC code to its item, answer, panel and total; every other item
//! and answer carries its CareStep code; and the bundle says what the
//! engine says (answers, totals, level, rules, flags). Schema validation
//! with the official FHIR R4 JSON Schema is in fhir/ (npm test).

use carestep_engine::fhir::{
    answer_coding, bundle, form_panel, item_coding, score_codings, CS_ANSWER, CS_ITEM, CS_LEVEL,
    CS_RULE, LOINC,
};
use carestep_engine::{assess, questionnaire, AnswerKind, Answers, Date, ItemId, Response};
use serde_json::{json, Value};

use ItemId::*;

/// (item, LOINC item code, LOINC answer codes for codes 0, 1, 2, …)
const PHQ_FREQ: [&str; 4] = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];
const TABLE: &[(ItemId, &str, &[&str])] = &[
    (Phq9_1, "44250-9", &PHQ_FREQ),
    (Phq9_2, "44255-8", &PHQ_FREQ),
    (Phq9_3, "44259-0", &PHQ_FREQ),
    (Phq9_4, "44254-1", &PHQ_FREQ),
    (Phq9_5, "44251-7", &PHQ_FREQ),
    (Phq9_6, "44258-2", &PHQ_FREQ),
    (Phq9_7, "44252-5", &PHQ_FREQ),
    (Phq9_8, "44253-3", &PHQ_FREQ),
    (Phq9_9, "44260-8", &PHQ_FREQ),
    (
        Phq9_10,
        "69722-7",
        &["LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"],
    ),
    (Gad7_1, "69725-0", &PHQ_FREQ),
    (
        Gad7_2,
        "68509-9",
        &["LA6568-5", "LA6569-3", "LA18938-3", "LA6571-9"],
    ),
    (Gad7_3, "69733-4", &PHQ_FREQ),
    (Gad7_4, "69734-2", &PHQ_FREQ),
    (Gad7_5, "69735-9", &PHQ_FREQ),
    (Gad7_6, "69689-8", &PHQ_FREQ),
    (Gad7_7, "69736-7", &PHQ_FREQ),
    (
        Audit2,
        "68519-8",
        &[
            "LA15694-5",
            "LA15695-2",
            "LA18930-0",
            "LA18931-8",
            "LA18932-6",
        ],
    ),
    (
        Audit3,
        "68520-6",
        &[
            "LA6270-8",
            "LA18933-4",
            "LA18876-5",
            "LA18891-4",
            "LA18934-2",
        ],
    ),
    // loinc.org/72110-0: the items are LOINC's, their answers were not
    // confirmed (CareStep answer codes).
    (Audit1, "68518-0", &[]),
    (Audit4, "97734-8", &[]),
    (Audit5, "97735-5", &[]),
    (Audit6, "97736-3", &[]),
    (Audit7, "97737-1", &[]),
    (Audit8, "97738-9", &[]),
    (Audit9, "97739-7", &[]),
    (Audit10, "97740-5", &[]),
];

/// Each option: the item's own answer system, the numeric code and the
/// verbatim label.
fn carestep_answers(item: &carestep_engine::Item) {
    if let AnswerKind::Choices(cs) = item.answer {
        for c in cs {
            let a = answer_coding(item.id, u64::from(c.code)).unwrap();
            assert_eq!(a.system, format!("{CS_ANSWER}{}", item.id));
            assert_eq!(a.code, c.code.to_string());
            assert_eq!(a.display.as_deref(), Some(c.label));
        }
    }
}

#[test]
fn each_loinc_code_belongs_to_its_item() {
    for item in questionnaire() {
        let coding = item_coding(item.id);
        match TABLE.iter().find(|(id, _, _)| *id == item.id) {
            Some((_, code, answers)) => {
                assert_eq!(
                    (coding.system.as_str(), coding.code.as_str()),
                    (LOINC, *code),
                    "{}",
                    item.id
                );
                let AnswerKind::Choices(cs) = item.answer else {
                    panic!("{} is a choice item", item.id)
                };
                if answers.is_empty() {
                    carestep_answers(item);
                    continue;
                }
                assert_eq!(cs.len(), answers.len(), "{}", item.id);
                for c in cs {
                    let a = answer_coding(item.id, u64::from(c.code)).unwrap();
                    assert_eq!(
                        (a.system.as_str(), a.code.as_str()),
                        (LOINC, answers[usize::from(c.code)]),
                        "{} = {}",
                        item.id,
                        c.code
                    );
                }
            }
            None => {
                // Everything else: the CareStep item code and answers.
                assert_eq!(coding.system, CS_ITEM, "{}", item.id);
                assert_eq!(coding.code, item.id.as_str());
                carestep_answers(item);
            }
        }
    }
    // Not an option: no coding.
    assert_eq!(answer_coding(Phq9_1, 4), None);
    assert_eq!(answer_coding(NidaSq1, 1), None);
}

#[test]
fn panels_and_totals() {
    for (form, panel) in [
        ("phq9", Some("44249-1")),
        ("gad7", Some("69737-5")),
        ("auditc", Some("72109-2")),
        ("audit", Some("72110-0")),
        ("pcptsd5", None),
        ("asq", None),
        ("context", None),
    ] {
        assert_eq!(form_panel(form).map(|c| c.code), panel.map(str::to_string));
    }
    for (score, loinc) in [
        ("phq9", Some("44261-6")),
        ("gad7", Some("70274-6")),
        ("auditc", Some("75626-2")),
        ("phq2", None),
        ("pcptsd5", None),
        ("audit", Some("75624-7")),
        ("dast10", None),
        ("k6", None),
    ] {
        let codes = score_codings(score);
        let got = codes
            .iter()
            .find(|c| c.system == LOINC)
            .map(|c| c.code.as_str());
        assert_eq!(got, loinc, "{score}");
        // The CareStep code is always there.
        assert!(codes.iter().any(|c| c.code == score && c.system != LOINC));
    }
}

fn answers(pairs: &[(ItemId, Response)]) -> Answers {
    let mut a = Answers::new();
    for &(id, r) in pairs {
        a.set(id, r).unwrap();
    }
    a
}

fn resources<'a>(b: &'a Value, kind: &str) -> Vec<&'a Value> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn the_bundle_says_what_the_engine_says() {
    use Response::{Declined, Value as V};
    let mut pairs = vec![(CtxAdult, V(0)), (CtxEmergency, V(0))];
    for (i, id) in [
        Phq9_1, Phq9_2, Phq9_3, Phq9_4, Phq9_5, Phq9_6, Phq9_7, Phq9_8, Phq9_9,
    ]
    .into_iter()
    .enumerate()
    {
        pairs.push((id, V(if i < 4 { 3 } else { 0 })));
    }
    pairs.extend([
        (Phq9_10, V(2)),
        (Gad7_2, V(2)),
        (Gad7_1, Declined),
        (Gad7_3, V(0)),
        (Gad7_4, V(0)),
        (Gad7_5, V(0)),
        (Gad7_6, V(0)),
        (Gad7_7, V(0)),
        (Asq1, V(1)),
        (NidaSq1, V(u64::MAX)),
    ]);
    let a = answers(&pairs);
    let date = Date::new(2026, 12, 5).unwrap();
    let b = bundle(&a, date);
    assert_eq!(b["type"], "collection");

    // One response per form answered, each item answered once.
    let responses = resources(&b, "QuestionnaireResponse");
    let forms: Vec<&str> = responses
        .iter()
        .map(|r| r["questionnaire"].as_str().unwrap())
        .collect();
    assert_eq!(
        forms,
        [
            "urn:carestep:questionnaire:gate|0.2",
            "urn:carestep:questionnaire:phq9|0.2",
            "urn:carestep:questionnaire:gad7|0.2",
            "urn:carestep:questionnaire:asq|0.2",
            "urn:carestep:questionnaire:nida_sq|0.2",
        ]
    );
    let answered: usize = responses
        .iter()
        .map(|r| r["item"].as_array().unwrap().len())
        .sum();
    assert_eq!(answered, a.iter().count());
    let item = |link: &str| {
        responses
            .iter()
            .flat_map(|r| r["item"].as_array().unwrap())
            .find(|i| i["linkId"] == link)
            .unwrap()
            .clone()
    };
    assert_eq!(
        item("phq9.1")["answer"][0]["valueCoding"],
        json!({"system": LOINC, "code": "LA6571-9", "display": "Nearly every day"})
    );
    assert_eq!(
        item("phq9.10")["answer"][0]["valueCoding"]["code"],
        "LA6575-0"
    );
    assert_eq!(
        item("gad7.2")["answer"][0]["valueCoding"]["code"],
        "LA18938-3"
    );
    assert_eq!(
        item("gad7.1")["answer"][0]["valueCoding"]["code"],
        "asked-declined"
    );
    assert_eq!(
        item("asq.1")["answer"][0]["valueCoding"],
        json!({"system": "urn:carestep:codesystem:answer:asq.1", "code": "1", "display": "Yes"})
    );
    assert_eq!(
        item("nida_sq.1")["answer"][0],
        json!({"valueDecimal": u64::MAX})
    );
    assert_eq!(
        item("phq9.9")["text"],
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    );

    // The totals and the level are the engine's.
    let result = assess(&a);
    let observations = resources(&b, "Observation");
    let phq9 = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "44261-6")
        .unwrap();
    assert_eq!(
        phq9["valueInteger"],
        json!(result.scores.phq9.unwrap().total.unwrap())
    );
    assert_eq!(phq9["interpretation"][0]["coding"][0]["code"], "moderate");
    let gad7 = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "70274-6")
        .unwrap();
    assert_eq!(gad7["valueInteger"], 2);
    assert!(gad7["note"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Incomplete"));
    let level = observations
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "level")
        .unwrap();
    assert_eq!(
        level["valueCodeableConcept"]["coding"][0],
        json!({"system": CS_LEVEL, "code": result.level.as_str(), "display": "Outpatient"})
    );
    let rules: Vec<&str> = level["component"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["code"]["coding"][0]["system"] == CS_RULE)
        .map(|c| c["code"]["coding"][0]["code"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = result.rules_fired.iter().map(|r| r.as_str()).collect();
    assert_eq!(rules, want);
    assert_eq!(
        level["component"].as_array().unwrap().len(),
        result.rules_fired.len() + result.flags.len()
    );
    // Every reference is to a response in the bundle.
    let urls: Vec<&Value> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["fullUrl"])
        .collect();
    for o in &observations {
        for r in o["derivedFrom"].as_array().unwrap() {
            assert!(urls.contains(&&r["reference"]), "{r}");
        }
    }
    // Nothing that identifies the person: no subject, no identifiers.
    let text = b.to_string();
    assert!(!text.contains("\"subject\"") && !text.contains("\"identifier\""));
    // The same input gives the same bundle; another date another one.
    assert_eq!(bundle(&a, date), b);
    assert_ne!(bundle(&a, Date::new(2026, 12, 6).unwrap()), b);
}

#[test]
fn a_full_audit_is_its_own_form_and_an_audit_c_is_the_loinc_panel() {
    use Response::Value as V;
    let date = Date::FIRST;
    let c_only = answers(&[(Audit1, V(2)), (Audit2, V(1)), (Audit3, V(1))]);
    let b = bundle(&c_only, date);
    let q = resources(&b, "Questionnaire");
    assert_eq!(q[0]["url"], "urn:carestep:questionnaire:auditc");
    assert_eq!(q[0]["code"][0]["code"], "72109-2");
    assert_eq!(q[0]["item"].as_array().unwrap().len(), 3);
    let full = answers(&[
        (Audit1, V(2)),
        (Audit2, V(1)),
        (Audit3, V(1)),
        (Audit4, V(0)),
    ]);
    let b = bundle(&full, date);
    let q = resources(&b, "Questionnaire");
    assert_eq!(q[0]["url"], "urn:carestep:questionnaire:audit");
    assert_eq!(q[0]["code"][0]["code"], "72110-0");
    assert_eq!(q[0]["item"].as_array().unwrap().len(), 10);
    // The AUDIT-C total keeps its LOINC code, from the AUDIT's response.
    let o = resources(&b, "Observation");
    assert!(o
        .iter()
        .any(|o| o["code"]["coding"][0]["code"] == "75626-2" && o["valueInteger"] == 4));
}

#[test]
fn an_empty_answer_set_still_gives_a_level() {
    let b = bundle(&Answers::new(), Date::FIRST);
    let entries = b["entry"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["resource"]["valueCodeableConcept"]["coding"][0]["code"],
        "self_care"
    );
}
