//! Typed AWS IAM policies, IAM role trust policies and Amazon ECS task
//! definitions, checked offline, written as the exact JSON AWS documents.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cross_account;
mod detect;
pub mod ecs;
mod error;
mod finding;
mod id;
pub mod json;
pub mod policy;
pub mod profile;

pub use detect::DocumentKind;
pub use error::{Error, Location, Result, ValueKind};
pub use finding::{has_errors, Finding, Severity};
pub use id::{
    AccountId, AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Partition, Region, RoleArn,
    RoleName, RolePath, ServicePrincipal,
};
