//! Issue 14 item 5 through the real binary: a misspelt task-definition
//! member is an error with its suggestion (exit 1), a warning in describe
//! output, and a misspelt policy element gets its suggestion too.

use iam_ecs::json::Json;
use std::io::Write;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_iam-ecs");

fn check_stdin(input: &str) -> (Output, Vec<Json>) {
    let mut child = Command::new(BIN)
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(input.as_bytes())
        .expect("stdin takes the input");
    let out = child.wait_with_output().expect("the binary finishes");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let json = Json::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let findings = json.as_array().expect("an array of findings").to_vec();
    (out, findings)
}

fn field<'a>(f: &'a Json, name: &str) -> &'a str {
    f.pointer(&format!("/{name}"))
        .and_then(Json::as_str)
        .unwrap_or_else(|| panic!("finding without {name}: {f:?}"))
}

#[test]
fn a_misspelt_requires_compatibilities_is_an_error_and_fargate_checks_still_run() {
    let (out, findings) = check_stdin(
        r#"{"family":"web","requiresCompatibilites":["FARGATE"],"containerDefinitions":[{"name":"web","image":"nginx","memory":512}]}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    let typo = findings
        .iter()
        .find(|f| field(f, "path") == "/requiresCompatibilites")
        .expect("a finding at the misspelt key");
    assert_eq!(field(typo, "severity"), "error");
    assert_eq!(field(typo, "code"), "unknown-field");
    assert!(field(typo, "message").contains("did you mean \"requiresCompatibilities\"?"));
    assert!(field(typo, "message").contains("Unknown parameter in input"));
    let codes: Vec<&str> = findings.iter().map(|f| field(f, "code")).collect();
    for code in [
        "fargate-network-mode",
        "fargate-cpu-required",
        "fargate-memory-required",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn an_unknown_member_of_describe_output_is_a_warning_and_exits_0() {
    let (out, findings) = check_stdin(
        r#"{"taskDefinition":{"family":"web","revision":1,"containerDefinitions":[{"name":"web","image":"nginx","memory":512,"essentail":true}]}}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(field(&findings[0], "severity"), "warning");
    assert_eq!(
        field(&findings[0], "path"),
        "/taskDefinition/containerDefinitions/0/essentail"
    );
    assert!(field(&findings[0], "message").ends_with("(did you mean \"essential\"?)"));
}

#[test]
fn a_misspelt_policy_element_names_the_element_meant() {
    let (out, findings) = check_stdin(
        r#"{"Version":"2012-10-17","Statement":[{"Efect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    let element = findings
        .iter()
        .find(|f| field(f, "code") == "invalid-policy-element")
        .expect("an invalid-policy-element finding");
    assert_eq!(field(element, "path"), "/Statement/0/Efect");
    assert!(field(element, "message").ends_with("(did you mean \"Effect\"?)"));
}
