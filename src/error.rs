//! The crate's one error type.

use std::borrow::Cow;
use std::fmt;

/// The result type used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when parsing a value, reading JSON or
/// building a document.
///
/// Every variant carries the input that was rejected (or the place it was
/// found) and what was expected instead. Messages are lowercase, without a
/// trailing period, and read like
/// `invalid account ID "1111222233334444" at /Statement/0/Principal/AWS: expected 12 digits, found 16`.
///
/// Findings about documents that parse but that AWS would reject are not
/// errors: they are [`Finding`](crate::Finding)s returned by `check`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A string that is not a valid value of the identifier type it was
    /// parsed as (account ID, ARN, role name, ...).
    #[error("invalid {kind} {input:?}{at}: {reason}")]
    Invalid {
        /// What the input was parsed as.
        kind: ValueKind,
        /// The rejected input, verbatim.
        input: String,
        /// What was expected and what was found, for example
        /// `expected 12 digits, found 16`.
        reason: Cow<'static, str>,
        /// Where the input was found, when it came from a document.
        at: Location,
    },
    /// Bytes that are not a JSON document this crate can read.
    #[error("invalid JSON at line {line}, column {column}: {reason}")]
    Json {
        /// What was expected and what was found.
        reason: Cow<'static, str>,
        /// 1-based line of the offending byte.
        line: usize,
        /// 1-based column (in characters) of the offending byte.
        column: usize,
    },
    /// A builder was given something that cannot make a valid document.
    #[error("{ty}: invalid {field}: {reason}")]
    Build {
        /// The type being built, for example `TrustStatement`.
        ty: &'static str,
        /// The field (its JSON key) that is wrong or missing.
        field: &'static str,
        /// What was expected and what was found.
        reason: Cow<'static, str>,
    },
}

impl Error {
    /// An [`Error::Invalid`] with no location.
    pub(crate) fn invalid(
        kind: ValueKind,
        input: impl Into<String>,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::Invalid {
            kind,
            input: input.into(),
            reason: reason.into(),
            at: Location::default(),
        }
    }

    /// An [`Error::Build`].
    pub(crate) fn build(
        ty: &'static str,
        field: &'static str,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::Build {
            ty,
            field,
            reason: reason.into(),
        }
    }

    /// Attaches the JSON Pointer of the value this error is about, when the
    /// error has a location and none is set yet.
    #[must_use]
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        if let Error::Invalid { at, .. } = &mut self {
            if at.0.is_none() {
                at.0 = Some(pointer.into());
            }
        }
        self
    }

    /// The JSON Pointer of the value this error is about, if known.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            Error::Invalid { at, .. } => at.0.as_deref(),
            _ => None,
        }
    }
}

impl From<std::convert::Infallible> for Error {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

/// Where in a document a value was found: an RFC 6901 JSON Pointer, or
/// nowhere when the value was parsed on its own.
///
/// Displays as ` at /Statement/0/Resource` (with the leading space) or as
/// nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Location(Option<String>);

impl Location {
    /// The JSON Pointer, if any.
    pub fn pointer(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(p) => write!(f, " at {p}"),
            None => Ok(()),
        }
    }
}

/// What a rejected string was being parsed as; part of [`Error::Invalid`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// [`AccountId`](crate::AccountId)
    AccountId,
    /// [`Partition`](crate::Partition)
    Partition,
    /// [`Region`](crate::Region)
    Region,
    /// [`Arn`](crate::Arn)
    Arn,
    /// [`ArnPattern`](crate::ArnPattern)
    ArnPattern,
    /// [`RoleName`](crate::RoleName)
    RoleName,
    /// [`RolePath`](crate::RolePath)
    RolePath,
    /// [`RoleArn`](crate::RoleArn)
    RoleArn,
    /// [`AccountRootArn`](crate::AccountRootArn)
    AccountRootArn,
    /// [`AssumedRoleArn`](crate::AssumedRoleArn)
    AssumedRoleArn,
    /// [`ServicePrincipal`](crate::ServicePrincipal)
    ServicePrincipal,
    /// An IAM action such as `sts:AssumeRole`.
    Action,
    /// An ECS task definition family name.
    Family,
    /// An ECS container name.
    ContainerName,
    /// A Fargate task size.
    FargateSize,
    /// An AWS CLI profile name or value.
    Profile,
    /// An STS external ID.
    ExternalId,
    /// An STS role session name.
    SessionName,
    /// An STS session duration in seconds.
    Duration,
}

impl fmt::Display for ValueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ValueKind::AccountId => "account ID",
            ValueKind::Partition => "partition",
            ValueKind::Region => "region",
            ValueKind::Arn => "ARN",
            ValueKind::ArnPattern => "ARN pattern",
            ValueKind::RoleName => "role name",
            ValueKind::RolePath => "role path",
            ValueKind::RoleArn => "role ARN",
            ValueKind::AccountRootArn => "account root ARN",
            ValueKind::AssumedRoleArn => "assumed-role ARN",
            ValueKind::ServicePrincipal => "service principal",
            ValueKind::Action => "action",
            ValueKind::Family => "task definition family",
            ValueKind::ContainerName => "container name",
            ValueKind::FargateSize => "Fargate size",
            ValueKind::Profile => "profile",
            ValueKind::ExternalId => "external ID",
            ValueKind::SessionName => "role session name",
            ValueKind::Duration => "session duration",
        })
    }
}
