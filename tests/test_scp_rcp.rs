//! AWS Organizations policies: service control policies (SCPs) and
//! resource control policies (RCPs), checked with `CheckOptions::scp()` and
//! `::rcp()`. Sources: Access Analyzer's check reference
//! (`corpus/aws-docs/iam-user-guide/access-analyzer-reference-policy-checks-current.md`,
//! *SCP syntax error principal*, *RCP syntax error ...*, *Policy size
//! exceeds SCP/RCP quota*) and the Organizations User Guide (SCP and RCP
//! syntax pages, quotas page); see `docs/checks.md`.

mod util;

use iam_ecs::policy::{CheckOptions, PolicyDocument, PolicyKind};
use util::{lines, paths_resolve};

fn check(text: &str, opts: CheckOptions) -> Vec<String> {
    let findings = PolicyDocument::from_json_str(text).unwrap().check(&opts);
    paths_resolve(text, &findings);
    lines(&findings)
}

/// `FullAWSAccess`, the SCP AWS attaches by default: no finding (in
/// particular no `pass-role-*`: an SCP grants nothing).
#[test]
fn full_aws_access_scp_is_clean() {
    let text =
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    assert_eq!(check(text, CheckOptions::scp()), Vec::<String>::new());
    // The same document as an identity policy is reported.
    assert!(check(text, CheckOptions::identity())
        .iter()
        .any(|l| l.contains("[pass-role-with-star-in-action-and-resource]")));
}

/// What SCPs accept since September 2025 (full IAM language): conditions,
/// resource ARNs, `NotAction` with `Allow`, `NotResource`, wildcards in the
/// middle of actions; and a statement without `Resource` is not reported
/// (unverified either way).
#[test]
fn scp_full_language_is_accepted() {
    let text = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"DenyOutsideRegions","Effect":"Deny","NotAction":["iam:*","sts:*"],"Resource":"*",
         "Condition":{"StringNotEquals":{"aws:RequestedRegion":["eu-west-1"]},"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/Admin"}}},
        {"Effect":"Allow","NotAction":"organizations:*","NotResource":"arn:aws:s3:::secret/*"},
        {"Effect":"Deny","Action":"iam:*Role","Resource":"arn:aws:iam::*:role/protected-*"},
        {"Effect":"Deny","Action":"ec2:RunInstances"}
    ]}"#;
    assert_eq!(check(text, CheckOptions::scp()), Vec::<String>::new());
    // As an identity policy the statement without Resource is an error.
    assert!(check(text, CheckOptions::identity())
        .iter()
        .any(|l| l.starts_with("error[missing-resource] /Statement/3:")));
}

#[test]
fn scp_principal_and_not_principal_are_errors() {
    let text = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","NotPrincipal":"*","Action":"s3:*","Resource":"*"}
    ]}"#;
    assert_eq!(
        check(text, CheckOptions::scp()),
        [
            "error[scp-syntax-error-principal] /Statement/0/Principal: Principal in a service control policy: SCPs apply to the principals of the accounts they are attached to, remove Principal (name principals with the aws:PrincipalArn condition key)",
            "error[scp-syntax-error-principal] /Statement/1/NotPrincipal: NotPrincipal in a service control policy: SCPs apply to the principals of the accounts they are attached to, remove NotPrincipal (name principals with the aws:PrincipalArn condition key)",
        ]
    );
}

