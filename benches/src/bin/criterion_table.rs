//! Prints the medians of the last `cargo bench` run (criterion's
//! `target/criterion/GROUP/BENCH/new/estimates.json`) and the same ratios
//! as the `ratios` binary.
//!
//! `cargo run --release --bin criterion_table -- [CRITERION_DIR]`
//! (default `target/criterion` of this crate).

use std::path::{Path, PathBuf};

use serde_json::Value;

/// `(workload, group, ours, baseline, largest allowed ratio)`.
const ROWS: &[(&str, &str, &str, &str, Option<f64>)] = &[
    (
        "policies: read",
        "policy-read",
        "iam-ecs-read",
        "serde_json-value",
        None,
    ),
    (
        "policies: read + check",
        "policy-read",
        "iam-ecs-read-check",
        "serde_json-value",
        Some(1.5),
    ),
    (
        "policies: write compact",
        "policy-write",
        "iam-ecs",
        "serde_json-value",
        Some(1.0),
    ),
    (
        "policies: write pretty",
        "policy-write",
        "iam-ecs-pretty",
        "serde_json-value-pretty",
        Some(1.0),
    ),
    (
        "iam-rs subset: read + check vs iam-rs",
        "policy-iam-rs-subset",
        "iam-ecs-read-check",
        "iam-rs-read-validate",
        Some(0.5),
    ),
    (
        "iam-rs subset: read + check vs Value",
        "policy-iam-rs-subset",
        "iam-ecs-read-check",
        "serde_json-value",
        Some(1.5),
    ),
    (
        "task definitions: read",
        "task-def-read",
        "iam-ecs-read",
        "serde_json-value",
        None,
    ),
    (
        "task definitions: read + check",
        "task-def-read",
        "iam-ecs-read-check",
        "serde_json-value",
        Some(1.5),
    ),
    (
        "task definitions: write compact",
        "task-def-write",
        "iam-ecs",
        "serde_json-value",
        Some(1.0),
    ),
    (
        "task definitions: write pretty",
        "task-def-write",
        "iam-ecs-pretty",
        "serde_json-value-pretty",
        Some(1.0),
    ),
    (
        "guide policies: build + write",
        "policy-build-guide",
        "iam-ecs",
        "serde_json-json-macro",
        None,
    ),
    (
        "guide task definition: build + write",
        "task-def-build-guide",
        "iam-ecs",
        "serde_json-json-macro",
        None,
    ),
];

/// The median, in nanoseconds, of `dir/group/bench/new/estimates.json`.
fn median(dir: &Path, group: &str, bench: &str) -> Option<f64> {
    let path = dir.join(group).join(bench).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    v["median"]["point_estimate"].as_f64()
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.2} µs", ns / 1e3)
    }
}

fn main() {
    let dir = std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion"),
        PathBuf::from,
    );
    println!("criterion medians ({}):\n", dir.display());
    println!("| workload | iam-ecs | baseline | baseline median | ratio | goal | met |");
    println!("|---|---:|---|---:|---:|---:|:---:|");
    for &(workload, group, ours, base, goal) in ROWS {
        let (Some(o), Some(b)) = (median(&dir, group, ours), median(&dir, group, base)) else {
            println!("| {workload} | (not run) | {base} | | | | |");
            continue;
        };
        let ratio = o / b;
        let (goal, met) = match goal {
            Some(g) if g < 1.0 => (
                format!("<= {g:.2} (>= {:.0}x faster)", 1.0 / g),
                if ratio <= g { "yes" } else { "NO" },
            ),
            Some(g) => (format!("<= {g:.2}"), if ratio <= g { "yes" } else { "NO" }),
            None => (String::from("-"), "-"),
        };
        println!(
            "| {workload} | {} | {base} | {} | {ratio:.2} | {goal} | {met} |",
            fmt_ns(o),
            fmt_ns(b)
        );
    }
}
