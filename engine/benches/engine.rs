//! Speed of the two calls the widget makes on every answer: `assess` on a
//! full answer set and `next_step`. Run with `cargo bench -p carestep-engine`.

use std::hint::black_box;

use carestep_engine::{
    assess, next_step, path, AnswerKind, Answers, ItemId, ModuleSet, Response, Step,
};
use criterion::{criterion_group, criterion_main, Criterion};

/// Every item of every module answered with its highest code (counts: 5), so
/// every instrument is scored and most rules are evaluated to true.
fn full_answers() -> Answers {
    let mut a = Answers::new();
    for item in carestep_engine::questionnaire() {
        let v = match item.answer {
            AnswerKind::Choices(cs) => cs.iter().map(|c| u64::from(c.code)).max().unwrap_or(0),
            AnswerKind::Count => 5,
        };
        a.set(item.id, Response::Value(v)).expect("valid code");
    }
    // An adult, so the whole model runs rather than the out-of-scope exit.
    a.set(ItemId::CtxAdult, Response::Value(0))
        .expect("valid code");
    a
}

/// Every item on the path answered "0" up to (not including) `stop`:
/// next_step has to walk the path to find the first unanswered item.
fn answered_until(modules: &ModuleSet, stop: Option<ItemId>) -> Answers {
    let mut a = Answers::new();
    for id in path(&a, modules) {
        if Some(id) == stop {
            break;
        }
        a.set(id, Response::Value(0)).expect("valid code");
    }
    a
}

fn bench(c: &mut Criterion) {
    let full = full_answers();
    c.bench_function("assess/full answer set (all modules)", |b| {
        b.iter(|| assess(black_box(&full)))
    });
    let modules = ModuleSet::default_deployment();
    let partial = answered_until(&modules, Some(ItemId::CtxHarmOthers));
    c.bench_function(
        "next_step/default deployment, next is ctx.harm_others",
        |b| b.iter(|| next_step(black_box(&partial), black_box(&modules))),
    );
    // No crisis, everything answered: the whole path is walked to Review.
    let all = ModuleSet::all();
    let done = answered_until(&all, None);
    assert_eq!(next_step(&done, &all), Step::Review);
    assert_eq!(
        next_step(&partial, &modules),
        Step::Ask(ItemId::CtxHarmOthers)
    );
    c.bench_function("next_step/all modules, every item answered (Review)", |b| {
        b.iter(|| next_step(black_box(&done), black_box(&all)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
