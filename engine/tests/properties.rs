//! Property tests (proptest) for the promises of `docs/methodology.md#final-level`
//! and of the JSON contract: worse answers never lower the level; any crisis rule
//! gives crisis_now; every valid answer set gets a well-formed result; the
//! flow functions are total; the parser never panics on any input.

use carestep_engine::{
    assess, next_step, path, progress, prune, questionnaire, AnswerKind, Answers, Item, ItemId,
    Level, Module, ModuleSet, Response, RuleId, Step,
};
use proptest::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------

fn codes(item: &Item) -> Vec<u64> {
    match item.answer {
        AnswerKind::Choices(cs) => cs.iter().map(|c| u64::from(c.code)).collect(),
        AnswerKind::Count => vec![],
    }
}

/// One item's answer: absent, declined or a valid code. ctx.adult is
/// mostly "yes" so that most cases exercise the whole model.
fn response(item: &'static Item) -> BoxedStrategy<Option<Response>> {
    let value: BoxedStrategy<u64> = match item.answer {
        AnswerKind::Choices(_) if item.id == ItemId::CtxAdult => {
            prop_oneof![9 => Just(0u64), 1 => Just(1u64)].boxed()
        }
        AnswerKind::Choices(_) => prop::sample::select(codes(item)).boxed(),
        AnswerKind::Count => prop_oneof![0u64..30, any::<u64>()].boxed(),
    };
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(Response::Declined)),
        6 => value.prop_map(|v| Some(Response::Value(v))),
    ]
    .boxed()
}

fn answer_set() -> impl Strategy<Value = Answers> {
    let per_item: Vec<_> = questionnaire().iter().map(response).collect();
    per_item.prop_map(|rs| {
        let mut a = Answers::new();
        for (item, r) in questionnaire().iter().zip(rs) {
            if let Some(r) = r {
                a.set(item.id, r).expect("strategy yields valid codes");
            }
        }
        a
    })
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

/// Items whose codes are ordered by severity (methodology.md#final-level): everything except the
/// gate, sex and attendance questions.
fn severity_items() -> Vec<&'static Item> {
    questionnaire()
        .iter()
        .filter(|i| !matches!(i.id, ItemId::CtxAdult | ItemId::CtxSex | ItemId::CtxAttend))
        .collect()
}

