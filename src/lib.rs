//! Typed AWS IAM policies, IAM role trust policies and Amazon ECS task
//! definitions, checked offline, written as the exact JSON AWS documents.
//!
//! ```
//! use iam_ecs::policy::{self, CheckOptions};
//! use iam_ecs::{AccountId, Partition, RoleArn, RoleName, RolePath};
//!
//! # fn main() -> Result<(), iam_ecs::Error> {
//! let destination = RoleArn::new(
//!     Partition::Aws,
//!     AccountId::parse("444455556666")?,
//!     RolePath::ROOT,
//!     RoleName::parse("destination-account-role")?,
//! );
//! let identity = policy::allow_assume_role(&destination);
//! assert_eq!(
//!     identity.to_json_string(),
//!     r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::444455556666:role/destination-account-role"}}"#
//! );
//! assert!(identity.check(&CheckOptions::identity()).is_empty());
//!
//! // The guide's 16-digit account never becomes an AccountId.
//! assert_eq!(
//!     AccountId::parse("1111222233334444").unwrap_err().to_string(),
//!     r#"invalid account ID "1111222233334444": expected 12 digits, found 16"#
//! );
//! # Ok(())
//! # }
//! ```
//!
//! # What it does
//!
//! - Validated identifiers at the root: [`AccountId`], [`Partition`],
//!   [`Region`], [`Arn`], [`ArnPattern`], [`RoleName`], [`RolePath`],
//!   [`RoleArn`], [`AccountRootArn`], [`AssumedRoleArn`],
//!   [`ServicePrincipal`].
//! - [`policy`]: identity, trust and resource policies: lossless reading
//!   and writing, builders, helpers, checks.
//! - [`ecs`]: ECS task definitions: the complete `RegisterTaskDefinition`
//!   model, `DescribeTaskDefinition` output, builders, Fargate sizes,
//!   checks.
//! - [`cross_account`]: the guide's whole setup from one specification,
//!   with cross-checks; [`profile`]: the AWS CLI profile.
//! - [`json`]: the lossless JSON tree everything is read into.
//! - `check` methods return [`Finding`]s (severity, code, JSON Pointer,
//!   message); every code is in `docs/checks.md`.
//!
//! # What it does not do
//!
//! - No network and no credentials: it cannot know whether a role or an
//!   account exists, or whether an action is in the service catalogue
//!   (action syntax is checked, names are not).
//! - No I/O beyond what the caller passes in.
//! - No policy evaluation (whether a request would be allowed).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod bytes;
mod check;
mod code;
pub mod cross_account;
mod detect;
pub mod ecs;
mod error;
mod finding;
mod id;
pub mod json;
pub mod policy;
pub mod profile;
mod suggest;

pub use code::{Code, Scope, UnknownCode};
pub use detect::DocumentKind;
pub use error::{Error, Location, Reason, Result, ValueKind};
pub use finding::{has_errors, Finding, Severity};
pub use id::{
    AccountId, AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Partition, Region, RoleArn,
    RoleName, RolePath, ServicePrincipal,
};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The guide walkthrough's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../docs/guide.md")]
pub struct GuideDoctests;
