//! FHIR R4 export of one person's answers: a `Bundle` of type `collection`
//! the clinic can file in its record. JSON only, built with serde_json; no
//! FHIR library, no server, no network.
//!
//! The bundle holds, in this order:
//! * one `Questionnaire` per form answered (its items with their codes and
//!   answer options), so a receiver can render the responses without
//!   fetching anything;
//! * one `QuestionnaireResponse` per form answered (status `completed`,
//!   `questionnaire` = that Questionnaire's canonical URL and version, the
//!   date as `authored`, each answered item with `linkId` = the CareStep item
//!   id, the verbatim item text and the answer as a `valueCoding`; a count
//!   is a `valueInteger`, a declined item the HL7 data-absent-reason code
//!   `asked-declined`);
//! * one `Observation` per score (status `final`, category `survey`: a
//!   total as `valueInteger`, or a screen result as `valueCodeableConcept`;
//!   the band as `interpretation`; `derivedFrom` its QuestionnaireResponse);
//! * one `Observation` for the suggested level of care, with every fired
//!   rule and every flag as a `component` (`valueBoolean` true), derived
//!   from all the responses. The level, its reasons and flags are one
//!   judgement of the whole answer set, so they are one resource; a rule
//!   or flag has no meaning apart from the level it explains.
//!
//! A form is an instrument, except that the AUDIT is the AUDIT-C form (LOINC
//! panel 72109-2, items 1–3) unless one of audit.4–10 was answered, when it
//! is the full AUDIT (panel 72110-0, items 1–10).
//!
//! Codes: LOINC where LOINC has the code and a published source (an HL7
//! example or LOINC's own page) confirms it (table below), otherwise the
//! CareStep code systems (URNs, so nothing implies a resolvable host; see
//! docs/handoff-and-fhir.md):
//! [`CS_ITEM`], [`CS_ANSWER`]`<item id>`, [`CS_SCORE`], [`CS_BAND`],
//! [`CS_LEVEL`], [`CS_RULE`], [`CS_FLAG`], [`CS_RESULT`], and Questionnaire
//! URLs under [`QUESTIONNAIRE_URL`]. Resource ids and `fullUrl`s are
//! `urn:uuid:`s derived from the answers and date, so the same input always
//! gives the same bundle.

use serde_json::{json, Map, Value};

use crate::answers::{Answers, Response};
use crate::handoff::Date;
use crate::ids::ItemId;
use crate::questionnaire::{instrument, item, questionnaire, AnswerKind, Instrument};
use crate::rules::{assess, Level};
use crate::MODEL_VERSION;

/// LOINC's code system URL.
pub const LOINC: &str = "http://loinc.org";
/// CareStep item codes: the item id, e.g. `asq.1`.
pub const CS_ITEM: &str = "urn:carestep:codesystem:item";
/// CareStep answer codes: this prefix plus the item id is the system, the
/// item's numeric code (`docs/methodology.md`, Instruments) is the code.
pub const CS_ANSWER: &str = "urn:carestep:codesystem:answer:";
/// CareStep score codes: the `carestep score` `scores` key, e.g. `pcptsd5`.
pub const CS_SCORE: &str = "urn:carestep:codesystem:score";
/// CareStep band codes: the `carestep score` band name, e.g. `moderately_severe`.
pub const CS_BAND: &str = "urn:carestep:codesystem:band";
/// CareStep levels of care: the `carestep score` level, e.g. `iop`.
pub const CS_LEVEL: &str = "urn:carestep:codesystem:level";
/// CareStep rules: the rule id (`docs/methodology.md#rules`), e.g. `O1`.
pub const CS_RULE: &str = "urn:carestep:codesystem:rule";
/// CareStep flags: the `carestep score` flag name, e.g. `show_988`.
pub const CS_FLAG: &str = "urn:carestep:codesystem:flag";
/// CareStep result codes: `level` (the suggested level of care).
pub const CS_RESULT: &str = "urn:carestep:codesystem:result";
/// A form's Questionnaire URL is this prefix plus the form key, e.g.
/// `urn:carestep:questionnaire:phq9`, version [`MODEL_VERSION`].
pub const QUESTIONNAIRE_URL: &str = "urn:carestep:questionnaire:";

