//! Criterion benchmarks of the service catalogue (issue 12), each with its
//! baseline in the same run: the corpus policies read and checked with the
//! embedded catalogue against the same without it; the catalogue's first
//! use (decoding the embedded data's index), a first lookup (a chunk
//! decoded) and decoding every chunk; one action lookup; listing `s3:*` as
//! `iam-ecs actions 's3:*'` does.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use iam_ecs::policy::PolicyDocument;
use iam_ecs_bench as b;
use iam_ecs_catalog::Catalog;

fn read_check(set: &[b::PolicyText], cat: Option<&'static Catalog>) -> usize {
    let cat = cat.map(|c| c as &'static dyn iam_ecs::policy::ServiceCatalog);
    set.iter()
        .map(|p| {
            let doc = PolicyDocument::from_json_str(&p.text).expect("corpus policies read");
            doc.check(&p.options.catalog(cat)).len()
        })
        .sum()
}

/// What `iam-ecs actions 's3:*'` prints, as text.
fn list_s3(cat: &Catalog) -> usize {
    let mut out = String::new();
    for a in cat.actions_matching("s3:*") {
        let _ = writeln!(out, "{} ({})", a, a.access_level().as_str());
        for (r, required) in a.resource_types() {
            let arns: Vec<&str> = r.arn_templates().collect();
            let _ = writeln!(
                out,
                "  resource {} {required}: {}",
                r.name(),
                arns.join(" | ")
            );
        }
        let keys: Vec<&str> = a.condition_keys().collect();
        let _ = writeln!(out, "  condition keys: {}", keys.join(", "));
    }
    out.len()
}

fn catalog(c: &mut Criterion) {
    let corpus = b::Corpus::load().unwrap_or_else(|e| panic!("corpus: {e}"));
    let set = &corpus.policies;
    let cat = Catalog::embedded();
    eprintln!(
        "embedded catalogue: {} bytes, data of {}, {:?} (services, actions, resource types, keys)",
        Catalog::embedded_size(),
        cat.date(),
        cat.counts()
    );
    let mut g = c.benchmark_group("catalog-check");
    g.bench_function("read-check-without-catalog", |bn| {
        bn.iter(|| read_check(black_box(set), None));
    });
    g.bench_function("read-check-with-catalog", |bn| {
        bn.iter(|| read_check(black_box(set), Some(cat)));
    });
    g.finish();

    let mut g = c.benchmark_group("catalog-use");
    g.bench_function("first-use-decode", |bn| {
        bn.iter(|| Catalog::decode_embedded().expect("decodes"));
    });
    // A first lookup in a fresh catalogue: its service's chunk inflated
    // and decoded (s3's chunk is a typical one, ec2 alone the largest).
    for (name, action) in [
        ("first-lookup-s3", "s3:getobject"),
        ("first-lookup-ec2", "ec2:RunInstances"),
    ] {
        g.bench_function(name, |bn| {
            bn.iter_batched(
                || Catalog::decode_embedded().expect("decodes"),
                |c| {
                    let hit = c.action(black_box(action)).is_some();
                    (c, hit)
                },
                BatchSize::SmallInput,
            );
        });
    }
    // Every chunk decoded (what first use cost before issue 12's lazy
    // decoding, and what `actions '*'` still costs once).
    g.bench_function("decode-all-chunks", |bn| {
        bn.iter_batched(
            || Catalog::decode_embedded().expect("decodes"),
            |c| {
                let n = c.actions_matching(black_box("*")).count();
                (c, n)
            },
            BatchSize::SmallInput,
        );
    });
    g.bench_function("lookup-action", |bn| {
        bn.iter(|| black_box(cat).action(black_box("s3:getobject")).is_some());
    });
    g.bench_function("lookup-action-miss", |bn| {
        bn.iter(|| black_box(cat).action(black_box("s3:GetObjects")).is_some());
    });
    g.bench_function("lookup-condition-key-templated", |bn| {
        bn.iter(|| {
            black_box(cat)
                .condition_key(black_box("aws:RequestTag/Owner"))
                .is_some()
        });
    });
    g.bench_function("actions-s3-star", |bn| {
        bn.iter(|| list_s3(black_box(cat)));
    });
    g.finish();
}

criterion_group!(benches, catalog);
criterion_main!(benches);
