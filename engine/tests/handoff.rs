//! The handoff code (issue 13 item 1): every answer set the flow can
//! produce round-trips; every single-item change of a base set round-trips
//! (or, off the path, is refused by the encoder); damaged codes — any one
//! changed character, any swapped neighbours, any dropped character, any
//! truncation — are rejected; the vignettes round-trip; and the code's
//! length for a typical default journey and the worst case, with the QR
//! version it needs.

use std::path::{Path, PathBuf};

use carestep_engine::handoff::{decode, encode, PREFIX};
use carestep_engine::{
    deployment_items, path, questionnaire, AnswerKind, Answers, Date, Handoff, HandoffError, Item,
    ItemId, Module, ModuleSet, Response,
};
use proptest::prelude::*;
use serde_json::{json, Value};

const ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn date() -> Date {
    Date::new(2026, 12, 5).unwrap()
}

// ---------------------------------------------------------------------------
// Answer sets along the flow
// ---------------------------------------------------------------------------

fn codes(item: &Item) -> Vec<u64> {
    match item.answer {
        AnswerKind::Choices(cs) => cs.iter().map(|c| u64::from(c.code)).collect(),
        AnswerKind::Count => vec![],
    }
}

/// One item's answer if asked: absent (the journey stopped, or a crisis
/// interrupted it), declined or a valid code; counts small or any u64.
fn response(item: &'static Item) -> BoxedStrategy<Option<Response>> {
    let value: BoxedStrategy<u64> = match item.answer {
        AnswerKind::Choices(_) if item.id == ItemId::CtxAdult => {
            prop_oneof![9 => Just(0u64), 1 => Just(1u64)].boxed()
        }
        AnswerKind::Choices(_) => prop::sample::select(codes(item)).boxed(),
        AnswerKind::Count => prop_oneof![0u64..30, any::<u64>()].boxed(),
    };
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(Response::Declined)),
        8 => value.prop_map(|v| Some(Response::Value(v))),
    ]
    .boxed()
}

fn module_set() -> impl Strategy<Value = ModuleSet> {
    any::<u16>().prop_map(|bits| {
        Module::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .fold(ModuleSet::minimal(), |s, (_, &m)| s.with(m))
    })
}

/// Answers the flow can produce: each item is answered (from `wanted`) only
/// when the answers before it put it on the path, so follow-ups appear only
/// after their triggers; `stop` ends the journey early (a crisis screen).
fn along_flow(wanted: &[Option<Response>], modules: &ModuleSet, stop: usize) -> Answers {
    let mut a = Answers::new();
    let mut answered = 0;
    for (item, r) in questionnaire().iter().zip(wanted) {
        if answered >= stop {
            break;
        }
        if let Some(r) = r {
            if path(&a, modules).contains(&item.id) {
                a.set(item.id, *r).expect("strategy yields valid codes");
                answered += 1;
            }
        }
    }
    a
}

fn flow_answer_set() -> impl Strategy<Value = (Answers, ModuleSet)> {
    let per_item: Vec<_> = questionnaire().iter().map(response).collect();
    (
        per_item,
        module_set(),
        prop_oneof![3 => Just(usize::MAX), 1 => 0usize..60],
    )
        .prop_map(|(wanted, modules, stop)| (along_flow(&wanted, &modules, stop), modules))
}