/// The item's values from least to most severe (DAST-10 item 3 is reversed:
/// "no, I am not always able to stop" is worse).
fn severity_order(item: &Item) -> Vec<u64> {
    let mut c = codes(item);
    c.sort_unstable();
    if item.id == ItemId::Dast10_3 {
        c.reverse();
    }
    c
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        prop_oneof![Just("declined".to_string()), ".{0,8}"].prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        let key = prop_oneof![
            prop::sample::select(
                ItemId::ALL
                    .iter()
                    .map(|i| i.as_str().to_string())
                    .collect::<Vec<_>>()
            ),
            Just("answers".to_string()),
            ".{0,6}",
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// methodology.md#final-level restated: the level implied by a list of fired rules.
fn level_from_rules(rules: &[RuleId]) -> Level {
    if rules.iter().any(|r| r.is_crisis()) {
        return Level::CrisisNow;
    }
    let clinical = rules
        .iter()
        .filter_map(|r| r.floor())
        .max()
        .unwrap_or(Level::SelfCare);
    if rules.contains(&RuleId::E1) {
        match clinical {
            Level::Iop => Level::Php,
            Level::Php => Level::Inpatient,
            other => panic!("E1 fired at {other:?}"),
        }
    } else {
        clinical
    }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// methodology.md#final-level: making any single severity answer worse never lowers the
    /// level, and never removes a fired rule other than E1 (a step-up that
    /// is replaced by a higher floor).
    #[test]
    fn worse_answer_never_lowers_level(
        a in answer_set(),
        item_index in 0usize..1000,
        lo in 0usize..9,
        step in 1usize..9,
        count in 0u64..1000,
        bump in 1u64..1000,
    ) {
        let items = severity_items();
        let item = items[item_index % items.len()];
        let (low, high) = match item.answer {
            AnswerKind::Count => (count, count + bump),
            AnswerKind::Choices(_) => {
                let order = severity_order(item);
                let i = lo % (order.len() - 1);
                let j = (i + step).min(order.len() - 1);
                (order[i], order[j])
            }
        };
        let mut better = a.clone();
        better.set(item.id, Response::Value(low)).unwrap();
        let mut worse = a;
        worse.set(item.id, Response::Value(high)).unwrap();
        let rb = assess(&better);
        let rw = assess(&worse);
        prop_assert!(
            rw.level >= rb.level,
            "{}: {} → {} lowered {:?} to {:?}", item.id, low, high, rb.level, rw.level
        );
        for r in rb.rules_fired.iter().filter(|&&r| r != RuleId::E1) {
            prop_assert!(rw.rules_fired.contains(r), "{}: {} → {} removed {}", item.id, low, high, r);
        }
    }

    /// methodology.md#final-level: any crisis rule gives crisis_now, lists the rule, sets
    /// same-day contact, and interrupts the flow in every deployment.
    #[test]
    fn any_crisis_rule_gives_crisis_now(
        a in answer_set(),
        which in 0usize..6,
        modules in module_set(),
        adult in prop_oneof![Just(None), Just(Some(Response::Value(0))), Just(Some(Response::Declined))],
    ) {
        let mut a = a;
        match adult {
            None => a.remove(ItemId::CtxAdult),
            Some(r) => a.set(ItemId::CtxAdult, r).unwrap(),
        }
        let set = |a: &mut Answers, id, v| a.set(id, Response::Value(v)).unwrap();
        let rule = match which {
            0 => { set(&mut a, ItemId::CtxEmergency, 1); RuleId::C1 }
            1 => { set(&mut a, ItemId::Cssrs5, 1); RuleId::C2 }
            2 => { set(&mut a, ItemId::Cssrs6, 1); set(&mut a, ItemId::Cssrs6b, 1); RuleId::C3 }
            3 => { set(&mut a, ItemId::Asq5, 1); RuleId::C4 }
            4 => { set(&mut a, ItemId::CtxHarmOthers, 2); RuleId::C5 }
            _ => { set(&mut a, ItemId::Asq4, 1); set(&mut a, ItemId::CtxAttempt3m, 1); RuleId::C6 }
        };
        let r = assess(&a);
        prop_assert_eq!(r.level, Level::CrisisNow);
        prop_assert!(r.fired(rule));
        prop_assert!(r.has_flag(carestep_engine::Flag::SameDayClinicianContact));
        prop_assert_eq!(next_step(&a, &modules), Step::Crisis);
        // The crisis screen's reason is a fired rule's, and no more urgent
        // reason had a rule fire.
        let reason = r.crisis_reason();
        prop_assert!(reason.is_some());
        let reason = reason.unwrap();
        prop_assert!(reason.rules().iter().any(|&c| r.fired(c)));
        prop_assert!(reason <= carestep_engine::CrisisReason::of(rule).unwrap());
        for more_urgent in carestep_engine::CrisisReason::ALL.into_iter().filter(|&x| x < reason) {
            prop_assert!(!more_urgent.rules().iter().any(|&c| r.fired(c)));
        }
    }

    /// Every valid answer set gets a well-formed result (`carestep score`, methodology.md#final-level, methodology.md#flags).
    #[test]
    fn every_answer_set_gets_a_result(a in answer_set()) {
        let r = assess(&a);
        // A crisis reason exactly when the level is crisis_now.
        prop_assert_eq!(r.crisis_reason().is_some(), r.level == Level::CrisisNow);
        prop_assert!(r.has_flag(carestep_engine::Flag::Show988));
        let mut flags = r.flags.clone();
        flags.sort_by_key(|f| f.as_str());
        flags.dedup();
        prop_assert_eq!(&flags, &r.flags, "flags sorted alphabetically, no duplicates");
        let mut rules = r.rules_fired.clone();
        rules.sort();
        rules.dedup();
        prop_assert_eq!(&rules, &r.rules_fired, "rules in the order of methodology.md#rules, no duplicates");
        if r.level == Level::OutOfScope {
            prop_assert_eq!(&r.rules_fired, &vec![RuleId::G1]);
            prop_assert_eq!(serde_json::to_value(r.scores).unwrap(), json!({}));
        } else {
            prop_assert!(!r.fired(RuleId::G1));
            prop_assert_eq!(r.level, level_from_rules(&r.rules_fired));
        }
        let out = serde_json::to_value(&r).unwrap();
        let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        prop_assert_eq!(keys.len(), 5);
        // The answers survive their own JSON form.
        prop_assert_eq!(Answers::from_json(&a.to_json()).unwrap(), a);
    }

    /// The flow functions are total and consistent with each other.
    #[test]
    fn flow_is_total_and_consistent(a in answer_set(), modules in module_set()) {
        let p = path(&a, &modules);
        let mut sorted = p.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(&sorted, &p, "path in administration order without repeats");
        match next_step(&a, &modules) {
            Step::Ask(id) => {
                prop_assert!(p.contains(&id));
                prop_assert!(a.get(id).is_none());
                let pr = progress(&a, &modules, id);
                prop_assert!(pr.position >= 1 && pr.position <= pr.about_total);
            }
            Step::Review => prop_assert!(p.iter().all(|&id| a.get(id).is_some())),
            Step::Crisis => prop_assert_eq!(assess(&a).level, Level::CrisisNow),
            Step::OutOfScope => prop_assert_eq!(assess(&a).level, Level::OutOfScope),
        }
        let mut pruned = a.clone();
        prune(&mut pruned, &modules);
        let after = path(&pruned, &modules);
        prop_assert!(pruned.iter().all(|(id, _)| after.contains(&id)), "pruned answers are all on the path");
        let mut twice = pruned.clone();
        prune(&mut twice, &modules);
        prop_assert_eq!(twice, pruned, "prune is idempotent");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Arbitrary bytes never panic the parser.
    #[test]
    fn parser_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = Answers::from_json(&text);
    }

    /// Arbitrary JSON (alone or under "answers") never panics the parser,
    /// and whatever it accepts round-trips.
    #[test]
    fn parser_survives_arbitrary_json(v in arbitrary_json()) {
        for text in [v.to_string(), json!({ "answers": v }).to_string()] {
            let e = Answers::from_json(&text).map_err(|e| e.to_string());
            if let Ok(a) = &e {
                prop_assert_eq!(&Answers::from_json(&a.to_json()).unwrap(), a);
            }
            if let Err(msg) = &e {
                prop_assert!(!msg.contains('\n'), "one line: {}", msg);
            }
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// Valid ids with valid codes are always accepted, as given.
    #[test]
    fn parser_accepts_every_valid_answer_set(a in answer_set()) {
        let mut obj = serde_json::Map::new();
        for (id, r) in a.iter() {
            let v = match r { Response::Value(v) => json!(v), Response::Declined => json!("declined") };
            obj.insert(id.as_str().to_string(), v);
        }
        let text = json!({ "answers": obj }).to_string();
        prop_assert_eq!(Answers::from_json(&text).unwrap(), a);
    }
}
