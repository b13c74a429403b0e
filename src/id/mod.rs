//! Validated AWS identifiers: account IDs, partitions, regions, ARNs, IAM
//! role names, paths and role ARNs, service principals.
//!
//! Every type here is a value that can only hold valid text. Each has one
//! parser (its `FromStr`), which `parse`, `TryFrom<&str>` and
//! `TryFrom<String>` call; `Display` and `as_str()` give back the canonical
//! text, and serde goes through that text (see `serde.rs`). The rules and
//! their AWS sources are in `RULES.md` section 1.

mod account;
mod arn;
mod partition;
mod principal;
mod region;
mod role;
mod serde;
mod service;

pub use account::AccountId;
pub use arn::{Arn, ArnPattern};
pub use partition::Partition;
pub use principal::{AccountRootArn, AssumedRoleArn};
pub use region::Region;
pub use role::{RoleArn, RoleName, RolePath};
pub use service::ServicePrincipal;

/// Implements the traits every string-like identifier shares, on top of its
/// inherent `as_str()` and its `FromStr` (the one parser): `TryFrom<&str>`,
/// `TryFrom<String>`, `AsRef<str>`, `Display` (the canonical text),
/// `PartialEq<str>` / `PartialEq<&str>` both ways round, and a `Debug` that
/// reads like `AccountId("111122223333")` (unless `no_debug` is given).
macro_rules! string_traits {
    ($($ty:ident),* $(,)?) => {$(
        $crate::id::string_traits!(@common $ty);
        impl ::std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(stringify!($ty)).field(&self.as_str()).finish()
            }
        }
    )*};
    (no_debug $ty:ident) => {
        $crate::id::string_traits!(@common $ty);
    };
    (@common $ty:ident) => {
        impl ::std::convert::TryFrom<&str> for $ty {
            type Error = crate::Error;
            fn try_from(s: &str) -> crate::Result<Self> {
                s.parse()
            }
        }
        impl ::std::convert::TryFrom<String> for $ty {
            type Error = crate::Error;
            fn try_from(s: String) -> crate::Result<Self> {
                s.parse()
            }
        }
        impl ::std::convert::AsRef<str> for $ty {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.pad(self.as_str())
            }
        }
        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl PartialEq<$ty> for str {
            fn eq(&self, other: &$ty) -> bool {
                self == other.as_str()
            }
        }
        impl PartialEq<$ty> for &str {
            fn eq(&self, other: &$ty) -> bool {
                *self == other.as_str()
            }
        }
    };
}

pub(crate) use region::{region_or_pseudo, PSEUDO as PSEUDO_REGIONS};
pub(crate) use role::name_problem;
pub(crate) use string_traits;

string_traits!(
    AccountId,
    Region,
    Arn,
    ArnPattern,
    RoleName,
    RolePath,
    RoleArn,
    AccountRootArn,
    AssumedRoleArn,
    ServicePrincipal,
);
string_traits!(no_debug Partition);

/// The first character of `s` that `ok` rejects, with its position
/// counted in characters.
pub(crate) fn first_bad(s: &str, ok: impl Fn(char) -> bool) -> Option<(usize, char)> {
    s.chars().enumerate().find(|&(_, c)| !ok(c))
}
