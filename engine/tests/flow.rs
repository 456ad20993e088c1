//! The questionnaire flow: skip logic, the
//! crisis interrupt, module choices, prune and progress.

use carestep_engine::{
    next_step, path, progress, prune, Answers, ItemId, Module, ModuleSet, Progress, Response, Step,
};

use ItemId::*;

fn default() -> ModuleSet {
    ModuleSet::default_deployment()
}

/// Answers every question the flow asks with `pick(id)` until it stops;
/// returns the items asked, in order, and the final step.
fn drive(modules: &ModuleSet, pick: impl Fn(ItemId) -> Response) -> (Vec<ItemId>, Step) {
    let mut a = Answers::new();
    let mut asked = Vec::new();
    loop {
        match next_step(&a, modules) {
            Step::Ask(id) => {
                assert!(!asked.contains(&id), "{id} asked twice");
                asked.push(id);
                a.set(id, pick(id)).unwrap();
            }
            other => return (asked, other),
        }
    }
}

fn v(x: u64) -> Response {
    Response::Value(x)
}

#[test]
fn all_zero_default_run() {
    let (asked, end) = drive(&default(), |_| v(0));
    assert_eq!(end, Step::Review);
    let expected: Vec<ItemId> = [
        &[CtxAdult, CtxEmergency][..],
        &[
            Phq9_1, Phq9_2, Phq9_3, Phq9_4, Phq9_5, Phq9_6, Phq9_7, Phq9_8, Phq9_9,
        ],
        &[Gad7_1, Gad7_2, Gad7_3, Gad7_4, Gad7_5, Gad7_6, Gad7_7],
        &[Asq1, Asq2, Asq3, Asq4],
        &[Pcptsd5_0, Audit1, NidaSq1],
        &[
            CtxHarmOthers,
            CtxSelfcare,
            CtxHomeSafe,
            CtxSupport,
            CtxRecentAcute,
            CtxTxStatus,
            CtxWithdrawal,
            CtxPsychosis,
            CtxMania,
            CtxAttend,
            CtxSex,
        ],
    ]
    .concat();
    assert_eq!(asked, expected);
}

#[test]
fn minor_stops_after_the_gate() {
    let (asked, end) = drive(
        &ModuleSet::all(),
        |id| if id == CtxAdult { v(1) } else { v(0) },
    );
    assert_eq!((asked, end), (vec![CtxAdult], Step::OutOfScope));
}

#[test]
fn emergency_interrupts_at_once() {
    let (asked, end) = drive(
        &default(),
        |id| if id == CtxEmergency { v(1) } else { v(0) },
    );
    assert_eq!((asked, end), (vec![CtxAdult, CtxEmergency], Step::Crisis));
}

#[test]
fn phq9_item10_only_after_a_problem() {
    let (asked, _) = drive(&default(), |id| if id == Phq9_4 { v(1) } else { v(0) });
    let i = asked
        .iter()
        .position(|&id| id == Phq9_10)
        .expect("phq9.10 asked");
    assert_eq!(asked[i - 1], Phq9_9);
    // A declined item is not "a problem checked off".
    let (asked, _) = drive(&default(), |id| {
        if id == Phq9_4 {
            Response::Declined
        } else {
            v(0)
        }
    });
    assert!(!asked.contains(&Phq9_10));
}

#[test]
fn asq_follow_ups() {
    // asq.4 = 1: ctx.attempt_3m right after asq.4, then asq.5.
    let (asked, end) = drive(&default(), |id| if id == Asq4 { v(1) } else { v(0) });
    let i = asked.iter().position(|&id| id == Asq4).unwrap();
    assert_eq!(&asked[i..i + 3], [Asq4, CtxAttempt3m, Asq5]);
    assert_eq!(end, Step::Review);
    // Attempt in the past 3 months: the crisis screen comes before asq.5.
    let (asked, end) = drive(&default(), |id| {
        if matches!(id, Asq4 | CtxAttempt3m) {
            v(1)
        } else {
            v(0)
        }
    });
    assert_eq!((*asked.last().unwrap(), end), (CtxAttempt3m, Step::Crisis));
    // A yes to asq.1–3 brings asq.5 but not ctx.attempt_3m.
    let (asked, _) = drive(&default(), |id| if id == Asq2 { v(1) } else { v(0) });
    assert!(asked.contains(&Asq5) && !asked.contains(&CtxAttempt3m));
    // A declined ASQ item is a positive screen, so the acuity question follows.
    let (asked, _) = drive(&default(), |id| {
        if id == Asq3 {
            Response::Declined
        } else {
            v(0)
        }
    });
    assert!(asked.contains(&Asq5));
    // asq.5 = 1 is a crisis.
    let (asked, end) = drive(&default(), |id| {
        if matches!(id, Asq1 | Asq5) {
            v(1)
        } else {
            v(0)
        }
    });
    assert_eq!((*asked.last().unwrap(), end), (Asq5, Step::Crisis));
}

