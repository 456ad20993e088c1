//! What to ask next: the modules a deployment switched on, the skip logic of
//! each item ([`crate::AskedWhen`]) and the crisis interrupt: a crisis rule
//! that becomes true ends the questionnaire at once.
//!
//! The widget never decides any of this itself: it asks [`next_step`] what
//! to show, [`path`] what was (or will be) asked for Back and the
//! check-your-answers page, and calls [`prune`] after a changed answer.
//! [`progress`] gives "Question N of about M"; [`part_progress`] the part of
//! the journey ("Part 4 of 6 · Alcohol and drugs") and whether the question
//! opens its part, so the part's heads-up ([`JourneyPart::heads_up`]) can
//! come first.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::answers::{Answers, Response};
use crate::ids::{string_enum, ItemId, Module, ModuleSet};
use crate::questionnaire::{questionnaire, AskedWhen, Item};
use crate::rules::{any_crisis, is_out_of_scope};

/// What the widget shows next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Ask this item.
    Ask(ItemId),
    /// A crisis rule holds: show the crisis screen now.
    Crisis,
    /// `ctx.adult` = 1: the person is under 18.
    OutOfScope,
    /// Every item on the path has an answer: show "check your answers".
    Review,
}

/// The next step given the answers so far.
pub fn next_step(answers: &Answers, modules: &ModuleSet) -> Step {
    if is_out_of_scope(answers) {
        return Step::OutOfScope;
    }
    if any_crisis(answers) {
        return Step::Crisis;
    }
    let mut next = Step::Review;
    walk(answers, modules, |id| {
        if answers.get(id).is_none() {
            next = Step::Ask(id);
            false
        } else {
            true
        }
    });
    next
}

/// The items asked given the answers so far, in order. Items after an
/// unanswered trigger are listed as if the trigger took its non-branching
/// value (see [`AskedWhen`]), so the list is also the best estimate of what
/// is still to come.
pub fn path(answers: &Answers, modules: &ModuleSet) -> Vec<ItemId> {
    let mut out = Vec::with_capacity(64);
    walk(answers, modules, |id| {
        out.push(id);
        true
    });
    out
}

/// Drops answers to items that are no longer on the path (after a changed
/// answer), so they cannot influence the result.
pub fn prune(answers: &mut Answers, modules: &ModuleSet) {
    // Removing an answer can only take items off the path (every trigger
    // precedes what it gates), so this settles in a pass or two.
    loop {
        let mut on_path = [false; ItemId::COUNT];
        walk(answers, modules, |id| {
            on_path[id.index()] = true;
            true
        });
        let stale: Vec<ItemId> = answers
            .iter()
            .map(|(id, _)| id)
            .filter(|id| !on_path[id.index()])
            .collect();
        if stale.is_empty() {
            return;
        }
        for id in stale {
            answers.remove(id);
        }
    }
}

/// "Question N of about M".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Progress {
    /// 1-based position of the current item.
    pub position: usize,
    /// The current path length (never less than `position`).
    pub about_total: usize,
}

/// Progress for the item being shown.
pub fn progress(answers: &Answers, modules: &ModuleSet, current: ItemId) -> Progress {
    let p = path(answers, modules);
    let position = match p.iter().position(|&id| id == current) {
        Some(i) => i + 1,
        // Not on the path (should not happen): place it after the answered
        // items rather than fail.
        None => p.iter().filter(|&&id| answers.get(id).is_some()).count() + 1,
    };
    Progress {
        position,
        about_total: p.len().max(position),
    }
}

// ---------------------------------------------------------------------------
// Parts of the journey
// ---------------------------------------------------------------------------

string_enum! {
    /// A part of the journey: consecutive modules shown under one heading
    /// ("Part 4 of 6 · Alcohol and drugs"). Declaration order is
    /// administration order.
    pub enum PartId {
        Start => "start",
        Feelings => "feelings",
        Suicide => "suicide",
        Experiences => "experiences",
        Substances => "substances",
        DailyLife => "daily_life",
        AboutYou => "about_you",
    }
}

/// A part of the journey, as data: its heading, its modules, and the
/// one-line heads-up shown before its first question (what is coming and why
/// it is asked), for the parts a visitor should not meet unwarned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JourneyPart {
    pub id: PartId,
    /// The heading shown with the progress ("About you").
    pub name: &'static str,
    /// The modules whose items make up the part, in administration order.
    pub modules: &'static [Module],
    /// Plain words (grade 8 or below, `tests/readability/test_ctx.py`).
    pub heads_up: Option<&'static str>,
}