fn round_trip(a: &Answers, modules: &ModuleSet, date: Date) -> Result<String, String> {
    let code = encode(a, modules, date).map_err(|e| e.to_string())?;
    let back = decode(&code).map_err(|e| format!("{code}: {e}"))?;
    let want = Handoff {
        answers: a.clone(),
        modules: *modules,
        date,
    };
    if back != want {
        return Err(format!("{code} decoded to {back:?}, not {want:?}"));
    }
    Ok(code)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Every answer set the flow can produce round-trips, in every
    /// deployment and on any day a code can hold.
    #[test]
    fn every_flow_answer_set_round_trips(
        (a, modules) in flow_answer_set(),
        days in 0u16..=u16::MAX,
    ) {
        let date = Date::from_unix_days(10_957 + i64::from(days)).unwrap();
        prop_assert!(path(&a, &modules).len() >= a.iter().count());
        let code = round_trip(&a, &modules, date).map_err(TestCaseError::fail)?;
        prop_assert!(code.starts_with(PREFIX));
        // The forgiving reader: lower case, spaces, O for 0, I and L for 1.
        let typed: String = code
            .chars()
            .map(|c| match c {
                '-' => ' ',
                '0' => 'o',
                '1' => 'l',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        prop_assert_eq!(decode(&typed).unwrap().answers, a);
    }

    /// Arbitrary text never panics the reader, and what it accepts is a
    /// code the encoder writes (the same text, once normalised).
    #[test]
    fn arbitrary_text_never_panics(text in "(CS1-)?[0-9A-Za-z -]{0,60}") {
        if let Ok(h) = decode(&text) {
            let again = h.encode().unwrap();
            prop_assert_eq!(decode(&again).unwrap(), h);
        }
    }
}

// ---------------------------------------------------------------------------
// Vignettes
// ---------------------------------------------------------------------------

fn vignettes() -> Vec<(String, Value, Answers, ModuleSet)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vignettes exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
            let answers = Answers::from_json(&json!({ "answers": v["answers"] }).to_string())
                .expect("vignette answers are valid");
            let modules = match &v["modules"] {
                Value::String(s) if s == "default" => ModuleSet::default_deployment(),
                Value::String(s) if s == "all" => ModuleSet::all(),
                Value::Array(names) => names.iter().fold(ModuleSet::minimal(), |set, n| {
                    set.with(Module::parse(n.as_str().unwrap()).unwrap())
                }),
                other => panic!("bad modules {other}"),
            };
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            (name, v, answers, modules)
        })
        .collect()
}

/// Whether every answer is on the path (what the widget can produce).
fn on_path(a: &Answers, modules: &ModuleSet) -> bool {
    let p = path(a, modules);
    a.iter().all(|(id, _)| p.contains(&id))
}

#[test]
fn vignettes_round_trip() {
    let mut encoded = 0;
    for (name, v, answers, modules) in vignettes() {
        if v["flow"] == json!(true) {
            assert!(on_path(&answers, &modules), "{name}");
        }
        if on_path(&answers, &modules) {
            round_trip(&answers, &modules, date()).unwrap_or_else(|e| panic!("{name}: {e}"));
            encoded += 1;
        } else {
            // Hand-made sets the flow could not produce are refused.
            let e = encode(&answers, &modules, date()).unwrap_err();
            assert!(matches!(e, HandoffError::NotAsked { .. }), "{name}: {e}");
        }
    }
    assert!(encoded >= 65, "only {encoded} vignettes encoded");
}

// ---------------------------------------------------------------------------
// Every single-item change
// ---------------------------------------------------------------------------

/// Every response an item can have, and "not answered".
fn every_response(item: &Item) -> Vec<Option<Response>> {
    let mut out = vec![None, Some(Response::Declined)];
    match item.answer {
        AnswerKind::Choices(cs) => {
            out.extend(cs.iter().map(|c| Some(Response::Value(u64::from(c.code)))))
        }
        AnswerKind::Count => out.extend(
            [
                0,
                1,
                2,
                15,
                16,
                17,
                255,
                256,
                1 << 32,
                u64::MAX - 1,
                u64::MAX,
            ]
            .map(|v| Some(Response::Value(v))),
        ),
    }
    out
}

#[test]
fn every_single_item_change_round_trips() {
    let mut round_trips = 0u32;
    let mut refused = 0u32;
    for (name, v, base, modules) in vignettes() {
        if v["flow"] != json!(true) {
            continue;
        }
        for item in deployment_items(&modules) {
            for r in every_response(item) {
                let mut changed = base.clone();
                match r {
                    Some(r) => changed.set(item.id, r).unwrap(),
                    None => changed.remove(item.id),
                }
                if on_path(&changed, &modules) {
                    round_trip(&changed, &modules, date())
                        .unwrap_or_else(|e| panic!("{name}, {} = {r:?}: {e}", item.id));
                    round_trips += 1;
                } else {
                    // A changed trigger strands a follow-up (or the item is
                    // not asked): the encoder refuses, naming an item.
                    assert!(
                        matches!(
                            encode(&changed, &modules, date()),
                            Err(HandoffError::NotAsked { .. })
                        ),
                        "{name}, {} = {r:?}",
                        item.id
                    );
                    refused += 1;
                    // After the widget's prune it encodes.
                    carestep_engine::prune(&mut changed, &modules);
                    round_trip(&changed, &modules, date()).unwrap();
                }
            }
        }
    }
    println!("single-item changes: {round_trips} round-trip, {refused} refused until pruned");
    assert!(round_trips > 10_000, "{round_trips}");
}

