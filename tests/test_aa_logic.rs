//! Access Analyzer's logic-only checks added in issue 11's second part,
//! each positive and negative with its message. Source of every expected
//! finding: AA's check reference
//! (`corpus/aws-docs/iam-user-guide/access-analyzer-reference-policy-checks-current.md`),
//! the section named after the code; grades and choices in `docs/checks.md`.

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
fn with_condition(cond: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{cond}}}]}}"#
    )
}

fn id(cond: &str) -> Vec<String> {
    check(&with_condition(cond), CheckOptions::identity())
}

#[test]
fn ip_ranges() {
    assert_eq!(
        id(r#"{"IpAddress":{"aws:SourceIp":["203.0.113.5/24","nonsense","2001:DB8::1/32"]}}"#),
        [
            "suggestion[improve-ip-range] /Statement/0/Condition/IpAddress/aws:SourceIp/0: IpAddress value \"203.0.113.5/24\": the bits after the first 24 are ignored; write \"203.0.113.0/24\"",
            "warning[type-mismatch-ip-range] /Statement/0/Condition/IpAddress/aws:SourceIp/1: IpAddress value \"nonsense\" for \"aws:SourceIp\" is not an IP range: expected an address or CIDR range such as \"203.0.113.0/24\" or \"2001:DB8::/32\"",
            "suggestion[improve-ip-range] /Statement/0/Condition/IpAddress/aws:SourceIp/2: IpAddress value \"2001:DB8::1/32\": the bits after the first 32 are ignored; write \"2001:db8::/32\"",
        ]
    );
    assert_eq!(
        id(r#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.0/24"]}}"#),
        ["warning[private-ip-address] /Statement/0/Condition/IpAddress/aws:SourceIp: aws:SourceIp under IpAddress lists only private ranges (RFC 1918, RFC 4193): aws:SourceIp is the public address of a request, so a private range never matches it; for requests through a VPC endpoint use aws:VpcSourceIp"]
    );
    let l = id(r#"{"NotIpAddress":{"aws:SourceIp":"fd00::/8"}}"#);
    assert_eq!(l.len(), 1);
    assert!(l[0].starts_with("warning[private-not-ip-address] /Statement/0/Condition/NotIpAddress/aws:SourceIp: aws:SourceIp under NotIpAddress lists only private ranges"), "{l:?}");
    let l = id(r#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}"#);
    assert!(l[0].starts_with("suggestion[private-ip-address-subset] /Statement/0/Condition/IpAddress/aws:SourceIp: aws:SourceIp under IpAddress lists private ranges among public ones"), "{l:?}");
    let l = id(r#"{"NotIpAddress":{"aws:SourceIp":["172.16.0.0/12","203.0.113.0/24"]}}"#);
    assert!(
        l[0].starts_with("suggestion[private-not-ip-address-subset] "),
        "{l:?}"
    );
    // Public ranges, private ranges under aws:VpcSourceIp (with its
    // paired aws:SourceVpc), and 172.32.0.0/16 (outside 172.16.0.0/12):
    // nothing.
    assert!(id(r#"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","172.32.0.0/16"],"aws:VpcSourceIp":"10.0.0.0/8"},"StringEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}"#).is_empty());
}

#[test]
fn vpc_identifiers() {
    assert_eq!(
        id(r#"{"StringEquals":{"aws:SourceVpc":["vpc-1a2b3c4d","vpc-123","vpc-1a2b3c4d5e6f7a8b9"],"aws:SourceVpce":"vpc-1a2b3c4d"}}"#),
        [
            "warning[invalid-vpc-format] /Statement/0/Condition/StringEquals/aws:SourceVpc/1: \"vpc-123\" is not a VPC identifier for aws:SourceVpc: expected \"vpc-\" and 8 or 17 letters and digits, such as \"vpc-1a2b3c4d\"",
            "warning[invalid-vpce-format] /Statement/0/Condition/StringEquals/aws:SourceVpce: \"vpc-1a2b3c4d\" is not a VPC endpoint identifier for aws:SourceVpce: expected \"vpce-\" and 8 or 17 letters and digits, such as \"vpce-1a2b3c4d\"",
        ]
    );
    // Patterns and variables are not identifiers.
    assert!(id(r#"{"StringLike":{"aws:SourceVpc":"vpc-*"},"StringEquals":{"aws:SourceVpce":"${aws:SourceVpce}"}}"#).is_empty());
}

#[test]
fn wildcards_without_like() {
    assert_eq!(
        id(r#"{"StringEquals":{"aws:PrincipalTag/job":"admin-*"}}"#),
        ["warning[wildcard-without-like-operator] /Statement/0/Condition/StringEquals/aws:PrincipalTag~1job: StringEquals value \"admin-*\" for \"aws:PrincipalTag/job\" has a * or ?, which StringEquals compares as a character: if it is a wildcard, use StringLike (or StringNotLike)"]
    );
    // StringLike, and the variables ${*} and ${?}: nothing.
    assert!(id(r#"{"StringLike":{"aws:PrincipalTag/job":"admin-*"},"StringEquals":{"aws:PrincipalTag/x":"a${*}b${?}"}}"#).is_empty());
}

#[test]
fn values_of_the_wrong_type() {
    assert_eq!(
        id(r#"{"Bool":{"aws:SecureTransport":["true","false"],"aws:MultiFactorAuthPresent":"yes"},"NumericLessThan":{"aws:MultiFactorAuthAge":"an hour"},"BinaryEquals":{"s3:x":"not base64"}}"#),
        [
            "warning[invalid-condition-multiple-boolean] /Statement/0/Condition/Bool/aws:SecureTransport: Bool for \"aws:SecureTransport\" has 2 values: a Boolean condition takes one value, true or false",
            "warning[type-mismatch-boolean] /Statement/0/Condition/Bool/aws:MultiFactorAuthPresent: Bool value \"yes\" for \"aws:MultiFactorAuthPresent\" is not a Boolean: expected true or false",
            "warning[type-mismatch-number] /Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge: NumericLessThan value \"an hour\" for \"aws:MultiFactorAuthAge\" is not a number: expected a decimal such as \"3600\" or 3600",
            "warning[type-mismatch-string] /Statement/0/Condition/BinaryEquals/s3:x: BinaryEquals value \"not base64\" for \"s3:x\" is not base-64: BinaryEquals compares the bytes of a base-64 encoded value",
        ]
    );
    assert!(id(r#"{"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"aws:MultiFactorAuthAge":["3600"]},"BinaryEquals":{"s3:x":"QmluYXJ5"}}"#).is_empty());
}

#[test]
fn redundant_numeric_values() {
    assert_eq!(
        id(r#"{"NumericLessThan":{"aws:MultiFactorAuthAge":["2700","3600"]}}"#),
        ["suggestion[redundant-condition-value-num] /Statement/0/Condition/NumericLessThan/aws:MultiFactorAuthAge: NumericLessThan for \"aws:MultiFactorAuthAge\" has 2 values and the greatest one, \"3600\", decides: keep only it"]
    );
    let l = id(r#"{"NumericGreaterThanEquals":{"s3:max-keys":[10,5]}}"#);
    assert!(l[0].contains("the least one, 5, decides"), "{l:?}");
    // NumericEquals with several values is an OR of exact values.
    assert!(id(r#"{"NumericEquals":{"s3:max-keys":[10,5]}}"#).is_empty());
}

#[test]
fn tag_keys_and_empty_arrays() {
    assert_eq!(
        id(r#"{"StringEquals":{"aws:ResourceTag/":"x","aws:RequestTag":"y"}}"#),
        [
            "warning[missing-tag-key-in-condition] /Statement/0/Condition/StringEquals/aws:ResourceTag~1: condition key \"aws:ResourceTag/\" names no tag: write aws:ResourceTag/tag-key, such as aws:ResourceTag/project",
            "warning[missing-tag-key-in-condition] /Statement/0/Condition/StringEquals/aws:RequestTag: condition key \"aws:RequestTag\" names no tag: write aws:RequestTag/tag-key, such as aws:RequestTag/project",
        ]
    );
    assert_eq!(
        id(r#"{"ForAllValues:StringEquals":{"aws:TagKeys":[]},"ForAnyValue:StringEquals":{"aws:TagKeys":[]},"StringEqualsIfExists":{"aws:PrincipalTag/a":[]}}"#),
        [
            "suggestion[empty-array-condition-forallvalues] /Statement/0/Condition/ForAllValues:StringEquals/aws:TagKeys: no values for condition key \"aws:TagKeys\" under \"ForAllValues:StringEquals\": ForAllValues is true only when the key is absent; to test that, use Null with true",
            "suggestion[empty-array-condition-foranyvalue] /Statement/0/Condition/ForAnyValue:StringEquals/aws:TagKeys: no values for condition key \"aws:TagKeys\" under \"ForAnyValue:StringEquals\": ForAnyValue is never true, and the statement does nothing",
            "suggestion[empty-array-condition-ifexists] /Statement/0/Condition/StringEqualsIfExists/aws:PrincipalTag~1a: no values for condition key \"aws:PrincipalTag/a\" under \"StringEqualsIfExists\": IfExists makes it true only when the key is absent; to test that, use Null with true",
        ]
    );
}

#[test]
fn s3_prefix_and_dynamodb_attributes() {
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b","Condition":{"StringLike":{"s3:prefix":"secret/*"}}}]}"#;
    assert_eq!(
        check(deny, CheckOptions::identity()),
        ["security-warning[s3-prefix-in-negative-context] /Statement/0/Condition/StringLike/s3:prefix: s3:prefix under \"StringLike\" in a Deny statement: a request with a shorter prefix does not match, and can still list the objects; allow with StringLike, or deny with StringNotLike"]
    );
    // Deny with StringNotLike and Allow with StringLike are the patterns AA recommends.
    assert!(check(
        &deny.replace("StringLike", "StringNotLike"),
        CheckOptions::identity()
    )
    .is_empty());
    assert!(check(&deny.replace("Deny", "Allow"), CheckOptions::identity()).is_empty());
    let l = check(
        &deny
            .replace("Deny", "Allow")
            .replace("StringLike", "StringNotEquals"),
        CheckOptions::identity(),
    );
    assert!(
        l.iter().any(
            |x| x.starts_with("security-warning[s3-prefix-in-negative-context]")
                && x.contains("under \"StringNotEquals\" in an Allow statement")
        ),
        "{l:?}"
    );

    let attrs =
        with_condition(r#"{"ForAllValues:StringEquals":{"dynamodb:Attributes":["id","name"]}}"#);
    assert_eq!(
        check(&attrs, CheckOptions::identity()),
        ["security-warning[dynamodb-attributes-without-select] /Statement/0/Condition/ForAllValues:StringEquals/dynamodb:Attributes: dynamodb:Attributes without dynamodb:Select: a read that names no attributes returns whole items; add \"StringEquals\": {\"dynamodb:Select\": \"SPECIFIC_ATTRIBUTES\"}"]
    );
    assert!(id(r#"{"ForAllValues:StringEquals":{"dynamodb:Attributes":["id"]},"StringEquals":{"dynamodb:Select":"SPECIFIC_ATTRIBUTES"}}"#).is_empty());
}

#[test]
fn wildcard_in_service_name() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["*code*:Get*","s3:Get*","*"],"Resource":["arn:aws:*code*::111122223333:*","arn:aws:*:*:111122223333:*"]}]}"#;
    let l = check(text, CheckOptions::identity());
    let ours: Vec<&String> = l
        .iter()
        .filter(|l| l.contains("[wildcard-in-service-name]"))
        .collect();
    assert_eq!(
        ours,
        [
            "suggestion[wildcard-in-service-name] /Statement/0/Action/0: action \"*code*:Get*\" has a wildcard in its service prefix \"*code*\": it can match other services, present and future; name the service",
            "suggestion[wildcard-in-service-name] /Statement/0/Resource/0: Resource \"arn:aws:*code*::111122223333:*\" has a wildcard in its service \"*code*\": it can match other services' resources; name the service",
        ]
    );
}

#[test]
fn pass_role_and_create_slr_with_not_action_and_not_resource() {
    let doc = |stmt: &str| format!(r#"{{"Version":"2012-10-17","Statement":[{stmt}]}}"#);
    let cases = [
        (r#"{"Effect":"Allow","Action":"iam:PassRole","NotResource":"arn:aws:iam::111122223333:role/admin"}"#,
         "security-warning[pass-role-with-not-resource] /Statement/0/NotResource: iam:PassRole allowed on every resource but those in NotResource: any role can be passed; name the roles or add an iam:PassedToService condition"),
        (r#"{"Effect":"Allow","Action":"iam:Pass*","NotResource":"arn:aws:iam::111122223333:role/admin"}"#,
         "security-warning[pass-role-with-star-in-action-and-not-resource] /Statement/0/NotResource: iam:PassRole allowed through \"iam:Pass*\" on every resource but those in NotResource: any role can be passed; name the roles or add an iam:PassedToService condition"),
        (r#"{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}"#,
         "security-warning[pass-role-with-star-in-resource-and-not-action] /Statement/0/Resource: iam:PassRole allowed through NotAction (which does not exclude it) on \"*\": any role can be passed; name the roles or add an iam:PassedToService condition"),
        (r#"{"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:s3:::b"}"#,
         "security-warning[pass-role-with-not-action-and-not-resource] /Statement/0/NotResource: iam:PassRole allowed through NotAction (which does not exclude it) on every resource but those in NotResource: any role can be passed; name the roles or add an iam:PassedToService condition"),
        (r#"{"Effect":"Allow","Action":"iam:CreateServiceLinkedRole","NotResource":"arn:aws:s3:::b"}"#,
         "warning[create-slr-with-not-resource] /Statement/0/NotResource: iam:CreateServiceLinkedRole allowed on every resource but those in NotResource: any service-linked role can be created; name the roles or add an iam:AWSServiceName condition"),
    ];
    for (stmt, want) in cases {
        let l = check(&doc(stmt), CheckOptions::identity());
        assert!(l.iter().any(|x| x == want), "{stmt}: {l:?}");
    }
    let l = check(
        &doc(r#"{"Effect":"Allow","NotAction":"s3:*","NotResource":"arn:aws:s3:::b"}"#),
        CheckOptions::identity(),
    );
    assert!(
        l.iter().any(|x| x.starts_with(
            "warning[create-slr-with-not-action-and-not-resource] /Statement/0/NotResource:"
        )),
        "{l:?}"
    );
    let l = check(
        &doc(r#"{"Effect":"Allow","NotAction":"s3:*","Resource":"*"}"#),
        CheckOptions::identity(),
    );
    assert!(
        l.iter().any(|x| x.starts_with(
            "warning[create-slr-with-star-in-resource-and-not-action] /Statement/0/Resource:"
        )),
        "{l:?}"
    );
    let l = check(
        &doc(r#"{"Effect":"Allow","Action":"iam:*","NotResource":"arn:aws:s3:::b"}"#),
        CheckOptions::identity(),
    );
    assert!(
        l.iter().any(|x| x.starts_with(
            "warning[create-slr-with-star-in-action-and-not-resource] /Statement/0/NotResource:"
        )),
        "{l:?}"
    );
    // A NotAction that excludes iam:*, a Deny, and a named role: nothing of these families.
    for stmt in [
        r#"{"Effect":"Allow","NotAction":["iam:*","s3:*"],"Resource":"*"}"#,
        r#"{"Effect":"Deny","NotAction":"s3:*","NotResource":"arn:aws:s3:::b"}"#,
        r#"{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/app"}"#,
    ] {
        let l = check(&doc(stmt), CheckOptions::identity());
        assert!(
            !l.iter()
                .any(|x| x.contains("[pass-role-") || x.contains("[create-slr-")),
            "{stmt}: {l:?}"
        );
    }
}

fn trust(stmt: &str) -> Vec<String> {
    check(
        &format!(r#"{{"Version":"2012-10-17","Statement":[{stmt}]}}"#),
        CheckOptions::trust(),
    )
}

#[test]
fn github_and_oidc_trust() {
    let gh = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
    assert_eq!(
        trust(&format!(r#"{{"Effect":"Allow","Principal":{{"Federated":"{gh}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}}}}}"#)),
        ["security-warning[missing-github-repo-condition-key] /Statement/0/Principal/Federated: GitHub's OIDC provider trusted without a token.actions.githubusercontent.com:sub condition: any repository's workflow can assume the role; add token.actions.githubusercontent.com:sub with the repository and branch"]
    );
    assert_eq!(
        trust(&format!(r#"{{"Effect":"Allow","Principal":{{"Federated":"{gh}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringLike":{{"token.actions.githubusercontent.com:sub":"repo:octo-org/*"}}}}}}"#)),
        ["warning[specific-github-repo-and-branch-recommended] /Statement/0/Condition/StringLike/token.actions.githubusercontent.com:sub: token.actions.githubusercontent.com:sub value \"repo:octo-org/*\" has a wildcard: workflows of more repositories or branches than meant can assume the role; name the repository and branch (repo:ORG/REPO:ref:refs/heads/BRANCH)"]
    );
    assert!(trust(&format!(r#"{{"Effect":"Allow","Principal":{{"Federated":"{gh}"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"StringEquals":{{"token.actions.githubusercontent.com:sub":"repo:octo-org/app:ref:refs/heads/main"}}}}}}"#)).is_empty());

    let google = r#"{"Effect":"Allow","Principal":{"Federated":"accounts.google.com"},"Action":"sts:AssumeRoleWithWebIdentity"}"#;
    assert_eq!(
        trust(google),
        ["security-warning[missing-condition-key-for-oidc-principal] /Statement/0/Principal/Federated: OIDC provider accounts.google.com trusted without a condition on its keys (accounts.google.com:aud, accounts.google.com:sub): any identity of the provider can assume the role"]
    );
    let aud = |op: &str| {
        trust(&format!(
            r#"{{"Effect":"Allow","Principal":{{"Federated":"accounts.google.com"}},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{{"{op}":{{"accounts.google.com:aud":"my-app"}}}}}}"#
        ))
    };
    assert!(aud("StringEquals").is_empty());
    let l = aud("ForAnyValue:StringEquals");
    assert_eq!(l, ["security-warning[foranyvalue-with-audience-claim-type] /Statement/0/Condition/ForAnyValue:StringEquals/accounts.google.com:aud: accounts.google.com:aud is single-valued: ForAnyValue: with it can allow too much; remove \"ForAnyValue:\""]);
    let l = aud("ForAllValues:StringEquals");
    assert!(l.iter().any(|x| x.starts_with("suggestion[confirm-audience-claim-type] /Statement/0/Condition/ForAllValues:StringEquals/accounts.google.com:aud:")), "{l:?}");
}

#[test]
fn redundant_session_principal_and_federated_in_resource_policies() {
    assert_eq!(
        trust(r#"{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::210987654321:role/path/app","arn:aws:sts::210987654321:assumed-role/app/session"]},"Action":"sts:AssumeRole"}"#),
        ["suggestion[redundant-principal-in-role-trust-policy] /Statement/0/Principal/AWS/1: assumed-role principal \"arn:aws:sts::210987654321:assumed-role/app/session\" is redundant: its role \"arn:aws:iam::210987654321:role/path/app\" is listed too; remove the session"]
    );
    // Another account's role of the same name is not the parent.
    assert!(trust(r#"{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::444455556666:role/app","arn:aws:sts::210987654321:assumed-role/app/session"]},"Action":"sts:AssumeRole"}"#).is_empty());

    let bucket = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/corp"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
    assert_eq!(
        check(bucket, CheckOptions::resource()),
        ["warning[federated-principal-not-supported] /Statement/0/Principal/Federated: federated principal \"arn:aws:iam::111122223333:saml-provider/corp\" in a resource-based policy: only role trust policies take identity providers; name an AWS principal"]
    );
}

#[test]
fn service_principal_scoped_by_referer() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{"StringLike":{"aws:Referer":"https://example.com/*"}}}]}"#;
    let l = check(text, CheckOptions::resource());
    assert!(l.contains(&"suggestion[recommended-condition-key-for-service-principal] /Statement/0/Condition/StringLike/aws:Referer: service principal cloudfront.amazonaws.com scoped by aws:Referer: use aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths (the caller sets aws:Referer)".to_owned()), "{l:?}");
    let scoped = text.replace(
        r#""StringLike""#,
        r#""StringEquals":{"aws:SourceAccount":"111122223333"},"StringLike""#,
    );
    assert!(!check(&scoped, CheckOptions::resource())
        .iter()
        .any(|x| x.contains("recommended-condition-key")));
}
