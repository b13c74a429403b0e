//! Members the model does not have (issue 14 item 5): an error with a
//! "did you mean" in register input, a warning in describe output, the
//! same suggestion for policy elements, and a misspelt
//! `requiresCompatibilities` that still runs the Fargate checks.

mod util;

use iam_ecs::ecs::{DescribedTaskDefinition, Document, RegisteredTaskDefinition, TaskDefinition};
use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs::{has_errors, Code, Severity};
use util::lines;

const FARGATE_TYPO: &str = r#"{
  "family": "web",
  "requiresCompatibilites": ["FARGATE"],
  "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 512}]
}"#;

#[test]
fn a_misspelt_member_of_register_input_is_an_error_with_a_suggestion_and_fargate_checks_run() {
    let td = TaskDefinition::from_json_str(FARGATE_TYPO).unwrap();
    let findings = td.check();
    assert!(has_errors(&findings));
    assert_eq!(
        lines(&findings),
        [
            "error[fargate-network-mode] (document): task requires FARGATE but has no \"networkMode\" (so \"bridge\"): Fargate only supports network mode \"awsvpc\"",
            "error[fargate-cpu-required] (document): task requires FARGATE but has no task-level \"cpu\": Fargate requires that \"cpu\" be defined at the task level",
            "error[fargate-memory-required] (document): task requires FARGATE but has no task-level \"memory\": Fargate requires that \"memory\" be defined at the task level",
            "error[unknown-field] /requiresCompatibilites: unknown member \"requiresCompatibilites\" in task definition: the AWS CLI and SDKs reject it (\"Unknown parameter in input\") (did you mean \"requiresCompatibilities\"?); the Fargate checks ran as if it were spelled \"requiresCompatibilities\"",
        ]
    );
}

#[test]
fn a_misspelt_compatibility_without_fargate_runs_no_fargate_check() {
    let td = TaskDefinition::from_json_str(&FARGATE_TYPO.replace("FARGATE", "EC2")).unwrap();
    assert_eq!(
        lines(&td.check()),
        ["error[unknown-field] /requiresCompatibilites: unknown member \"requiresCompatibilites\" in task definition: the AWS CLI and SDKs reject it (\"Unknown parameter in input\") (did you mean \"requiresCompatibilities\"?)"]
    );
}

#[test]
fn the_correct_spelling_wins_over_a_misspelt_copy() {
    // `requiresCompatibilities` says EC2: the misspelt FARGATE beside it
    // does not make the task a Fargate one.
    let text = FARGATE_TYPO.replace(
        r#""requiresCompatibilites": ["FARGATE"],"#,
        r#""requiresCompatibilities": ["EC2"], "requiresCompatibilites": ["FARGATE"],"#,
    );
    let findings = TaskDefinition::from_json_str(&text).unwrap().check();
    assert!(findings
        .iter()
        .all(|f| !f.code.as_str().starts_with("fargate-")));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].code, Code::UnknownField);
    assert!(!findings[0].message.contains("Fargate checks ran"));
}

#[test]
fn a_misspelt_container_member_is_an_error_with_a_suggestion() {
    let text = r#"{"family":"f","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"portMapings":[{"containerPort":80}],"essentail":true}]}"#;
    let findings = TaskDefinition::from_json_str(text).unwrap().check();
    assert_eq!(
        lines(&findings),
        [
            "error[unknown-field] /containerDefinitions/0/portMapings: unknown member \"portMapings\" in container definition: the AWS CLI and SDKs reject it (\"Unknown parameter in input\") (did you mean \"portMappings\"?)",
            "error[unknown-field] /containerDefinitions/0/essentail: unknown member \"essentail\" in container definition: the AWS CLI and SDKs reject it (\"Unknown parameter in input\") (did you mean \"essential\"?)",
        ]
    );
}