// ---------------------------------------------------------------------------
// Damaged codes
// ---------------------------------------------------------------------------

/// A sample of codes: every encodable vignette, and long all-module ones.
fn sample_codes() -> Vec<(String, Handoff)> {
    let mut out = Vec::new();
    for (_, _, answers, modules) in vignettes() {
        if let Ok(code) = encode(&answers, &modules, date()) {
            out.push((
                code,
                Handoff {
                    answers,
                    modules,
                    date: date(),
                },
            ));
        }
    }
    let (answers, modules) = worst_case();
    let code = encode(&answers, &modules, Date::LAST).unwrap();
    out.push((
        code,
        Handoff {
            answers,
            modules,
            date: Date::LAST,
        },
    ));
    out
}

/// Asserts that a damaged code is rejected (never decodes to anything,
/// let alone to other answers).
fn assert_rejected(damaged: &str, original: &str, what: &str) {
    if let Ok(h) = decode(damaged) {
        panic!("{what}: {damaged} (from {original}) decoded to {h:?}");
    }
}

#[test]
fn every_changed_character_is_rejected() {
    let mut tried = 0u32;
    for (code, want) in sample_codes() {
        assert_eq!(decode(&code).unwrap(), want);
        let chars: Vec<char> = code.chars().collect();
        for i in 0..chars.len() {
            if chars[i] == '-' {
                continue;
            }
            for c in ALPHABET.chars().filter(|&c| c != chars[i]) {
                let mut damaged = chars.clone();
                damaged[i] = c;
                let damaged: String = damaged.into_iter().collect();
                assert_rejected(&damaged, &code, "one changed character");
                tried += 1;
            }
        }
    }
    println!("{tried} single-character changes rejected");
}

#[test]
fn every_swap_deletion_and_truncation_is_rejected() {
    let mut tried = 0u32;
    for (code, _) in sample_codes() {
        // The code's characters without the dashes, then grouped again.
        let plain: Vec<char> = code.chars().filter(|&c| c != '-').collect();
        let regroup = |cs: &[char]| cs.iter().collect::<String>();
        for i in 0..plain.len() - 1 {
            if plain[i] != plain[i + 1] {
                let mut swapped = plain.clone();
                swapped.swap(i, i + 1);
                assert_rejected(&regroup(&swapped), &code, "swapped neighbours");
                tried += 1;
            }
        }
        for i in 0..plain.len() {
            let mut dropped = plain.clone();
            dropped.remove(i);
            assert_rejected(&regroup(&dropped), &code, "one character dropped");
            tried += 1;
        }
        for len in 0..plain.len() {
            assert_rejected(&regroup(&plain[..len]), &code, "truncated");
            tried += 1;
        }
        // Truncated at a group boundary, as a reader who stops early would.
        let groups: Vec<&str> = code.split('-').collect();
        for n in 1..groups.len() {
            let cut = groups[..n].join("-");
            assert_eq!(
                decode(&cut).map(|_| ()),
                Err(HandoffError::Damaged),
                "{cut}"
            );
        }
    }
    println!("{tried} swaps, deletions and truncations rejected");
}

#[test]
fn a_damaged_code_says_so_in_one_line() {
    let (code, _) = &sample_codes()[0];
    let mut chars: Vec<char> = code.chars().collect();
    let last = chars.len() - 1;
    chars[last] = if chars[last] == 'Z' { 'Y' } else { 'Z' };
    let damaged: String = chars.into_iter().collect();
    assert_eq!(
        decode(&damaged).unwrap_err().to_string(),
        "the code is damaged or mistyped (its check does not match): compare every character with the original"
    );
}

// ---------------------------------------------------------------------------
// Length and QR version
// ---------------------------------------------------------------------------

/// QR code capacity in alphanumeric mode at error correction level M,
/// versions 1–10 (ISO/IEC 18004 capacity table).
const QR_ALNUM_M: [usize; 10] = [20, 38, 61, 90, 122, 154, 178, 221, 262, 311];

fn qr_version(len: usize) -> usize {
    QR_ALNUM_M
        .iter()
        .position(|&cap| len <= cap)
        .expect("fits version 10")
        + 1
}