/// A document of exactly `size` characters (whitespace not counted).
fn sized(size: usize) -> String {
    let base = r#"{"Statement":{"Sid":"","Effect":"Deny","Action":"*","Resource":"*"}}"#;
    let base_size = PolicyDocument::from_json_str(base).unwrap().size();
    base.replace(
        r#""Sid":"""#,
        &format!(r#""Sid":"{}""#, "S".repeat(size - base_size)),
    )
}

#[test]
fn scp_and_rcp_size_quota_is_5120() {
    assert_eq!(CheckOptions::scp().size_quota, Some(5120));
    assert_eq!(
        CheckOptions::of(PolicyKind::ResourceControl),
        CheckOptions::rcp()
    );
    let at = sized(5120);
    assert_eq!(PolicyDocument::from_json_str(&at).unwrap().size(), 5120);
    let scp_ok: Vec<String> = check(&at, CheckOptions::scp());
    assert!(!scp_ok.iter().any(|l| l.contains("quota")), "{scp_ok:?}");
    let over = sized(5121);
    let scp = check(&over, CheckOptions::scp());
    assert!(scp.contains(&"error[policy-size-exceeds-scp-quota] (document): the service control policy has 5121 characters excluding whitespace (Access Analyzer reports 5122): expected at most 5120".to_owned()), "{scp:?}");
    // `"Principal":"*",` is 16 more characters.
    let rcp_over = sized(5121 - 16).replace(r#""Effect""#, r#""Principal":"*","Effect""#);
    let rcp = check(&rcp_over, CheckOptions::rcp());
    assert!(rcp.contains(&"error[policy-size-exceeds-rcp-quota] (document): the resource control policy has 5121 characters excluding whitespace (Access Analyzer reports 5122): expected at most 5120".to_owned()), "{rcp:?}");
}

/// `RCPFullAWSAccess` and the RCP examples' shape (Deny, `Principal` `"*"`,
/// conditions): no finding.
#[test]
fn rcp_full_access_and_deny_examples_are_clean() {
    let full = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#;
    assert_eq!(check(full, CheckOptions::rcp()), Vec::<String>::new());
    let deny = r#"{"Version":"2012-10-17","Statement":[{"Sid":"EnforceSecureTransport","Effect":"Deny","Principal":"*","Action":["s3:*","sqs:*","kms:*"],"Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}]}"#;
    assert_eq!(check(deny, CheckOptions::rcp()), Vec::<String>::new());
}

#[test]
fn rcp_syntax_errors() {
    let text = r#"{"Version":"2012-10-17","Statement":[
        {"Effect":"Deny","Principal":{"AWS":"*"},"Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","NotPrincipal":"*","Action":"s3:*","Resource":"*"},
        {"Effect":"Deny","Principal":"*","NotAction":"s3:GetObject","Resource":"*"},
        {"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::b/*"],"Condition":{"Bool":{"aws:SecureTransport":"true"}}},
        {"Effect":"Deny","Action":"s3:*","Resource":"*"}
    ]}"#;
    let allow = "Allow in a resource control policy: RCPs allow only every principal (\"*\") on every resource (\"*\") without a Condition, as RCPFullAWSAccess; use Deny";
    assert_eq!(
        check(text, CheckOptions::rcp()),
        [
            "error[rcp-syntax-error-principal] /Statement/0/Principal: Principal in a resource control policy: RCPs support only \"Principal\": \"*\" (narrow it with condition keys such as aws:PrincipalOrgID)".to_owned(),
            "error[rcp-syntax-error-principal] /Statement/1/NotPrincipal: NotPrincipal in a resource control policy: RCPs support only \"Principal\": \"*\" (narrow it with condition keys such as aws:PrincipalOrgID)".to_owned(),
            "error[rcp-syntax-error-notaction] /Statement/2/NotAction: NotAction in a resource control policy: RCPs support only Action, list the actions to deny".to_owned(),
            format!("error[rcp-syntax-error-allow] /Statement/3/Resource/0: {allow} (found Resource \"arn:aws:s3:::b/*\")"),
            format!("error[rcp-syntax-error-allow] /Statement/3/Condition: {allow} (found Condition)"),
            "error[missing-principal] /Statement/4: statement has no Principal: expected one in a resource control policy".to_owned(),
        ]
    );
    // The same statements in an ordinary resource policy: none of these.
    let resource = check(text, CheckOptions::resource());
    assert!(
        !resource.iter().any(|l| l.contains("[rcp-")),
        "{resource:?}"
    );
}

/// Sids are recommended unique in SCPs and RCPs (AA: required "for some
/// policy types"; IAM's own rule is for IAM policies).
#[test]
fn duplicate_sids_in_organizations_policies_are_a_warning() {
    let text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"sqs:*","Resource":"*"}]}"#;
    assert_eq!(
        check(text, CheckOptions::scp()),
        ["warning[unique-sids-recommended] /Statement/1/Sid: Sid \"A\" is used by another statement: use each Sid once (some services require it)"]
    );
}
