//! Identifiers against real data in the shared corpus: every Resource of
//! every AWS managed policy, botocore's partitions, and the catalogue of
//! bad inputs.

mod util;

use std::path::Path;

use iam_ecs::{
    AccountId, Arn, ArnPattern, AssumedRoleArn, Partition, Region, RoleArn, RoleName, RolePath,
    ServicePrincipal,
};
use serde_json::Value;

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Calls `f` with every string under a key that `want` accepts, anywhere
/// in `v` (a string or an array of strings).
fn strings_under(v: &Value, want: &dyn Fn(&str) -> bool, f: &mut dyn FnMut(&str)) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                if want(k) {
                    match x {
                        Value::String(s) => f(s),
                        Value::Array(items) => {
                            items.iter().filter_map(Value::as_str).for_each(&mut *f)
                        }
                        _ => {}
                    }
                } else {
                    strings_under(x, want, f);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| strings_under(x, want, f)),
        _ => {}
    }
}

/// Every `Resource` and `NotResource` of the 1,388 AWS managed policies
/// (all accepted by AWS) parses as an [`ArnPattern`], except `*`.
#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn managed_policy_resources_parse_as_arn_patterns() {
    let Some(corpus) = util::corpus_dir() else {
        return;
    };
    let files = util::files_with_ext(&corpus.join("managed-policies/policies"), ".json");
    assert_eq!(files.len(), 1388, "managed policy count");
    let (mut checked, mut stars, mut concrete) = (0, 0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let policy = read_json(file);
        strings_under(
            &policy,
            &|k| k == "Resource" || k == "NotResource",
            &mut |s| {
                if s == "*" {
                    stars += 1;
                    return;
                }
                checked += 1;
                match ArnPattern::parse(s) {
                    Ok(p) => {
                        assert_eq!(p.as_str(), s);
                        if Arn::parse(s).is_ok() {
                            concrete += 1;
                        }
                    }
                    Err(e) => failures.push(format!("{}: {e}", file.display())),
                }
            },
        );
    }
    assert!(
        failures.is_empty(),
        "{} rejected:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked > 5000, "only {checked} resources found");
    assert!(stars > 0 && concrete > 0);
}

/// Every `iam:PassedToService` value without a wildcard in the managed
/// policies is a [`ServicePrincipal`] (including `.amazonaws.com.cn` ones).
#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn managed_policy_passed_to_service_values_are_service_principals() {
    let Some(corpus) = util::corpus_dir() else {
        return;
    };
    let files = util::files_with_ext(&corpus.join("managed-policies/policies"), ".json");
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in &files {
        strings_under(
            &read_json(file),
            &|k| k.eq_ignore_ascii_case("iam:PassedToService"),
            &mut |s| {
                if s.contains('*') {
                    return;
                }
                checked += 1;
                if let Err(e) = ServicePrincipal::parse(s) {
                    failures.push(format!("{}: {e}", file.display()));
                }
            },
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 100, "only {checked} values found");
}

/// [`Partition`] agrees with botocore's `partitions.json`: the same eight
/// IDs, DNS suffixes and region patterns; every region listed parses with
/// its partition, and the pseudo-regions are rejected.
#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn partitions_match_botocore() {
    let Some(corpus) = util::corpus_dir() else {
        return;
    };
    let doc = read_json(&corpus.join("botocore/partitions.json"));
    let partitions = doc["partitions"].as_array().unwrap();
    assert_eq!(partitions.len(), Partition::ALL.len());
    // The patterns `Partition::region_matches` implements by hand.
    let implemented = [
        ("aws", r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$"),
        ("aws-cn", r"^cn\-\w+\-\d+$"),
        ("aws-us-gov", r"^us\-gov\-\w+\-\d+$"),
        ("aws-iso", r"^us\-iso\-\w+\-\d+$"),
        ("aws-iso-b", r"^us\-isob\-\w+\-\d+$"),
        ("aws-iso-e", r"^eu\-isoe\-\w+\-\d+$"),
        ("aws-iso-f", r"^us\-isof\-\w+\-\d+$"),
        ("aws-eusc", r"^eusc\-(de)\-\w+\-\d+$"),
    ];
    let mut regions = 0;
    for p in partitions {
        let id = p["id"].as_str().unwrap();
        let partition = Partition::parse(id).unwrap();
        assert_eq!(
            partition.dns_suffix(),
            p["outputs"]["dnsSuffix"].as_str().unwrap(),
            "{id}"
        );
        let regex = implemented.iter().find(|(i, _)| *i == id).unwrap().1;
        assert_eq!(
            p["regionRegex"].as_str().unwrap(),
            regex,
            "{id}: pattern changed"
        );
        for name in p["regions"].as_object().unwrap().keys() {
            if name.ends_with("-global") {
                assert!(Region::parse(name).is_err(), "{name}");
                assert!(!partition.region_matches(name), "{name}");
            } else {
                regions += 1;
                assert_eq!(
                    Region::parse(name).unwrap().partition(),
                    partition,
                    "{name}"
                );
            }
        }
    }
    assert!(regions >= 40, "{regions}");
}

/// The catalogue of bad inputs: accounts and ARNs are accepted exactly
/// when it marks them valid.
#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn bad_inputs_catalogue() {
    let Some(corpus) = util::corpus_dir() else {
        return;
    };
    let text = std::fs::read_to_string(corpus.join("bad-inputs.jsonl")).unwrap();
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let entry: Value = serde_json::from_str(line).unwrap();
        let valid = entry["valid"].as_bool().unwrap_or(false);
        let kind = entry["kind"].as_str().unwrap_or_default();
        let accepted = match (kind, &entry["doc"]) {
            ("account", Value::String(s)) => AccountId::parse(s).map(drop),
            ("arn", Value::String(s)) if s.contains(":assumed-role/") => {
                AssumedRoleArn::parse(s).map(drop)
            }
            ("arn", Value::String(s)) if s.contains(":role/") => RoleArn::parse(s).map(drop),
            ("arn", Value::String(s)) => Arn::parse(s).map(drop),
            ("arn", Value::Object(parts)) => {
                let path = parts["Path"].as_str().unwrap();
                let name = parts["RoleName"].as_str().unwrap();
                RolePath::parse(path)
                    .and_then(|_| RoleName::parse(name))
                    .map(drop)
            }
            _ => continue,
        };
        checked += 1;
        assert_eq!(accepted.is_ok(), valid, "{line}\n{accepted:?}");
    }
    assert!(checked >= 20, "only {checked} entries checked");
}
