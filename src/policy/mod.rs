//! IAM policy documents: identity policies, role trust policies and
//! resource-based policies, read and written losslessly, built with typed
//! builders and checked offline.
//!
//! - [`PolicyDocument`] reads any JSON policy and writes it back unchanged
//!   (key order, one value vs an array, `true` vs `"true"`, number text,
//!   unknown members): `from_json_str` / `to_json_string`, or `parse` /
//!   `to_string` (`{:#}` for pretty), or as a field of a
//!   `#[derive(Deserialize)]` struct read with serde_json.
//! - [`PolicyDocument::push_statement`] adds a statement built with
//!   [`IdentityStatement`] or [`TrustStatement`] (checked as the builders
//!   check it) to a document that was read, whatever its shape;
//!   [`PolicyDocument::statements_mut`] and
//!   [`PolicyDocument::retain_statements`] change the ones it has.
//! - [`PolicyDocument::check`] reports what IAM would reject and what it
//!   would accept but is risky, as [`Finding`](crate::Finding)s with JSON
//!   Pointers; the rules are in `docs/checks.md`.
//! - [`IdentityPolicy::builder`] and [`TrustPolicy::builder`] build
//!   documents in AWS's canonical key order; an identity statement has no
//!   principal setter and a trust statement no resource setter.
//! - Helpers for the common documents: [`allow_assume_role`],
//!   [`trust_principal_role`], [`trust_principal_account`],
//!   [`trust_principal_service`], [`ecs_task_role_trust`].
//!
//! ```
//! use iam_ecs::policy::{self, CheckOptions};
//! use iam_ecs::RoleArn;
//!
//! # fn main() -> Result<(), iam_ecs::Error> {
//! let role: RoleArn = "arn:aws:iam::444455556666:role/destination-account-role".parse()?;
//! let doc = policy::allow_assume_role(&role);
//! assert_eq!(
//!     doc.to_json_string(),
//!     r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::444455556666:role/destination-account-role"}}"#,
//! );
//! assert!(!iam_ecs::has_errors(&doc.check(&CheckOptions::identity())));
//! # Ok(())
//! # }
//! ```

mod builder;
mod catalog;
mod check;
mod condition;
mod document;
mod global_keys;
mod principal;
mod size;
mod values;

pub use builder::{
    allow_assume_role, ecs_task_role_trust, trust_principal_account, trust_principal_role,
    trust_principal_service, IdentityPolicy, IdentityPolicyBuilder, IdentityStatement, TrustPolicy,
    TrustPolicyBuilder, TrustStatement,
};
pub use catalog::{
    action_matches, has_wildcard, ActionId, ArnFormat, CatalogRef, KeyInfo, KeyType, ServiceCatalog,
};
pub use check::{CheckOptions, PolicyKind};
pub use condition::{Condition, ConditionBlock, ConditionValue};
pub use document::{Effect, PolicyDocument, Statement, Statements};
pub use principal::{Principal, PrincipalMap};
pub use values::OneOrMany;
