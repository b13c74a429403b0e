//! Errors as data: the finding code, the JSON Pointer and the reason of an
//! [`Error`] are fields and methods, never recovered from its message; a
//! build that succeeds hands back its findings.

use iam_ecs::cross_account::CrossAccountSpec;
use iam_ecs::policy::PolicyDocument;
use iam_ecs::{
    AccountId, AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Code, Error, Region, RoleArn,
    RoleName, ServicePrincipal,
};

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
