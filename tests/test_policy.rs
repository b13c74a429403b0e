//! Policy documents: the guide's golden files, builders, checks.

mod util;

use iam_ecs::policy::{
    self, CheckOptions, Effect, IdentityPolicy, IdentityStatement, OneOrMany, PolicyDocument,
    Principal, Statements, TrustPolicy, TrustStatement,
};
use iam_ecs::{has_errors, AccountId, Error, Partition, Region, RoleArn, ServicePrincipal};
use util::{destination_role, lines, strip_ws, valid_accounts};

const IDENTITY: &str = include_str!("fixtures/guide/task-role-identity-policy.json");
const TRUST: &str = include_str!("fixtures/guide/destination-trust-policy.json");

fn source_task_role() -> RoleArn {
    "arn:aws:iam::111122223333:role/my-ECS-task-role"
        .parse()
        .unwrap()
}

// ----- golden files --------------------------------------------------------

#[test]
fn guide_files_read_verbatim_and_write_back_byte_exact() {
    for text in [IDENTITY, TRUST] {
        let doc = PolicyDocument::from_json_str(text).unwrap();
        assert_eq!(doc.to_json_string(), strip_ws(text));
        assert_eq!(PolicyDocument::from_slice(text.as_bytes()).unwrap(), doc);
    }
    let identity = PolicyDocument::from_json_str(IDENTITY).unwrap();
    assert!(matches!(identity.statement, Some(Statements::One(_))));
    let trust = PolicyDocument::from_json_str(TRUST).unwrap();
    assert!(matches!(trust.statement, Some(Statements::Many(_))));
}

#[test]
fn guide_identity_policy_has_a_16_digit_account_error() {
    let doc = PolicyDocument::from_json_str(IDENTITY).unwrap();
    assert_eq!(
        lines(&doc.check(&CheckOptions::identity())),
        [
            "error[invalid-arn-account] /Statement/Resource: Resource \"arn:aws:iam::5555666677778888:role/destination-account-role\" is not an ARN or \"*\": account \"5555666677778888\": expected 12 digits, found 16"
        ]
    );
}

#[test]
fn guide_trust_policy_has_a_16_digit_account_error() {
    let doc = PolicyDocument::from_json_str(TRUST).unwrap();
    assert_eq!(
        lines(&doc.check(&CheckOptions::trust())),
        [
            "error[invalid-principal] /Statement/0/Principal/AWS: invalid AWS principal \"arn:aws:iam::1111222233334444:role/my-ECS-task-role\": account \"1111222233334444\": expected 12 digits, found 16"
        ]
    );
}

// ----- builders ------------------------------------------------------------

#[test]
fn builders_make_the_guide_identity_policy() {
    let built = IdentityPolicy::builder()
        .single_statement()
        .statement(
            IdentityStatement::allow()
                .action("sts:AssumeRole")
                .resource(destination_role()),
        )
        .build()
        .unwrap();
    assert_eq!(built.to_json_string(), strip_ws(&valid_accounts(IDENTITY)));
    assert_eq!(policy::allow_assume_role(&destination_role()), built);
    insta::assert_snapshot!("guide_identity_policy", built.to_json_pretty());
}

#[test]
fn builders_make_the_guide_trust_policy() {
    let built = TrustPolicy::builder()
        .statement(
            TrustStatement::allow()
                .principal_aws(source_task_role())
                .action("sts:AssumeRole"),
        )
        .build()
        .unwrap();
    assert_eq!(built.to_json_string(), strip_ws(&valid_accounts(TRUST)));
    assert_eq!(policy::trust_principal_role(&source_task_role()), built);
    insta::assert_snapshot!("guide_trust_policy", built.to_json_pretty());
}

#[test]
fn built_guide_policies_have_no_errors() {
    let id = policy::allow_assume_role(&destination_role());
    assert!(!has_errors(&id.check(&CheckOptions::identity())));
    let trust = policy::trust_principal_role(&source_task_role());
    // 111122223333 is the documentation's example account: a warning only.
    assert_eq!(
        lines(&trust.check(&CheckOptions::trust())),
        ["warning[example-account-id] /Statement/0/Principal/AWS: account 111122223333 is an example from the AWS documentation: replace it with a real account ID"]
    );
}