const DATA_ABSENT: &str = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

/// One coding: system, code and (where the source gives one) display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coding {
    pub system: String,
    pub code: String,
    pub display: Option<String>,
}

impl Coding {
    fn new(system: &str, code: &str, display: Option<&str>) -> Coding {
        Coding {
            system: system.to_string(),
            code: code.to_string(),
            display: display.map(str::to_string),
        }
    }

    fn to_json(&self) -> Value {
        let mut c = Map::new();
        c.insert("system".into(), json!(self.system));
        c.insert("code".into(), json!(self.code));
        if let Some(d) = &self.display {
            c.insert("display".into(), json!(d));
        }
        Value::Object(c)
    }
}

// ---------------------------------------------------------------------------
// LOINC (confirmed codes only)
// ---------------------------------------------------------------------------
//
// Sources, each code checked against them:
// * PHQ-9 panel, items, answers: HL7 PCO IG (github.com/HL7/pco-ig)
//   input/resources/questionnaire/Questionnaire-PHQ9.json; displays from
//   HL7 US Core (github.com/HL7/US-Core) input/examples/
//   Observation-PHQ9-item-example-<code>.json and
//   Observation-PHQ9-panel-example-44249-1.json.
// * PHQ-9 total 44261-6: US Core Observation-PHQ9-item-example-44261-6.json;
//   PCO IG input/fsh/PROMTerminology.fsh.
// * GAD-7 panel, items, answers (item 2's answer list has LA18938-3 "More
//   days than not" for code 2): PCO IG
//   input/resources/questionnaire/Questionnaire-GAD7.json (item codes
//   without displays there, so none here).
// * GAD-7 total 70274-6: PCO IG input/fsh/PROMExamples.fsh and
//   PROMTerminology.fsh.
// * AUDIT-C panel 72109-2, items 2 and 3 (68519-8, 68520-6), their answers,
//   total 75626-2: US Core input/examples/Questionnaire-AUDIT-C.json and
//   Observation-AUDIT-C-panel-example-72109-2.json; loinc.org/75626-2
//   (member of panel 72109-2).
// * AUDIT item 1 68518-0, items 4–10 97734-8 … 97740-5 (with their LOINC
//   names as displays), panel 72110-0: LOINC's own panel page,
//   loinc.org/72110-0 (panel hierarchy); AUDIT total 75624-7:
//   loinc.org/75624-7 (member of panel 72110-0). (US Core's AUDIT-C example
//   codes its first item 68517-2, a different question, so it is not
//   followed.) The answer codes of items 1 and 4–10 were not confirmed:
//   those answers carry CareStep codes.
//
// Not confirmed from a published source, so CareStep codes are used
// instead: the PC-PTSD-5 panel, items and total (102010-6 …: no HL7 example
// or LOINC page found), DAST-10, PHQ-2, GAD-2, K6, MDQ, WSAS, C-SSRS, the
// NIDA single question; ASQ and the context questions have no LOINC codes.

/// PHQ-9 and GAD-7 frequency answers, codes 0–3.
const FREQ: [(&str, &str); 4] = [
    ("LA6568-5", "Not at all"),
    ("LA6569-3", "Several days"),
    ("LA6570-1", "More than half the days"),
    ("LA6571-9", "Nearly every day"),
];
/// GAD-7 item 2 (68509-9): its LOINC answer list says "More days than not".
const FREQ_GAD7_2: [(&str, &str); 4] = [
    FREQ[0],
    FREQ[1],
    ("LA18938-3", "More days than not"),
    FREQ[3],
];
/// PHQ-9 item 10 (69722-7), codes 0–3.
const DIFFICULTY: [(&str, &str); 4] = [
    ("LA6572-7", "Not difficult at all"),
    ("LA6573-5", "Somewhat difficult"),
    ("LA6575-0", "Very difficult"),
    ("LA6574-3", "Extremely difficult"),
];
/// AUDIT-C item 2 (68519-8), codes 0–4.
const AUDIT_2: [(&str, &str); 5] = [
    ("LA15694-5", "1 or 2"),
    ("LA15695-2", "3 or 4"),
    ("LA18930-0", "5 or 6"),
    ("LA18931-8", "7 to 9"),
    ("LA18932-6", "10 or more"),
];
/// AUDIT-C item 3 (68520-6), codes 0–4.
const AUDIT_3: [(&str, &str); 5] = [
    ("LA6270-8", "Never"),
    ("LA18933-4", "Less than monthly"),
    ("LA18876-5", "Monthly"),
    ("LA18891-4", "Weekly"),
    ("LA18934-2", "Daily or almost daily"),
];

