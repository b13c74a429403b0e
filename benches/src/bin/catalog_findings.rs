//! Prints every finding of every corpus policy checked with the embedded
//! catalogue (default grading, then strict), one line each, for comparing
//! the catalogue checks before and after a change that must not alter
//! them (issue 12): `cargo run --release --bin catalog_findings > a.txt`,
//! change, run again, `cmp a.txt b.txt`. The last line counts them.

use std::io::Write;

use iam_ecs::policy::{PolicyDocument, ServiceCatalog};
use iam_ecs_bench as b;
use iam_ecs_catalog::Catalog;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = b::Corpus::load()?;
    let cat: &'static dyn ServiceCatalog = Catalog::embedded();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let mut count = 0usize;
    for strict in [false, true] {
        for p in &corpus.policies {
            let doc = PolicyDocument::from_json_str(&p.text)?;
            let opts = p.options.catalog(Some(cat)).strict_catalog(strict);
            for f in doc.check(&opts) {
                writeln!(out, "{} strict={strict} {f}", p.name)?;
                count += 1;
            }
        }
    }
    // Synthetic statements from the catalogue itself: each ARN format of
    // each resource type, filled in four ways, with the first actions of
    // its service, a wildcard action, a service key and a tag key, so
    // that the resource and key checks meet every format.
    let embedded = Catalog::embedded();
    let mut synthetic = 0usize;
    for s in embedded.services() {
        let p = s.prefix();
        let mut actions: Vec<String> = s.actions().take(3).map(|a| a.to_string()).collect();
        actions.push(format!("{p}:Get*"));
        actions.push(format!("{p}:NoSuchAction"));
        let last = s
            .actions()
            .last()
            .map_or_else(String::new, |a| a.to_string());
        let key = s
            .condition_keys()
            .next()
            .map_or_else(|| format!("{p}:NoSuchKey"), |k| k.name().to_owned());
        for r in s.resource_types() {
            for t in r.arn_templates() {
                let filled = fill(t);
                let fields: Vec<&str> = filled.splitn(6, ':').collect();
                if fields.len() < 6 {
                    continue;
                }
                let (svc, res) = (fields[2], fields[5]);
                let head = res.split(['/', ':']).next().unwrap_or("");
                let resources = [
                    filled.clone(),
                    format!("arn:aws:{svc}:us-east-1:123456789012:{res}"),
                    format!("arn:aws:{svc}:::{res}"),
                    format!("arn:aws:{svc}:*:*:{head}*"),
                    format!("arn:aws:{svc}:us-east-1:123456789012:{head}/nosuch"),
                ];
                let doc = serde_json::json!({
                    "Version": "2012-10-17",
                    "Statement": [{
                        "Effect": "Allow",
                        "Action": actions,
                        "Resource": resources,
                        "Condition": {
                            "StringEquals": {
                                key.as_str(): "x",
                                "aws:ResourceTag/Owner": "x",
                                "aws:TagKeys": "x"
                            }
                        }
                    }, {
                        "Effect": "Deny",
                        "Action": [last.as_str(), "ec2:RunInstances"],
                        "Resource": resources,
                        "Condition": {
                            "StringLike": { key.as_str(): "x*", "aws:RequestTag/a": "x" }
                        }
                    }, {
                        "Effect": "Allow",
                        "NotAction": [last.as_str()],
                        "Resource": resources,
                        "Condition": {
                            "StringEquals": { "aws:ResourceTag/a": "x" }
                        }
                    }]
                });
                let doc = PolicyDocument::from_json_str(&doc.to_string())?;
                for strict in [false, true] {
                    let opts = iam_ecs::policy::CheckOptions::identity()
                        .catalog(Some(cat))
                        .strict_catalog(strict);
                    for f in doc.check(&opts) {
                        writeln!(out, "{p} {t} strict={strict} {f}")?;
                        count += 1;
                    }
                }
                synthetic += 1;
            }
        }
    }
    writeln!(
        out,
        "{count} findings over {} policies (twice) and {synthetic} synthetic ones (twice)",
        corpus.policies.len()
    )?;
    out.flush()?;
    Ok(())
}

/// `t` with each `${...}` replaced by `abc` (`${Partition}` by `aws`).
fn fill(t: &str) -> String {
    let mut out = String::new();
    let mut rest = t;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find('}') else {
            break;
        };
        let var = &rest[i + 2..i + end];
        out.push_str(if var == "Partition" { "aws" } else { "abc" });
        rest = &rest[i + end + 1..];
    }
    out.push_str(rest);
    out
}
