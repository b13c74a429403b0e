//! The catalogue checks over the corpus: no error finding on the 1,388 AWS
//! managed policies, and none added to the AWS documentation's examples
//! (an example's errors with the catalogue are the ones it has without:
//! what the examples have besides are their placeholders, such as
//! `account-id` or `EXAMPLE-BUCKET`, which the core checks report).

#[path = "../../tests/util/mod.rs"]
mod util;

use std::collections::BTreeMap;

use iam_ecs::json::Json;
use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs_catalog::Catalog;
use util::{corpus_dir, files_with_ext};

/// The codes the catalogue adds.
fn catalogue_codes(without: &[iam_ecs::Finding], with: &[iam_ecs::Finding]) -> Vec<String> {
    with.iter()
        .filter(|f| !without.contains(f))
        .map(|f| format!("{} {}", f.severity, f.code))
        .collect()
}

#[test]
fn managed_policies_have_no_error_with_the_catalogue() {
    let Some(dir) = corpus_dir() else { return };
    let files = files_with_ext(&dir.join("managed-policies/policies"), ".json");
    assert_eq!(files.len(), 1388);
    let base = CheckOptions::identity().size_quota(None);
    let opts = base.catalog(Some(Catalog::embedded()));
    let mut errors = Vec::new();
    let mut added: BTreeMap<String, usize> = BTreeMap::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let doc = PolicyDocument::from_json_str(&text).unwrap();
        let without = doc.check(&base);
        let with = doc.check(&opts);
        for finding in &with {
            if finding.is_error() {
                errors.push(format!("{}: {finding}", f.display()));
            }
        }
        for c in catalogue_codes(&without, &with) {
            *added.entry(c).or_default() += 1;
        }
    }
    eprintln!("managed policies, findings the catalogue adds, by code:");
    for (c, n) in &added {
        eprintln!("  {c}: {n}");
    }
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
    // The catalogue finds something (the issue counts about 100 names
    // absent from it in these policies).
    assert!(added.keys().any(|c| c.ends_with("invalid-action")));
}

#[test]
fn aws_docs_examples_get_no_error_from_the_catalogue() {
    let Some(dir) = corpus_dir() else { return };
    let lines =
        std::fs::read_to_string(dir.join("policy-examples/aws-docs-policies.jsonl")).unwrap();
    let mut n = 0;
    let mut errors = Vec::new();
    let mut added: BTreeMap<String, usize> = BTreeMap::new();
    for line in lines.lines() {
        let entry = Json::parse(line).unwrap();
        let text = entry.pointer("/text").and_then(Json::as_str).unwrap();
        let kind = entry.pointer("/kind").and_then(Json::as_str).unwrap();
        let path = entry.pointer("/path").and_then(Json::as_str).unwrap();
        let doc = PolicyDocument::from_json_str(text).unwrap();
        let base = match kind {
            "identity" => CheckOptions::identity(),
            "trust" => CheckOptions::trust(),
            _ => CheckOptions::resource(),
        };
        let opts = base.catalog(Some(Catalog::embedded()));
        let without = doc.check(&base);
        let with = doc.check(&opts);
        for f in with.iter().filter(|f| !without.contains(f)) {
            *added
                .entry(format!("{} {}", f.severity, f.code))
                .or_default() += 1;
            if f.is_error() {
                errors.push(format!("{path}: {f}"));
            }
        }
        n += 1;
    }
    eprintln!("aws-docs examples ({n}), findings the catalogue adds, by code:");
    for (c, k) in &added {
        eprintln!("  {c}: {k}");
    }
    assert_eq!(n, 328);
    assert!(
        errors.is_empty(),
        "{} errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}
