//! `iam-ecs simulate` through the real binary: every request of
//! `../shared/eval-cases/cases.jsonl`, both formats, exit codes, and
//! requests that cannot be read.

use std::path::{Path, PathBuf};
use std::process::Output;

mod common;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run(args, Some(stdin))
}

#[path = "../../tests/util/eval_cases.rs"]
mod eval_cases;

fn cases_file() -> Option<PathBuf> {
    eval_cases::cases_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
}

#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "the shared corpus (and eval-cases beside it) is missing: set IAM_ECS_CORPUS"
)]
fn corpus_every_eval_case_through_the_binary() {
    let Some(file) = cases_file() else { return };
    let text = std::fs::read_to_string(file).unwrap();
    let mut n = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        n += 1;
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = case["name"].as_str().unwrap();
        let request = case["request"].to_string();
        let expected = case["expected"]["decision"].as_str().unwrap();
        let out = run(&["simulate", "--format", "json", "-"], request.as_bytes());
        let want_code = if expected == "Allowed" { 0 } else { 1 };
        assert_eq!(
            out.status.code(),
            Some(want_code),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(answer["decision"], expected, "{name}");
        assert!(answer["missingContextKeys"].is_array(), "{name}");
        if let Some(deciding) = case["expected"].get("deciding") {
            assert_eq!(&answer["deciding"], deciding, "{name}");
        }
        // The text form starts with the decision.
        let out = run(&["simulate", "-"], request.as_bytes());
        assert_eq!(out.status.code(), Some(want_code), "{name}");
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with(&format!("{expected}: ")),
            "{name}"
        );
    }
    assert!(n >= 120, "only {n} cases");
}

#[test]
fn unreadable_requests_exit_2_with_the_pointer() {
    for (input, needle) in [
        ("not json", "invalid request at (document)"),
        ("[]", "expected a JSON object, found an array"),
        (
            r#"{"action":"s3:GetObject","resource":"*"}"#,
            "the member \"principal\"",
        ),
        (
            r#"{"principal":"arn:aws:iam::123456789012:user/a","action":"s3","resource":"*"}"#,
            "at /action",
        ),
        (
            r#"{"principal":"arn:aws:iam::123456789012:user/a","action":"s3:GetObject","resource":"*","context":{"k":1}}"#,
            "at /context/k",
        ),
        (
            r#"{"principal":"arn:aws:iam::123456789012:user/a","action":"s3:GetObject","resource":"*","identityPolicies":[{}, 3]}"#,
            "at /identityPolicies/1",
        ),
        (
            r#"{"principal":"arn:aws:iam::123456789012:user/a","action":"s3:GetObject","resource":"*","extra":1}"#,
            "at /extra",
        ),
    ] {
        let out = run(&["simulate", "-"], input.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{input}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{input}: {err}");
        assert!(out.stdout.is_empty(), "{input}");
    }
    // A usage error, and a file that does not exist.
    assert_eq!(
        run(&["simulate", "--format", "xml", "-"], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["simulate"], b"").status.code(), Some(2));
    let out = run(&["simulate", "/nonexistent/request.json"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
}

#[test]
fn text_names_the_failing_element_and_missing_keys() {
    let request = r#"{"principal":"arn:aws:sts::111122223333:assumed-role/my-ECS-task-role/s","action":"sts:AssumeRole",
      "resource":"arn:aws:iam::444455556666:role/destination-account-role",
      "identityPolicies":[{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::444455556666:role/destination-account-role"}}],
      "resourcePolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/my-ECS-task-role"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"12345"}}}]}}"#;
    let out = run(&["simulate", "-"], request.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("ImplicitlyDenied: "), "{text}");
    assert!(
        text.contains("resourcePolicy at /Statement/0/Condition/StringEquals/sts:ExternalId: StringEquals on sts:ExternalId is false: absent from the request"),
        "{text}"
    );
    assert!(
        text.contains("context keys tested but not in the request: sts:ExternalId"),
        "{text}"
    );
    let out = run(&["simulate", "--format", "json", "-"], request.as_bytes());
    let answer: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        answer["missingContextKeys"],
        serde_json::json!(["sts:ExternalId"])
    );
    assert_eq!(answer["deciding"], serde_json::json!([]));
}

#[test]
fn cross_account_prints_and_writes_the_offline_verification() {
    let o = run(&["cross-account"], b"");
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("# verification\nOffline verification"),
        "{out}"
    );
    assert!(
        out.contains("ok   1. the task's role session assumes the destination role"),
        "{out}"
    );
    assert!(out.contains("ok   3. ecs-tasks.amazonaws.com assumes the task role for a task of another account: ImplicitlyDenied"));

    let dir = std::env::temp_dir().join(format!("iam-ecs-simulate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let o = run(&["cross-account", "--out", dir.to_str().unwrap()], b"");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let script = String::from_utf8_lossy(&o.stdout);
    assert!(
        script.contains("# ok   2. ecs-tasks.amazonaws.com assumes the task role"),
        "{script}"
    );
    let text = std::fs::read_to_string(dir.join("verification.txt")).unwrap();
    assert!(text.starts_with("Offline verification"), "{text}");
    // The written requests run through `simulate` with the same answers.
    for (n, code) in [(1, 0), (2, 0), (3, 1)] {
        let path = dir.join(format!("verify-request-{n}.json"));
        let o = run(&["simulate", path.to_str().unwrap()], b"");
        assert_eq!(
            o.status.code(),
            Some(code),
            "request {n}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
