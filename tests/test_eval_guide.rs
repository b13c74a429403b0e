//! The guide's verify step, offline: `CrossAccountSetup::verify`.

use iam_ecs::cross_account::CrossAccountSpec;
use iam_ecs::eval::{evaluate, Decision, Request};
use iam_ecs::policy;

#[test]
fn the_guides_setup_verifies() {
    let setup = CrossAccountSpec::guide_example().generate().unwrap();
    let v = setup.verify();
    assert!(v.passed(), "{v}");
    let decisions: Vec<Decision> = v.checks.iter().map(|c| c.evaluation.decision).collect();
    assert_eq!(
        decisions,
        [
            Decision::Allowed,
            Decision::Allowed,
            Decision::ImplicitlyDenied
        ]
    );
    assert_eq!(
        v.checks[0].request.principal.as_str(),
        "arn:aws:sts::111122223333:assumed-role/my-ECS-task-role/task-session"
    );
    assert_eq!(
        v.checks[0].request.resource,
        "arn:aws:iam::444455556666:role/destination-account-role"
    );
    let deciding: Vec<String> = v.checks[0]
        .evaluation
        .deciding
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        deciding,
        [
            "identityPolicies[0] /Statement",
            "resourcePolicy /Statement/0"
        ]
    );
    let text = v.to_string();
    assert!(
        text.contains("ok   1. the task's role session assumes the destination role"),
        "{text}"
    );
    assert!(text.contains("ArnLike on aws:SourceArn is false"), "{text}");
}

#[test]
fn an_external_id_and_a_path_are_verified_too() {
    let setup = CrossAccountSpec::builder()
        .source_account("111122223333")
        .destination_account("444455556666")
        .task_role_path("/ecs/")
        .region("eu-west-1")
        .external_id("abc123")
        .build()
        .unwrap()
        .generate()
        .unwrap();
    let v = setup.verify();
    assert!(v.passed(), "{v}");
    let r = &v.checks[0].request;
    assert_eq!(
        r.context.get("sts:ExternalId").unwrap().values(),
        ["abc123"]
    );
    assert!(v.checks[1]
        .request
        .context
        .get("aws:SourceArn")
        .unwrap()
        .values()[0]
        .contains(":ecs:eu-west-1:"));
}

#[test]
fn a_broken_setup_fails_with_the_reason() {
    let mut setup = CrossAccountSpec::guide_example().generate().unwrap();
    let other: iam_ecs::RoleArn = "arn:aws:iam::444455556666:role/other-role".parse().unwrap();
    setup.task_role_identity_policy = policy::allow_assume_role(&other);
    let v = setup.verify();
    assert!(!v.passed());
    assert_eq!(v.checks[0].evaluation.decision, Decision::ImplicitlyDenied);
    assert!(v.to_string().contains("FAIL 1."), "{v}");
    // The destination trust policy naming another principal.
    let mut setup = CrossAccountSpec::guide_example().generate().unwrap();
    setup.destination_trust_policy =
        policy::trust_principal_account(iam_ecs::Partition::Aws, &"999999999999".parse().unwrap());
    let v = setup.verify();
    assert_eq!(v.checks[0].evaluation.decision, Decision::ImplicitlyDenied);
    // A task role trust policy open to every account's tasks.
    let mut setup = CrossAccountSpec::guide_example().generate().unwrap();
    setup.task_role_trust_policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#.parse().unwrap();
    let v = setup.verify();
    assert_eq!(v.checks[2].evaluation.decision, Decision::Allowed);
    assert!(
        !v.passed(),
        "a trust policy without aws:SourceAccount must fail the third check"
    );
}

#[test]
fn requests_round_trip_through_their_json() {
    let setup = CrossAccountSpec::guide_example().generate().unwrap();
    for c in setup.verify().checks {
        let text = c.request.to_json_string();
        let back = Request::from_json_str(&text).unwrap();
        assert_eq!(back, c.request, "{text}");
        assert_eq!(evaluate(&back), c.evaluation);
    }
}