#[test]
fn cssrs_replaces_asq_and_branches() {
    let m = default().with(Module::SuicideCssrs);
    let (asked, _) = drive(&m, |_| v(0));
    assert!(!asked
        .iter()
        .any(|id| matches!(id, Asq1 | Asq2 | Asq3 | Asq4 | Asq5 | CtxAttempt3m)));
    let i = asked.iter().position(|&id| id == Cssrs1).unwrap();
    assert_eq!(&asked[i..i + 3], [Cssrs1, Cssrs2, Cssrs6]);
    // cssrs.2 yes → 3, 4, 5; cssrs.6 yes → 6b.
    let (asked, end) = drive(&m, |id| {
        if matches!(id, Cssrs2 | Cssrs6) {
            v(1)
        } else {
            v(0)
        }
    });
    let i = asked.iter().position(|&id| id == Cssrs1).unwrap();
    assert_eq!(
        &asked[i..i + 7],
        [Cssrs1, Cssrs2, Cssrs3, Cssrs4, Cssrs5, Cssrs6, Cssrs6b]
    );
    assert_eq!(end, Step::Review);
    // Intent is a crisis at once.
    let (asked, end) = drive(&m, |id| {
        if matches!(id, Cssrs2 | Cssrs4) {
            v(1)
        } else {
            v(0)
        }
    });
    assert_eq!((*asked.last().unwrap(), end), (Cssrs4, Step::Crisis));
}

#[test]
fn asq_becomes_mandatory_after_phq9_item9_without_a_suicide_module() {
    let m = default().without(Module::SuicideAsq);
    let (asked, _) = drive(&m, |_| v(0));
    assert!(!asked.contains(&Asq1));
    let (asked, _) = drive(&m, |id| if id == Phq9_9 { v(1) } else { v(0) });
    assert!(asked.contains(&Asq1) && asked.contains(&Asq4));
}

#[test]
fn trauma_follow_ups() {
    let (asked, _) = drive(&default(), |id| if id == Pcptsd5_0 { v(1) } else { v(0) });
    let i = asked.iter().position(|&id| id == Pcptsd5_0).unwrap();
    assert_eq!(
        &asked[i..i + 6],
        [Pcptsd5_0, Pcptsd5_1, Pcptsd5_2, Pcptsd5_3, Pcptsd5_4, Pcptsd5_5]
    );
}

#[test]
fn audit_skips() {
    // AUDIT-C only: audit.1 = 0 skips 2–3; otherwise 1–3.
    let (asked, _) = drive(&default(), |_| v(0));
    assert!(asked.contains(&Audit1) && !asked.contains(&Audit2));
    let (asked, _) = drive(&default(), |id| if id == Audit1 { v(2) } else { v(0) });
    assert!(asked.contains(&Audit3) && !asked.contains(&Audit4));
    // Full AUDIT: never drinks → straight to 9–10.
    let full = default().with(Module::AlcoholFull);
    let (asked, _) = drive(&full, |_| v(0));
    let audit: Vec<_> = asked
        .iter()
        .filter(|id| id.as_str().starts_with("audit."))
        .collect();
    assert_eq!(audit, [&Audit1, &Audit9, &Audit10]);
    // Drinks, but items 2 + 3 = 0 → 9–10.
    let (asked, _) = drive(&full, |id| if id == Audit1 { v(1) } else { v(0) });
    let audit: Vec<_> = asked
        .iter()
        .filter(|id| id.as_str().starts_with("audit."))
        .collect();
    assert_eq!(audit, [&Audit1, &Audit2, &Audit3, &Audit9, &Audit10]);
    // Drinks more: all ten.
    let (asked, _) = drive(&full, |id| {
        if matches!(id, Audit1 | Audit3) {
            v(1)
        } else {
            v(0)
        }
    });
    assert_eq!(
        asked
            .iter()
            .filter(|id| id.as_str().starts_with("audit."))
            .count(),
        10
    );
    // The full AUDIT alone still asks items 1–3.
    let only_full = ModuleSet::minimal().with(Module::AlcoholFull);
    assert!(path(&Answers::new(), &only_full).contains(&Audit1));
}