/// An item's LOINC code, its display (where the source gives one) and its
/// answer list (indexed by the item's numeric code).
type LoincItem = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, &'static str)],
);

/// The LOINC code of an item, where confirmed.
fn loinc_item(id: ItemId) -> Option<LoincItem> {
    use ItemId::*;
    Some(match id {
        Phq9_1 => ("44250-9", Some("Little interest or pleasure in doing things in last 2 weeks"), &FREQ),
        Phq9_2 => ("44255-8", Some("Feeling down, depressed, or hopeless in last 2 weeks"), &FREQ),
        Phq9_3 => ("44259-0", Some("Trouble falling or staying asleep, or sleeping too much in last 2 weeks [Reported.PHQ]"), &FREQ),
        Phq9_4 => ("44254-1", Some("Feeling tired or having little energy in last 2 weeks [Reported.PHQ]"), &FREQ),
        Phq9_5 => ("44251-7", Some("Poor appetite or overeating in last 2 weeks [Reported.PHQ]"), &FREQ),
        Phq9_6 => ("44258-2", Some("Feeling bad about yourself - or that you are a failure or have let yourself or your family down in last 2 weeks [Reported.PHQ]"), &FREQ),
        Phq9_7 => ("44252-5", Some("Trouble concentrating on things, such as reading the newspaper or watching television in last 2 weeks [Reported.PHQ]"), &FREQ),
        Phq9_8 => ("44253-3", Some("Moving or speaking so slowly that other people could have noticed. Or the opposite - being so fidgety or restless that you have been moving around a lot more than usual in last 2 weeks [Reported.PHQ]"), &FREQ),
        Phq9_9 => ("44260-8", Some("Thoughts that you would be better off dead, or of hurting yourself in some way in last 2 weeks [Reported.PHQ]"), &FREQ),
        Phq9_10 => ("69722-7", Some("How difficult have these made it for you to do your work, take care of things at home, or get along with other people [Reported.PHQ]"), &DIFFICULTY),
        Gad7_1 => ("69725-0", None, &FREQ),
        Gad7_2 => ("68509-9", None, &FREQ_GAD7_2),
        Gad7_3 => ("69733-4", None, &FREQ),
        Gad7_4 => ("69734-2", None, &FREQ),
        Gad7_5 => ("69735-9", None, &FREQ),
        Gad7_6 => ("69689-8", None, &FREQ),
        Gad7_7 => ("69736-7", None, &FREQ),
        Audit1 => ("68518-0", Some("How often do you have a drink containing alcohol?"), &[]),
        Audit2 => ("68519-8", Some("How many standard drinks containing alcohol do you have on a typical day"), &AUDIT_2),
        Audit3 => ("68520-6", Some("How often do you have 6 or more drinks on 1 occasion"), &AUDIT_3),
        Audit4 => ("97734-8", Some("During the past year, how often have you found that you were not able to stop drinking once you had started?"), &[]),
        Audit5 => ("97735-5", Some("During the past year, how often have you failed to do what was normally expected of you because of drinking?"), &[]),
        Audit6 => ("97736-3", Some("During the past year, how often have you needed a drink in the morning to get yourself going after a heavy drinking session?"), &[]),
        Audit7 => ("97737-1", Some("During the past year, how often have you had a feeling of guilt or remorse after drinking?"), &[]),
        Audit8 => ("97738-9", Some("During the past year, how often have you been unable to remember what happened the night before because you had been drinking?"), &[]),
        Audit9 => ("97739-7", Some("Have you or someone else been injured as a result of your drinking?"), &[]),
        Audit10 => ("97740-5", Some("Has a relative or friend, doctor or other health worker been concerned about your drinking or suggested you cut down?"), &[]),
        _ => return None,
    })
}

