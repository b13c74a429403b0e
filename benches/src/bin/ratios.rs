//! Prints the ratio table of issue 7: every workload and its baseline run
//! interleaved, round after round, on the same in-memory corpus; each cell
//! is the median over the rounds of one pass over the whole set.
//!
//! `cargo run --release --bin ratios -- [ROUNDS]` (default 21), from
//! `benches/`; `scripts/bench.sh` runs it after the criterion suite.

use std::hint::black_box;
use std::time::{Duration, Instant};

use iam_ecs_bench as b;

/// Each timed sample runs its workload this long at least, so that short
/// workloads (the guide's documents) are not lost in timer noise.
const SAMPLE: Duration = Duration::from_millis(20);

struct Case<'a> {
    name: &'static str,
    work: Box<dyn Fn() -> usize + 'a>,
    reps: u32,
    samples: Vec<f64>,
}

impl<'a> Case<'a> {
    fn new(name: &'static str, work: impl Fn() -> usize + 'a) -> Self {
        Case {
            name,
            work: Box::new(work),
            reps: 1,
            samples: Vec::new(),
        }
    }

    /// Seconds per pass over `reps` passes.
    fn run(&self) -> f64 {
        let start = Instant::now();
        for _ in 0..self.reps {
            black_box((self.work)());
        }
        start.elapsed().as_secs_f64() / f64::from(self.reps)
    }

    fn calibrate(&mut self) {
        black_box((self.work)()); // warm up
        let once = self.run().max(1e-9);
        let reps = (SAMPLE.as_secs_f64() / once).ceil();
        self.reps = if reps >= f64::from(u32::MAX) {
            u32::MAX
        } else {
            (reps as u32).max(1)
        };
    }

    fn median(&self) -> f64 {
        let mut s = self.samples.clone();
        s.sort_by(f64::total_cmp);
        let n = s.len();
        if n % 2 == 1 {
            s[n / 2]
        } else {
            (s[n / 2 - 1] + s[n / 2]) / 2.0
        }
    }
}

fn fmt_time(secs: f64) -> String {
    if secs >= 1e-3 {
        format!("{:.2} ms", secs * 1e3)
    } else {
        format!("{:.2} µs", secs * 1e6)
    }
}

/// One row: `ours / baseline`, with the goal as a largest allowed ratio.
struct Row {
    workload: &'static str,
    ours: &'static str,
    baseline: &'static str,
    goal: Option<f64>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds: usize = match std::env::args().nth(1) {
        Some(a) => a.parse()?,
        None => 21,
    };
    let corpus = b::Corpus::load()?;
    print!("{}", corpus.summary());
    b::assert_build_outputs_agree();

    let policies = &corpus.policies;
    let iam_set = corpus.iam_rs_policies();
    let docs = b::parse_policies(policies);
    let values = b::parse_values(policies.iter().map(|p| p.text.as_str()));
    let tds = &corpus.task_definitions;
    let td_docs = b::parse_task_definitions(tds);
    let td_values = b::parse_values(tds.iter().map(|t| t.text.as_str()));

    let ten_mb = b::big_policy(10 << 20);
    let one_mb = b::big_policy(1 << 20);

    let mut cases = vec![
        Case::new("size/10-mb-policy/iam-ecs", || b::read_check_write(&ten_mb)),
        Case::new("size/1-mb-policy-x10/iam-ecs", || {
            (0..10).map(|_| b::read_check_write(&one_mb)).sum()
        }),
        Case::new("policy/read/iam-ecs", || b::policies_read(policies)),
        Case::new("policy/read-check/iam-ecs", || {
            b::policies_read_check(policies)
        }),
        Case::new("policy/parse/serde_json::Value", || {
            b::policies_value_parse(policies)
        }),
        Case::new("policy/write/iam-ecs", || b::policies_write(&docs)),
        Case::new("policy/write/serde_json::Value", || {
            b::values_write(&values)
        }),
        Case::new("policy/write-pretty/iam-ecs", || {
            b::policies_write_pretty(&docs)
        }),
        Case::new("policy/write-pretty/serde_json::Value", || {
            b::values_write_pretty(&values)
        }),
        Case::new("iam-rs-subset/read-check/iam-ecs", || {
            b::policies_read_check(&iam_set)
        }),
        Case::new("iam-rs-subset/read-validate/iam-rs", || {
            b::policies_iam_rs(&iam_set)
        }),
        Case::new("iam-rs-subset/parse/serde_json::Value", || {
            b::policies_value_parse(&iam_set)
        }),
        Case::new("task-def/read/iam-ecs", || b::task_definitions_read(tds)),
        Case::new("task-def/read-check/iam-ecs", || {
            b::task_definitions_read_check(tds)
        }),
        Case::new("task-def/parse/serde_json::Value", || {
            b::task_definitions_value_parse(tds)
        }),
        Case::new("task-def/write/iam-ecs", || {
            b::task_definitions_write(&td_docs)
        }),
        Case::new("task-def/write/serde_json::Value", || {
            b::values_write(&td_values)
        }),
        Case::new("task-def/write-pretty/iam-ecs", || {
            b::task_definitions_write_pretty(&td_docs)
        }),
        Case::new("task-def/write-pretty/serde_json::Value", || {
            b::values_write_pretty(&td_values)
        }),
        Case::new("build/guide-policies/iam-ecs", || {
            let (a, b) = b::build_guide_policies();
            a.len() + b.len()
        }),
        Case::new("build/guide-policies/serde_json::json!", || {
            let (a, b) = b::build_guide_policies_value();
            a.len() + b.len()
        }),
        Case::new("build/guide-task-def/iam-ecs", || {
            b::build_guide_task_definition().len()
        }),
        Case::new("build/guide-task-def/serde_json::json!", || {
            b::build_guide_task_definition_value().len()
        }),
    ];