#[test]
fn dast10_only_after_drug_use() {
    let m = default().with(Module::Dast10);
    let (asked, _) = drive(&m, |_| v(0));
    assert!(!asked.contains(&Dast10_1));
    let (asked, _) = drive(&m, |id| if id == NidaSq1 { v(3) } else { v(0) });
    assert_eq!(
        asked
            .iter()
            .filter(|id| id.as_str().starts_with("dast10."))
            .count(),
        10
    );
    // The DAST-10 alone still asks the single question that leads to it.
    let only = ModuleSet::minimal().with(Module::Dast10);
    assert!(path(&Answers::new(), &only).contains(&NidaSq1));
}

#[test]
fn sex_only_asked_with_alcohol() {
    let no_alcohol = default().without(Module::Alcohol);
    let (asked, _) = drive(&no_alcohol, |_| v(0));
    assert!(!asked.contains(&CtxSex));
}

#[test]
fn every_module_in_administration_order() {
    let (asked, end) = drive(&ModuleSet::all(), |id| match id {
        // Take every branch that adds questions, without a crisis.
        Phq9_1 | Cssrs2 | Cssrs6 | Pcptsd5_0 | Audit1 | Audit3 => v(1),
        NidaSq1 => v(2),
        _ => v(0),
    });
    assert_eq!(end, Step::Review);
    let mut sorted = asked.clone();
    sorted.sort();
    assert_eq!(asked, sorted, "administration order");
    // Everything except the ASQ (replaced by the C-SSRS) and its follow-up.
    assert_eq!(asked.len(), ItemId::COUNT - 6);
}

#[test]
fn prune_drops_answers_that_are_no_longer_asked() {
    let m = default();
    let mut a = Answers::new();
    for (id, x) in [
        (CtxAdult, 0),
        (CtxEmergency, 0),
        (Asq1, 0),
        (Asq2, 0),
        (Asq3, 0),
        (Asq4, 1),
        (CtxAttempt3m, 0),
        (Asq5, 0),
    ] {
        a.set(id, v(x)).unwrap();
    }
    let kept = a.clone();
    prune(&mut a, &m);
    assert_eq!(a, kept, "nothing to drop");
    // The person goes back and changes asq.4 to "no".
    a.set(Asq4, v(0)).unwrap();
    prune(&mut a, &m);
    assert_eq!(a.get(CtxAttempt3m), None);
    assert_eq!(a.get(Asq5), None);
    assert_eq!(a.get(Asq4), Some(v(0)));
    // Answers to switched-off modules are dropped too.
    a.set(Wsas1, v(4)).unwrap();
    prune(&mut a, &m);
    assert_eq!(a.get(Wsas1), None);
}

#[test]
fn progress_counts_the_path() {
    let m = default();
    let empty = Answers::new();
    assert_eq!(
        progress(&empty, &m, CtxAdult),
        Progress {
            position: 1,
            about_total: 38
        }
    );
    let mut a = Answers::new();
    for id in [CtxAdult, CtxEmergency, Phq9_1] {
        a.set(id, v(if id == Phq9_1 { 2 } else { 0 })).unwrap();
    }
    // A problem checked off: phq9.10 joins the path.
    assert_eq!(
        progress(&a, &m, Phq9_2),
        Progress {
            position: 4,
            about_total: 39
        }
    );
}