/// The code of an item: LOINC where confirmed, else `CS_ITEM` + item id.
pub fn item_coding(id: ItemId) -> Coding {
    match loinc_item(id) {
        Some((code, display, _)) => Coding::new(LOINC, code, display),
        None => Coding::new(CS_ITEM, id.as_str(), None),
    }
}

/// The code of an answer: LOINC where confirmed, else `CS_ANSWER<item id>`
/// with the numeric code and the option's label. `None` for a value that
/// is not one of the item's options (and for counts).
pub fn answer_coding(id: ItemId, value: u64) -> Option<Coding> {
    let AnswerKind::Choices(cs) = item(id).answer else {
        return None;
    };
    let choice = cs.iter().find(|c| u64::from(c.code) == value)?;
    if let Some((_, _, answers)) = loinc_item(id) {
        if let Some(&(code, display)) = answers.get(value as usize) {
            return Some(Coding::new(LOINC, code, Some(display)));
        }
    }
    Some(Coding::new(
        &format!("{CS_ANSWER}{id}"),
        &choice.code.to_string(),
        Some(choice.label),
    ))
}

/// The LOINC panel of a form, where confirmed.
pub fn form_panel(form: &str) -> Option<Coding> {
    let (code, display) = match form {
        "phq9" => (
            "44249-1",
            "PHQ-9 quick depression assessment panel [Reported.PHQ]",
        ),
        "gad7" => ("69737-5", "Generalized anxiety disorder 7 item (GAD-7)"),
        "auditc" => (
            "72109-2",
            "Alcohol Use Disorder Identification Test - Consumption [AUDIT-C]",
        ),
        "audit" => (
            "72110-0",
            "Alcohol Use Disorder Identification Test [AUDIT]",
        ),
        _ => return None,
    };
    Some(Coding::new(LOINC, code, Some(display)))
}

/// The codes of a score (the `carestep score` `scores` key): LOINC first where
/// confirmed, then always the CareStep code.
pub fn score_codings(key: &str) -> Vec<Coding> {
    let loinc = match key {
        "phq9" => Some((
            "44261-6",
            "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]",
        )),
        "gad7" => Some((
            "70274-6",
            "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]",
        )),
        "auditc" => Some(("75626-2", "Total score [AUDIT-C]")),
        "audit" => Some(("75624-7", "Total score [AUDIT]")),
        _ => None,
    };
    let mut out: Vec<Coding> = loinc
        .map(|(c, d)| Coding::new(LOINC, c, Some(d)))
        .into_iter()
        .collect();
    out.push(Coding::new(CS_SCORE, key, Some(score_title(key))));
    out
}

fn score_title(key: &str) -> &'static str {
    match key {
        "phq9" => "PHQ-9 total score",
        "phq2" => "PHQ-2 total score",
        "gad7" => "GAD-7 total score",
        "gad2" => "GAD-2 total score",
        "pcptsd5" => "PC-PTSD-5 total score",
        "auditc" => "AUDIT-C total score",
        "audit" => "AUDIT total score",
        "nida_sq" => "NIDA single question screen result",
        "dast10" => "DAST-10 total score",
        "asq" => "ASQ screen result",
        "cssrs" => "C-SSRS screener risk",
        "mdq" => "MDQ item 1 yes count",
        "wsas" => "WSAS total score",
        "k6" => "K6 total score",
        _ => "CareStep score",
    }
}

fn level_title(level: Level) -> &'static str {
    match level {
        Level::SelfCare => "Self-care",
        Level::Outpatient => "Outpatient",
        Level::Iop => "Intensive outpatient program (IOP)",
        Level::Php => "Partial hospitalization program (PHP)",
        Level::Inpatient => "Inpatient",
        Level::CrisisNow => "Crisis: help now",
        Level::OutOfScope => "Out of scope (under 18)",
    }
}

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

