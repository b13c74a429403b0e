//! Every catalogue check, positive and negative, with its message.

use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs_catalog::Catalog;

/// The findings of an identity policy with one statement `stmt` (JSON
/// members), with the embedded catalogue, as displayed.
fn check(stmt: &str, strict: bool) -> Vec<String> {
    let text = format!(r#"{{"Version":"2012-10-17","Statement":[{{{stmt}}}]}}"#);
    let doc = PolicyDocument::from_json_str(&text).unwrap();
    let opts = CheckOptions::identity()
        .catalog(Some(Catalog::embedded()))
        .strict_catalog(strict);
    doc.check(&opts).iter().map(ToString::to_string).collect()
}

/// The same without a catalogue.
fn check_without(stmt: &str) -> Vec<String> {
    let text = format!(r#"{{"Version":"2012-10-17","Statement":[{{{stmt}}}]}}"#);
    let doc = PolicyDocument::from_json_str(&text).unwrap();
    doc.check(&CheckOptions::identity())
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// The note of a finding that rests on absence from the catalogue.
fn note() -> String {
    format!(
        " (a warning: the service catalogue is of {}, a newer name may exist; {})",
        Catalog::embedded().date(),
        iam_ecs_catalog::REFRESH_HINT
    )
}

#[test]
fn actions_and_services() {
    let stmt = r#""Effect":"Allow","Action":["s3:GetObjects","s3:Gett*","s4:GetObject","ec2:describeinstances"],"Resource":"*""#;
    let n = note();
    assert_eq!(
        check(stmt, false),
        [
            format!("warning[invalid-action] /Statement/0/Action/0: action \"s3:GetObjects\" does not exist: did you mean \"s3:GetObject\"?{n}"),
            format!("warning[invalid-action] /Statement/0/Action/1: action pattern \"s3:Gett*\" matches no action of s3{n}"),
            format!("warning[invalid-service-in-action] /Statement/0/Action/2: the service \"s4\" of action \"s4:GetObject\" does not exist: did you mean \"s3:GetObject\"?{n}"),
        ]
    );
    // Strict: AWS's grade, no note.
    assert_eq!(
        check(r#""Effect":"Allow","Action":["s3:GetObjects","iot1click:ListProjects"],"Resource":"*""#, true),
        [
            "error[invalid-action] /Statement/0/Action/0: action \"s3:GetObjects\" does not exist: did you mean \"s3:GetObject\"?",
            "error[invalid-service-in-action] /Statement/0/Action/1: the service \"iot1click\" of action \"iot1click:ListProjects\" does not exist",
        ]
    );
    // In NotAction too; a wrong prefix suggests the service that has the action.
    assert_eq!(
        check(r#""Effect":"Deny","NotAction":"ecss:DescribeClusters","Resource":"*""#, true),
        ["error[invalid-service-in-action] /Statement/0/NotAction: the service \"ecss\" of action \"ecss:DescribeClusters\" does not exist: did you mean \"ecs:DescribeClusters\"?"]
    );
    // Known actions, any case; patterns that match; `*`.
    assert!(check(r#""Effect":"Allow","Action":["S3:getobject","ec2:Describe*","iam:GetRol?"],"Resource":"*""#, true).is_empty());
    let star = r#""Effect":"Allow","Action":"*","Resource":"*""#;
    assert_eq!(check(star, true), check_without(star));
    // Without a catalogue nothing of this.
    assert!(check_without(stmt).is_empty());
}

#[test]
fn wildcard_in_service_name_and_patterns_matching_nothing() {
    // `wildcard-in-service-name` is the core's action check; the
    // catalogue adds a pattern that matches no action.
    let stmt = r#""Effect":"Allow","Action":["s*:GetObject","zz*:Nothing"],"Resource":"*""#;
    let without = check_without(stmt);
    assert_eq!(without.len(), 2);
    assert!(without
        .iter()
        .all(|l| l.starts_with("suggestion[wildcard-in-service-name]")));
    let mut expected = without;
    expected.push(format!(
        "warning[invalid-action] /Statement/0/Action/1: action pattern \"zz*:Nothing\" matches no action{}",
        note()
    ));
    assert_eq!(check(stmt, false), expected);
    assert!(check(r#""Effect":"Allow","Action":"s3:*","Resource":"*""#, false).is_empty());
}

#[test]
fn resource_arns() {
    assert_eq!(
        check(r#""Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3::918273645546:b/k","arn:aws:s3:us-east-1::b","arn:aws:s3:::b/k","arn:aws:s3:::b"]"#, false),
        [
            "error[arn-account-not-allowed] /Statement/0/Resource/0: resource \"arn:aws:s3::918273645546:b/k\" names an account, but the service s3 does not support an account ID in this resource ARN (such as arn:${Partition}:s3:::${BucketName}): remove it, or the statement never matches",
            "error[arn-region-not-allowed] /Statement/0/Resource/1: resource \"arn:aws:s3:us-east-1::b\" names a Region, but the service s3 does not support a Region in this resource ARN (such as arn:${Partition}:s3:::${BucketName}): remove it, or the statement never matches",
        ]
    );
    // With a wildcard the ARN may be an AWS-owned resource: not reported.
    assert!(check(r#""Effect":"Allow","Action":"logs:CreateLogGroup","Resource":"arn:aws:logs:*::log-group:x""#, true).is_empty());
    assert_eq!(
        check(r#""Effect":"Allow","Action":"logs:CreateLogGroup","Resource":["arn:aws:logs:us-east-1::log-group:x","arn:aws:logs::918273645546:log-group:x","arn:aws:logs:us-east-1:918273645546:log-group:x"]"#, false),
        [
            "error[missing-arn-account] /Statement/0/Resource/0: resource \"arn:aws:logs:us-east-1::log-group:x\" has no account: add a 12-digit account ID (or *) to the logs resource ARN (such as arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName})",
            "error[missing-arn-region] /Statement/0/Resource/1: resource \"arn:aws:logs::918273645546:log-group:x\" has no Region: add a Region (or *) to the logs resource ARN (such as arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName})",
        ]
    );
}

#[test]
fn resource_formats_and_types() {
    let n = note();
    assert_eq!(
        check(r#""Effect":"Allow","Action":"iam:PassRole","Resource":["arn:aws:iam::918273645546:role/r","arn:aws:iam::918273645546:nosuch/r","arn:aws:s3:::b/k"]"#, false),
        [
            format!("warning[invalid-arn-resource] /Statement/0/Resource/1: resource \"arn:aws:iam::918273645546:nosuch/r\" fits none of the ARN formats of iam (such as arn:${{Partition}}:iam::${{Account}}:access-report/${{EntityPath}}): check the resource part{n}"),
            "warning[resource-fits-no-action] /Statement/0/Resource/2: resource \"arn:aws:s3:::b/k\" fits no resource type of the statement's actions (iam:PassRole takes role): the statement grants nothing on it".to_owned(),
        ]
    );
    assert_eq!(
        check(r#""Effect":"Allow","Action":["s3:ListAllMyBuckets"],"Resource":"arn:aws:s3:::b""#, false),
        ["warning[resource-fits-no-action] /Statement/0/Resource: resource \"arn:aws:s3:::b\" fits no resource type of the statement's actions (s3:ListAllMyBuckets takes only \"*\"): the statement grants nothing on it"]
    );
    // A pattern that fits no format may be meant broadly: not reported.
    assert!(check(r#""Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::918273645546:nosuch/*""#, true).is_empty());
    // A resource that one of the actions takes, policy variables, `*`.
    let ok = check(
        r#""Effect":"Allow","Action":["s3:ListAllMyBuckets","s3:GetObject"],"Resource":["arn:aws:s3:::b/${aws:username}/*","arn:aws:s3:::c/*"]"#,
        true,
    );
    assert!(ok.is_empty(), "{ok:?}");
}

#[test]
fn service_condition_keys() {
    let n = note();
    assert_eq!(
        check(r#""Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"s3:NoSuchKey":"x","nosvc:Key":"y","s3:ExistingObjectTag/Owner":"me","S3:AuthType":"REST-HEADER"}}"#, false),
        [
            format!("warning[invalid-service-condition-key] /Statement/0/Condition/StringEquals/s3:NoSuchKey: condition key \"s3:NoSuchKey\" does not exist in the service s3{n}"),
            format!("warning[invalid-service] /Statement/0/Condition/StringEquals/nosvc:Key: the service \"nosvc\" of condition key \"nosvc:Key\" does not exist{n}"),
        ]
    );
    assert_eq!(
        check(r#""Effect":"Allow","Action":"s3:ListBucket","Resource":"*","Condition":{"StringEquals":{"s3:x-amz-acl":"private"}}"#, true),
        ["error[unsupported-action-for-condition-key] /Statement/0/Condition/StringEquals/s3:x-amz-acl: condition key s3:x-amz-acl does not apply to s3:ListBucket: the condition is not evaluated for them; move them to a statement without this key"]
    );
    // One action of the key's service supports it: not reported.
    assert!(check(r#""Effect":"Allow","Action":["s3:ListBucket","s3:PutObject"],"Resource":"*","Condition":{"StringEquals":{"s3:x-amz-acl":"private"}}"#, true).is_empty());
}

#[test]
fn service_condition_key_types() {
    let role =
        r#""Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::918273645546:role/r""#;
    assert_eq!(
        check(&format!(r#"{role},"Condition":{{"StringLike":{{"iam:AssociatedResourceArn":"arn:*"}}}}"#), false),
        ["security-warning[string-like-operator-with-arn-condition-keys] /Statement/0/Condition/StringLike/iam:AssociatedResourceArn: condition key iam:AssociatedResourceArn is an ARN: use ArnLike or ArnNotLike instead of \"StringLike\" (string matching lets a wildcard span ARN fields)"]
    );
    assert!(check(
        &format!(r#"{role},"Condition":{{"ArnLike":{{"iam:AssociatedResourceArn":"arn:*"}}}}"#),
        true
    )
    .is_empty());
    assert_eq!(
        check(r#""Effect":"Allow","Action":["s3:PutObject","s3:ListBucket"],"Resource":"*","Condition":{"Bool":{"s3:x-amz-acl":"true"},"ForAllValues:StringEquals":{"s3:prefix":"a"}}"#, false),
        [
            "warning[type-mismatch] /Statement/0/Condition/Bool/s3:x-amz-acl: condition key s3:x-amz-acl is String: use a String operator instead of \"Bool\"",
            "security-warning[forallvalues-with-single-valued-key] /Statement/0/Condition/ForAllValues:StringEquals/s3:prefix: condition key s3:prefix is single-valued: ForAllValues is true when the key is absent, which can allow too much; remove \"ForAllValues:\"",
        ]
    );
    assert_eq!(
        check(r#""Effect":"Allow","Action":"events:PutRule","Resource":"*","Condition":{"StringEquals":{"events:source":"a"}}"#, false),
        ["warning[missing-qualifier] /Statement/0/Condition/StringEquals/events:source: condition key events:source can have several values: use ForAnyValue: or ForAllValues: with \"StringEquals\""]
    );
    assert!(check(r#""Effect":"Allow","Action":["s3:PutObject","events:PutRule","s3:ListBucket"],"Resource":"*","Condition":{"StringEquals":{"s3:x-amz-acl":"private","s3:prefix":"a"},"ForAnyValue:StringEquals":{"events:source":"a"},"Null":{"s3:x-amz-acl":"false"}}"#, true).is_empty());
}

#[test]
fn tag_keys() {
    let deny = r#""Action":["iam:AddUserToGroup","ec2:StartInstances"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"#;
    assert_eq!(
        check(&format!(r#""Effect":"Allow",{deny}"#), false),
        ["suggestion[allow-with-unsupported-tag-condition-key-for-service] /Statement/0/Action/0: tag condition key aws:ResourceTag/team is not supported by actions of iam: the statement does not allow their actions; move those actions to a statement without this key"]
    );
    assert_eq!(
        check(&format!(r#""Effect":"Deny",{deny}"#), false),
        ["security-warning[deny-with-unsupported-tag-condition-key-for-service] /Statement/0/Action/0: tag condition key aws:ResourceTag/team is not supported by actions of iam: the statement does not deny their actions; move those actions to a statement without this key"]
    );
    assert_eq!(
        check(r#""Effect":"Allow","NotAction":"s3:*","Resource":"arn:aws:s3:::b","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"#, false),
        ["suggestion[allow-notaction-with-unsupported-tag-condition-key-for-service] /Statement/0/Condition/StringEquals/aws:ResourceTag~1team: tag condition key aws:ResourceTag/team with NotAction: some actions do not support the key, so the statement allows only the actions that support it; use Action instead of NotAction"]
    );
    assert_eq!(
        check(r#""Effect":"Deny","NotAction":"s3:*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":"a"}}"#, false),
        ["security-warning[deny-notaction-with-unsupported-tag-condition-key-for-service] /Statement/0/Condition/ForAnyValue:StringEquals/aws:TagKeys: tag condition key aws:TagKeys with NotAction: some actions do not support the key, so the statement does not deny the actions that do not support it; use Action instead of NotAction"]
    );
    // Actions that support the key; `Null` (tests presence for any action).
    assert!(check(r#""Effect":"Allow","Action":["ec2:StartInstances","ec2:Stop*"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"#, false).is_empty());
    assert!(check(r#""Effect":"Deny","Action":"s3:ListAllMyBuckets","Resource":"*","Condition":{"Null":{"aws:ResourceTag/team":"true"}}"#, false).is_empty());
}

/// An action that takes no resource type: reported only when no resource
/// type of its service supports the key (Access Analyzer's grading,
/// docs/checks.md).
#[test]
fn tag_keys_on_actions_without_resource_types() {
    // sagemaker-mlflow: no resource type lists aws:ResourceTag (AWS
    // reported AccessUI, 2024-12-05).
    assert_eq!(
        check(r#""Effect":"Allow","Action":["sagemaker-mlflow:CreateExperiment","sagemaker-mlflow:AccessUI"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"#, false),
        ["suggestion[allow-with-unsupported-tag-condition-key-for-service] /Statement/0/Action/1: tag condition key aws:ResourceTag/team is not supported by actions of sagemaker-mlflow: the statement does not allow their actions; move those actions to a statement without this key"]
    );
    assert_eq!(
        check(r#""Effect":"Deny","Action":"sagemaker-mlflow:AccessUI","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"#, false),
        ["security-warning[deny-with-unsupported-tag-condition-key-for-service] /Statement/0/Action: tag condition key aws:ResourceTag/team is not supported by actions of sagemaker-mlflow: the statement does not deny their actions; move those actions to a statement without this key"]
    );
    // resource-groups:CreateGroup takes no resource type and its row has
    // no aws:ResourceTag, but the group type has: not reported (AWS did not
    // report AWSServiceRoleForSMS); nor are sagemaker's List actions.
    assert!(check(r#""Effect":"Allow","Action":"resource-groups:CreateGroup","Resource":"*","Condition":{"StringLike":{"aws:ResourceTag/aws:cloudformation:stack-id":"a*"}}"#, false).is_empty());
    assert!(check(r#""Effect":"Allow","Action":["sagemaker:ListAssociations","sagemaker:ListPipelineExecutions"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"#, false).is_empty());
    // An action with resource types, none of which supports the key, is
    // reported whatever the rest of its service supports.
    assert_eq!(
        check(r#""Effect":"Allow","Action":"s3:CreateMultiRegionAccessPoint","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/team":"a"}}"#, false),
        ["suggestion[allow-with-unsupported-tag-condition-key-for-service] /Statement/0/Action: tag condition key aws:ResourceTag/team is not supported by actions of s3: the statement does not allow their actions; move those actions to a statement without this key"]
    );
}

/// `redundant-action` by catalogue expansion: what the patterns alone do
/// not show.
#[test]
fn redundant_actions_by_catalogue_expansion() {
    let date = Catalog::embedded().date();
    // s3:GetObjectAc* matches only s3:GetObjectAcl, which s3:Get*Acl matches.
    let stmt = r#""Effect":"Allow","Action":["s3:GetObjectAc*","s3:Get*Acl"],"Resource":"*""#;
    assert_eq!(
        check(stmt, false),
        [format!("suggestion[redundant-action] /Statement/0/Action/0: action \"s3:GetObjectAc*\" is redundant: \"s3:Get*Acl\" at index 1 of the same Action matches every action that it matches in the service catalogue of {date} (a newer action may differ); remove \"s3:GetObjectAc*\"")]
    );
    assert!(check_without(stmt).is_empty());
    // Two that match the same actions: the later is reported.
    assert_eq!(
        check(r#""Effect":"Allow","Action":["s3:GetObjectAc*","s3:G*ObjectAcl"],"Resource":"*""#, false),
        [format!("suggestion[redundant-action] /Statement/0/Action/1: action \"s3:G*ObjectAcl\" is redundant: \"s3:GetObjectAc*\" at index 0 of the same Action matches every action that it matches in the service catalogue of {date} (a newer action may differ); remove \"s3:G*ObjectAcl\"")]
    );
    // What the patterns show is the syntactic finding only.
    assert_eq!(
        check(r#""Effect":"Allow","Action":["s3:GetObjectAc?","s3:GetObjectAc*"],"Resource":"*""#, false),
        ["suggestion[redundant-action] /Statement/0/Action/0: action \"s3:GetObjectAc?\" is redundant: \"s3:GetObjectAc*\" at index 1 of the same Action covers it; remove \"s3:GetObjectAc?\""]
    );
    // Heads with one trailing `*` that match the same actions: the
    // narrower is the syntactic finding, the broader is not reported.
    assert_eq!(
        check(r#""Effect":"Allow","Action":["s3:GetObjectAcl*","s3:GetObjectAc*"],"Resource":"*""#, false),
        ["suggestion[redundant-action] /Statement/0/Action/0: action \"s3:GetObjectAcl*\" is redundant: \"s3:GetObjectAc*\" at index 1 of the same Action covers it; remove \"s3:GetObjectAcl*\""]
    );
    // Overlapping, neither within the other; NotAction; patterns matching
    // nothing (their own finding only).
    assert!(check(
        r#""Effect":"Allow","Action":["s3:Get*","s3:*Acl"],"Resource":"*""#,
        false
    )
    .is_empty());
    assert!(check(
        r#""Effect":"Deny","NotAction":["s3:GetObjectAc*","s3:Get*Acl"],"Resource":"*""#,
        false
    )
    .is_empty());
    let found = check(
        r#""Effect":"Allow","Action":["s3:Zz*","s3:*z"],"Resource":"*""#,
        false,
    );
    assert_eq!(found.len(), 2);
    assert!(
        found
            .iter()
            .all(|f| f.starts_with("warning[invalid-action]")),
        "{found:?}"
    );
}

/// `missing-paired-condition-keys`: the pairs AWS names, in `Allow`
/// statements; with or without the catalogue.
#[test]
fn missing_paired_condition_keys() {
    let stmt = |effect: &str, cond: &str| {
        format!(
            r#""Effect":"{effect}","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{cond}"#
        )
    };
    let vpc_ip = stmt("Allow", r#"{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}}"#);
    let expected = ["security-warning[missing-paired-condition-keys] /Statement/0/Condition/IpAddress/aws:VpcSourceIp: condition key aws:VpcSourceIp can allow too much without aws:SourceVpc: it names no VPC, and private IP addresses are not unique across VPCs; add aws:SourceVpc to the same Condition"];
    assert_eq!(check(&vpc_ip, false), expected);
    assert_eq!(check_without(&vpc_ip), expected);
    assert_eq!(
        check(&stmt("Allow", r#"{"IpAddress":{"aws:Ec2InstanceSourcePrivateIPv4":"10.0.0.1"}}"#), false),
        ["security-warning[missing-paired-condition-keys] /Statement/0/Condition/IpAddress/aws:Ec2InstanceSourcePrivateIPv4: condition key aws:Ec2InstanceSourcePrivateIPv4 can allow too much without aws:Ec2InstanceSourceVpc: it names no VPC, and private IP addresses are not unique across VPCs; add aws:Ec2InstanceSourceVpc to the same Condition"]
    );
    // Paired (under any operator, any case); a Deny; Null.
    assert!(check(&stmt("Allow", r#"{"IpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"},"StringEquals":{"aws:sourcevpc":"vpc-1a2b3c4d"}}"#), false).is_empty());
    assert!(check(&stmt("Allow", r#"{"IpAddress":{"aws:Ec2InstanceSourcePrivateIPv4":"10.0.0.1"},"StringEquals":{"aws:Ec2InstanceSourceVpc":"vpc-1a2b3c4d"}}"#), false).is_empty());
    assert!(check(
        &stmt(
            "Deny",
            r#"{"NotIpAddress":{"aws:VpcSourceIp":"10.0.0.0/8"}}"#
        ),
        false
    )
    .is_empty());
    assert!(check(
        &stmt("Allow", r#"{"Null":{"aws:VpcSourceIp":"false"}}"#),
        false
    )
    .is_empty());
}

/// `invalid-kms-key-value` on the service keys typed ARN that hold a KMS
/// key.
#[test]
fn kms_key_values() {
    let stmt = |cond: &str| {
        format!(
            r#""Effect":"Allow","Action":"sagemaker:CreateTrainingJob","Resource":"*","Condition":{cond}"#
        )
    };
    assert_eq!(
        check(&stmt(r#"{"StringEquals":{"sagemaker:VolumeKmsKey":["1234abcd-12ab-34cd-56ef-1234567890ab","arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]}}"#), false),
        ["warning[invalid-kms-key-value] /Statement/0/Condition/StringEquals/sagemaker:VolumeKmsKey/0: condition key sagemaker:VolumeKmsKey takes a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID), found \"1234abcd-12ab-34cd-56ef-1234567890ab\": no request has this value"]
    );
    assert_eq!(
        check(&stmt(r#"{"ArnEqualsIfExists":{"sagemaker:OutputKmsKey":"arn:aws:s3:::bucket"}}"#), false),
        ["warning[invalid-kms-key-value] /Statement/0/Condition/ArnEqualsIfExists/sagemaker:OutputKmsKey: condition key sagemaker:OutputKmsKey takes a KMS key ARN (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID), found \"arn:aws:s3:::bucket\": no request has this value"]
    );
    // Patterns with wildcards, policy variables, alias ARNs, keys of
    // other types (ec2:KmsKeyId is a String), Null: not checked.
    assert!(check(&stmt(r#"{"ArnLike":{"sagemaker:VolumeKmsKey":"arn:aws:kms:*:*:key/*"},"StringEquals":{"sagemaker:OutputKmsKey":["${aws:PrincipalTag/key}","arn:aws:kms:us-east-1:111122223333:alias/ml"]},"Null":{"sagemaker:VolumeKmsKey":"false"}}"#), false).is_empty());
    assert!(check(r#""Effect":"Allow","Action":"ec2:CreateVolume","Resource":"*","Condition":{"StringEquals":{"ec2:KmsKeyId":"1234abcd"}}"#, false).is_empty());
    // Without the catalogue the key's type is unknown.
    assert!(check_without(&stmt(
        r#"{"StringEquals":{"sagemaker:VolumeKmsKey":"1234"}}"#
    ))
    .is_empty());
}
