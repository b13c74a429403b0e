//! Errors as data: the finding code, the JSON Pointer and the reason of an
//! [`Error`] are fields and methods, never recovered from its message; a
//! build that succeeds hands back its findings.

use iam_ecs::cross_account::CrossAccountSpec;
use iam_ecs::ecs::{ContainerCondition, ContainerDefinition, TaskDefinition};
use iam_ecs::policy::{
    CheckOptions, IdentityPolicy, IdentityStatement, PolicyDocument, TrustPolicy, TrustStatement,
};
use iam_ecs::{
    AccountId, AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Code, Error, Region, RoleArn,
    RoleName, ServicePrincipal, Severity,
};

/// A statement that builds and checks clean.
fn fine() -> IdentityStatement {
    IdentityStatement::allow()
        .action("s3:GetObject")
        .resource("arn:aws:s3:::b/*")
}

/// The code and pointer of a build error, read from the variant's fields.
fn place(e: &Error) -> (Option<Code>, Option<&str>) {
    match e {
        Error::Build { code, at, .. } => (*code, at.as_ref().map(|p| p.as_str())),
        other => panic!("expected Error::Build, found {other:?}"),
    }
}

#[test]
fn a_policy_builder_error_names_the_statement_and_its_code() {
    // A setter's error on the third statement.
    let err = IdentityPolicy::builder()
        .statement(fine())
        .statement(fine())
        .statement(IdentityStatement::allow().action("s3").resource("*"))
        .build()
        .unwrap_err();
    assert_eq!(
        place(&err),
        (Some(Code::InvalidAction), Some("/Statement/2/Action"))
    );
    assert_eq!(err.code(), Some(Code::InvalidAction));
    assert_eq!(
        err.pointer().map(|p| p.as_str()),
        Some("/Statement/2/Action")
    );
    assert!(matches!(
        err,
        Error::Build {
            ty: "IdentityStatement",
            field: "Action",
            ..
        }
    ));
    assert_eq!(
        err.reason().to_string(),
        r#"invalid action "s3": expected "*" or service:ActionName, found no ":""#
    );

    // A resource that is not an ARN: the ARN code, from the parse error.
    let err = IdentityPolicy::builder()
        .statement(fine())
        .statement(fine())
        .statement(
            IdentityStatement::allow()
                .action("s3:GetObject")
                .resource("arn:aws:s3"),
        )
        .build()
        .unwrap_err();
    assert_eq!(
        place(&err),
        (Some(Code::MissingArnField), Some("/Statement/2/Resource"))
    );

    // An error the check finds in the built document (an invalid Sid).
    let err = IdentityPolicy::builder()
        .statement(fine())
        .statement(fine())
        .statement(fine().sid("not valid"))
        .build()
        .unwrap_err();
    assert_eq!(
        place(&err),
        (Some(Code::UnsupportedSid), Some("/Statement/2/Sid"))
    );
    assert!(matches!(err, Error::Build { field: "Sid", .. }));
    assert!(
        err.to_string()
            .ends_with(" [unsupported-sid at /Statement/2/Sid]"),
        "{err}"
    );

    // A trust policy: the principal the check rejects.
    let err = TrustPolicy::builder()
        .statement(
            TrustStatement::allow()
                .principal_aws("*")
                .action("sts:AssumeRole"),
        )
        .statement(
            TrustStatement::allow()
                .principal_aws("*")
                .action("sts:AssumeRole"),
        )
        .statement(
            TrustStatement::allow()
                .principal_aws("12345678910")
                .action("sts:AssumeRole"),
        )
        .build()
        .unwrap_err();
    assert_eq!(
        place(&err),
        (
            Some(Code::InvalidPrincipal),
            Some("/Statement/2/Principal/AWS")
        )
    );
}

#[test]
fn a_single_statement_error_points_at_the_statement_object() {
    let err = IdentityPolicy::builder()
        .single_statement()
        .statement(IdentityStatement::allow().action("s3 :x").resource("*"))
        .build()
        .unwrap_err();
    assert_eq!(
        place(&err),
        (Some(Code::InvalidAction), Some("/Statement/Action"))
    );
}