/// A questionnaire as exported: key, title, items, instrument.
struct Form {
    key: String,
    title: String,
    instrument: Instrument,
    items: Vec<ItemId>,
}

fn instrument_key(i: Instrument) -> String {
    serde_json::to_value(i)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The forms with at least one answer (or declined item), in
/// administration order of their instruments.
fn forms(answers: &Answers) -> Vec<Form> {
    let full_audit = [
        ItemId::Audit4,
        ItemId::Audit5,
        ItemId::Audit6,
        ItemId::Audit7,
        ItemId::Audit8,
        ItemId::Audit9,
        ItemId::Audit10,
    ]
    .iter()
    .any(|&id| answers.get(id).is_some());
    let mut out = Vec::new();
    for &i in Instrument::ALL {
        let mut items: Vec<ItemId> = questionnaire()
            .iter()
            .filter(|it| it.instrument == i)
            .map(|it| it.id)
            .collect();
        if !items.iter().any(|&id| answers.get(id).is_some()) {
            continue;
        }
        let (key, title) = match i {
            Instrument::Audit if !full_audit => {
                items.retain(|&id| matches!(id, ItemId::Audit1 | ItemId::Audit2 | ItemId::Audit3));
                ("auditc".to_string(), "AUDIT-C".to_string())
            }
            _ => (instrument_key(i), instrument(i).name.to_string()),
        };
        out.push(Form {
            key,
            title,
            instrument: i,
            items,
        });
    }
    out
}

// ---------------------------------------------------------------------------
// The bundle
// ---------------------------------------------------------------------------

/// A stable pseudo-random UUID (version 8, RFC 9562) from a text: two
/// FNV-1a 64-bit hashes.
fn uuid(seed: &str) -> String {
    let fnv = |basis: u64| {
        seed.bytes().fold(basis, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
        })
    };
    let hi = fnv(0xCBF2_9CE4_8422_2325);
    let lo = fnv(0x6C62_272E_07BB_0142) ^ hi.rotate_left(29);
    let hi = (hi & !0xF000) | 0x8000; // version 8
    let lo = (lo & !(0xC << 60)) | (0x8 << 60); // variant 10
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

fn entry(id: &str, resource: Value) -> Value {
    json!({ "fullUrl": format!("urn:uuid:{id}"), "resource": resource })
}

fn codeable(codings: &[Coding], text: Option<&str>) -> Value {
    let mut c = Map::new();
    c.insert(
        "coding".into(),
        Value::Array(codings.iter().map(Coding::to_json).collect()),
    );
    if let Some(t) = text {
        c.insert("text".into(), json!(t));
    }
    Value::Object(c)
}

fn questionnaire_resource(id: &str, form: &Form) -> Value {
    let info = instrument(form.instrument);
    let items: Vec<Value> = form
        .items
        .iter()
        .map(|&item_id| {
            let it = item(item_id);
            let mut q = Map::new();
            q.insert("linkId".into(), json!(item_id.as_str()));
            q.insert("code".into(), json!([item_coding(item_id).to_json()]));
            if let Some(prefix) = it.stem {
                q.insert("prefix".into(), json!(prefix));
            }
            q.insert("text".into(), json!(it.text));
            match it.answer {
                AnswerKind::Choices(cs) => {
                    q.insert("type".into(), json!("choice"));
                    let options: Vec<Value> = cs
                        .iter()
                        .filter_map(|c| answer_coding(item_id, u64::from(c.code)))
                        .map(|c| json!({ "valueCoding": c.to_json() }))
                        .collect();
                    q.insert("answerOption".into(), Value::Array(options));
                }
                AnswerKind::Count => {
                    q.insert("type".into(), json!("integer"));
                }
            }
            Value::Object(q)
        })
        .collect();
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("Questionnaire"));
    r.insert("id".into(), json!(id));
    r.insert(
        "url".into(),
        json!(format!("{QUESTIONNAIRE_URL}{}", form.key)),
    );
    r.insert("version".into(), json!(MODEL_VERSION));
    r.insert(
        "name".into(),
        json!(format!(
            "CareStep{}",
            form.title
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        )),
    );
    r.insert("title".into(), json!(format!("{} (CareStep)", form.title)));
    r.insert("status".into(), json!("active"));
    if let Some(panel) = form_panel(&form.key) {
        r.insert("code".into(), json!([panel.to_json()]));
    }
    if let Some(intro) = info.intro {
        r.insert("description".into(), json!(intro));
    }
    if let Some(attribution) = info.attribution {
        r.insert("copyright".into(), json!(attribution));
    }
    r.insert("item".into(), Value::Array(items));
    Value::Object(r)
}

