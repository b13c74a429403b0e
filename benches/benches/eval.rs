//! Criterion benchmark of policy evaluation (issue 13): for each managed
//! policy of the corpus, up to four requests built from its own actions
//! and resources (each side holds one copy of each policy), evaluated by `iam_ecs::eval` (`decide`, and `evaluate`
//! with the explanation) and by iam-rs's `PolicyEvaluator` on the same
//! requests. One benchmark is one pass over the whole request set.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use iam_ecs_bench as b;

fn evaluation(c: &mut Criterion) {
    let corpus = b::Corpus::load().unwrap_or_else(|e| panic!("corpus: {e}"));
    let mut set = b::eval::build(&corpus);
    let n = set.cases.len();
    let ours_allowed = b::eval::ours_decide(&mut set.ours);
    let theirs_allowed = b::eval::theirs_evaluate(&set.theirs);
    eprintln!(
        "eval set: {n} requests from {} of {} managed policies ({} left out); allowed: iam-ecs {ours_allowed}, iam-rs {theirs_allowed}",
        set.policies, corpus.managed_count, set.skipped
    );
    let mut g = c.benchmark_group("policy-eval");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("iam-rs-evaluate", |bn| {
        bn.iter(|| b::eval::theirs_evaluate(black_box(&set.theirs)));
    });
    g.bench_function("iam-ecs-decide", |bn| {
        bn.iter(|| b::eval::ours_decide(black_box(&mut set.ours)));
    });
    g.bench_function("iam-ecs-evaluate-explained", |bn| {
        bn.iter(|| b::eval::ours_evaluate(black_box(&mut set.ours)));
    });
    g.finish();
}

criterion_group!(benches, evaluation);
criterion_main!(benches);
