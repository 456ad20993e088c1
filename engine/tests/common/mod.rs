//! What several integration tests share: the module-wise generator of answer sets
//! (`tests/rule_inputs.rs`, `tests/witnesses.rs`), written once. Each test file that
//! uses it has `mod common;`.

use carestep_engine::{questionnaire, AnswerKind, Answers, Item, ItemId, Module, Response};
use proptest::prelude::*;

/// How a group of items is answered in one generated answer set. Rules fire
/// on thresholds over whole instruments, so answers are drawn per module:
/// a module is off, answered mildly, answered severely, or answered at
/// random item by item (the distribution of `tests/properties.rs`). Every
/// valid answer set can still be drawn ("mixed" everywhere), but the
/// combinations the rules care about (one instrument over its cut-off, the
/// others under it) come up often.
#[derive(Debug, Clone, Copy)]
enum Mode {
    Off,
    Mild,
    Severe,
    Mixed,
}

fn mode() -> impl Strategy<Value = Mode> {
    prop_oneof![
        35 => Just(Mode::Off),
        20 => Just(Mode::Mild),
        20 => Just(Mode::Severe),
        25 => Just(Mode::Mixed),
    ]
}

/// The item's values from least to most severe (DAST-10 item 3 is reversed:
/// "no, I am not always able to stop" is worse), as in `tests/properties.rs`.
pub fn severity_order(item: &Item) -> Vec<u64> {
    let mut c: Vec<u64> = match item.answer {
        AnswerKind::Choices(cs) => cs.iter().map(|c| u64::from(c.code)).collect(),
        AnswerKind::Count => vec![0, 1, 2, 30, u64::MAX],
    };
    c.sort_unstable();
    if item.id == ItemId::Dast10_3 {
        c.reverse();
    }
    c
}

/// Which mode an item follows: its module's, except the gate and context
/// questions, which are independent of each other and get one each.
fn group(item: &Item) -> usize {
    match item.module {
        Module::Gate | Module::Context => item.id.index(),
        m => ItemId::COUNT + m as usize,
    }
}

/// One item's answer from its group's mode and two random rolls.
fn respond(item: &Item, mode: Mode, roll: u8, pick: u64) -> Option<Response> {
    let order = severity_order(item);
    let pick_in = |values: &[u64]| values[(pick % values.len() as u64) as usize];
    let half = order.len().div_ceil(2);
    if item.id == ItemId::CtxAdult {
        // Mostly in scope, so that most cases exercise the rules.
        return match roll % 20 {
            0 => None,
            1 => Some(Response::Declined),
            2 => Some(Response::Value(1)),
            _ => Some(Response::Value(0)),
        };
    }
    match (mode, roll % 20) {
        (Mode::Off, _) => None,
        (Mode::Mild | Mode::Severe, 0 | 1) => None,
        (Mode::Mild | Mode::Severe, 2) => Some(Response::Declined),
        (Mode::Mild, _) => Some(Response::Value(pick_in(&order[..half]))),
        (Mode::Severe, _) => Some(Response::Value(pick_in(&order[order.len() - half..]))),
        (Mode::Mixed, 0..=5) => None,
        (Mode::Mixed, 6 | 7) => Some(Response::Declined),
        (Mode::Mixed, _) => Some(Response::Value(match item.answer {
            AnswerKind::Count if pick % 2 == 0 => pick,
            AnswerKind::Count => pick % 30,
            AnswerKind::Choices(_) => pick_in(&order),
        })),
    }
}

pub fn answer_set() -> impl Strategy<Value = Answers> {
    let groups = ItemId::COUNT + Module::ALL.len();
    (
        prop::collection::vec(mode(), groups),
        prop::collection::vec((any::<u8>(), any::<u64>()), ItemId::COUNT),
    )
        .prop_map(|(modes, rolls)| {
            let mut a = Answers::new();
            for (item, (roll, pick)) in questionnaire().iter().zip(rolls) {
                if let Some(r) = respond(item, modes[group(item)], roll, pick) {
                    a.set(item.id, r).expect("generator yields valid codes");
                }
            }
            a
        })
}
