//! Runs one workload in a loop, for a profiler:
//! `cargo build --release --bin profile` then
//! `perf record -g target/release/profile policy-read-check 10`.
//! Workloads: policy-read, policy-read-check, policy-write,
//! policy-write-pretty, task-def-read, task-def-read-check,
//! task-def-write, task-def-write-pretty, build-policies,
//! build-task-def, the baselines policy-value-parse,
//! task-def-value-parse and iam-rs-subset-iam-rs (with
//! iam-rs-subset-read-check, iam-ecs on the same policies), and the check alone on documents read beforehand:
//! policy-check, task-def-check, and with the embedded catalogue (decoded
//! before the passes) policy-check-catalog and policy-read-check-catalog
//! (the `catalog-check` criterion group's two sides are policy-read-check
//! and policy-read-check-catalog). The second argument is how many seconds
//! (default 5), or `Nx` for exactly N passes (`3x`: three passes), for
//! instruction counts under `valgrind --tool=callgrind`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use iam_ecs_bench as b;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "policy-read-check".into());
    let arg = args.next().unwrap_or_else(|| "5".into());
    let (secs, exact): (u64, Option<u64>) = match arg.strip_suffix('x') {
        Some(n) => (0, Some(n.parse()?)),
        None => (arg.parse()?, None),
    };
    let corpus = b::Corpus::load()?;
    let policies = &corpus.policies;
    let tds = &corpus.task_definitions;
    let docs = b::parse_policies(policies);
    let td_docs = b::parse_task_definitions(tds);
    let readable = corpus.iam_rs_policies();
    let readable2 = readable.clone();
    let work: Box<dyn Fn() -> usize> = match which.as_str() {
        "policy-read" => Box::new(|| b::policies_read(policies)),
        "policy-read-check" => Box::new(|| b::policies_read_check(policies)),
        "policy-write" => Box::new(|| b::policies_write(&docs)),
        "policy-write-pretty" => Box::new(|| b::policies_write_pretty(&docs)),
        "task-def-read" => Box::new(|| b::task_definitions_read(tds)),
        "task-def-read-check" => Box::new(|| b::task_definitions_read_check(tds)),
        "task-def-write" => Box::new(|| b::task_definitions_write(&td_docs)),
        "task-def-write-pretty" => Box::new(|| b::task_definitions_write_pretty(&td_docs)),
        "policy-value-parse" => Box::new(|| b::policies_value_parse(policies)),
        "iam-rs-subset-iam-rs" => Box::new(move || b::policies_iam_rs(&readable)),
        "iam-rs-subset-read-check" => Box::new(move || b::policies_read_check(&readable2)),
        "task-def-value-parse" => Box::new(|| b::task_definitions_value_parse(tds)),
        "policy-check" => Box::new(|| {
            docs.iter()
                .zip(policies)
                .map(|(d, p)| black_box(d).check(&p.options).len())
                .sum()
        }),
        "policy-check-catalog" => {
            let cat: &'static dyn iam_ecs::policy::ServiceCatalog =
                iam_ecs_catalog::Catalog::embedded();
            // Decoded here, outside the passes.
            black_box(cat.date());
            let opts: Vec<_> = policies
                .iter()
                .map(|p| p.options.catalog(Some(cat)))
                .collect();
            Box::new(move || {
                docs.iter()
                    .zip(&opts)
                    .map(|(d, o)| black_box(d).check(o).len())
                    .sum()
            })
        }
        "policy-read-check-catalog" => {
            let cat: &'static dyn iam_ecs::policy::ServiceCatalog =
                iam_ecs_catalog::Catalog::embedded();
            black_box(cat.date());
            Box::new(move || {
                policies
                    .iter()
                    .map(|p| {
                        let doc = iam_ecs::policy::PolicyDocument::from_json_str(&p.text)
                            .expect("corpus policies read");
                        doc.check(&p.options.catalog(Some(cat))).len()
                    })
                    .sum()
            })
        }
        "task-def-check" => Box::new(|| td_docs.iter().map(|d| black_box(d).check().len()).sum()),
        "build-policies" => Box::new(|| {
            let (a, b) = b::build_guide_policies();
            a.len() + b.len()
        }),
        "build-task-def" => Box::new(|| b::build_guide_task_definition().len()),
        other => return Err(format!("unknown workload {other:?}").into()),
    };
    if let Some(n) = exact {
        for _ in 0..n {
            black_box(work());
        }
        eprintln!("{which}: {n} passes");
        return Ok(());
    }
    let end = Instant::now() + Duration::from_secs(secs);
    let mut passes = 0u64;
    while Instant::now() < end {
        black_box(work());
        passes += 1;
    }
    eprintln!("{which}: {passes} passes in {secs} s");
    Ok(())
}