#[test]
fn document_level_builder_errors() {
    let err = IdentityPolicy::builder()
        .version("2012-10-18")
        .statement(fine())
        .build()
        .unwrap_err();
    assert_eq!(place(&err), (Some(Code::InvalidVersion), Some("/Version")));

    let err = IdentityPolicy::builder().build().unwrap_err();
    assert_eq!(
        place(&err),
        (Some(Code::MissingStatement), Some("/Statement"))
    );

    // No code for what no check reports.
    let err = TrustPolicy::builder()
        .statement(
            TrustStatement::allow()
                .principal_aws("*")
                .action("sts:AssumeRole")
                .external_id("x"),
        )
        .build()
        .unwrap_err();
    assert_eq!(
        place(&err),
        (
            None,
            Some("/Statement/0/Condition/StringEquals/sts:ExternalId")
        )
    );
}

#[test]
fn an_ecs_builder_error_exposes_its_code_and_pointer() {
    // The container's own check: pointers relative to the container.
    let err = ContainerDefinition::builder("app", "nginx")
        .memory(4)
        .build()
        .unwrap_err();
    assert_eq!(
        place(&err),
        (Some(Code::ContainerMemoryTooLow), Some("/memory"))
    );
    assert!(matches!(
        err,
        Error::Build {
            ty: "ContainerDefinition",
            field: "memory",
            ..
        }
    ));
    assert_eq!(
        err.reason().to_string(),
        "memory is 4 MiB: expected at least 6 MiB (Docker 20.10 and later need 6 MiB)"
    );

    // The task's check: the second container's secrets need an
    // execution role.
    let err = TaskDefinition::builder()
        .family("f")
        .container(
            ContainerDefinition::builder("a", "nginx")
                .memory(64)
                .build()
                .unwrap(),
        )
        .container(
            ContainerDefinition::builder("b", "nginx")
                .memory(64)
                .secret("DB", "arn:aws:ssm:us-east-1:111122223333:parameter/db")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap_err();
    let (code, at) = place(&err);
    assert_eq!(code, Some(Code::SecretsNeedExecutionRole));
    assert!(
        at.is_some_and(|p| p.starts_with("/containerDefinitions/1")),
        "{at:?}"
    );
    assert!(matches!(
        err,
        Error::Build {
            field: "containerDefinitions",
            ..
        }
    ));

    // A setter's error carries the code the check gives the same value.
    let err = TaskDefinition::builder()
        .family("my app")
        .build()
        .unwrap_err();
    assert_eq!(place(&err), (Some(Code::InvalidFamily), Some("/family")));
    let err = TaskDefinition::builder().build().unwrap_err();
    assert_eq!(place(&err), (Some(Code::MissingField), Some("/family")));
}

#[test]
fn build_with_findings_returns_the_warnings_of_a_build_that_succeeds() {
    // An identity policy with a repeated action and no Version.
    let builder = IdentityPolicy::builder().no_version().statement(
        IdentityStatement::allow()
            .action("s3:GetObject")
            .action("s3:getobject")
            .resource("arn:aws:s3:::b/*"),
    );
    let (doc, findings) = builder.clone().build_with_findings().unwrap();
    let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::MissingVersion), "{codes:?}");
    assert!(codes.contains(&Code::RedundantAction), "{codes:?}");
    assert!(findings.iter().all(|f| f.severity != Severity::Error));
    assert_eq!(findings, doc.check(&CheckOptions::identity()));
    assert_eq!(builder.build().unwrap(), doc);

    // A trust policy that lets a service in without scoping it: a
    // security warning, not an error.
    let (_, findings) = TrustPolicy::builder()
        .statement(
            TrustStatement::allow()
                .principal_service(ServicePrincipal::ECS_TASKS)
                .action("sts:AssumeRole"),
        )
        .build_with_findings()
        .unwrap();
    let found: Vec<(Severity, Code, &str)> = findings
        .iter()
        .map(|f| (f.severity, f.code, f.path.as_str()))
        .collect();
    assert_eq!(
        found,
        [(
            Severity::SecurityWarning,
            Code::RestrictAccessToServicePrincipal,
            "/Statement/0/Principal/Service"
        )]
    );

    // One that checks clean has none.
    let (_, findings) = TrustPolicy::builder()
        .statement(
            TrustStatement::allow()
                .principal_aws("arn:aws:iam::210987654321:role/r")
                .action("sts:AssumeRole"),
        )
        .build_with_findings()
        .unwrap();
    assert_eq!(findings, []);

    // A build that fails fails the same way.
    let err = IdentityPolicy::builder()
        .statement(IdentityStatement::allow().action("s3").resource("*"))
        .build_with_findings()
        .unwrap_err();
    assert_eq!(err.code(), Some(Code::InvalidAction));

    // A task definition whose container waits for a container without a
    // health check to be healthy.
    let (td, findings) = TaskDefinition::builder()
        .family("f")
        .container(
            ContainerDefinition::builder("app", "nginx")
                .memory(64)
                .depends_on("init", ContainerCondition::Healthy)
                .build()
                .unwrap(),
        )
        .container(
            ContainerDefinition::builder("init", "busybox")
                .memory(64)
                .essential(false)
                .build()
                .unwrap(),
        )
        .build_with_findings()
        .unwrap();
    let codes: Vec<Code> = findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::DependencyWithoutHealthCheck]);
    assert_eq!(findings, td.check());

    // The cross-account setup: the same findings as checking the result.
    let spec = CrossAccountSpec::builder()
        .source_account("111122223333")
        .destination_account("444455556666")
        .build()
        .unwrap();
    let (setup, findings) = spec.generate_with_findings().unwrap();
    assert_eq!(findings, setup.check());
    assert_eq!(setup, spec.generate().unwrap());
}