fn answer_json(id: ItemId, r: Response) -> Value {
    match (r, item(id).answer) {
        (Response::Declined, _) => json!({
            "valueCoding": {
                "system": DATA_ABSENT,
                "code": "asked-declined",
                "display": "Asked But Declined"
            }
        }),
        (Response::Value(v), AnswerKind::Count) => match i32::try_from(v) {
            Ok(n) => json!({ "valueInteger": n }),
            // FHIR integers are 32-bit; a larger count is a decimal.
            Err(_) => json!({ "valueDecimal": v }),
        },
        (Response::Value(v), AnswerKind::Choices(_)) => match answer_coding(id, v) {
            Some(c) => json!({ "valueCoding": c.to_json() }),
            None => json!({ "valueInteger": v }),
        },
    }
}

fn response_resource(id: &str, form: &Form, answers: &Answers, date: Date) -> Value {
    let items: Vec<Value> = form
        .items
        .iter()
        .filter_map(|&item_id| {
            let r = answers.get(item_id)?;
            Some(json!({
                "linkId": item_id.as_str(),
                "text": item(item_id).text,
                "answer": [answer_json(item_id, r)],
            }))
        })
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": id,
        "questionnaire": format!("{QUESTIONNAIRE_URL}{}|{MODEL_VERSION}", form.key),
        "status": "completed",
        "authored": date.to_string(),
        "item": items,
    })
}

/// One score, flattened from the `carestep score` output.
struct ScoreEntry {
    key: String,
    total: Option<u64>,
    band: Option<String>,
    complete: Option<bool>,
}

fn score_entries(scores: &Value) -> Vec<ScoreEntry> {
    let Some(map) = scores.as_object() else {
        return Vec::new();
    };
    // `carestep score`'s keys in administration order (the map itself is sorted).
    const ORDER: [&str; 14] = [
        "phq9", "phq2", "gad7", "gad2", "k6", "asq", "cssrs", "pcptsd5", "mdq", "auditc", "audit",
        "nida_sq", "dast10", "wsas",
    ];
    let rank = |k: &str| ORDER.iter().position(|&o| o == k).unwrap_or(ORDER.len());
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by_key(|k| rank(k));
    keys.into_iter()
        .map(|key| (key, &map[key]))
        .map(|(key, s)| ScoreEntry {
            key: key.clone(),
            total: s
                .get("total")
                .or_else(|| s.get("item1_yes_count"))
                .and_then(Value::as_u64),
            band: s.get("band").and_then(Value::as_str).map(str::to_string),
            complete: s.get("complete").and_then(Value::as_bool),
        })
        .collect()
}

/// Which form a score is computed from.
fn score_form(key: &str) -> &str {
    match key {
        "phq2" => "phq9",
        "gad2" => "gad7",
        "auditc" => "auditc",
        other => other,
    }
}

