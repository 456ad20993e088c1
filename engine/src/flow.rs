//! What to ask next: the modules a deployment switched on, the skip logic of
//! clinical-model.md Part 4 and the crisis interrupt of §3.2 step 8.
//!
//! The widget never decides any of this itself: it asks [`next_step`] what
//! to show, [`path`] what was (or will be) asked for Back and the
//! check-your-answers page, and calls [`prune`] after a changed answer.

use crate::answers::{Answers, Response};
use crate::ids::{ItemId, Module, ModuleSet};
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
        // becomes mandatory once phq9.9 > 0 (§3.2 step 4).
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
