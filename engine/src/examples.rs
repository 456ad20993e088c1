//! Example answer sets, one per level of care: what the set-up page's live preview shows a
//! clinic ("your IOP program, on an IOP result"). They are never a visitor's answers.
//!
//! Each example is a short list of answers that differ from code 0 ("Not at all", "No",
//! "Never", …); [`example`] walks the real flow ([`next_step`]) and answers every other
//! question it asks with code 0, so skip logic and the crisis interrupt apply exactly as for
//! a visitor. The tests hold each example to its level under the default deployment (the
//! same answers as the engine's vignettes 01, 07, 08, 10, 12 and 14); with other modules the
//! preview shows whatever the engine decides for those answers.

use crate::{item, next_step, AnswerKind, Answers, ItemId, Level, ModuleSet, Response, Step};
use ItemId::*;

/// Phq9_1 … Phq9_10 and Gad7_1 … Gad7_7 codes of the PHP vignette (10-php-severe).
const SEVERE: [(ItemId, u8); 16] = [
    (Phq9_1, 3),
    (Phq9_2, 3),
    (Phq9_3, 3),
    (Phq9_4, 3),
    (Phq9_5, 3),
    (Phq9_6, 2),
    (Phq9_7, 2),
    (Phq9_8, 1),
    (Phq9_10, 3),
    (Gad7_1, 3),
    (Gad7_2, 3),
    (Gad7_3, 3),
    (Gad7_4, 3),
    (Gad7_5, 2),
    (Gad7_6, 1),
    (Gad7_7, 1),
];

/// The answers that differ from code 0 in the example for `level`, or `None`
/// for a level that has no example (out of scope).
fn overrides(level: Level) -> Option<Vec<(ItemId, u8)>> {
    Some(match level {
        Level::SelfCare => vec![],
        // 07-phq9-10-outpatient: PHQ-9 = 10, moderate (O1).
        Level::Outpatient => vec![
            (Phq9_1, 2),
            (Phq9_2, 2),
            (Phq9_3, 2),
            (Phq9_4, 1),
            (Phq9_5, 1),
            (Phq9_6, 1),
            (Phq9_7, 1),
            (Phq9_10, 1),
        ],
        // 08-iop-severe-depression: PHQ-9 = 15 and "very difficult" (I1).
        Level::Iop => vec![
            (Phq9_1, 2),
            (Phq9_2, 2),
            (Phq9_3, 2),
            (Phq9_4, 2),
            (Phq9_5, 2),
            (Phq9_6, 2),
            (Phq9_7, 2),
            (Phq9_8, 1),
            (Phq9_10, 2),
        ],
        Level::Php => SEVERE.to_vec(),
        // 12-e1-php-to-inpatient: the PHP answers, home not safe and unable to attend (E1).
        Level::Inpatient => {
            let mut answers = SEVERE.to_vec();
            answers.extend([(CtxHomeSafe, 2), (CtxAttend, 1)]);
            answers
        }
        // 14-crisis-emergency: "in danger right now" (C1).
        Level::CrisisNow => vec![(CtxEmergency, 1)],
        Level::OutOfScope => return None,
    })
}

/// The example answers for `level` under `modules`: the flow is walked to its end (the
/// check page) or to the crisis screen, answering each question asked with the example's
/// code, or else 0.
pub fn example(level: Level, modules: &ModuleSet) -> Option<Answers> {
    let overrides = overrides(level)?;
    let mut answers = Answers::new();
    // Every question is answered at most once, so the walk ends within one pass.
    for _ in 0..ItemId::ALL.len() {
        let Step::Ask(id) = next_step(&answers, modules) else {
            break;
        };
        let code = match overrides.iter().find(|(item_id, _)| *item_id == id) {
            Some((_, code)) => u64::from(*code),
            // Code 0 is "No" / "Not at all" / "never" throughout (as in the vignettes).
            None if item(id).answer.accepts(0) => 0,
            None => match item(id).answer {
                AnswerKind::Choices(choices) => u64::from(choices[0].code),
                AnswerKind::Count => 0,
            },
        };
        answers.set(id, Response::Value(code)).ok()?;
    }
    Some(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess;

    #[test]
    fn each_example_reaches_its_level_in_the_default_deployment() {
        let modules = ModuleSet::default_deployment();
        for level in Level::ALL {
            let Some(answers) = example(level, &modules) else {
                assert_eq!(level, Level::OutOfScope);
                continue;
            };
            assert_eq!(assess(&answers).level, level, "example for {level}");
            let end = next_step(&answers, &modules);
            let expected = if level == Level::CrisisNow {
                Step::Crisis
            } else {
                Step::Review
            };
            assert_eq!(
                end, expected,
                "the walk for {level} ends where a visitor would"
            );
        }
    }
}
