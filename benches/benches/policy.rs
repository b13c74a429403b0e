//! Criterion benchmarks of IAM policies on the shared corpus: read, read and
//! check, write (compact and pretty), each against `serde_json::Value` on
//! the same bytes; read and check against iam-rs on the policies it reads;
//! and building the guide's two policies. One benchmark is one pass over
//! the whole set.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use iam_ecs_bench as b;

fn corpus() -> b::Corpus {
    let corpus = b::Corpus::load().unwrap_or_else(|e| panic!("corpus: {e}"));
    eprint!("{}", corpus.summary());
    corpus
}

fn bytes(set: &[b::PolicyText]) -> u64 {
    set.iter().map(|p| p.text.len() as u64).sum()
}

fn policies(c: &mut Criterion) {
    let corpus = corpus();
    let set = &corpus.policies;
    let docs = b::parse_policies(set);
    let values = b::parse_values(set.iter().map(|p| p.text.as_str()));

    let mut g = c.benchmark_group("policy-read");
    g.throughput(Throughput::Bytes(bytes(set)));
    g.bench_function("serde_json-value", |bn| {
        bn.iter(|| b::policies_value_parse(black_box(set)));
    });
    g.bench_function("iam-ecs-read", |bn| {
        bn.iter(|| b::policies_read(black_box(set)));
    });
    g.bench_function("iam-ecs-read-check", |bn| {
        bn.iter(|| b::policies_read_check(black_box(set)));
    });
    g.finish();

    let mut g = c.benchmark_group("policy-write");
    g.throughput(Throughput::Bytes(bytes(set)));
    g.bench_function("serde_json-value", |bn| {
        bn.iter(|| b::values_write(black_box(&values)));
    });
    g.bench_function("iam-ecs", |bn| {
        bn.iter(|| b::policies_write(black_box(&docs)));
    });
    g.bench_function("serde_json-value-pretty", |bn| {
        bn.iter(|| b::values_write_pretty(black_box(&values)));
    });
    g.bench_function("iam-ecs-pretty", |bn| {
        bn.iter(|| b::policies_write_pretty(black_box(&docs)));
    });
    g.finish();

    let iam_set = corpus.iam_rs_policies();
    let mut g = c.benchmark_group("policy-iam-rs-subset");
    g.throughput(Throughput::Bytes(bytes(&iam_set)));
    g.bench_function("iam-rs-read-validate", |bn| {
        bn.iter(|| b::policies_iam_rs(black_box(&iam_set)));
    });
    g.bench_function("iam-ecs-read-check", |bn| {
        bn.iter(|| b::policies_read_check(black_box(&iam_set)));
    });
    g.bench_function("serde_json-value", |bn| {
        bn.iter(|| b::policies_value_parse(black_box(&iam_set)));
    });
    g.finish();
}

fn build(c: &mut Criterion) {
    b::assert_build_outputs_agree();
    let mut g = c.benchmark_group("policy-build-guide");
    g.bench_function("serde_json-json-macro", |bn| {
        bn.iter(b::build_guide_policies_value);
    });
    g.bench_function("iam-ecs", |bn| bn.iter(b::build_guide_policies));
    g.finish();
}

criterion_group!(benches, policies, build);
criterion_main!(benches);
