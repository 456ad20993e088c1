//! Speed of the two calls the widget makes on every answer: `assess` on a
//! full answer set and `next_step`. Run with `cargo bench -p carestep-engine`.

use std::hint::black_box;

use carestep_engine::{assess, next_step, path, AnswerKind, Answers, ItemId, ModuleSet, Response};
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

/// A default-deployment answer set with everything answered "0" up to the
/// context questions: next_step has to walk almost the whole path.
fn partial_answers(modules: &ModuleSet) -> Answers {
    let mut a = Answers::new();
    for id in path(&a, modules) {
        if id == ItemId::CtxHarmOthers {
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
    let partial = partial_answers(&modules);
    c.bench_function("next_step/default deployment, 30 answered", |b| {
        b.iter(|| next_step(black_box(&partial), black_box(&modules)))
    });
    let all = ModuleSet::all();
    c.bench_function("next_step/all modules, full answer set", |b| {
        b.iter(|| next_step(black_box(&full), black_box(&all)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
