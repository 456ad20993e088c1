//! The length the start screen states ([`estimate`]) is held to journeys
//! walked through the real flow ([`next_step`]), with the model of
//! `src/estimate.rs` ([`journey_time`]):
//!
//! * the default deployment's all-"0" journey and every default-deployment
//!   vignette that reaches the check page (`"flow": true`; typical visitors,
//!   self-care to inpatient) ask a number of questions inside
//!   `questions_min..=questions_max`, and their modelled time, at the fast
//!   and at the slow end, lies inside the stated minutes
//!   (`minutes_min..=minutes_max`);
//! * random journeys in random deployments (answers drawn per question as
//!   the flow asks them, stopping at the crisis screen) stay inside
//!   `questions_min..=questions_max` and `minutes_min..=minutes_longest`
//!   when they reach the check page, so the shortest and longest paths the
//!   estimate finds really are the extremes;
//! * the typical count is what the progress shows on the first question.
//!
//! Nothing here restates a number: every bound comes from `estimate`, every
//! journey from the flow.

use std::path::Path;

use carestep_engine::estimate::walk_with;
use carestep_engine::{
    estimate, journey_time, next_step, progress, questionnaire, AnswerKind, Answers, ItemId,
    Module, ModuleSet, Response, Step,
};
use proptest::prelude::*;
use serde_json::{json, Value};

fn within(name: &str, path: &[ItemId], modules: &ModuleSet, longest: bool) {
    let e = estimate(modules);
    let t = journey_time(path);
    let max_minutes = if longest {
        e.minutes_longest
    } else {
        e.minutes_max
    };
    assert!(
        (e.questions_min..=e.questions_max).contains(&t.questions),
        "{name}: {} questions, outside {}..={}",
        t.questions,
        e.questions_min,
        e.questions_max
    );
    for seconds in [t.seconds_fast, t.seconds_slow] {
        assert!(
            seconds >= e.minutes_min * 60 && seconds <= max_minutes * 60,
            "{name}: {seconds} s ({} words, {} questions) outside {}..={} minutes",
            t.words,
            t.questions,
            e.minutes_min,
            max_minutes
        );
    }
}

#[test]
fn the_all_zero_journey_fits_the_default_estimate() {
    let d = ModuleSet::default_deployment();
    let asked = walk_with(&d, |id| {
        let item = &questionnaire()[id.index()];
        Response::Value(match item.answer {
            AnswerKind::Choices(cs) if !item.answer.accepts(0) => u64::from(cs[0].code),
            _ => 0,
        })
    });
    within("all 0", &asked, &d, false);
}

#[test]
fn the_vignette_journeys_fit_the_default_estimate() {
    let d = ModuleSet::default_deployment();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let file = entry.unwrap().path();
        if file.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        if v["flow"] != json!(true) || v["modules"] != json!("default") {
            continue;
        }
        let answers = Answers::from_json(&json!({ "answers": v["answers"] }).to_string()).unwrap();
        if next_step(&answers, &d) != Step::Review {
            continue; // the crisis screen or out of scope: not a full journey
        }
        // The questions asked, in the order the flow asks them.
        let asked = walk_with(&d, |id| answers.get(id).unwrap());
        within(&file.display().to_string(), &asked, &d, false);
        n += 1;
    }
    assert!(
        n >= 20,
        "only {n} full default journeys among the vignettes"
    );
}

#[test]
fn the_typical_count_is_the_first_progress() {
    for modules in [
        ModuleSet::default_deployment(),
        ModuleSet::all(),
        ModuleSet::minimal(),
    ] {
        let e = estimate(&modules);
        let p = progress(&Answers::new(), &modules, ItemId::CtxAdult);
        assert_eq!(p.about_total, e.questions);
        assert!(e.questions_min <= e.questions && e.questions <= e.questions_max);
        assert!(e.minutes_min <= e.minutes_max && e.minutes_max <= e.minutes_longest);
        assert!(e.words > 0);
    }
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Any journey that reaches the check page is inside the extremes.
    #[test]
    fn random_journeys_stay_inside_the_extremes(
        modules in prop_oneof![Just(ModuleSet::default_deployment()), module_set()],
        rolls in prop::collection::vec(any::<u32>(), ItemId::COUNT),
    ) {
        let mut answers = Answers::new();
        let mut asked = Vec::new();
        for roll in &rolls {
            let Step::Ask(id) = next_step(&answers, &modules) else { break };
            let item = &questionnaire()[id.index()];
            let r = match (roll % 10, item.answer) {
                (0, _) => Response::Declined,
                (_, AnswerKind::Count) => Response::Value(u64::from(roll % 4)),
                // Mostly the lowest codes, as most visitors answer most questions.
                (1..=5, AnswerKind::Choices(cs)) => Response::Value(u64::from(cs.iter().map(|c| c.code).min().unwrap())),
                (_, AnswerKind::Choices(cs)) => Response::Value(u64::from(cs[(*roll as usize / 10) % cs.len()].code)),
            };
            answers.set(id, r).unwrap();
            // Journeys that meet the crisis screen or leave as under 18 are
            // not full journeys: answer that question with its lowest code.
            if matches!(next_step(&answers, &modules), Step::Crisis | Step::OutOfScope) {
                let lowest = match item.answer {
                    AnswerKind::Choices(cs) if id == ItemId::CtxAdult => u64::from(cs[0].code),
                    AnswerKind::Choices(cs) => u64::from(cs.iter().map(|c| c.code).min().unwrap()),
                    AnswerKind::Count => 0,
                };
                answers.set(id, Response::Value(lowest)).unwrap();
            }
            asked.push(id);
        }
        prop_assert_eq!(next_step(&answers, &modules), Step::Review);
        let e = estimate(&modules);
        let t = journey_time(&asked);
        prop_assert!((e.questions_min..=e.questions_max).contains(&t.questions),
            "{} questions outside {:?}", t.questions, e);
        prop_assert!(t.seconds_fast >= e.minutes_min * 60, "{:?} {:?}", t, e);
        prop_assert!(t.seconds_slow <= e.minutes_longest * 60, "{:?} {:?}", t, e);
    }
}
