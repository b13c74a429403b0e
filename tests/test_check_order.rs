//! Findings come in document order, whatever the element: the check
//! framework visits every object's members in the order they were written,
//! and reports each member the model could not take once, in its place.

use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs::Code;

fn findings(text: &str, opts: CheckOptions) -> Vec<(Code, String)> {
    let doc: PolicyDocument = PolicyDocument::from_json_str(text).unwrap();
    doc.check(&opts)
        .into_iter()
        .map(|f| (f.code, f.path.to_string()))
        .collect()
}

#[test]
fn principal_keys_are_checked_in_the_order_written() {
    // A key the model does not know ("service") between two it does: its
    // finding comes between theirs (before the rebuild, raw principal keys
    // were reported before every typed one).
    let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"1234","service":"x","Federated":"not a provider"},"Action":"sts:AssumeRole"}]}"#;
    assert_eq!(
        findings(text, CheckOptions::trust()),
        [
            (
                Code::InvalidPrincipal,
                "/Statement/0/Principal/AWS".to_owned()
            ),
            (
                Code::InvalidPrincipalKey,
                "/Statement/0/Principal/service".to_owned()
            ),
            (
                Code::InvalidFederatedPrincipalSyntaxInRoleTrustPolicy,
                "/Statement/0/Principal/Federated".to_owned()
            ),
        ]
    );
}

#[test]
fn statement_members_in_written_order_and_raw_members_once() {
    // Resource before Action, an unknown element and a duplicate key in
    // between: one finding each, in that order.
    let text = r#"{"Version":"2012-10-17","Statement":{"Resource":"arn:aws:s3:::b/${","Efect":"Allow","Action":"s3:Get Object","Action":"x","Effect":"Allow"}}"#;
    assert_eq!(
        findings(text, CheckOptions::identity()),
        [
            (
                Code::MissingBraceInVariable,
                "/Statement/Resource".to_owned()
            ),
            (Code::InvalidPolicyElement, "/Statement/Efect".to_owned()),
            (Code::InvalidAction, "/Statement/Action".to_owned()),
            (Code::DuplicateKey, "/Statement/Action".to_owned()),
        ]
    );
}