#[test]
fn nested_records_of_register_input_are_validated_too() {
    // botocore validates every structure of the input, not only the top
    // level and the containers.
    let text = r#"{"family":"f","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"portMappings":[{"containerPort":80,"protocl":"tcp"}]}]}"#;
    let findings = TaskDefinition::from_json_str(text).unwrap().check();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].severity, Severity::Error);
    assert_eq!(
        findings[0].path,
        "/containerDefinitions/0/portMappings/0/protocl"
    );
    assert!(findings[0]
        .message
        .ends_with("(did you mean \"protocol\"?)"));
}

#[test]
fn describe_output_keeps_unknown_members_as_warnings_with_the_suggestion() {
    let text = r#"{"taskDefinition":{"family":"f","revision":3,"status":"ACTIVE","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"essentail":true}],"requiresCompatibilites":["FARGATE"]}}"#;
    let described = DescribedTaskDefinition::from_json_str(text).unwrap();
    let findings = described.check();
    assert!(!has_errors(
        &findings
            .iter()
            .filter(|f| f.code == Code::UnknownField)
            .cloned()
            .collect::<Vec<_>>()
    ));
    let unknown: Vec<String> = findings
        .iter()
        .filter(|f| f.code == Code::UnknownField)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        unknown,
        [
            "warning[unknown-field] /taskDefinition/containerDefinitions/0/essentail: unknown field \"essentail\" in container definition: kept as written, but AWS may reject it (did you mean \"essential\"?)",
            "warning[unknown-field] /taskDefinition/requiresCompatibilites: unknown field \"requiresCompatibilites\" in task definition: kept as written, but AWS may reject it (did you mean \"requiresCompatibilities\"?); the Fargate checks ran as if it were spelled \"requiresCompatibilities\"",
        ]
    );
    // The bare revision and `Document` agree.
    let bare = r#"{"family":"f","revision":3,"containerDefinitions":[{"name":"a","image":"nginx","memory":64,"essentail":true}]}"#;
    let registered = RegisteredTaskDefinition::from_json_str(bare)
        .unwrap()
        .check();
    assert_eq!(registered.len(), 1);
    assert_eq!(registered[0].severity, Severity::Warning);
    let doc = Document::from_json_str(text).unwrap().check();
    assert_eq!(lines(&doc), lines(&findings));
}

#[test]
fn an_unknown_member_far_from_every_key_has_no_suggestion() {
    let findings = TaskDefinition::from_json_str(
        r#"{"family":"f","containerDefinitions":[{"name":"a","image":"i","memory":64}],"zz":1}"#,
    )
    .unwrap()
    .check();
    assert_eq!(findings.len(), 1);
    assert!(!findings[0].message.contains("did you mean"));
}

#[test]
fn a_misspelt_policy_element_gets_the_closest_element() {
    let doc = PolicyDocument::from_json_str(
        r#"{"Version":"2012-10-17","Statement":[{"Efect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
    )
    .unwrap();
    let findings = doc.check(&CheckOptions::identity());
    let element: Vec<String> = findings
        .iter()
        .filter(|f| f.code == Code::InvalidPolicyElement)
        .map(ToString::to_string)
        .collect();
    assert_eq!(element.len(), 1, "{findings:?}");
    assert!(
        element[0].starts_with(
            "error[invalid-policy-element] /Statement/0/Efect: unknown element \"Efect\""
        ),
        "{}",
        element[0]
    );
    assert!(
        element[0].ends_with("(did you mean \"Effect\"?)"),
        "{}",
        element[0]
    );
    // The statement has no Effect: that is reported too.
    assert!(findings.iter().any(|f| f.code == Code::MissingEffect));
    // A case-only difference keeps its own wording.
    let doc = PolicyDocument::from_json_str(
        r#"{"Version":"2012-10-17","Statement":[{"effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
    )
    .unwrap();
    assert!(doc.check(&CheckOptions::identity()).iter().any(|f| f
        .message
        .ends_with("(element names are case-sensitive: did you mean \"Effect\"?)")));
    // A top-level element.
    let doc = PolicyDocument::from_json_str(
        r#"{"Version":"2012-10-17","Statment":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
    )
    .unwrap();
    assert!(doc
        .check(&CheckOptions::identity())
        .iter()
        .any(|f| f.path == "/Statment" && f.message.ends_with("(did you mean \"Statement\"?)")));
}