/// The longest code: every module on except the C-SSRS (so the ASQ, its
/// follow-ups and ctx.attempt_3m are asked), every trigger opening its
/// follow-ups, every other answer the last option (the largest digit), and
/// the largest count.
fn worst_case() -> (Answers, ModuleSet) {
    let modules = ModuleSet::all().without(Module::SuicideCssrs);
    let mut a = Answers::new();
    for item in questionnaire() {
        if !path(&a, &modules).contains(&item.id) {
            continue;
        }
        let v = match (item.id, item.answer) {
            (_, AnswerKind::Count) => u64::MAX,
            (ItemId::CtxAdult, _) => 0,
            (ItemId::Asq4 | ItemId::Pcptsd5_0, _) => 1,
            (_, AnswerKind::Choices(cs)) => u64::from(cs[cs.len() - 1].code),
        };
        a.set(item.id, Response::Value(v)).unwrap();
    }
    (a, modules)
}

#[test]
fn code_lengths_and_qr_versions() {
    // Typical default journeys: the complete default-deployment vignettes.
    let mut lengths: Vec<usize> = vignettes()
        .into_iter()
        .filter(|(_, v, a, _)| v["modules"] == json!("default") && a.iter().count() >= 36)
        .filter_map(|(_, _, a, m)| encode(&a, &m, date()).ok())
        .map(|c| c.len())
        .collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    let (shortest, longest) = (lengths[0], lengths[lengths.len() - 1]);

    let (all_zero, d) = {
        let d = ModuleSet::default_deployment();
        let mut a = Answers::new();
        for item in questionnaire() {
            if path(&a, &d).contains(&item.id) {
                let v = if item.id == ItemId::CtxSex { 2 } else { 0 };
                a.set(item.id, Response::Value(v)).unwrap();
            }
        }
        (a, d)
    };
    let all_clear = encode(&all_zero, &d, date()).unwrap();

    let (worst, modules) = worst_case();
    let worst_code = encode(&worst, &modules, Date::LAST).unwrap();
    // No deployment can ask more: the path is every item its modules hold
    // apart from the C-SSRS, which replaces the ASQ.
    assert_eq!(
        path(&worst, &modules).len(),
        deployment_items(&modules).len()
    );
    let with_cssrs = {
        let m = ModuleSet::all();
        let mut a = Answers::new();
        for item in questionnaire() {
            if path(&a, &m).contains(&item.id) {
                let v = match (item.id, item.answer) {
                    (_, AnswerKind::Count) => u64::MAX,
                    (ItemId::CtxAdult, _) => 0,
                    (ItemId::Cssrs2 | ItemId::Cssrs6 | ItemId::Pcptsd5_0, _) => 1,
                    (_, AnswerKind::Choices(cs)) => u64::from(cs[cs.len() - 1].code),
                };
                a.set(item.id, Response::Value(v)).unwrap();
            }
        }
        encode(&a, &m, Date::LAST).unwrap()
    };
    println!("all modules (C-SSRS), maximal: {} chars", with_cssrs.len());
    println!(
        "all modules but C-SSRS (ASQ), maximal: {} chars",
        worst_code.len()
    );
    let worst_code = if with_cssrs.len() > worst_code.len() {
        with_cssrs
    } else {
        worst_code
    };

    println!(
        "all-clear default journey: {} chars: {all_clear}",
        all_clear.len()
    );
    println!(
        "complete default journeys (vignettes): {shortest}–{longest} chars, median {median} (QR {}-M)",
        qr_version(median)
    );
    println!(
        "worst case: {} chars (QR {}-M): {worst_code}",
        worst_code.len(),
        qr_version(worst_code.len())
    );
    println!(
        "worst case without dashes: {} chars (QR {}-M)",
        worst_code.replace('-', "").len(),
        qr_version(worst_code.replace('-', "").len())
    );
    // The claims of docs/handoff-and-fhir.md.
    assert!(longest <= 48, "typical default journey {longest} chars");
    assert_eq!(qr_version(longest), 3);
    assert!(
        worst_code.len() <= 93,
        "worst case {} chars",
        worst_code.len()
    );
    assert_eq!(qr_version(worst_code.len()), 5);
    assert_eq!(qr_version(worst_code.replace('-', "").len()), 4);
}