fn category() -> Value {
    json!([{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey" }] }])
}

/// The FHIR R4 Bundle (type `collection`) of an answer set on a date; see
/// the module documentation for what it holds.
pub fn bundle(answers: &Answers, date: Date) -> Value {
    let seed = format!("{date}|{}", answers.to_json());
    let id_of = |kind: &str, key: &str| uuid(&format!("{seed}|{kind}|{key}"));
    let forms = forms(answers);
    let mut entries = Vec::new();
    for form in &forms {
        let id = id_of("Questionnaire", &form.key);
        entries.push(entry(&id, questionnaire_resource(&id, form)));
    }
    let mut response_ref = std::collections::BTreeMap::new();
    for form in &forms {
        let id = id_of("QuestionnaireResponse", &form.key);
        response_ref.insert(form.key.clone(), format!("urn:uuid:{id}"));
        entries.push(entry(&id, response_resource(&id, form, answers, date)));
    }
    let result = assess(answers);
    let scores = serde_json::to_value(result.scores).unwrap_or(Value::Null);
    for s in score_entries(&scores) {
        let id = id_of("Observation", &s.key);
        let form = match s.key.as_str() {
            // The AUDIT-C total of a full AUDIT comes from the AUDIT form.
            "auditc" if response_ref.contains_key("audit") => "audit",
            k => score_form(k),
        };
        let mut o = Map::new();
        o.insert("resourceType".into(), json!("Observation"));
        o.insert("id".into(), json!(id));
        o.insert("status".into(), json!("final"));
        o.insert("category".into(), category());
        o.insert(
            "code".into(),
            codeable(&score_codings(&s.key), Some(score_title(&s.key))),
        );
        o.insert("effectiveDateTime".into(), json!(date.to_string()));
        let band = s
            .band
            .as_ref()
            .map(|b| codeable(&[Coding::new(CS_BAND, b, None)], None));
        match (s.total, &band) {
            (Some(total), _) => {
                o.insert("valueInteger".into(), json!(total));
            }
            (None, Some(b)) => {
                o.insert("valueCodeableConcept".into(), b.clone());
            }
            (None, None) => {
                o.insert(
                    "dataAbsentReason".into(),
                    json!({ "coding": [{ "system": DATA_ABSENT, "code": "asked-declined", "display": "Asked But Declined" }] }),
                );
            }
        }
        if let (Some(_), Some(b)) = (s.total, band) {
            o.insert("interpretation".into(), json!([b]));
        }
        if s.complete == Some(false) {
            o.insert(
                "note".into(),
                json!([{ "text": "Incomplete: items were declined. With one declined item the total is the sum of the answered items; with more, no total is given (docs/methodology.md#declined-and-missing)." }]),
            );
        }
        if let Some(r) = response_ref.get(form) {
            o.insert("derivedFrom".into(), json!([{ "reference": r }]));
        }
        entries.push(entry(&id, Value::Object(o)));
    }
    // The suggested level, its rules and flags.
    let id = id_of("Observation", "level");
    let mut components: Vec<Value> = result
        .rules_fired
        .iter()
        .map(|r| {
            json!({
                "code": { "coding": [{ "system": CS_RULE, "code": r.as_str(), "display": format!("CareStep rule {r} (docs/methodology.md#rule-{})", r.as_str().to_ascii_lowercase()) }] },
                "valueBoolean": true,
            })
        })
        .collect();
    components.extend(result.flags.iter().map(|f| {
        json!({
            "code": { "coding": [{ "system": CS_FLAG, "code": f.as_str() }] },
            "valueBoolean": true,
        })
    }));
    let mut level = json!({
        "resourceType": "Observation",
        "id": id,
        "status": "final",
        "category": category(),
        "code": { "coding": [{ "system": CS_RESULT, "code": "level", "display": "CareStep suggested level of care" }], "text": "Suggested level of care (CareStep)" },
        "effectiveDateTime": date.to_string(),
        "valueCodeableConcept": { "coding": [{ "system": CS_LEVEL, "code": result.level.as_str(), "display": level_title(result.level) }] },
        "method": { "text": format!("CareStep clinical model {MODEL_VERSION}: transparent rules (docs/methodology.md); a suggestion for a clinician, not a diagnosis") },
    });
    if !components.is_empty() {
        level["component"] = Value::Array(components);
    }
    if !response_ref.is_empty() {
        level["derivedFrom"] = Value::Array(
            response_ref
                .values()
                .map(|r| json!({ "reference": r }))
                .collect(),
        );
    }
    entries.push(entry(&id, level));
    json!({
        "resourceType": "Bundle",
        "id": uuid(&format!("{seed}|Bundle")),
        "type": "collection",
        "entry": entries,
    })
}

/// [`bundle`] as pretty-printed JSON with a final newline.
pub fn bundle_json(answers: &Answers, date: Date) -> String {
    serde_json::to_string_pretty(&bundle(answers, date)).unwrap_or_default() + "\n"
}