static PARTS: [JourneyPart; PartId::COUNT] = [
    JourneyPart {
        id: PartId::Start,
        name: "Before you start",
        modules: &[Module::Gate],
        heads_up: None,
    },
    JourneyPart {
        id: PartId::Feelings,
        name: "How you have been feeling",
        modules: &[Module::Depression, Module::Anxiety, Module::Distress],
        heads_up: None,
    },
    JourneyPart {
        id: PartId::Suicide,
        name: "Thoughts of suicide",
        modules: &[Module::SuicideAsq, Module::SuicideCssrs],
        heads_up: Some(
            "The next questions ask about suicide. We ask everyone, because it helps us see who needs help today.",
        ),
    },
    JourneyPart {
        id: PartId::Experiences,
        name: "Hard experiences",
        modules: &[Module::Trauma, Module::Bipolar],
        heads_up: Some(
            "Next we ask about very scary or upsetting events. They can affect how you feel now. You don't need to say what happened.",
        ),
    },
    JourneyPart {
        id: PartId::Substances,
        name: "Alcohol and drugs",
        modules: &[
            Module::Alcohol,
            Module::AlcoholFull,
            Module::Drugs,
            Module::Dast10,
        ],
        heads_up: None,
    },
    JourneyPart {
        id: PartId::DailyLife,
        name: "Your daily life",
        modules: &[Module::Functioning],
        heads_up: None,
    },
    JourneyPart {
        id: PartId::AboutYou,
        name: "About you",
        modules: &[Module::Context],
        heads_up: Some(
            "The last questions are about your safety, support and health. Some ask about hard things, like violence or hearing voices. They help us suggest the right kind of care.",
        ),
    },
];

/// Every part of the journey, in order (whether or not a deployment asks it).
pub fn journey_parts() -> &'static [JourneyPart] {
    &PARTS
}

/// The part an item belongs to (by its module).
pub fn part_of(id: ItemId) -> &'static JourneyPart {
    let module = crate::questionnaire::item(id).module;
    PARTS
        .iter()
        .find(|p| p.modules.contains(&module))
        .unwrap_or(&PARTS[PartId::AboutYou as usize])
}

/// "Part 4 of 6 · Alcohol and drugs": where the current item sits among the
/// parts on the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartProgress {
    /// 1-based position of the current item's part among the parts on the
    /// path.
    pub index: usize,
    /// How many parts the path has (never less than `index`).
    pub count: usize,
    /// The current item's part.
    pub part: &'static JourneyPart,
    /// Whether the current item is the first of its part on the path: the
    /// screen to show the part's heads-up on.
    pub starts_part: bool,
}

/// The part progress for the item being shown (like [`progress`], from the
/// same path, so "about" counts change in the same way).
pub fn part_progress(answers: &Answers, modules: &ModuleSet, current: ItemId) -> PartProgress {
    let p = path(answers, modules);
    let mut parts: Vec<PartId> = Vec::new();
    for &id in &p {
        let part = part_of(id).id;
        if parts.last() != Some(&part) {
            parts.push(part);
        }
    }
    let part = part_of(current);
    let index = match parts.iter().position(|&x| x == part.id) {
        Some(i) => i + 1,
        // Not on the path (should not happen): count the parts before it.
        None => parts.iter().filter(|&&x| x < part.id).count() + 1,
    };
    let starts_part = match p.iter().position(|&id| id == current) {
        Some(0) => true,
        Some(i) => part_of(p[i - 1]).id != part.id,
        None => false,
    };
    PartProgress {
        index,
        count: parts.len().max(index),
        part,
        starts_part,
    }
}

/// Every item a deployment can ask (its modules applied, skip logic not),
/// in administration order. With neither suicide screen switched on the ASQ
/// is included, because it becomes mandatory when phq9.9 > 0.
pub fn deployment_items(modules: &ModuleSet) -> Vec<&'static Item> {
    let mut worst_case = Answers::new();
    // 3 is a valid PHQ-9 code, so this cannot fail.
    let _ = worst_case.set(ItemId::Phq9_9, Response::Value(3));
    questionnaire()
        .iter()
        .filter(|item| module_on(modules, item.module, &worst_case))
        .collect()
}

/// Whether the module's items are asked in this deployment.
fn module_on(modules: &ModuleSet, m: Module, answers: &Answers) -> bool {
    match m {
        Module::Gate | Module::Context => true,
        // The C-SSRS replaces the ASQ. With neither screen on, the ASQ
        // becomes mandatory once phq9.9 > 0 (methodology.md#instruments).
        Module::SuicideAsq => {
            !modules.contains(Module::SuicideCssrs)
                && (modules.contains(Module::SuicideAsq)
                    || answers.value(ItemId::Phq9_9).is_some_and(|v| v >= 1))
        }
        // The full AUDIT contains the AUDIT-C; the DAST-10 is reached
        // through the single question.
        Module::Alcohol => {
            modules.contains(Module::Alcohol) || modules.contains(Module::AlcoholFull)
        }
        Module::Drugs => modules.contains(Module::Drugs) || modules.contains(Module::Dast10),
        m => modules.contains(m),
    }
}

/// Visits the items on the path in order until `visit` returns false.
fn walk(answers: &Answers, modules: &ModuleSet, mut visit: impl FnMut(ItemId) -> bool) {
    let mut asked = [false; ItemId::COUNT];
    for item in questionnaire() {
        if module_on(modules, item.module, answers) && asked_when(item, answers, &asked) {
            asked[item.id.index()] = true;
            if !visit(item.id) {
                return;
            }
        }
    }
}

