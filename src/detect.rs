//! Telling documents apart: which kind of policy or task definition a JSON
//! file holds.

use crate::json::Json;
use std::fmt;

/// The kinds of document this crate reads. More may be added, so a
/// `match` outside this crate needs a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DocumentKind {
    /// An IAM identity policy (no `Principal`).
    IdentityPolicy,
    /// An IAM role trust policy (`Principal`, no `Resource`).
    TrustPolicy,
    /// A resource-based policy (`Principal` and `Resource`).
    ResourcePolicy,
    /// An AWS Organizations service control policy (never detected: it
    /// reads as an identity policy; `--kind scp`).
    ServiceControlPolicy,
    /// An AWS Organizations resource control policy (never detected: it
    /// reads as a resource policy; `--kind rcp`).
    ResourceControlPolicy,
    /// An ECS task definition: a `RegisterTaskDefinition` input or
    /// `DescribeTaskDefinition` output ([`crate::ecs::Document`] tells
    /// which).
    TaskDefinition,
}

impl DocumentKind {
    /// The kind, as messages name it: `identity policy`, `trust policy`,
    /// `resource policy`, `service control policy`, `resource control
    /// policy`, `task definition`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DocumentKind::IdentityPolicy => "identity policy",
            DocumentKind::TrustPolicy => "trust policy",
            DocumentKind::ResourcePolicy => "resource policy",
            DocumentKind::ServiceControlPolicy => "service control policy",
            DocumentKind::ResourceControlPolicy => "resource control policy",
            DocumentKind::TaskDefinition => "task definition",
        }
    }

    /// Whether this is one of the policy kinds.
    pub const fn is_policy(self) -> bool {
        !matches!(self, DocumentKind::TaskDefinition)
    }

    /// Guesses the kind of `json` from its keys:
    /// - `containerDefinitions`, `family` or `taskDefinition` (describe
    ///   output): a task definition;
    /// - `Statement`: a policy; an identity policy when no statement has a
    ///   `Principal` or `NotPrincipal`, else a resource policy when one has
    ///   a `Resource` or `NotResource`, else a trust policy.
    ///
    /// `None` when it is none of these (not an object, or none of those
    /// keys).
    pub fn detect(json: &Json) -> Option<DocumentKind> {
        let top = json.as_object()?;
        if ["containerDefinitions", "family", "taskDefinition"]
            .iter()
            .any(|k| top.get(k).is_some())
        {
            return Some(DocumentKind::TaskDefinition);
        }
        let statements: Vec<&Json> = match top.get("Statement")? {
            Json::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        let has = |keys: &[&str]| {
            statements.iter().any(|s| {
                s.as_object()
                    .is_some_and(|o| keys.iter().any(|k| o.get(k).is_some()))
            })
        };
        Some(if !has(&["Principal", "NotPrincipal"]) {
            DocumentKind::IdentityPolicy
        } else if has(&["Resource", "NotResource"]) {
            DocumentKind::ResourcePolicy
        } else {
            DocumentKind::TrustPolicy
        })
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<DocumentKind> {
        DocumentKind::detect(&Json::parse(text).unwrap())
    }

    #[test]
    fn detects_each_kind() {
        use DocumentKind::*;
        assert_eq!(
            kind(r#"{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#),
            Some(IdentityPolicy)
        );
        assert_eq!(
            kind(r#"{"Statement":[{"Principal":{"AWS":"x"},"Action":"sts:AssumeRole"}]}"#),
            Some(TrustPolicy)
        );
        assert_eq!(
            kind(r#"{"Statement":[{"Principal":"*","Action":"s3:*","Resource":"*"}]}"#),
            Some(ResourcePolicy)
        );
        assert_eq!(kind(r#"{"family":"f"}"#), Some(TaskDefinition));
        assert_eq!(kind(r#"{"containerDefinitions":[]}"#), Some(TaskDefinition));
        assert_eq!(
            kind(r#"{"taskDefinition":{"family":"f"}}"#),
            Some(TaskDefinition)
        );
        assert_eq!(kind(r#"{"Version":"2012-10-17"}"#), None);
        assert_eq!(kind("[]"), None);
    }
}
