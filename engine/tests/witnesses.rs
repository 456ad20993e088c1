//! Witnesses ([`carestep_engine::witnesses`], [`explain`]): for every fired
//! rule, the parts of its condition that held and the scores and answers
//! they test. Checked here on sampled answer sets (the module-wise generator
//! of `tests/rule_inputs.rs`, so that thresholds are crossed often), against
//! [`assess`] and the engine's own scores; nothing here restates a
//! threshold.
//!
//! For every answer set `a` and every rule R that [`assess`] fires:
//!
//! * **Fired exactly.** [`explain`] lists the rules of `rules_fired`, in
//!   that order, each with at least one witness, and `witnesses(R, a)` is
//!   the same list; a rule that did not fire has none.
//! * **(a) True.** Every witness part holds on `a` (on its answer, or on the
//!   `carestep score` score computed from `a`).
//! * **(b) Each one matters.** Setting a witness's subject to its lowest
//!   value (an answer to its least severe code; a score's answers, all of
//!   them, to theirs) makes that part false.
//! * **Enough.** Lowering every answer that is not behind a witness (the
//!   gate `ctx.adult` is left alone) leaves R fired: the witnesses alone
//!   satisfy the condition, so no AND lost a conjunct's witness.
//! * **All of them.** Lowering every answer behind R's witnesses at once
//!   turns R off: no OR left a true disjunct out (a true disjunct without a
//!   witness would keep R fired).
//! * **Read.** Every witness is an input the rule reads
//!   ([`RuleId::inputs`]; for E1, an input of the H/P/I/O rule that set the
//!   clinical level), so the witnesses are a subset of the evidence table.
//!
//! "Lowest" follows the severity order of methodology.md#final-level (DAST-10 item 3 reversed);
//! a declined answer is lowered to the least severe code too.

use carestep_engine::rules::{RuleInputs, ScoreKind};
use carestep_engine::scores::score;
use carestep_engine::{
    assess, explain, questionnaire, witnesses, Answers, Item, ItemId, Response, RuleId, Subject,
};
mod common;
use common::{answer_set, severity_order};
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Lowering
// ---------------------------------------------------------------------------

fn least_severe(item: &Item) -> u64 {
    severity_order(item)[0]
}

/// The items behind a witness: its answer, or every item of its score's
/// instrument.
fn behind(subject: Subject) -> Vec<ItemId> {
    match subject {
        Subject::Item(id) => vec![id],
        Subject::Score(kind) => items_of(kind).collect(),
    }
}

fn items_of(kind: ScoreKind) -> impl Iterator<Item = ItemId> {
    questionnaire()
        .iter()
        .filter(move |i| i.instrument == kind.instrument())
        .map(|i| i.id)
}

/// `a` with the answers to `ids` (those present) set to their least severe
/// codes.
fn lowered(a: &Answers, ids: impl IntoIterator<Item = ItemId>) -> Answers {
    let mut b = a.clone();
    for id in ids {
        if b.get(id).is_some() {
            let it = &questionnaire()[id.index()];
            b.set(id, Response::Value(least_severe(it))).unwrap();
        }
    }
    b
}

fn read_by(inputs: RuleInputs, subject: Subject) -> bool {
    match subject {
        Subject::Score(k) => inputs.scores.contains(&k),
        // A listed score's answers are read too (O12 reads declined ones).
        Subject::Item(id) => {
            inputs.items.contains(&id)
                || inputs.scores.iter().any(|&k| items_of(k).any(|i| i == id))
        }
    }
}

fn check(a: &Answers) -> Result<(), TestCaseError> {
    let result = assess(a);
    let explained = explain(a);
    let rules: Vec<RuleId> = explained.iter().map(|(r, _)| *r).collect();
    prop_assert_eq!(&rules, &result.rules_fired, "explain lists the fired rules");
    for r in RuleId::ALL {
        let w = witnesses(r, a);
        prop_assert_eq!(w.is_empty(), !result.fired(r), "{}: witnesses iff fired", r);
    }
    let s = score(a);
    for (rule, w) in &explained {
        let rule = *rule;
        prop_assert!(!w.is_empty(), "{} fired without a witness", rule);
        prop_assert_eq!(w, &witnesses(rule, a));
        for part in &w.parts {
            // (a) the witness holds.
            prop_assert!(
                part.holds(a, &s),
                "{}: witness {:?} does not hold",
                rule,
                part
            );
            // (b) lowering it falsifies its part.
            let b = lowered(a, behind(part.subject));
            prop_assert!(
                !part.holds(&b, &score(&b)),
                "{}: witness {:?} still holds when lowered",
                rule,
                part
            );
            // Read: the witness is one of the rule's inputs.
            let read = if rule == RuleId::E1 {
                read_by(rule.inputs(), part.subject)
                    || result
                        .rules_fired
                        .iter()
                        .filter(|r| !r.is_crisis() && r.floor().is_some())
                        .any(|r| read_by(r.inputs(), part.subject))
            } else {
                read_by(rule.inputs(), part.subject)
            };
            prop_assert!(read, "{}: witness {:?} is not an input", rule, part);
        }
        // The shape the widget uses lists each tested subject once.
        for part in &w.parts {
            match part.subject {
                Subject::Score(k) => prop_assert!(w.scores.contains(&k)),
                Subject::Item(id) => prop_assert!(w.items.contains(&id)),
            }
        }
        prop_assert_eq!(
            w.scores.len() + w.items.len(),
            w.parts
                .iter()
                .map(|p| p.subject)
                .collect::<std::collections::HashSet<_>>()
                .len()
        );
        // Enough: the witnesses alone keep the rule fired.
        let mut keep = [false; ItemId::COUNT];
        keep[ItemId::CtxAdult.index()] = true;
        for part in &w.parts {
            for id in behind(part.subject) {
                keep[id.index()] = true;
            }
        }
        let rest = ItemId::ALL.into_iter().filter(|id| !keep[id.index()]);
        let only = lowered(a, rest);
        prop_assert!(
            assess(&only).fired(rule),
            "{}: the witnesses {:?} alone do not fire it",
            rule,
            w.parts
        );
        // All of them: lowering every witness turns the rule off.
        let all = lowered(a, w.parts.iter().flat_map(|p| behind(p.subject)));
        prop_assert!(
            !assess(&all).fired(rule),
            "{}: still fires with every witness {:?} lowered",
            rule,
            w.parts
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn witnesses_hold_matter_and_suffice(a in answer_set()) {
        check(&a)?;
    }
}

/// Every rule is seen firing (with its witnesses checked) in a fixed sample,
/// so the property above is not vacuous for any rule.
#[test]
fn every_rule_is_exercised() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen = [false; RuleId::COUNT];
    for _ in 0..20_000 {
        let a = answer_set().new_tree(&mut runner).unwrap().current();
        for (r, _) in explain(&a) {
            if !seen[r as usize] {
                seen[r as usize] = true;
                check(&a).unwrap();
            }
        }
        if seen.iter().all(|&s| s) {
            return;
        }
    }
    let missing: Vec<_> = RuleId::ALL
        .into_iter()
        .filter(|r| !seen[*r as usize])
        .collect();
    panic!("never fired: {missing:?}");
}

/// The vignettes' witnesses pass the same checks.
#[test]
fn vignettes() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vignettes");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let v: serde_json::Value = serde_json::from_str(&text).unwrap();
            let input = serde_json::json!({ "answers": v["answers"] }).to_string();
            let a = Answers::from_json(&input).unwrap();
            check(&a).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            n += 1;
        }
    }
    assert!(n >= 40, "{n} vignettes");
}
