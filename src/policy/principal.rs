//! [`Principal`]: the `Principal` / `NotPrincipal` element.

use crate::json::parse::Parser;
use crate::json::record::{record, FromJson, Mismatch};
use crate::json::Json;
use crate::policy::OneOrMany;

/// The value of `Principal` or `NotPrincipal`: `"*"` (everyone,
/// anonymous users included) or a map of principal types to values.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Principal {
    /// `"Principal": "*"`
    Any,
    /// `"Principal": {"AWS": ..., "Service": ...}`, boxed: a statement
    /// carries two principals (`Principal`, `NotPrincipal`), and most
    /// statements (identity policies) have neither.
    Map(Box<PrincipalMap>),
}

record! {
    /// The map form of a principal. Keys are case-sensitive; a key the
    /// model does not know (such as `"service"`) is kept as written and
    /// reported by `check`.
    pub struct PrincipalMap {
        /// `AWS`: accounts (`arn:aws:iam::111122223333:root` or the bare
        /// ID), IAM roles and users, assumed-role sessions, or `*`.
        aws: OneOrMany<String> = "AWS",
        /// `Federated`: a SAML or OIDC identity provider ARN, or a web
        /// identity provider such as `cognito-identity.amazonaws.com`.
        federated: OneOrMany<String> = "Federated",
        /// `Service`: service principals such as `ecs-tasks.amazonaws.com`.
        service: OneOrMany<String> = "Service",
        /// `CanonicalUser`: an Amazon S3 canonical user ID.
        canonical_user: OneOrMany<String> = "CanonicalUser",
    }
}

const PRINCIPAL_EXPECTED: &str = "\"*\" or an object such as {\"AWS\": \"...\"}";

impl FromJson for Principal {
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        if p.peek() == Some(b'{') {
            Ok(Ok(Principal::Map(Box::new(PrincipalMap::read_object(p)?))))
        } else {
            Ok(Self::from_json(p.value()?))
        }
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::String(s) if s == "*" => None,
            Json::Object(_) => None,
            other => Some(Mismatch::new(PRINCIPAL_EXPECTED, other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        match value {
            Json::String(s) if s == "*" => Ok(Principal::Any),
            Json::Object(o) => Ok(Principal::Map(Box::new(PrincipalMap::from_object(o)))),
            other => {
                let m = Mismatch::new(PRINCIPAL_EXPECTED, &other);
                Err((other, m))
            }
        }
    }
}

impl serde::Serialize for Principal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Principal::Any => s.serialize_str("*"),
            Principal::Map(m) => m.serialize(s),
        }
    }
}
