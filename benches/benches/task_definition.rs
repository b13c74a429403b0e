//! Criterion benchmarks of ECS task definitions on the shared corpus: read,
//! read and check, write (compact and pretty), each against
//! `serde_json::Value` on the same bytes; and building the guide's task
//! definition. One benchmark is one pass over the whole set.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use iam_ecs_bench as b;

fn task_definitions(c: &mut Criterion) {
    let corpus = b::Corpus::load().unwrap_or_else(|e| panic!("corpus: {e}"));
    eprint!("{}", corpus.summary());
    let set = &corpus.task_definitions;
    let docs = b::parse_task_definitions(set);
    let values = b::parse_values(set.iter().map(|t| t.text.as_str()));
    let bytes: u64 = set.iter().map(|t| t.text.len() as u64).sum();

    let mut g = c.benchmark_group("task-def-read");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("serde_json-value", |bn| {
        bn.iter(|| b::task_definitions_value_parse(black_box(set)));
    });
    g.bench_function("iam-ecs-read", |bn| {
        bn.iter(|| b::task_definitions_read(black_box(set)));
    });
    g.bench_function("iam-ecs-read-check", |bn| {
        bn.iter(|| b::task_definitions_read_check(black_box(set)));
    });
    g.finish();

    let mut g = c.benchmark_group("task-def-write");
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("serde_json-value", |bn| {
        bn.iter(|| b::values_write(black_box(&values)));
    });
    g.bench_function("iam-ecs", |bn| {
        bn.iter(|| b::task_definitions_write(black_box(&docs)));
    });
    g.bench_function("serde_json-value-pretty", |bn| {
        bn.iter(|| b::values_write_pretty(black_box(&values)));
    });
    g.bench_function("iam-ecs-pretty", |bn| {
        bn.iter(|| b::task_definitions_write_pretty(black_box(&docs)));
    });
    g.finish();
}

fn build(c: &mut Criterion) {
    b::assert_build_outputs_agree();
    let mut g = c.benchmark_group("task-def-build-guide");
    g.bench_function("serde_json-json-macro", |bn| {
        bn.iter(b::build_guide_task_definition_value);
    });
    g.bench_function("iam-ecs", |bn| bn.iter(b::build_guide_task_definition));
    g.finish();
}

criterion_group!(benches, task_definitions, build);
criterion_main!(benches);
