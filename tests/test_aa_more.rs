//! More of Access Analyzer's logic-only checks (issue 11, session 17):
//! `unsupported-global-condition-key`, `redundant-statement`, the bare
//! `*` family (`redundant-key-due-to-wildcard-in-condition`,
//! `redundant-statement-due-to-wildcard-in-condition`,
//! `equivalent-to-null-true`) and `invalid-region`; each positive
//! and negative, messages asserted. Source of every expected finding: AA's
//! check reference
//! (`corpus/aws-docs/iam-user-guide/access-analyzer-reference-policy-checks-current.md`),
//! the section named after the code; interpretation and grades in
//! `docs/checks.md`.

mod util;

use iam_ecs::policy::{CheckOptions, PolicyDocument};
use util::{lines, paths_resolve};

fn check(text: &str, opts: CheckOptions) -> Vec<String> {
    let findings = PolicyDocument::from_json_str(text).unwrap().check(&opts);
    paths_resolve(text, &findings);
    lines(&findings)
}

/// An identity policy with one statement allowing `s3:GetObject` on a
/// bucket under `cond` (a JSON object).
fn id(cond: &str) -> Vec<String> {
    check(
        &format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{cond}}}]}}"#
        ),
        CheckOptions::identity(),
    )
}

/// The findings of an identity policy (no size quota) of the statements
/// `statements` (JSON objects, comma-separated), other than
/// `redundant-resource` and `unique-sids-required`.
fn stmts(statements: &str) -> Vec<String> {
    check(
        &format!(r#"{{"Version":"2012-10-17","Statement":[{statements}]}}"#),
        CheckOptions::identity().size_quota(None),
    )
    .into_iter()
    .filter(|f| !f.contains("[redundant-resource]") && !f.contains("[unique-sids-required]"))
    .collect()
}

#[test]
fn unsupported_global_condition_key() {
    assert_eq!(
        id(r#"{"ArnEquals":{"AWS:arn":"arn:aws:iam::111122223333:role/x"}}"#),
        ["warning[unsupported-global-condition-key] /Statement/0/Condition/ArnEquals/AWS:arn: condition key \"AWS:arn\" is not supported (it is not a key of the request context): use aws:PrincipalArn or aws:SourceArn"]
    );
    // The keys it recommends: nothing.
    assert!(id(r#"{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/x","aws:SourceArn":"arn:aws:s3:::b"}}"#).is_empty());
}

const A: &str = r#"{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::c/*"],"Condition":{"StringEquals":{"aws:PrincipalTag/team":["x","y"]},"Bool":{"aws:SecureTransport":"true"}}}"#;

#[test]
fn redundant_statement() {
    // The same statement written otherwise: actions in another order and
    // case, a resource twice, operators and keys in another order, the
    // key in another case, values in another order, no Sid.
    let b = r#"{"Effect":"Allow","Action":["S3:putobject","s3:GetObject"],"Resource":["arn:aws:s3:::c/*","arn:aws:s3:::b/*","arn:aws:s3:::c/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:principaltag/team":["y","x"]}}}"#;
    assert_eq!(
        stmts(&format!("{A},{b}")),
        ["suggestion[redundant-statement] /Statement/1: statement /Statement/1 gives the same permissions as /Statement/0 (Sid \"A\") (same Effect, principals, actions, resources and conditions): remove one of them; an edit to one copy would leave the other in force"]
    );
    // Three copies: each later one names the first.
    let l = stmts(&format!("{A},{A},{A}"));
    assert_eq!(l.len(), 2, "{l:?}");
    assert!(l[0].starts_with("suggestion[redundant-statement] /Statement/1: statement /Statement/1 (Sid \"A\") gives the same permissions as /Statement/0 (Sid \"A\")"), "{l:?}");
    assert!(l[1].starts_with("suggestion[redundant-statement] /Statement/2: statement /Statement/2 (Sid \"A\") gives the same permissions as /Statement/0 (Sid \"A\")"), "{l:?}");
    // A trust policy: principals compared as sets.
    let trust = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":{"Service":["ecs-tasks.amazonaws.com","ec2.amazonaws.com"]},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}},
        {"Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com","ecs-tasks.amazonaws.com"]},"Action":["sts:AssumeRole"],"Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#;
    let l = check(trust, CheckOptions::trust());
    assert_eq!(l, ["suggestion[redundant-statement] /Statement/1: statement /Statement/1 gives the same permissions as /Statement/0 (same Effect, principals, actions, resources and conditions): remove one of them; an edit to one copy would leave the other in force"]);
}

#[test]
fn not_redundant_statements() {
    for other in [
        // Another effect, action, resource (ARNs are case-sensitive),
        // condition value, operator, NotResource for Resource, an extra
        // condition key.
        A.replace("\"Allow\"", "\"Deny\""),
        A.replace("s3:PutObject", "s3:PutObjectAcl"),
        A.replace("arn:aws:s3:::c/*", "arn:aws:s3:::C/*"),
        A.replace("[\"x\",\"y\"]", "[\"x\"]"),
        A.replace("StringEquals", "StringLike"),
        A.replace("\"Resource\"", "\"NotResource\""),
        A.replace("\"Bool\":{", "\"Bool\":{\"aws:ViaAWSService\":\"false\","),
        // No condition at all.
        r#"{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::b/*","arn:aws:s3:::c/*"]}"#.to_owned(),
        // "true" the string and true the boolean are kept apart (unsure).
        A.replace("\"true\"", "true"),
    ] {
        let l = stmts(&format!("{A},{other}"));
        assert!(
            !l.iter().any(|f| f.contains("redundant-statement")),
            "{other}: {l:?}"
        );
    }
    // A statement with an unknown element is never compared.
    let odd = A.replace("\"Sid\":\"A\",", "\"Sid\":\"B\",\"Extra\":1,");
    let l = stmts(&format!("{A},{odd}"));
    assert!(
        !l.iter().any(|f| f.contains("redundant-statement")),
        "{l:?}"
    );
    // "*" and {"AWS": "*"} are not taken to be the same principal.
    let res = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"},
        {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
    let l = check(res, CheckOptions::resource());
    assert!(
        !l.iter().any(|f| f.contains("redundant-statement")),
        "{l:?}"
    );
}

#[test]
fn redundant_statements_in_a_long_policy() {
    // More statements than fit on the stack: the sorted path, same result.
    let distinct: Vec<String> = (0..80)
        .map(|i| {
            format!(
                r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b{i}/*"}}"#
            )
        })
        .collect();
    let mut all = distinct.clone();
    all.push(distinct[3].replace("s3:GetObject", "S3:GETOBJECT"));
    all.push(distinct[70].clone());
    let l = stmts(&all.join(","));
    assert_eq!(
        l,
        [
            "suggestion[redundant-statement] /Statement/80: statement /Statement/80 gives the same permissions as /Statement/3 (same Effect, principals, actions, resources and conditions): remove one of them; an edit to one copy would leave the other in force",
            "suggestion[redundant-statement] /Statement/81: statement /Statement/81 gives the same permissions as /Statement/70 (same Effect, principals, actions, resources and conditions): remove one of them; an edit to one copy would leave the other in force",
        ]
    );
    assert!(stmts(&distinct.join(",")).is_empty());
    // Two long action lists (the sorted comparison).
    let actions: Vec<String> = (0..40).map(|i| format!("\"s3:Get{i}\"")).collect();
    let mut reversed = actions.clone();
    reversed.reverse();
    let s1 = format!(
        r#"{{"Effect":"Allow","Action":[{}],"Resource":"*"}}"#,
        actions.join(",")
    );
    let s2 = format!(
        r#"{{"Effect":"Allow","Action":[{}],"Resource":"*"}}"#,
        reversed.join(",")
    );
    let l = stmts(&format!("{s1},{s2}"));
    assert!(
        l.iter()
            .any(|f| f.starts_with("suggestion[redundant-statement] /Statement/1:")),
        "{l:?}"
    );
    let s3 = s2.replace("s3:Get7\"", "s3:Get77\"");
    let l = stmts(&format!("{s1},{s3}"));
    assert!(
        !l.iter().any(|f| f.contains("redundant-statement")),
        "{l:?}"
    );
}

#[test]
fn bare_star_on_a_key_that_may_be_absent() {
    // StringLike: true exactly when the key is present, which is
    // `Null: false`; AA's own findings on the managed policies have no
    // such suggestion on ten conditions of this form: not reported.
    assert!(id(
        r#"{"StringLike":{"aws:PrincipalTag/team":["dev","*"],"ec2:ResourceTag/eks":"*"}}"#
    )
    .is_empty());
    assert_eq!(
        id(r#"{"StringNotLike":{"ec2:InstanceType":"*"}}"#),
        ["suggestion[equivalent-to-null-true] /Statement/0/Condition/StringNotLike/ec2:InstanceType: condition key ec2:InstanceType under \"StringNotLike\" with \"*\" is true only when the key is absent: write \"Null\": {\"ec2:InstanceType\": \"true\"} instead"]
    );
    // StringNotLikeIfExists: false when present, true when absent.
    let l = id(r#"{"StringNotLikeIfExists":{"aws:SourceVpc":"**"}}"#);
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(l[0].starts_with("suggestion[equivalent-to-null-true] /Statement/0/Condition/StringNotLikeIfExists/aws:SourceVpc: "), "{l:?}");
    // StringLikeIfExists: true either way, for any key.
    assert_eq!(
        id(r#"{"StringLikeIfExists":{"ec2:InstanceType":"*"}}"#),
        ["suggestion[redundant-key-due-to-wildcard-in-condition] /Statement/0/Condition/StringLikeIfExists/ec2:InstanceType: condition key ec2:InstanceType under \"StringLikeIfExists\" always matches (\"*\" matches every value, and IfExists is true when the key is absent): the key is redundant, remove it"]
    );
}

#[test]
fn bare_star_on_a_key_every_request_has() {
    assert_eq!(
        id(r#"{"StringLike":{"aws:RequestedRegion":"*"}}"#),
        ["suggestion[redundant-key-due-to-wildcard-in-condition] /Statement/0/Condition/StringLike/aws:RequestedRegion: condition key aws:RequestedRegion under \"StringLike\" always matches (\"*\" matches every value, and every request has the key): the key is redundant, remove it"]
    );
    assert_eq!(
        id(r#"{"StringNotLike":{"AWS:UserAgent":"*"}}"#)
            .into_iter()
            .filter(|f| !f.contains("untrustworthy"))
            .collect::<Vec<_>>(),
        ["suggestion[redundant-statement-due-to-wildcard-in-condition] /Statement/0/Condition/StringNotLike/AWS:UserAgent: condition key AWS:UserAgent under \"StringNotLike\" never matches (\"*\" matches every value, and every request has the key): the statement never applies; remove the key or the statement"]
    );
}

#[test]
fn bare_star_with_qualifiers() {
    assert_eq!(
        id(r#"{"ForAllValues:StringLike":{"aws:TagKeys":"*"}}"#),
        ["suggestion[redundant-key-due-to-wildcard-in-condition] /Statement/0/Condition/ForAllValues:StringLike/aws:TagKeys: condition key aws:TagKeys under \"ForAllValues:StringLike\" always matches (\"*\" matches every value, and ForAllValues is true when the key has no values): the key is redundant, remove it"]
    );
    assert_eq!(
        id(r#"{"ForAnyValue:StringNotLike":{"aws:TagKeys":["*"]}}"#),
        ["suggestion[redundant-statement-due-to-wildcard-in-condition] /Statement/0/Condition/ForAnyValue:StringNotLike/aws:TagKeys: condition key aws:TagKeys under \"ForAnyValue:StringNotLike\" never matches (\"*\" matches every value, and ForAnyValue is false when the key has no values): the statement never applies; remove the key or the statement"]
    );
    // Forms that depend on how an empty set counts: nothing.
    assert!(id(r#"{"ForAnyValue:StringLike":{"aws:TagKeys":"*"},"ForAllValues:StringNotLike":{"aws:CalledVia":"*"}}"#).is_empty());
}

#[test]
fn no_bare_star() {
    // Patterns that are not all stars, the literal ${*}, StringEquals
    // (where "*" is a character; wildcard-without-like-operator says so),
    // and an unqualified operator on a multivalued key (missing-qualifier
    // says so): no finding of this family.
    assert!(
        id(r#"{"StringLike":{"aws:PrincipalTag/team":["dev-*","?"],"aws:SourceVpc":"${*}"}}"#)
            .is_empty()
    );
    for cond in [
        r#"{"StringEquals":{"aws:PrincipalTag/team":"*"}}"#,
        r#"{"StringLike":{"aws:TagKeys":"*"}}"#,
        r#"{"ArnLike":{"aws:SourceArn":"*"}}"#,
    ] {
        let l = id(cond);
        assert!(
            !l.iter()
                .any(|f| f.contains("wildcard-in-condition") || f.contains("equivalent-to-null")),
            "{cond}: {l:?}"
        );
    }
}

#[test]
fn invalid_region() {
    assert_eq!(
        id(r#"{"StringEquals":{"aws:RequestedRegion":["us-east-1","us-east","eu-west-3a","aws-global","us-gov-west-1","eusc-de-east-1","ap-southeast-9"]}}"#),
        [
            "warning[invalid-region] /Statement/0/Condition/StringEquals/aws:RequestedRegion/1: StringEquals value \"us-east\" for aws:RequestedRegion is not a Region: no partition's Region pattern in botocore's partitions.json of 2026-08-07 allows it (Regions look like \"us-east-1\", \"eu-west-3\", \"us-gov-west-1\"); IAM accepts any string, but no request is made in such a Region",
            "warning[invalid-region] /Statement/0/Condition/StringEquals/aws:RequestedRegion/2: StringEquals value \"eu-west-3a\" for aws:RequestedRegion is not a Region: no partition's Region pattern in botocore's partitions.json of 2026-08-07 allows it (Regions look like \"us-east-1\", \"eu-west-3\", \"us-gov-west-1\"); IAM accepts any string, but no request is made in such a Region",
        ]
    );
    // Case: StringEquals compares case-sensitively, IgnoreCase does not.
    let l = id(
        r#"{"StringNotEquals":{"aws:RequestedRegion":"US-EAST-1"},"StringEqualsIgnoreCase":{"aws:requestedregion":"US-EAST-1"}}"#,
    );
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(l[0].starts_with("warning[invalid-region] /Statement/0/Condition/StringNotEquals/aws:RequestedRegion: StringNotEquals value \"US-EAST-1\" for aws:RequestedRegion is not a Region"), "{l:?}");
    // Patterns under StringLike: reported only when they can match none.
    assert_eq!(
        id(r#"{"StringLike":{"aws:RequestedRegion":["eu-*","us-gov-*","*-1","xx-*","us-*east"]}}"#),
        [
            "warning[invalid-region] /Statement/0/Condition/StringLike/aws:RequestedRegion/3: StringLike value \"xx-*\" for aws:RequestedRegion can match no Region: no partition's Region pattern in botocore's partitions.json of 2026-08-07 allows it (Regions look like \"us-east-1\", \"eu-west-3\", \"us-gov-west-1\"); IAM accepts any string, but no request is made in such a Region",
            "warning[invalid-region] /Statement/0/Condition/StringLike/aws:RequestedRegion/4: StringLike value \"us-*east\" for aws:RequestedRegion can match no Region: no partition's Region pattern in botocore's partitions.json of 2026-08-07 allows it (Regions look like \"us-east-1\", \"eu-west-3\", \"us-gov-west-1\"); IAM accepts any string, but no request is made in such a Region",
        ]
    );
    // Variables, and other keys: nothing.
    assert!(id(r#"{"StringEquals":{"aws:RequestedRegion":"${aws:PrincipalTag/region}","aws:PrincipalTag/region":"mars"}}"#).is_empty());
}

/// `string-like-operator-with-arn-condition-keys` on service keys without
/// a catalogue: the core's table of the service keys the Service
/// Authorization Reference types ARN (`scripts/gen-global-keys.py`).
#[test]
fn string_like_on_a_service_key_typed_arn() {
    let role = |cond: &str| {
        check(
            &format!(
                r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::918273645546:role/r","Condition":{cond}}}]}}"#
            ),
            CheckOptions::identity(),
        )
    };
    assert_eq!(
        role(r#"{"StringLike":{"iam:AssociatedResourceARN":"arn:aws:ec2:*:*:instance/*"}}"#),
        ["security-warning[string-like-operator-with-arn-condition-keys] /Statement/0/Condition/StringLike/iam:AssociatedResourceARN: condition key iam:AssociatedResourceARN is an ARN: use ArnLike or ArnNotLike instead of \"StringLike\" (string matching lets a wildcard span ARN fields)"]
    );
    // A key whose name does not say ARN, typed ARN by AWS.
    assert_eq!(
        role(r#"{"StringNotLikeIfExists":{"codestar-notifications:NotificationsForResource":"arn:aws:codecommit:*"}}"#),
        ["security-warning[string-like-operator-with-arn-condition-keys] /Statement/0/Condition/StringNotLikeIfExists/codestar-notifications:NotificationsForResource: condition key codestar-notifications:NotificationsForResource is an ARN: use ArnLike or ArnNotLike instead of \"StringNotLikeIfExists\" (string matching lets a wildcard span ARN fields)"]
    );
    // ARN operators, exact string operators, and service keys typed
    // String (even named ...Arn: `bedrock-agentcore:KmsKeyArn`): nothing.
    assert!(
        role(r#"{"ArnLike":{"iam:AssociatedResourceArn":"arn:aws:ec2:*:*:instance/*"}}"#)
            .is_empty()
    );
    assert!(role(r#"{"StringEquals":{"iam:AssociatedResourceArn":"arn:aws:ec2:us-east-1:918273645546:instance/i-1"}}"#).is_empty());
    assert!(role(r#"{"StringLike":{"bedrock-agentcore:KmsKeyArn":"arn:aws:kms:*"}}"#).is_empty());
    assert!(role(r#"{"StringLike":{"iam:PassedToService":"ecs-tasks.*"}}"#).is_empty());
}