/// `(input, parse result)` for every kind of ARN problem, with its code.
#[test]
fn error_code_for_each_arn_problem() {
    fn pattern(s: &str) -> Error {
        ArnPattern::parse(s).unwrap_err()
    }
    fn arn(s: &str) -> Error {
        Arn::parse(s).unwrap_err()
    }
    let cases: Vec<(Error, Code, &str)> = vec![
        (
            pattern("s3:::bucket"),
            Code::InvalidArnPrefix,
            r#"expected "arn:" at the start"#,
        ),
        (
            pattern("arn:aws:s3"),
            Code::MissingArnField,
            r#"expected 6 fields separated by ":" (arn:partition:service:region:account:resource), found 3"#,
        ),
        (
            pattern("arn:aws-xx:s3:::b"),
            Code::InvalidPartition,
            r#"partition "aws-xx": expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc"#,
        ),
        (
            pattern("arn:aws:S3:::b"),
            Code::InvalidArnService,
            r#"service "S3": expected lowercase letters, digits, hyphens and wildcards, found "S" at position 0"#,
        ),
        (
            pattern("arn:aws:ec2:xx-east-1:*:instance/*"),
            Code::InvalidArnRegion,
            r#"region "xx-east-1": expected a region of partition aws, such as us-east-1"#,
        ),
        (
            pattern("arn:aws:iam::1111222233334444:role/*"),
            Code::InvalidArnAccount,
            r#"account "1111222233334444": expected 12 digits, found 16"#,
        ),
        (
            pattern("arn:aws:iam::${aws:PrincipalAccount}:role/x"),
            Code::MissingBraceInVariable,
            r#"expected policy variables only in the resource (after the fifth ":"), found "${" at position 13"#,
        ),
        (
            pattern("arn:aws:s3:::b/${aws:username"),
            Code::MissingBraceInVariable,
            r#"expected "}" to close the policy variable "${" at position 15"#,
        ),
        (
            pattern("arn:aws:s3:::b\u{7}"),
            Code::InvalidArnResource,
            r#"expected no control characters, found "\u{7}" at position 14"#,
        ),
        (
            arn("arn:aws:s3:::"),
            Code::InvalidArnResource,
            r#"expected a resource after the fifth ":", found an empty string"#,
        ),
        (
            arn("arn:aws:s3:::bucket/*"),
            Code::InvalidArnResource,
            r#"expected no wildcards in a concrete ARN, found "*" at position 20"#,
        ),
        (
            arn("arn:aws:iam::111122223333:user/${aws:username}"),
            Code::MissingBraceInVariable,
            r#"expected no policy variables in a concrete ARN, found "${" at position 31"#,
        ),
        (
            arn("arn:aws:iam:us-east-1:111122223333:role/x"),
            Code::InvalidArnRegion,
            r#"region "us-east-1": expected an empty region in an iam ARN"#,
        ),
        (
            RoleArn::parse("arn:aws:sts::111122223333:role/x").unwrap_err(),
            Code::InvalidArnService,
            r#"service "sts": expected "iam""#,
        ),
        (
            RoleArn::parse("arn:aws:iam::111122223333:user/x").unwrap_err(),
            Code::InvalidArnResource,
            r#"resource "user/x": expected "role/" followed by an optional path and a role name"#,
        ),
        (
            RoleArn::parse("arn:aws:iam::111122223333:role/my role").unwrap_err(),
            Code::InvalidArnResource,
            r#"role name "my role": expected letters, digits and _+=,.@-, found " " at position 2"#,
        ),
        (
            AccountRootArn::parse("arn:aws:iam::11112222333:root").unwrap_err(),
            Code::InvalidArnAccount,
            r#"account "11112222333": expected 12 digits, found 11"#,
        ),
        (
            AssumedRoleArn::parse("arn:aws:sts::111122223333:assumed-role/R/x").unwrap_err(),
            Code::InvalidArnResource,
            r#"role session name "x": expected 2 to 64 characters, found 1"#,
        ),
        (
            ServicePrincipal::parse("amazonaws.com").unwrap_err(),
            Code::InvalidServicePrincipalFormat,
            r#"expected a service name before "amazonaws.com""#,
        ),
    ];
    for (err, code, reason) in cases {
        assert_eq!(err.code(), Some(code), "{err}");
        assert_eq!(err.reason().to_string(), reason, "{err}");
        assert!(err.to_string().ends_with(&format!(": {reason}")), "{err}");
        match &err {
            Error::Invalid { reason: r, .. } => assert_eq!(r.code(), Some(code)),
            other => panic!("expected Error::Invalid, found {other:?}"),
        }
        assert_eq!(err.pointer(), None);
    }
}

