//! Runs one workload in a loop, for a profiler:
//! `cargo build --release --bin profile` then
//! `perf record -g target/release/profile policy-read-check 10`.
//! Workloads: policy-read, policy-read-check, policy-write,
//! policy-write-pretty, task-def-read, task-def-read-check,
//! task-def-write, task-def-write-pretty, build-policies,
//! build-task-def. The second argument is how many seconds (default 5).

use std::hint::black_box;
use std::time::{Duration, Instant};

use iam_ecs_bench as b;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "policy-read-check".into());
    let secs: u64 = args.next().map_or(Ok(5), |s| s.parse())?;
    let corpus = b::Corpus::load()?;
    let policies = &corpus.policies;
    let tds = &corpus.task_definitions;
    let docs = b::parse_policies(policies);
    let td_docs = b::parse_task_definitions(tds);
    let work: Box<dyn Fn() -> usize> = match which.as_str() {
        "policy-read" => Box::new(|| b::policies_read(policies)),
        "policy-read-check" => Box::new(|| b::policies_read_check(policies)),
        "policy-write" => Box::new(|| b::policies_write(&docs)),
        "policy-write-pretty" => Box::new(|| b::policies_write_pretty(&docs)),
        "task-def-read" => Box::new(|| b::task_definitions_read(tds)),
        "task-def-read-check" => Box::new(|| b::task_definitions_read_check(tds)),
        "task-def-write" => Box::new(|| b::task_definitions_write(&td_docs)),
        "task-def-write-pretty" => Box::new(|| b::task_definitions_write_pretty(&td_docs)),
        "build-policies" => Box::new(|| {
            let (a, b) = b::build_guide_policies();
            a.len() + b.len()
        }),
        "build-task-def" => Box::new(|| b::build_guide_task_definition().len()),
        other => return Err(format!("unknown workload {other:?}").into()),
    };
    let end = Instant::now() + Duration::from_secs(secs);
    let mut passes = 0u64;
    while Instant::now() < end {
        black_box(work());
        passes += 1;
    }
    eprintln!("{which}: {passes} passes in {secs} s");
    Ok(())
}
