//! Prints every finding of every corpus policy checked without a service
//! catalogue, one line each, for comparing the checks before and after a
//! change that must not alter them (issue 11's performance work):
//! `cargo run --release --bin policy_findings > a.txt`, change, run
//! again, `cmp a.txt b.txt`. Each policy is checked with its own options,
//! then as each of the five policy kinds without a size quota and with a
//! quota of 100 characters (which reports every policy's exact size). The
//! last line counts them.

use std::io::Write;

use iam_ecs::policy::{CheckOptions, PolicyDocument, PolicyKind};
use iam_ecs_bench as b;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = b::Corpus::load()?;
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let docs: Vec<PolicyDocument> = corpus
        .policies
        .iter()
        .map(|p| PolicyDocument::from_json_str(&p.text))
        .collect::<Result<_, _>>()?;
    let mut count = 0usize;
    for (p, doc) in corpus.policies.iter().zip(&docs) {
        for f in doc.check(&p.options) {
            writeln!(out, "{} own {f}", p.name)?;
            count += 1;
        }
    }
    let kinds = [
        PolicyKind::Identity,
        PolicyKind::Trust,
        PolicyKind::Resource,
        PolicyKind::ServiceControl,
        PolicyKind::ResourceControl,
    ];
    for kind in kinds {
        for quota in [None, Some(100)] {
            let opts = CheckOptions::of(kind).size_quota(quota);
            for (p, doc) in corpus.policies.iter().zip(&docs) {
                for f in doc.check(&opts) {
                    writeln!(out, "{} {} {quota:?} {f}", p.name, kind.as_str())?;
                    count += 1;
                }
            }
        }
    }
    writeln!(
        out,
        "{count} findings over {} policies (own options, then 5 kinds x 2 quotas)",
        corpus.policies.len()
    )?;
    out.flush()?;
    Ok(())
}