#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn ecs_task_role_trust_is_the_ecs_guide_example() {
    let Some(dir) = util::corpus_dir() else {
        return;
    };
    let lines_text =
        std::fs::read_to_string(dir.join("policy-examples/aws-docs-policies.jsonl")).unwrap();
    let golden = lines_text
        .lines()
        .map(|l| iam_ecs::json::Json::parse(l).unwrap())
        .find(|j| {
            j.pointer("/path").and_then(|p| p.as_str()) == Some("doc_source/task-iam-roles.md")
                && j.pointer("/text")
                    .and_then(|t| t.as_str())
                    .is_some_and(|t| t.contains("aws:SourceAccount"))
        })
        .unwrap();
    let golden = golden.pointer("/text").and_then(|t| t.as_str()).unwrap();
    let doc = policy::ecs_task_role_trust(
        Partition::Aws,
        &AccountId::from_static("111122223333"),
        Some(&Region::from_static("us-west-2")),
    );
    assert_eq!(doc.to_json_string(), strip_ws(golden));
    assert!(!has_errors(&doc.check(&CheckOptions::trust())));
    insta::assert_snapshot!("ecs_task_role_trust", doc.to_json_pretty());
}

#[test]
fn ecs_task_role_trust_without_region_uses_a_wildcard() {
    let doc = policy::ecs_task_role_trust(
        Partition::AwsCn,
        &AccountId::from_static("444455556666"),
        None,
    );
    assert!(doc
        .to_json_string()
        .contains(r#""aws:SourceArn":"arn:aws-cn:ecs:*:444455556666:*""#));
}

#[test]
fn other_helpers() {
    let acct =
        policy::trust_principal_account(Partition::Aws, &AccountId::from_static("444455556666"));
    assert_eq!(
        acct.to_json_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}]}"#
    );
    let svc = policy::trust_principal_service(&ServicePrincipal::ECS_TASKS);
    assert_eq!(
        svc.to_json_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    );
    // Accepted, but without aws:SourceAccount / aws:SourceArn.
    assert_eq!(
        svc.check(&CheckOptions::trust())[0].code,
        "restrict-access-to-service-principal"
    );
}

#[test]
fn external_id_and_canonical_order() {
    let doc = TrustPolicy::builder()
        .statement(
            TrustStatement::allow()
                .action("sts:AssumeRole")
                .condition("Bool", "aws:MultiFactorAuthPresent", true)
                .external_id("Unique-ID_1234")
                .principal_aws("arn:aws:iam::444455556666:root")
                .sid("ThirdParty"),
        )
        .build()
        .unwrap();
    assert_eq!(
        doc.to_json_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"ThirdParty","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true},"StringEquals":{"sts:ExternalId":"Unique-ID_1234"}}}]}"#
    );
}