    for c in &mut cases {
        c.calibrate();
    }
    eprintln!(
        "{} workloads, {rounds} interleaved rounds of >= {} ms each ...",
        cases.len(),
        SAMPLE.as_millis()
    );
    for _ in 0..rounds {
        for c in &mut cases {
            let t = c.run();
            c.samples.push(t);
        }
    }

    let median = |name: &str| {
        cases
            .iter()
            .find(|c| c.name == name)
            .map(Case::median)
            .expect("case")
    };

    println!("\nmedians ({rounds} rounds, one pass over the whole set each):\n");
    println!("| workload | median per pass |");
    println!("|---|---:|");
    for c in &cases {
        println!("| {} | {} |", c.name, fmt_time(c.median()));
    }

    let rows = [
        Row {
            workload: "10 MB policy vs ten 1 MB ones: read + check + write (1.0 = linear)",
            ours: "size/10-mb-policy/iam-ecs",
            baseline: "size/1-mb-policy-x10/iam-ecs",
            goal: None,
        },
        Row {
            workload: "policies: read",
            ours: "policy/read/iam-ecs",
            baseline: "policy/parse/serde_json::Value",
            goal: None,
        },
        Row {
            workload: "policies: read + check",
            ours: "policy/read-check/iam-ecs",
            baseline: "policy/parse/serde_json::Value",
            goal: Some(1.5),
        },
        Row {
            workload: "policies: write compact",
            ours: "policy/write/iam-ecs",
            baseline: "policy/write/serde_json::Value",
            goal: Some(1.0),
        },
        Row {
            workload: "policies: write pretty",
            ours: "policy/write-pretty/iam-ecs",
            baseline: "policy/write-pretty/serde_json::Value",
            goal: Some(1.0),
        },
        Row {
            workload: "iam-rs subset: read + check",
            ours: "iam-rs-subset/read-check/iam-ecs",
            baseline: "iam-rs-subset/read-validate/iam-rs",
            goal: Some(0.5),
        },
        Row {
            workload: "iam-rs subset: read + check vs Value",
            ours: "iam-rs-subset/read-check/iam-ecs",
            baseline: "iam-rs-subset/parse/serde_json::Value",
            goal: Some(1.5),
        },
        Row {
            workload: "task definitions: read",
            ours: "task-def/read/iam-ecs",
            baseline: "task-def/parse/serde_json::Value",
            goal: None,
        },
        Row {
            workload: "task definitions: read + check",
            ours: "task-def/read-check/iam-ecs",
            baseline: "task-def/parse/serde_json::Value",
            goal: Some(1.5),
        },
        Row {
            workload: "task definitions: write compact",
            ours: "task-def/write/iam-ecs",
            baseline: "task-def/write/serde_json::Value",
            goal: Some(1.0),
        },
        Row {
            workload: "task definitions: write pretty",
            ours: "task-def/write-pretty/iam-ecs",
            baseline: "task-def/write-pretty/serde_json::Value",
            goal: Some(1.0),
        },
        Row {
            workload: "guide policies: build (checked) + write",
            ours: "build/guide-policies/iam-ecs",
            baseline: "build/guide-policies/serde_json::json!",
            goal: None,
        },
        Row {
            workload: "guide task definition: build (checked) + write",
            ours: "build/guide-task-def/iam-ecs",
            baseline: "build/guide-task-def/serde_json::json!",
            goal: None,
        },
    ];

    println!("\nratios (iam-ecs median / baseline median; below 1 is faster):\n");
    println!("| workload | iam-ecs | baseline | baseline median | ratio | goal | met |");
    println!("|---|---:|---|---:|---:|---:|:---:|");
    for r in &rows {
        let ours = median(r.ours);
        let base = median(r.baseline);
        let ratio = ours / base;
        let (goal, met) = match r.goal {
            Some(g) if g < 1.0 => (
                format!("<= {g:.2} (>= {:.0}x faster)", 1.0 / g),
                if ratio <= g { "yes" } else { "NO" },
            ),
            Some(g) => (format!("<= {g:.2}"), if ratio <= g { "yes" } else { "NO" }),
            None => (String::from("-"), "-"),
        };
        let baseline_name = r.baseline.rsplit('/').next().unwrap_or(r.baseline);
        println!(
            "| {} | {} | {} | {} | {:.2} | {} | {} |",
            r.workload,
            fmt_time(ours),
            baseline_name,
            fmt_time(base),
            ratio,
            goal,
            met
        );
    }
    Ok(())
}