fn asked_when(item: &Item, a: &Answers, asked: &[bool; ItemId::COUNT]) -> bool {
    match item.asked_when {
        AskedWhen::Always => true,
        AskedWhen::AnyAtLeastOne(ids) => ids.iter().any(|&id| a.value(id).is_some_and(|v| v >= 1)),
        AskedWhen::AnyYesOrDeclined(ids) => ids.iter().any(|&id| {
            matches!(
                a.get(id),
                Some(Response::Value(1)) | Some(Response::Declined)
            )
        }),
        AskedWhen::UnlessAllZero(groups) => !groups
            .iter()
            .any(|g| g.iter().all(|&id| a.get(id) == Some(Response::Value(0)))),
        AskedWhen::IfAsked(id) => asked[id.index()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{item, AnswerKind};

    fn answers(pairs: &[(ItemId, u64)]) -> Answers {
        let mut a = Answers::new();
        for &(id, v) in pairs {
            a.set(id, Response::Value(v)).unwrap();
        }
        a
    }

    #[test]
    fn starts_with_the_gate() {
        let d = ModuleSet::default_deployment();
        assert_eq!(next_step(&Answers::new(), &d), Step::Ask(ItemId::CtxAdult));
        let a = answers(&[(ItemId::CtxAdult, 0)]);
        assert_eq!(next_step(&a, &d), Step::Ask(ItemId::CtxEmergency));
        let a = answers(&[(ItemId::CtxAdult, 1)]);
        assert_eq!(next_step(&a, &d), Step::OutOfScope);
        let a = answers(&[(ItemId::CtxAdult, 0), (ItemId::CtxEmergency, 1)]);
        assert_eq!(next_step(&a, &d), Step::Crisis);
    }

    #[test]
    fn parts_cover_every_module_once_in_order() {
        for m in Module::ALL {
            let n = journey_parts()
                .iter()
                .filter(|p| p.modules.contains(&m))
                .count();
            assert_eq!(n, 1, "{m}");
        }
        for (i, p) in journey_parts().iter().enumerate() {
            assert_eq!(p.id as usize, i);
        }
        // Items of a part are consecutive in administration order, so a
        // part is never entered twice.
        let ids: Vec<PartId> = questionnaire().iter().map(|i| part_of(i.id).id).collect();
        assert!(ids.windows(2).all(|w| w[0] <= w[1]), "{ids:?}");
        // The heads-ups the issue asks for.
        for (item, has) in [
            (ItemId::Asq1, true),
            (ItemId::Cssrs1, true),
            (ItemId::Pcptsd5_0, true),
            (ItemId::CtxHarmOthers, true),
            (ItemId::Phq9_1, false),
            (ItemId::CtxAdult, false),
        ] {
            assert_eq!(part_of(item).heads_up.is_some(), has, "{item}");
        }
    }

    #[test]
    fn part_progress_along_the_default_path() {
        let d = ModuleSet::default_deployment();
        let mut a = answers(&[]);
        let mut seen = Vec::new();
        while let Step::Ask(id) = next_step(&a, &d) {
            let pp = part_progress(&a, &d, id);
            let p = progress(&a, &d, id);
            assert!(pp.index <= pp.count);
            if pp.starts_part {
                seen.push((pp.index, pp.count, pp.part.name));
            }
            assert_eq!(
                pp.starts_part,
                p.position == 1 || {
                    let path = path(&a, &d);
                    part_of(path[p.position - 2]).id != pp.part.id
                }
            );
            let lowest = match item(id).answer {
                AnswerKind::Choices(cs) => cs.iter().map(|c| c.code).min().unwrap().into(),
                AnswerKind::Count => 0,
            };
            a.set(id, Response::Value(lowest)).unwrap();
        }
        assert_eq!(
            seen,
            [
                (1, 6, "Before you start"),
                (2, 6, "How you have been feeling"),
                (3, 6, "Thoughts of suicide"),
                (4, 6, "Hard experiences"),
                (5, 6, "Alcohol and drugs"),
                (6, 6, "About you"),
            ]
        );
        // With every module the C-SSRS, MDQ and WSAS parts join in.
        let all = ModuleSet::all();
        let pp = part_progress(&Answers::new(), &all, ItemId::CtxHarmOthers);
        assert_eq!((pp.index, pp.count, pp.part.id), (7, 7, PartId::AboutYou));
        let pp = part_progress(&Answers::new(), &all, ItemId::Cssrs1);
        assert_eq!((pp.index, pp.starts_part), (3, true));
    }

    #[test]
    fn default_path_length() {
        let d = ModuleSet::default_deployment();
        let p = path(&Answers::new(), &d);
        // gate 2 + phq9 1–9 + gad7 7 + asq 1–4 + pcptsd5.0 + audit 1–3 +
        // nida + 10 ctx + ctx.sex
        assert_eq!(p.len(), 2 + 9 + 7 + 4 + 1 + 3 + 1 + 10 + 1);
        assert!(!p.contains(&ItemId::Phq9_10));
        assert!(!p.contains(&ItemId::Asq5));
        assert!(!p.contains(&ItemId::Cssrs1));
    }
}