#[test]
fn several_values_become_arrays_and_shapes_can_be_asked_for() {
    let doc = IdentityPolicy::builder()
        .statement(
            IdentityStatement::deny()
                .actions(["s3:GetObject", "s3:PutObject"])
                .resource("arn:aws:s3:::b/*")
                .resource_array()
                .condition("StringEquals", "aws:RequestedRegion", "us-east-1")
                .condition("StringEquals", "aws:RequestedRegion", "eu-west-1")
                .condition_values("ForAnyValue:StringLike", "aws:TagKeys", ["team"]),
        )
        .build()
        .unwrap();
    assert_eq!(
        doc.to_json_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::b/*"],"Condition":{"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"]},"ForAnyValue:StringLike":{"aws:TagKeys":["team"]}}}]}"#
    );
}

#[test]
fn builder_errors_name_the_type_and_field() {
    let cases: Vec<(Result<PolicyDocument, Error>, &str)> = vec![
        (
            IdentityPolicy::builder()
                .statement(IdentityStatement::allow().action("s3").resource("*"))
                .build(),
            "IdentityStatement: invalid Action: invalid action \"s3\": expected \"*\" or service:ActionName, found no \":\" [invalid-action at /Statement/0/Action]",
        ),
        (
            IdentityPolicy::builder()
                .statement(IdentityStatement::allow().action("s3:GetObject").resource("bucket"))
                .build(),
            "IdentityStatement: invalid Resource: \"bucket\" is not an ARN or \"*\": expected \"arn:\" at the start [invalid-arn-prefix at /Statement/0/Resource]",
        ),
        (
            IdentityPolicy::builder().version("2012-10-18").build(),
            "IdentityPolicy: invalid Version: invalid Version \"2012-10-18\": expected \"2012-10-17\" or \"2008-10-17\" [invalid-version at /Version]",
        ),
        (
            IdentityPolicy::builder().build(),
            "IdentityPolicy: invalid Statement: empty Statement array: expected at least one statement [missing-statement at /Statement]",
        ),
        (
            IdentityPolicy::builder()
                .statement(IdentityStatement::allow().resource("*"))
                .build(),
            "IdentityPolicy: invalid Statement: statement has no Action or NotAction: expected one of them [missing-action at /Statement/0]",
        ),
        (
            TrustPolicy::builder()
                .statement(TrustStatement::allow().principal_aws("*").action("s3:GetObject"))
                .build(),
            "TrustStatement: invalid Action: action \"s3:GetObject\" in a trust policy: expected sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity or sts:SetContext [unsupported-action-in-policy at /Statement/0/Action]",
        ),
        (
            TrustPolicy::builder()
                .statement(TrustStatement::allow().principal_aws("12345678910").action("sts:AssumeRole"))
                .build(),
            "TrustPolicy: invalid Principal: invalid AWS principal \"12345678910\": account ID: expected 12 digits, found 11 [invalid-principal at /Statement/0/Principal/AWS]",
        ),
        (
            TrustPolicy::builder()
                .statement(TrustStatement::allow().principal_service("amazonaws.com").action("sts:AssumeRole"))
                .build(),
            "TrustPolicy: invalid Principal: invalid service principal \"amazonaws.com\": expected a service name before \"amazonaws.com\" [invalid-service-principal-format at /Statement/0/Principal/Service]",
        ),
        (
            TrustPolicy::builder()
                .statement(TrustStatement::allow().principal_aws("*").action("sts:AssumeRole").sid("a b"))
                .build(),
            "TrustPolicy: invalid Sid: invalid Sid \"a b\": expected letters A-Z, a-z and digits 0-9 only, found \" \" at position 1 [unsupported-sid at /Statement/0/Sid]",
        ),
        (
            TrustPolicy::builder()
                .statement(TrustStatement::allow().principal_aws("*").action("sts:AssumeRole").external_id("x"))
                .build(),
            "TrustStatement: invalid Condition: external ID \"x\": expected 2 to 1224 characters, found 1 [at /Statement/0/Condition/StringEquals/sts:ExternalId]",
        ),
        (
            TrustPolicy::builder()
                .single_statement()
                .statement(TrustStatement::allow().principal_aws("*").action("sts:AssumeRole"))
                .statement(TrustStatement::allow().principal_aws("*").action("sts:AssumeRole"))
                .build(),
            "TrustPolicy: invalid Statement: single_statement() needs exactly one statement, found 2 [at /Statement]",
        ),
    ];
    for (result, expected) in cases {
        assert_eq!(result.unwrap_err().to_string(), expected);
    }
}

// ----- reading ------------------------------------------------------------

#[test]
fn reading_keeps_shapes_types_and_unknowns() {
    let text = r#"{"Statement":[{"Sid":"","Condition":{"Bool":{"aws:SecureTransport":"false"},"NumericLessThan":{"s3:max-keys":10.50},"Bool ":{"x:y":true}},"Effect":"Deny","NotAction":["s3:*"],"Resource":"*","Extra":[1,{"a":null}]}],"Version":"2012-10-17","Id":"x"}"#;
    let doc = PolicyDocument::from_json_str(text).unwrap();
    assert_eq!(doc.to_json_string(), text);
    let s = &doc.statements()[0];
    assert_eq!(s.effect, Some(Effect::Deny));
    assert_eq!(
        s.not_action,
        Some(OneOrMany::Many(vec!["s3:*".to_string()]))
    );
    assert_eq!(
        lines(&doc.check(&CheckOptions::identity())),
        [
            "suggestion[empty-sid-value] /Statement/0/Sid: empty Sid: expected a statement ID of letters and digits, or no Sid",
            "error[invalid-condition-operator] /Statement/0/Condition/Bool : invalid condition operator \"Bool \": expected an operator such as StringEquals, ArnLike, Bool or Null, optionally with a ForAllValues: or ForAnyValue: prefix and an IfExists suffix",
            "error[invalid-policy-element] /Statement/0/Extra: unknown element \"Extra\" in the statement: expected one of Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition",
            "warning[unsupported-id] /Id: Id \"x\" in an identity policy: the policy grammar allows Id only in resource-based policies, remove it",
        ]
    );
}

#[test]
fn reading_fails_only_on_invalid_json_or_a_non_object() {
    assert_eq!(
        PolicyDocument::from_json_str("{\"Version\":}")
            .unwrap_err()
            .to_string(),
        "invalid JSON at line 1, column 12: expected a JSON value, found `}`"
    );
    assert_eq!(
        PolicyDocument::from_json_str("[]").unwrap_err().to_string(),
        "invalid JSON at line 1, column 1: expected a policy document (a JSON object), found an array"
    );
    // Placeholders read fine; whether they are valid is for check.
    let doc = PolicyDocument::from_json_str(
        r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::<BUCKET>/${aws:username}/*","Principal":{"AWS":"account-id"}}}"#,
    )
    .unwrap();
    assert!(matches!(
        doc.statements()[0].principal,
        Some(Principal::Map(_))
    ));
}

// ----- checks, verbatim ----------------------------------------------------

#[track_caller]
fn assert_findings(kind: CheckOptions, text: &str, expected: &[&str]) {
    let doc = PolicyDocument::from_json_str(text).unwrap();
    assert_eq!(lines(&doc.check(&kind)), expected, "{text}");
}

#[test]
fn bad_identity_policies() {
    let id = CheckOptions::identity();
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#,
            &["warning[missing-version] (document): missing Version: expected \"Version\": \"2012-10-17\" (policy variables and some condition features need it)"],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[]}"#,
            &["error[missing-statement] /Statement: empty Statement array: expected at least one statement"],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":[],"Resource":[]}}"#,
            &[
                "error[empty-array-action] /Statement/Action: empty Action array: expected at least one action",
                "error[empty-array-resource] /Statement/Resource: empty Resource array: expected at least one ARN or \"*\"",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:Get Object","s3:getobject","S3:GetObject"],"Resource":"arn:aws:iam:us-east-1:111122223333:role/x"}}"#,
            &[
                "error[invalid-action] /Statement/Action/0: invalid action \"s3:Get Object\": expected letters, digits and wildcards in the action name, found \" \" at position 6",
                "suggestion[redundant-action] /Statement/Action/2: action \"S3:GetObject\" is redundant: Action already lists \"s3:getobject\" at index 1 (actions ignore case); remove one",
                "error[invalid-arn-region] /Statement/Resource: Resource \"arn:aws:iam:us-east-1:111122223333:role/x\" is not an ARN or \"*\": region \"us-east-1\": expected an empty region in an iam ARN",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Effect":"Deny"}}"#,
            &[
                "error[duplicate-key] /Statement/Effect: key \"Effect\" appears more than once in the statement: expected each key once",
                "security-warning[pass-role-with-star-in-resource] /Statement/Resource: iam:PassRole allowed on \"*\": any role can be passed; name the roles or add an iam:PassedToService condition",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:*","Resource":["arn:aws:iam::123456789012:role/x","*"]}}"#,
            &[
                "warning[example-account-id] /Statement/Resource/0: account 123456789012 is an example from the AWS documentation: replace it with a real account ID",
                "suggestion[redundant-resource] /Statement/Resource/0: resource \"arn:aws:iam::123456789012:role/x\" is redundant: \"*\" at index 1 of the same Resource matches every resource it matches; remove \"arn:aws:iam::123456789012:role/x\", or list only the resources meant",
                "security-warning[assume-role-with-star-in-resource] /Statement/Resource/1: sts:AssumeRole allowed on \"*\": any role can be assumed; name the roles",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":["a",true]},"ForAnyValue:NullIfExists":{"aws:TagKeys":"true"},"ForAllValues:Null":{"aws:TagKeys":"true"},"StringEquals":{"aws:PrincipalTag/team":[]},"Bool":{},"StringEquals":{"nokey":"x"}}}}"#,
            &[
                "error[invalid-condition-data-type] /Statement/Condition/StringLike/s3:prefix: condition key \"s3:prefix\" mixes JSON types: expected values of one type (strings, booleans or numbers)",
                "error[null-with-if-exists] /Statement/Condition/ForAnyValue:NullIfExists: condition operator \"ForAnyValue:NullIfExists\": Null cannot take the IfExists suffix",
                "suggestion[null-with-qualifier] /Statement/Condition/ForAllValues:Null: condition operator \"ForAllValues:Null\": Null with ForAllValues or ForAnyValue always returns the same result",
                "suggestion[empty-array-condition] /Statement/Condition/StringEquals/aws:PrincipalTag~1team: no values for condition key \"aws:PrincipalTag/team\" under \"StringEquals\": the condition does not affect the policy",
                "suggestion[empty-object-condition] /Statement/Condition/Bool: empty \"Bool\" block: it does not affect the policy",
                "error[duplicate-key] /Statement/Condition/StringEquals: condition operator \"StringEquals\" appears more than once in the Condition: expected each key once",
                "error[invalid-condition-key-format] /Statement/Condition/StringEquals/nokey: invalid condition key \"nokey\": expected the format service:keyname",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:PrincipalTag/team, x}","Condition":{"StringEquals":{"aws:username":"${aws:user name}"}}}}"#,
            &[
                "error[missing-quote-in-variable] /Statement/Resource: Resource \"arn:aws:s3:::b/${aws:PrincipalTag/team, x}\": default value of policy variable \"${aws:PrincipalTag/team, x}\": expected it in single quotes",
                "error[unsupported-space-in-variable] /Statement/Condition/StringEquals/aws:username: condition value \"${aws:user name}\": space in policy variable \"${aws:user name}\": expected none",
            ],
        ),
        (
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"\u{3b1}\",\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"effect\":\"x\"}}",
            &[
                "error[invalid-character] /Statement/Sid: character U+03B1 at position 0: policies may contain only U+0009, U+000A, U+000D and U+0020 to U+00FF",
                "error[unsupported-sid] /Statement/Sid: invalid Sid \"\u{3b1}\": expected letters A-Z, a-z and digits 0-9 only, found \"\u{3b1}\" at position 0",
                "error[invalid-policy-element] /Statement/effect: unknown element \"effect\" in the statement: expected one of Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition (element names are case-sensitive: did you mean \"Effect\"?)",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Principal":"*","NotPrincipal":{"AWS":"*"}}}"#,
            &[
                "error[unsupported-principal] /Statement/Principal: Principal in an identity policy: identity policies apply to the identity they are attached to, remove Principal",
                "error[unsupported-principal] /Statement/NotPrincipal: NotPrincipal in an identity policy: identity policies apply to the identity they are attached to, remove NotPrincipal",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":"x"}"#,
            &["error[data-type-mismatch] /Statement: invalid Statement: expected an object or an array of objects, found a string"],
        ),
    ];
    for (text, expected) in cases {
        assert_findings(id, text, expected);
    }
}

#[test]
fn bad_trust_policies() {
    let trust = CheckOptions::trust();
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]}"#,
            &["security-warning[trust-any-principal-without-condition] /Statement/0/Principal/AWS: {\"AWS\": \"*\"} without a Condition lets any AWS account assume the role: add conditions such as aws:PrincipalOrgID or sts:ExternalId"],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223334","AROAEXAMPLEID1234567","arn:aws:iam::1234:root","arn:aws:iam::111122223334:role/r*","arn:aws:iam::111122223334:role/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]},"Action":"sts:AssumeRole"}]}"#,
            &[
                "suggestion[account-id-rewritten-to-root] /Statement/0/Principal/AWS/0: account ID 111122223334 is stored by IAM as \"arn:aws:iam::111122223334:root\": write the ARN to avoid a diff after saving",
                "warning[invalid-role-reference] /Statement/0/Principal/AWS/1: AROAEXAMPLEID1234567 is the unique ID of an IAM role, which IAM shows when the role was deleted: use the role ARN",
                "error[invalid-principal] /Statement/0/Principal/AWS/2: invalid AWS principal \"arn:aws:iam::1234:root\": account \"1234\": expected 12 digits, found 4",
                "error[unsupported-wildcard-in-principal] /Statement/0/Principal/AWS/3: wildcard in AWS principal \"arn:aws:iam::111122223334:role/r*\": expected \"*\" alone or a principal without wildcards (use a condition such as aws:PrincipalArn with ArnLike)",
                "error[invalid-principal] /Statement/0/Principal/AWS/4: invalid AWS principal \"arn:aws:iam::111122223334:role/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": role name \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": expected at most 64 characters, found 65",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":["arn:aws:iam::111122223334:saml-provider/Okta","arn:aws:iam::111122223334:user/x"]},"Action":"sts:AssumeRoleWithSAML","Resource":"*"}]}"#,
            &[
                "error[invalid-federated-principal-syntax-in-role-trust-policy] /Statement/0/Principal/Federated/1: invalid federated principal \"arn:aws:iam::111122223334:user/x\": expected saml-provider/NAME or oidc-provider/HOST after the account, found \"user/x\"",
                "error[role-trust-policy-syntax-error-resource] /Statement/0/Resource: Resource in a role trust policy: a trust policy applies to its role, remove Resource",
            ],
        ),
        (
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com","CanonicalUser":"abc"},"Action":["sts:AssumeRole","sts:AssumeRoleWithSAML"]}]}"#,
            &[
                "error[invalid-principal] /Statement/0/Principal/CanonicalUser: invalid canonical user \"abc\": expected 64 hexadecimal digits, found 3 characters",
                "security-warning[restrict-access-to-service-principal] /Statement/0/Principal/Service: ecs-tasks.amazonaws.com trusted without aws:SourceAccount or aws:SourceArn: add them against the confused deputy problem (ECS Developer Guide, task IAM role)",
                "error[mismatched-action-for-principal] /Statement/0/Action/1: sts:AssumeRoleWithSAML is only for a SAML provider principal: use sts:AssumeRole for AWS and service principals",
            ],
        ),
    ];
    for (text, expected) in cases {
        assert_findings(trust, text, expected);
    }
}

#[test]
fn resource_policies_allow_not_principal_with_a_warning() {
    assert_findings(
        CheckOptions::resource(),
        r#"{"Version":"2012-10-17","Id":"p","Statement":[{"Sid":"a-b","Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223334:user/Bob"},"Action":"s3:*","Resource":"arn:aws:s3:::b/*"}]}"#,
        &["security-warning[allow-with-not-principal] /Statement/0/NotPrincipal: Allow with NotPrincipal grants access to every principal not listed: use Principal instead"],
    );
}

#[test]
fn size_quota_is_a_parameter() {
    let doc = PolicyDocument::from_json_str(TRUST).unwrap();
    assert_eq!(doc.size(), 157);
    let tight = CheckOptions::trust().size_quota(Some(100));
    let found = doc.check(&tight);
    assert_eq!(
        found[0].to_string(),
        "error[policy-size-exceeds-role-trust-policy-quota] (document): the role trust policy has 157 characters excluding whitespace (Access Analyzer reports 158): expected at most 100"
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<PolicyDocument>();
    check::<IdentityPolicy>();
    check::<TrustPolicy>();
    check::<IdentityStatement>();
    check::<TrustStatement>();
    check::<CheckOptions>();
}

/// The pass-role and create-slr families as Access Analyzer reports them
/// on the managed policies (issue 11): named action or wildcard, and the
/// conditions that restrict the role.
#[test]
fn pass_role_and_create_slr_on_star() {
    let check = |action: &str, condition: &str| {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Action":{action},"Resource":"*"{condition}}}}}"#
        );
        PolicyDocument::from_json_str(&text)
            .unwrap()
            .check(&CheckOptions::identity())
            .iter()
            .map(|f| format!("{} {}", f.code, f.path))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        check(r#""*""#, ""),
        [
            "pass-role-with-star-in-action-and-resource /Statement/Resource",
            "create-slr-with-star-in-action-and-resource /Statement/Resource",
            "assume-role-with-star-in-resource /Statement/Resource",
        ]
    );
    assert_eq!(
        check(r#"["iam:*","iam:PassRole"]"#, ""),
        [
            "redundant-action /Statement/Action/1",
            "pass-role-with-star-in-resource /Statement/Resource",
            "create-slr-with-star-in-action-and-resource /Statement/Resource",
        ]
    );
    let restricted = r#","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}"#;
    assert!(check(r#""iam:PassRole""#, restricted).is_empty());
    let arn = r#","Condition":{"ArnLike":{"iam:AssociatedResourceArn":"arn:aws:ssm:*:*:automation-definition/*"}}"#;
    assert!(check(r#""iam:PassRole""#, arn).is_empty());
    // Under StringLike the key restricts as well; only the operator is
    // reported (the key is typed ARN).
    let arn_string = arn.replace("ArnLike", "StringLike");
    assert_eq!(
        check(r#""iam:PassRole""#, &arn_string),
        ["string-like-operator-with-arn-condition-keys /Statement/Condition/StringLike/iam:AssociatedResourceArn"]
    );
    // IfExists does not restrict: the key may be absent.
    let if_exists =
        r#","Condition":{"StringEqualsIfExists":{"iam:PassedToService":"ec2.amazonaws.com"}}"#;
    assert_eq!(
        check(r#""iam:PassRole""#, if_exists),
        ["pass-role-with-star-in-resource /Statement/Resource"]
    );
    let service =
        r#","Condition":{"StringEquals":{"iam:AWSServiceName":"autoscaling.amazonaws.com"}}"#;
    assert!(check(r#""iam:CreateServiceLinkedRole""#, service).is_empty());
    let leading = r#","Condition":{"StringLike":{"iam:AWSServiceName":"*a4b.amazonaws.com"}}"#;
    assert_eq!(
        check(r#""iam:CreateServiceLinkedRole""#, leading),
        ["create-slr-with-star-in-resource /Statement/Resource"]
    );
}

/// `redundant-resource`: AWS's example (with another account; IAM-UG access-analyzer reference,
/// *Redundant resource*) and the shapes of the managed policies' findings
/// (`arn:aws:s3:::b*` beside `arn:aws:s3:::b*/*`), and what is not
/// redundant: another case, a wildcard in another field, a resource that
/// only looks covered when `*` spans fields.
#[test]
fn redundant_resources_are_reported_at_the_covered_one() {
    let check = |resources: &str| -> Vec<String> {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Action":"s3:GetObject","Resource":{resources}}}}}"#
        );
        PolicyDocument::from_json_str(&text)
            .unwrap()
            .check(&CheckOptions::identity())
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        check(
            r#"["arn:aws:iam::444455556666:role/jane-admin","arn:aws:iam::444455556666:role/jane-s3only","arn:aws:iam::444455556666:role/jane*"]"#
        ),
        [
            "suggestion[redundant-resource] /Statement/Resource/0: resource \"arn:aws:iam::444455556666:role/jane-admin\" is redundant: \"arn:aws:iam::444455556666:role/jane*\" at index 2 of the same Resource matches every resource it matches; remove \"arn:aws:iam::444455556666:role/jane-admin\", or list only the resources meant",
            "suggestion[redundant-resource] /Statement/Resource/1: resource \"arn:aws:iam::444455556666:role/jane-s3only\" is redundant: \"arn:aws:iam::444455556666:role/jane*\" at index 2 of the same Resource matches every resource it matches; remove \"arn:aws:iam::444455556666:role/jane-s3only\", or list only the resources meant",
        ]
    );
    assert_eq!(
        check(r#"["arn:aws:s3:::elasticbeanstalk-*","arn:aws:s3:::elasticbeanstalk-*/*"]"#),
        ["suggestion[redundant-resource] /Statement/Resource/1: resource \"arn:aws:s3:::elasticbeanstalk-*/*\" is redundant: \"arn:aws:s3:::elasticbeanstalk-*\" at index 0 of the same Resource matches every resource it matches; remove \"arn:aws:s3:::elasticbeanstalk-*/*\", or list only the resources meant"]
    );
    // `*` spans `:` in the resource field; `?` one character.
    assert_eq!(
        check(
            r#"["arn:aws:logs:*:*:log-group:a*","arn:aws:logs:us-east-1:*:log-group:ab:log-stream:x","arn:aws:s3:::b?"]"#
        ),
        ["suggestion[redundant-resource] /Statement/Resource/1: resource \"arn:aws:logs:us-east-1:*:log-group:ab:log-stream:x\" is redundant: \"arn:aws:logs:*:*:log-group:a*\" at index 0 of the same Resource matches every resource it matches; remove \"arn:aws:logs:us-east-1:*:log-group:ab:log-stream:x\", or list only the resources meant"]
    );
    // An exact repeat: the later one; two wildcards equal as text too.
    assert_eq!(
        check(r#"["arn:aws:s3:::b/*","arn:aws:s3:::a","arn:aws:s3:::b/*"]"#),
        ["suggestion[redundant-resource] /Statement/Resource/2: resource \"arn:aws:s3:::b/*\" is redundant: Resource already lists it at index 0; remove one"]
    );
    // Not redundant: ARNs are case-sensitive; a wildcard does not span
    // fields (as the account field, `*` does not reach into the
    // resource); `?` is one character; a wildcard in another field.
    for none in [
        r#"["arn:aws:s3:::*DeepRacer*","arn:aws:s3:::*deepracer*/*"]"#,
        r#"["arn:aws:logs:*:*:/aws/lambda/X*","arn:aws:logs:*:*:log-group:/aws/lambda/X*"]"#,
        r#"["arn:aws:s3:::b?","arn:aws:s3:::bcd"]"#,
        r#"["arn:aws:ec2:*:444455556666:instance/i-1","arn:aws:ec2:us-east-1:*:instance/i-1"]"#,
        r#"["arn:aws:s3:::b","arn:aws:s3:::b/*"]"#,
        r#""arn:aws:s3:::b*""#,
    ] {
        assert_eq!(check(none), Vec::<String>::new(), "{none}");
    }
}

/// The checks that need only the table of global condition keys
/// (`src/policy/global_keys/table.rs`), each positive and negative. Sources:
/// AA's reference (codes, grades) and its findings on AIOpsAssistantPolicy
/// (`aws:ViaAWSService` under `StringEquals`) and S3UnlockBucketPolicy
/// (`aws:PrincipalArn` under `StringNotLike`).
#[test]
fn global_condition_keys_are_checked_against_the_table() {
    let check = |condition: &str| -> Vec<String> {
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":{{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{condition}}}}}"#
        );
        PolicyDocument::from_json_str(&text)
            .unwrap()
            .check(&CheckOptions::identity())
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"StringEquals":{"aws:ViaAWSService":"true"}}"#,
            &["warning[type-mismatch] /Statement/Condition/StringEquals/aws:ViaAWSService: condition key aws:ViaAWSService is Boolean: use Bool instead of \"StringEquals\""],
        ),
        (
            r#"{"ArnLike":{"aws:RequestTag/Owner":"arn:aws:iam::*:role/x"}}"#,
            &["warning[type-mismatch] /Statement/Condition/ArnLike/aws:RequestTag~1Owner: condition key aws:RequestTag/Owner is String: use a String operator instead of \"ArnLike\""],
        ),
        (
            r#"{"NumericLessThan":{"aws:SourceIp":"1"}}"#,
            &["warning[type-mismatch] /Statement/Condition/NumericLessThan/aws:SourceIp: condition key aws:SourceIp is IP address: use IpAddress or NotIpAddress instead of \"NumericLessThan\""],
        ),
        (
            r#"{"StringNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x*"}}"#,
            &["security-warning[string-like-operator-with-arn-condition-keys] /Statement/Condition/StringNotLike/aws:PrincipalArn: condition key aws:PrincipalArn is an ARN: use ArnLike or ArnNotLike instead of \"StringNotLike\" (string matching lets a wildcard span ARN fields)"],
        ),
        (
            r#"{"ForAnyValue:StringLikeIfExists":{"AWS:SourceArn":"arn:aws:sns:*:*:t"}}"#,
            &["security-warning[string-like-operator-with-arn-condition-keys] /Statement/Condition/ForAnyValue:StringLikeIfExists/AWS:SourceArn: condition key AWS:SourceArn is an ARN: use ArnLike or ArnNotLike instead of \"ForAnyValue:StringLikeIfExists\" (string matching lets a wildcard span ARN fields)"],
        ),
        (
            r#"{"ForAllValues:StringEquals":{"aws:PrincipalAccount":["444455556666"]}}"#,
            &["security-warning[forallvalues-with-single-valued-key] /Statement/Condition/ForAllValues:StringEquals/aws:PrincipalAccount: condition key aws:PrincipalAccount is single-valued: ForAllValues is true when the key is absent, which can allow too much; remove \"ForAllValues:\""],
        ),
        (
            r#"{"StringEquals":{"aws:TagKeys":["a"]}}"#,
            &["warning[missing-qualifier] /Statement/Condition/StringEquals/aws:TagKeys: condition key aws:TagKeys can have several values: use ForAnyValue: or ForAllValues: with \"StringEquals\""],
        ),
        (
            r#"{"StringEquals":{"aws:ARN":"arn:aws:iam::444455556666:role/x"}}"#,
            &["warning[unsupported-global-condition-key] /Statement/Condition/StringEquals/aws:ARN: condition key \"aws:ARN\" is not supported (it is not a key of the request context): use aws:PrincipalArn or aws:SourceArn"],
        ),
        (
            r#"{"StringEquals":{"aws:PrincipalOrgId":"o-1","aws:NoSuchKey":"x"}}"#,
            &["warning[invalid-global-condition-key] /Statement/Condition/StringEquals/aws:NoSuchKey: condition key \"aws:NoSuchKey\" is not a global condition key in the table of 2026-08-21: check its spelling (a newer key is not in the table)"],
        ),
        (
            r#"{"StringLike":{"aws:UserAgent":"MyApp/*"}}"#,
            &["security-warning[untrustworthy-condition-key] /Statement/Condition/StringLike/aws:UserAgent: condition key aws:UserAgent is set by the caller, who can spoof it: do not use it for access control"],
        ),
    ];
    for (condition, expected) in cases {
        assert_eq!(check(condition), *expected, "{condition}");
    }
    // Negative: each key under an operator of its type, the qualifiers
    // where they belong, keys ignoring case, templated keys, Null with
    // anything, a service key typed ARN under an ARN operator, a key on no
    // page that AWS managed policies use.
    for none in [
        r#"{"Bool":{"aws:ViaAWSService":"true","aws:SecureTransport":"false"}}"#,
        r#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/x*"}}"#,
        r#"{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::444455556666:role/x"}}"#,
        r#"{"StringEquals":{"AWS:RESOURCETAG/Owner":"me","aws:RequestedRegion":"us-east-1"}}"#,
        r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a"]},"ForAllValues:StringLike":{"aws:CalledVia":["x*"]}}"#,
        r#"{"Null":{"aws:TagKeys":"false","aws:PrincipalArn":"true"}}"#,
        r#"{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01"},"NumericLessThan":{"aws:EpochTime":"1"}}"#,
        r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"},"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}"#,
        r#"{"ArnLike":{"iam:AssociatedResourceArn":"arn:*"},"StringEquals":{"aws:PrincipalOrgMasterAccountId":"444455556666"}}"#,
        r#"{"ArnLike":{"ec2:SourceInstanceArn":"arn:aws:ec2:*:*:instance/*"}}"#,
    ] {
        assert_eq!(check(none), Vec::<String>::new(), "{none}");
    }
}

/// The statements of an array are read in place into a kept buffer; an
/// element that is not an object makes the whole array read again
/// generically. Both paths keep the text, one after the other in one
/// thread (so the buffer is reused), and a later array of objects reads
/// normally again.
#[test]
fn statement_arrays_with_a_non_object_element_round_trip() {
    let good = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Sid":"B","Effect":"Deny","Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::b/*"}]}"#;
    let bad = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},42,{"Effect":"Deny","Action":"s3:PutObject","Resource":"*"}]}"#;
    for text in [good, bad, good] {
        let doc = PolicyDocument::from_json_str(text).unwrap();
        assert_eq!(doc.to_json_string(), text);
    }
    let doc = PolicyDocument::from_json_str(good).unwrap();
    assert_eq!(doc.statements().len(), 2);
    assert_eq!(doc.statements()[1].sid.as_deref(), Some("B"));
    let doc = PolicyDocument::from_json_str(bad).unwrap();
    let findings = lines(&doc.check(&CheckOptions::identity()));
    assert!(
        findings
            .iter()
            .any(|l| l.starts_with("error[") && l.contains("/Statement")),
        "{findings:?}"
    );
}
