//! Serde for every identifier, through its string form: serialized as
//! `as_str()`, deserialized by the type's parser, so a bad value in a JSON
//! document fails with the parser's message (which quotes the input).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

use crate::id::{
    AccountId, AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Partition, Region, RoleArn,
    RoleName, RolePath, ServicePrincipal,
};

/// Visits a string and parses it as `T`.
struct ParseVisitor<T> {
    expecting: &'static str,
    ty: PhantomData<fn() -> T>,
}

impl<T> Visitor<'_> for ParseVisitor<T>
where
    T: FromStr<Err = crate::Error>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        v.parse().map_err(E::custom)
    }
}

macro_rules! serde_via_str {
    ($($ty:ident => $expecting:literal,)*) => {$(
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> de::Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(ParseVisitor {
                    expecting: $expecting,
                    ty: PhantomData,
                })
            }
        }
    )*};
}

serde_via_str! {
    AccountId => "a 12-digit AWS account ID",
    Partition => "an AWS partition such as \"aws\"",
    Region => "an AWS region such as \"us-east-1\"",
    Arn => "an ARN",
    ArnPattern => "an ARN pattern",
    RoleName => "an IAM role name",
    RolePath => "an IAM role path",
    RoleArn => "an IAM role ARN",
    AccountRootArn => "an account root ARN",
    AssumedRoleArn => "an assumed-role ARN",
    ServicePrincipal => "a service principal such as \"ecs-tasks.amazonaws.com\"",
}
