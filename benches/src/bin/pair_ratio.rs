//! A workload against its baseline, timed one pass at a time in adjacent
//! pairs: for a machine whose speed drifts from one second to the next
//! (these shared VMs), where the medians of two series taken a second
//! apart (`ratios`, criterion) can each land in a different speed.
//!
//! `cargo run --release --bin pair_ratio -- [WORKLOAD] [PAIRS]`, from
//! `benches/`. WORKLOAD is `policy` (the corpus policies read + check
//! against a `serde_json::Value` parse of the same texts, issue 11's goal),
//! `policy-read` (the read alone against the same baseline) or `catalog`
//! (read + check with the embedded catalogue against read + check without
//! it, issue 12's goal; the catalogue decoded before timing). PAIRS
//! defaults to 201. Each pair times one pass of each side back to back,
//! the order alternating from pair to pair; the report gives the median,
//! quartiles and extremes of the pairs' ratios, and the ratio of the two
//! sides' medians.

use std::hint::black_box;
use std::time::Instant;

use iam_ecs_bench as b;

/// One side of a pair: a pass over the corpus.
type Work<'a> = Box<dyn Fn() -> usize + 'a>;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let workload = args.next().unwrap_or_else(|| "policy".into());
    let pairs: usize = args.next().map_or(Ok(201), |n| n.parse())?;
    let corpus = b::Corpus::load()?;
    let set = &corpus.policies;
    let cat: &'static dyn iam_ecs::policy::ServiceCatalog = iam_ecs_catalog::Catalog::embedded();
    black_box(cat.date());
    let with_catalog = || -> usize {
        set.iter()
            .map(|p| {
                let doc = iam_ecs::policy::PolicyDocument::from_json_str(black_box(&p.text))
                    .expect("corpus policies read");
                doc.check(&p.options.catalog(Some(cat))).len()
            })
            .sum()
    };
    let (ours, baseline, names): (Work<'_>, Work<'_>, _) = match workload.as_str() {
        "policy" => (
            Box::new(|| b::policies_read_check(set)),
            Box::new(|| b::policies_value_parse(set)),
            ("read + check", "serde_json::Value parse"),
        ),
        "policy-read" => (
            Box::new(|| b::policies_read(set)),
            Box::new(|| b::policies_value_parse(set)),
            ("read", "serde_json::Value parse"),
        ),
        "catalog" => (
            Box::new(with_catalog),
            Box::new(|| b::policies_read_check(set)),
            ("read + check with the catalogue", "read + check without it"),
        ),
        other => return Err(format!("unknown workload {other:?}").into()),
    };
    let time = |f: &dyn Fn() -> usize| {
        let start = Instant::now();
        black_box(f());
        start.elapsed().as_secs_f64()
    };
    for _ in 0..3 {
        time(&*ours);
        time(&*baseline);
    }
    let (mut ratios, mut a, mut z) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..pairs {
        let (o, bl) = if i % 2 == 0 {
            let o = time(&*ours);
            (o, time(&*baseline))
        } else {
            let bl = time(&*baseline);
            (time(&*ours), bl)
        };
        ratios.push(o / bl);
        a.push(o);
        z.push(bl);
    }
    for v in [&mut ratios, &mut a, &mut z] {
        v.sort_by(f64::total_cmp);
    }
    let q = |v: &[f64], f: f64| v[((v.len() - 1) as f64 * f).round() as usize];
    println!(
        "{workload}: {} / {}, {pairs} adjacent pairs",
        names.0, names.1
    );
    println!(
        "pair ratios: median {:.3}, quartiles {:.3} to {:.3}, extremes {:.3} to {:.3}",
        q(&ratios, 0.5),
        q(&ratios, 0.25),
        q(&ratios, 0.75),
        ratios[0],
        ratios[ratios.len() - 1]
    );
    println!(
        "medians: {:.2} ms / {:.2} ms = {:.3} (fastest passes: {:.2} ms / {:.2} ms)",
        q(&a, 0.5) * 1e3,
        q(&z, 0.5) * 1e3,
        q(&a, 0.5) / q(&z, 0.5),
        a[0] * 1e3,
        z[0] * 1e3
    );
    Ok(())
}