#[test]
fn values_on_their_own_have_no_code() {
    for err in [
        AccountId::parse("1111222233334444").unwrap_err(),
        Region::parse("aws-global").unwrap_err(),
        RoleName::parse("my role").unwrap_err(),
        "aws-xx".parse::<iam_ecs::Partition>().unwrap_err(),
        PolicyDocument::from_json_str("[]").unwrap_err(),
    ] {
        assert_eq!(err.code(), None, "{err}");
    }
    // A cross-account spec error carries the parse error's message and
    // code, and no pointer (there is no document yet).
    let err = CrossAccountSpec::builder()
        .source_account("1111222233334444")
        .destination_account("444455556666")
        .build()
        .unwrap_err();
    assert_eq!(err.code(), None);
    assert_eq!(err.pointer(), None);
    assert_eq!(
        err.reason().to_string(),
        r#"invalid account ID "1111222233334444": expected 12 digits, found 16"#
    );
}

#[test]
fn a_pointer_attached_to_a_value_error_is_a_pointer() {
    let err = AccountId::parse("1")
        .unwrap_err()
        .at("/Statement/0/Principal/AWS");
    assert_eq!(
        err.pointer().map(|p| p.as_str()),
        Some("/Statement/0/Principal/AWS")
    );
    // Text that is not a pointer is taken as one key; nothing panics.
    let err = AccountId::parse("1").unwrap_err().at("Resource");
    assert_eq!(err.pointer().map(|p| p.as_str()), Some("/Resource"));
    assert_eq!(err.code(), None);
}

#[test]
fn built_documents_equal_the_same_documents_read_back() {
    let account = AccountId::from_static("111122223333");
    let role = RoleArn::parse("arn:aws:iam::111122223333:role/r").unwrap();
    let docs = [
        iam_ecs::policy::allow_assume_role(&role),
        iam_ecs::policy::trust_principal_role(&role),
        iam_ecs::policy::ecs_task_role_trust(iam_ecs::Partition::Aws, &account, None),
        IdentityPolicy::builder()
            .statement(
                fine()
                    .sid("A")
                    .action_array()
                    .condition("Bool", "aws:SecureTransport", true)
                    .condition("NumericLessThan", "s3:max-keys", 10)
                    .condition_values("StringEquals", "aws:RequestedRegion", ["us-east-1"]),
            )
            .statement(
                IdentityStatement::deny()
                    .not_action("iam:*")
                    .not_resource("*"),
            )
            .build()
            .unwrap(),
        TrustPolicy::builder()
            .id("trust")
            .statement(
                TrustStatement::allow()
                    .principal_aws(&role)
                    .principal_service(ServicePrincipal::ECS_TASKS)
                    .principal_federated("cognito-identity.amazonaws.com")
                    .principal_array()
                    .action("sts:AssumeRole")
                    .external_id("abc123"),
            )
            .build()
            .unwrap(),
    ];
    for doc in docs {
        let read = PolicyDocument::from_json_str(&doc.to_json_string()).unwrap();
        assert_eq!(read, doc, "{}", doc.to_json_string());
        // A field set after building comes after the written ones, as it
        // does after reading.
        let mut edited = doc.clone();
        let mut read = read;
        edited.version = None;
        read.version = None;
        edited.version = Some("2012-10-17".into());
        read.version = Some("2012-10-17".into());
        assert_eq!(edited.to_json_string(), read.to_json_string());
    }
}

proptest::proptest! {
    /// Whatever the builders are given, their output equals the same JSON
    /// read back: the layout they fill is the one reading records.
    #[test]
    fn built_policies_equal_their_json_read_back(
        sid in proptest::option::of("[A-Za-z0-9]{0,3}"),
        actions in proptest::collection::vec(
            proptest::sample::select(vec!["s3:GetObject", "s3:*", "iam:PassRole", "*"]), 0..3),
        resources in proptest::collection::vec(
            proptest::sample::select(vec!["*", "arn:aws:s3:::b/*", "arn:aws:iam::*:role/x"]), 0..3),
        not in proptest::bool::ANY,
        arrays in proptest::bool::ANY,
        single in proptest::bool::ANY,
        version in proptest::bool::ANY,
        conditions in proptest::collection::vec(
            (proptest::sample::select(vec!["StringEquals", "Bool", "NumericLessThan"]),
             proptest::sample::select(vec!["aws:SourceAccount", "aws:SecureTransport", "s3:max-keys"]),
             0i64..3),
            0..3),
        principals in proptest::collection::vec((0usize..3, proptest::sample::select(vec![
            "*", "210987654321", "ecs-tasks.amazonaws.com", "arn:aws:iam::210987654321:role/r",
            "cognito-identity.amazonaws.com"])), 0..3),
    ) {
        let mut s = IdentityStatement::allow();
        let mut t = TrustStatement::allow().action("sts:AssumeRole");
        if let Some(sid) = &sid {
            s = s.sid(sid);
            t = t.sid(sid);
        }
        for a in &actions {
            s = if not { s.not_action(a) } else { s.action(a) };
        }
        for r in &resources {
            s = if not { s.not_resource(r) } else { s.resource(r) };
        }
        if arrays {
            s = s.action_array().resource_array();
            t = t.principal_array();
        }
        for (op, key, n) in &conditions {
            s = if *n == 0 { s.condition(op, key, true) } else { s.condition(op, key, *n) };
            t = t.condition(op, key, key.to_string());
        }
        for (kind, p) in &principals {
            t = match kind {
                0 => t.principal_aws(p),
                1 => t.principal_service(p),
                _ => t.principal_federated(p),
            };
        }
        let mut ib = IdentityPolicy::builder().statement(s.clone()).statement(s);
        let mut tb = TrustPolicy::builder().statement(t);
        if single {
            ib = IdentityPolicy::builder().single_statement().statement(IdentityStatement::allow().action("s3:GetObject").resource("*"));
            tb = tb.single_statement();
        }
        if !version {
            ib = ib.no_version();
            tb = tb.no_version();
        }
        for doc in [ib.build(), tb.build()].into_iter().flatten() {
            let read = PolicyDocument::from_json_str(&doc.to_json_string()).unwrap();
            proptest::prop_assert_eq!(&read, &doc);
        }
    }
}

/// Every position an error reports is where the problem is: a top level
/// that is not an object is reported at its first byte, a number at the
/// first byte that breaks the grammar, and a parsed value, which has no
/// position, says so by its variant.
#[test]
fn positions_are_real_or_absent() {
    use iam_ecs::ecs::TaskDefinition;
    use iam_ecs::json::{Json, Number};
    use iam_ecs::policy::PolicyDocument;

    assert_eq!(
        PolicyDocument::from_json_str("\n  [1]").unwrap_err().to_string(),
        "invalid JSON at line 2, column 3: expected a policy document (a JSON object), found an array"
    );
    assert_eq!(
        TaskDefinition::from_json_str("  true")
            .unwrap_err()
            .to_string(),
        "invalid JSON at line 1, column 3: expected an object, found a boolean"
    );
    let err = PolicyDocument::from_json(Json::parse("[1]").unwrap()).unwrap_err();
    assert!(matches!(
        err,
        Error::Shape {
            expected: "a policy document (a JSON object)",
            found: "an array",
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "expected a policy document (a JSON object), found an array"
    );
    assert_eq!(
        TaskDefinition::from_json(Json::parse("1").unwrap())
            .unwrap_err()
            .to_string(),
        "expected an object, found a number"
    );
    assert_eq!(
        Number::parse("01").unwrap_err().to_string(),
        "invalid JSON at line 1, column 2: expected a number, found \"01\""
    );
    assert_eq!(
        Number::parse("x").unwrap_err().to_string(),
        "invalid JSON at line 1, column 1: expected a number, found \"x\""
    );
}
