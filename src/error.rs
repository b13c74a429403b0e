//! The crate's one error type, and the structured reasons it carries.

use std::borrow::Cow;
use std::fmt;

use crate::code::Code;
use crate::id::Partition;
use crate::json::Pointer;

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
/// The parts are also there as data: [`Error::code`] (the finding code,
/// when the error has one), [`Error::pointer`] (where in a document) and
/// [`Error::reason`] (what was expected and what was found). Codes are
/// never recovered from message text: an identifier error carries the
/// kind of problem it is, and both its message and its code come from
/// that.
///
/// ```
/// use iam_ecs::{ArnPattern, Code};
///
/// let err = ArnPattern::parse("arn:aws:iam::1111222233334444:role/*").unwrap_err();
/// assert_eq!(err.code(), Some(Code::InvalidArnAccount));
/// assert_eq!(
///     err.reason().to_string(),
///     r#"account "1111222233334444": expected 12 digits, found 16"#,
/// );
/// ```
///
/// Findings about documents that parse but that AWS would reject are not
/// errors: they are [`Finding`](crate::Finding)s returned by `check`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A string that is not a valid value of the identifier type it was
    /// parsed as (account ID, ARN, role name, ...).
    #[error("invalid {kind} {input:?}{at}: {reason}")]
    #[non_exhaustive]
    Invalid {
        /// What the input was parsed as.
        kind: ValueKind,
        /// The rejected input, verbatim.
        input: String,
        /// What was expected and what was found, for example
        /// `expected 12 digits, found 16`.
        reason: Reason,
        /// Where the input was found, when it came from a document.
        at: Location,
    },
    /// Bytes that are not a JSON document this crate can read.
    #[error("invalid JSON at line {line}, column {column}: {reason}")]
    #[non_exhaustive]
    Json {
        /// What was expected and what was found.
        reason: Cow<'static, str>,
        /// 1-based line of the offending byte.
        line: usize,
        /// 1-based column (in characters) of the offending byte.
        column: usize,
    },
    /// A parsed JSON value ([`Json`](crate::json::Json), which has no line
    /// and column) of another type than the document asked for, such as an
    /// array given to `PolicyDocument::from_json`. Text read with
    /// `from_json_str` reports this as [`Error::Json`] with the position
    /// of the value.
    #[error("expected {expected}, found {found}")]
    #[non_exhaustive]
    Shape {
        /// What the document takes, for example `a policy document (a
        /// JSON object)`.
        expected: &'static str,
        /// What was found, for example `an array`.
        found: &'static str,
    },
    /// A builder was given something that cannot make a valid document.
    ///
    /// Displays as `TYPE: invalid FIELD: REASON`, followed, when the
    /// error has a pointer, by ` [CODE at POINTER]` (or ` [at POINTER]`
    /// without a code; the pointer `""` reads `(document)`).
    #[error("{ty}: invalid {field}: {reason}{}", BuildSuffix(*.code, .at.as_ref()))]
    #[non_exhaustive]
    Build {
        /// The type being built, for example `TrustStatement`.
        ty: &'static str,
        /// The field (its JSON key) that is wrong or missing.
        field: &'static str,
        /// What was expected and what was found.
        reason: Cow<'static, str>,
        /// The finding code, when the failure is one a check reports (as
        /// [`PolicyDocument::check`](crate::policy::PolicyDocument::check)
        /// or [`TaskDefinition::check`](crate::ecs::TaskDefinition::check)
        /// would).
        code: Option<Code>,
        /// Where in the built document the failure is: for a policy,
        /// under the statement (`/Statement/2/Action`); for a container
        /// definition, relative to the container (`/memory`).
        at: Option<Pointer>,
    },
}

/// ` [code at pointer]`, ` [at pointer]`, or nothing without a pointer.
struct BuildSuffix<'a>(Option<Code>, Option<&'a Pointer>);

impl fmt::Display for BuildSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = self.1.map(|p| match p.as_str() {
            "" => "(document)",
            p => p,
        });
        match (self.0, at) {
            (Some(code), Some(at)) => write!(f, " [{code} at {at}]"),
            (None, Some(at)) => write!(f, " [at {at}]"),
            _ => Ok(()),
        }
    }
}

impl Error {
    /// An [`Error::Invalid`] with no location.
    pub(crate) fn invalid(
        kind: ValueKind,
        input: impl Into<String>,
        reason: impl IntoReason,
    ) -> Self {
        Error::Invalid {
            kind,
            input: input.into(),
            reason: reason.into_reason(),
            at: Location::default(),
        }
    }

    /// An [`Error::Build`] with no code and no pointer.
    pub(crate) fn build(
        ty: &'static str,
        field: &'static str,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Error::Build {
            ty,
            field,
            reason: reason.into(),
            code: None,
            at: None,
        }
    }

    /// This [`Error::Build`] with its finding code set.
    #[must_use]
    pub(crate) fn with_code(mut self, code: Option<Code>) -> Self {
        if let Error::Build { code: c, .. } = &mut self {
            *c = code;
        }
        self
    }

    /// This [`Error::Build`] about statement 0 of a one-statement policy,
    /// pointing at statement `index` instead: what a statement pushed onto
    /// a document would have at its place there.
    #[must_use]
    pub(crate) fn in_statement(mut self, index: usize) -> Self {
        if let Error::Build { at: Some(p), .. } = &mut self {
            if let Some(rest) = p.as_str().strip_prefix("/Statement/0") {
                if rest.is_empty() || rest.starts_with('/') {
                    *p = Pointer::from_raw(format!("/Statement/{index}{rest}"));
                }
            }
        }
        self
    }

    /// This [`Error::Build`] with its finding code and pointer set.
    #[must_use]
    pub(crate) fn with_place(mut self, code: Option<Code>, pointer: Pointer) -> Self {
        if let Error::Build { code: c, at, .. } = &mut self {
            *c = code;
            *at = Some(pointer);
        }
        self
    }

    /// Attaches the JSON Pointer of the value this error is about, when the
    /// error has a location and none is set yet.
    ///
    /// `pointer` is taken as a JSON Pointer when it is empty or starts
    /// with `/`; any other text is taken as one key (`"Resource"` becomes
    /// `/Resource`).
    #[must_use]
    pub fn at(mut self, pointer: impl Into<String>) -> Self {
        if let Error::Invalid { at, .. } = &mut self {
            if at.0.is_none() {
                let text = pointer.into();
                at.0 = Some(if text.is_empty() || text.starts_with('/') {
                    Pointer::from_raw(text)
                } else {
                    Pointer::root().key(&text)
                });
            }
        }
        self
    }

    /// The JSON Pointer of the value this error is about, if known: where
    /// an [`Error::Invalid`] value was found, or where in the built
    /// document an [`Error::Build`] is.
    ///
    /// ```
    /// use iam_ecs::policy::{IdentityPolicy, IdentityStatement};
    /// use iam_ecs::Code;
    ///
    /// let err = IdentityPolicy::builder()
    ///     .statement(IdentityStatement::allow().action("s3:GetObject").resource("*"))
    ///     .statement(IdentityStatement::allow().action("s3").resource("*"))
    ///     .build()
    ///     .unwrap_err();
    /// assert_eq!(err.code(), Some(Code::InvalidAction));
    /// assert_eq!(err.pointer().map(|p| p.as_str()), Some("/Statement/1/Action"));
    /// ```
    pub fn pointer(&self) -> Option<&Pointer> {
        match self {
            Error::Invalid { at, .. } => at.0.as_ref(),
            Error::Build { at, .. } => at.as_ref(),
            Error::Json { .. } | Error::Shape { .. } => None,
        }
    }

    /// The finding code of this error, when it has one.
    ///
    /// - For an ARN that does not parse ([`Arn`](crate::Arn),
    ///   [`ArnPattern`](crate::ArnPattern), [`RoleArn`](crate::RoleArn),
    ///   [`AccountRootArn`](crate::AccountRootArn),
    ///   [`AssumedRoleArn`](crate::AssumedRoleArn)), the IAM Access
    ///   Analyzer code of the part that is wrong:
    ///   [`Code::InvalidArnPrefix`] (no `arn:`),
    ///   [`Code::MissingArnField`] (fewer than six fields),
    ///   [`Code::InvalidPartition`], [`Code::InvalidArnService`],
    ///   [`Code::InvalidArnRegion`], [`Code::InvalidArnAccount`],
    ///   [`Code::MissingBraceInVariable`] (a policy variable where none
    ///   may be, or not closed), and [`Code::InvalidArnResource`] for
    ///   anything else (the resource, the length, control characters,
    ///   wildcards in a concrete ARN).
    /// - For a [`ServicePrincipal`](crate::ServicePrincipal),
    ///   [`Code::InvalidServicePrincipalFormat`].
    /// - For an [`Error::Build`], the code of the check the built document
    ///   failed (or would fail), if any.
    /// - `None` for other values (an account ID, a role name, a profile
    ///   setting, ... on their own), and for [`Error::Json`].
    pub fn code(&self) -> Option<Code> {
        match self {
            Error::Invalid { reason, .. } => reason.code(),
            Error::Build { code, .. } => *code,
            Error::Json { .. } | Error::Shape { .. } => None,
        }
    }

    /// What was expected and what was found, without the input, the type,
    /// the place or the code: the part of the message after
    /// `invalid KIND "INPUT": ` (or `TYPE: invalid FIELD: `, or
    /// `invalid JSON at line L, column C: `), such as
    /// `expected 12 digits, found 16` or, for an ARN,
    /// `account "1111222233334444": expected 12 digits, found 16`.
    ///
    /// ```
    /// let err = iam_ecs::AccountId::parse("12345").unwrap_err();
    /// assert_eq!(err.reason().to_string(), "expected 12 digits, found 5");
    /// ```
    pub fn reason(&self) -> impl fmt::Display + '_ {
        match self {
            Error::Invalid { reason, .. } => ReasonRef::Reason(reason),
            Error::Build { reason, .. } | Error::Json { reason, .. } => ReasonRef::Text(reason),
            Error::Shape { expected, found } => ReasonRef::Shape(expected, found),
        }
    }
}

/// What [`Error::reason`] returns.
enum ReasonRef<'a> {
    Reason(&'a Reason),
    Text(&'a str),
    Shape(&'a str, &'a str),
}

impl fmt::Display for ReasonRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReasonRef::Reason(r) => r.fmt(f),
            ReasonRef::Text(t) => f.write_str(t),
            ReasonRef::Shape(expected, found) => write!(f, "expected {expected}, found {found}"),
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
pub struct Location(Option<Pointer>);

impl Location {
    /// The JSON Pointer, if any.
    pub fn pointer(&self) -> Option<&Pointer> {
        self.0.as_ref()
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

/// Why a value was rejected: what was expected and what was found, as
/// the [`Error::Invalid`] message says it (`expected 12 digits, found 16`),
/// and the finding code that goes with it ([`Reason::code`]).
///
/// Both come from one private description of the problem, so rewording
/// a message cannot change a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason(Box<Problem>);

impl Reason {
    /// The finding code for this problem, if it has one; see
    /// [`Error::code`].
    pub fn code(&self) -> Option<Code> {
        self.0.code()
    }

    pub(crate) fn new(problem: Problem) -> Self {
        Reason(Box::new(problem))
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What [`Error::invalid`] takes as its reason: a [`Problem`], or text
/// (from callers that have no problem kind; such a reason has no code).
pub(crate) trait IntoReason {
    fn into_reason(self) -> Reason;
}

impl IntoReason for Problem {
    fn into_reason(self) -> Reason {
        Reason::new(self)
    }
}

impl IntoReason for Reason {
    fn into_reason(self) -> Reason {
        self
    }
}

impl IntoReason for &'static str {
    fn into_reason(self) -> Reason {
        Reason::new(Problem::Text(self.into()))
    }
}

impl IntoReason for String {
    fn into_reason(self) -> Reason {
        Reason::new(Problem::Text(self.into()))
    }
}

impl IntoReason for Cow<'static, str> {
    fn into_reason(self) -> Reason {
        Reason::new(Problem::Text(self))
    }
}

/// The kind of problem a rejected value has. Its `Display` is the reason
/// text of the error; [`Problem::code`] is its finding code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Free text from a caller with no problem kind; no code.
    Text(Cow<'static, str>),
    /// A value on its own: `expected ..., found ...`; no code.
    Value(Leaf),
    /// The whole text of an ARN (prefix, number of fields, length,
    /// characters, wildcards, policy variables).
    Arn(Leaf),
    /// A service principal.
    ServicePrincipal(Leaf),
    /// One part of a larger value: `part "value": problem`, or
    /// `part: problem` for a part without a value.
    Part(Box<(Part, Option<String>, Problem)>),
}

impl Problem {
    /// `expected ..., found ...` about a value on its own.
    pub(crate) const fn value(expected: Expected, found: Found) -> Self {
        Problem::Value(Leaf { expected, found })
    }

    /// `expected ..., found ...` about the whole text of an ARN.
    pub(crate) const fn arn(expected: Expected, found: Found) -> Self {
        Problem::Arn(Leaf { expected, found })
    }

    /// `expected ..., found ...` about a service principal.
    pub(crate) const fn service_principal(expected: Expected, found: Found) -> Self {
        Problem::ServicePrincipal(Leaf { expected, found })
    }

    /// `part "value": problem`.
    pub(crate) fn part(part: Part, value: &str, problem: Problem) -> Self {
        Problem::Part(Box::new((part, Some(value.to_owned()), problem)))
    }

    /// `part: problem`.
    pub(crate) fn part_alone(part: Part, problem: Problem) -> Self {
        Problem::Part(Box::new((part, None, problem)))
    }

    /// The finding code; see [`Error::code`].
    pub(crate) fn code(&self) -> Option<Code> {
        match self {
            Problem::Text(_) | Problem::Value(_) => None,
            Problem::ServicePrincipal(_) => Some(Code::InvalidServicePrincipalFormat),
            Problem::Arn(leaf) => Some(match leaf.expected {
                Expected::ArnPrefix => Code::InvalidArnPrefix,
                Expected::ArnFields => Code::MissingArnField,
                Expected::NoVariables
                | Expected::VariablesInResource
                | Expected::ClosingBrace { .. } => Code::MissingBraceInVariable,
                _ => Code::InvalidArnResource,
            }),
            Problem::Part(part) => part.0.code(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Text(t) => f.write_str(t),
            Problem::Value(leaf) | Problem::Arn(leaf) | Problem::ServicePrincipal(leaf) => {
                leaf.fmt(f)
            }
            Problem::Part(part) => match &part.1 {
                Some(value) => write!(f, "{} {value:?}: {}", part.0.label(), part.2),
                None => write!(f, "{}: {}", part.0.label(), part.2),
            },
        }
    }
}

/// A part of a larger value that a [`Problem::Part`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// The partition field of an ARN.
    Partition,
    /// The service field of an ARN.
    Service,
    /// The region field of an ARN.
    Region,
    /// The account field of an ARN.
    Account,
    /// The resource field of an ARN.
    Resource,
    /// The role path in a role ARN's resource.
    RolePath,
    /// The role name in a role or assumed-role ARN's resource.
    RoleName,
    /// The session name in an assumed-role ARN's resource.
    SessionName,
    /// The `credential_source` setting of a CLI profile.
    CredentialSource,
}

impl Part {
    const fn label(self) -> &'static str {
        match self {
            Part::Partition => "partition",
            Part::Service => "service",
            Part::Region => "region",
            Part::Account => "account",
            Part::Resource => "resource",
            Part::RolePath => "role path",
            Part::RoleName => "role name",
            Part::SessionName => "role session name",
            Part::CredentialSource => "credential_source",
        }
    }

    const fn code(self) -> Option<Code> {
        match self {
            Part::Partition => Some(Code::InvalidPartition),
            Part::Service => Some(Code::InvalidArnService),
            Part::Region => Some(Code::InvalidArnRegion),
            Part::Account => Some(Code::InvalidArnAccount),
            Part::Resource | Part::RolePath | Part::RoleName | Part::SessionName => {
                Some(Code::InvalidArnResource)
            }
            Part::CredentialSource => None,
        }
    }
}

/// `expected {expected}{found}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Leaf {
    pub(crate) expected: Expected,
    pub(crate) found: Found,
}

impl fmt::Display for Leaf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}{}", self.expected, self.found)
    }
}

/// What a value should have been.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Expected {
    /// `12 digits` (an account ID).
    TwelveDigits,
    /// `MIN to MAX characters`.
    Length { min: usize, max: usize },
    /// `at most MAX characters`.
    AtMost(usize),
    /// The IAM name characters (role names, session names, profile names).
    NameChars,
    /// A role path, when the path is empty.
    Path,
    /// A role path's first character.
    PathStart,
    /// A role path's characters.
    PathChars,
    /// A role path's last character.
    PathEnd,
    /// A role path of two slashes.
    PathNotEmpty,
    /// One of the partition IDs.
    Partition,
    /// A region, when the region is empty or a pseudo-region.
    RegionExample,
    /// A region of any partition.
    KnownRegion,
    /// A region of this partition.
    RegionOf(Partition),
    /// No region in an ARN of this service (`iam`, `sts`).
    EmptyRegionFor(&'static str),
    /// No region.
    EmptyRegion,
    /// `arn:` at the start of an ARN.
    ArnPrefix,
    /// Six `:`-separated fields.
    ArnFields,
    /// A resource after the fifth `:`.
    ArnResource,
    /// No control characters.
    NoControl,
    /// No wildcards in a concrete ARN.
    NoWildcards,
    /// No policy variables in a concrete ARN.
    NoVariables,
    /// Policy variables only after the fifth `:`.
    VariablesInResource,
    /// A `}` closing the `${` at this position.
    ClosingBrace { pos: usize },
    /// The characters of an ARN's service, with or without wildcards.
    ServiceChars { wildcards: bool },
    /// This service (`iam`, `sts`).
    Service(&'static str),
    /// The characters of an ARN pattern's partition.
    PartitionPatternChars,
    /// The characters of an ARN pattern's region.
    RegionPatternChars,
    /// The characters of an ARN pattern's account.
    AccountPatternChars,
    /// At most 12 digits (an account pattern with `*`).
    AtMostTwelveDigits,
    /// 12 digits or `?` (an account pattern without `*`).
    TwelveDigitsOrQuestion,
    /// `root` as an account root ARN's resource.
    Root,
    /// `role/...` as a role ARN's resource.
    RoleResource,
    /// `assumed-role/...` as an assumed-role ARN's resource.
    AssumedRoleResource,
    /// A service principal, when it is empty.
    ServicePrincipal,
    /// A service name before this DNS suffix.
    ServiceNameBefore(&'static str),
    /// A partition's DNS suffix at the end.
    DnsSuffix,
    /// A DNS label.
    Label,
    /// The characters of a service principal.
    PrincipalChars,
    /// A label that does not start with `-`.
    NoLeadingHyphen,
    /// A label that does not end with `-`.
    NoTrailingHyphen,
    /// The characters of an external ID.
    ExternalIdChars,
    /// A session duration in range.
    Seconds,
    /// A session duration written as a whole number.
    WholeSeconds,
    /// One of the three `credential_source` values.
    CredentialSource,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::TwelveDigits => f.write_str("12 digits"),
            Expected::Length { min, max } => write!(f, "{min} to {max} characters"),
            Expected::AtMost(max) => write!(f, "at most {max} characters"),
            Expected::NameChars => f.write_str("letters, digits and _+=,.@-"),
            Expected::Path => f.write_str(r#""/" or a path that starts and ends with "/""#),
            Expected::PathStart => f.write_str(r#"a path that starts with "/""#),
            Expected::PathChars => f.write_str("printable ASCII characters other than space"),
            Expected::PathEnd => f.write_str(r#"a path that ends with "/""#),
            Expected::PathNotEmpty => {
                f.write_str(r#""/" alone or at least one character between the slashes"#)
            }
            Expected::Partition => {
                f.write_str("one of ")?;
                for (i, p) in Partition::ALL.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(p.as_str())?;
                }
                Ok(())
            }
            Expected::RegionExample => f.write_str("a region such as us-east-1"),
            Expected::KnownRegion => {
                f.write_str("a region of a known partition, such as us-east-1")
            }
            Expected::RegionOf(p) => write!(
                f,
                "a region of partition {p}, such as {}",
                p.example_region()
            ),
            Expected::EmptyRegionFor(service) => {
                write!(f, "an empty region in an {service} ARN")
            }
            Expected::EmptyRegion => f.write_str("an empty region"),
            Expected::ArnPrefix => f.write_str(r#""arn:" at the start"#),
            Expected::ArnFields => f.write_str(
                r#"6 fields separated by ":" (arn:partition:service:region:account:resource)"#,
            ),
            Expected::ArnResource => f.write_str(r#"a resource after the fifth ":""#),
            Expected::NoControl => f.write_str("no control characters"),
            Expected::NoWildcards => f.write_str("no wildcards in a concrete ARN"),
            Expected::NoVariables => f.write_str("no policy variables in a concrete ARN"),
            Expected::VariablesInResource => {
                f.write_str(r#"policy variables only in the resource (after the fifth ":")"#)
            }
            Expected::ClosingBrace { pos } => write!(
                f,
                r#""}}" to close the policy variable "${{" at position {pos}"#
            ),
            Expected::ServiceChars { wildcards: false } => {
                f.write_str("lowercase letters, digits and hyphens")
            }
            Expected::ServiceChars { wildcards: true } => {
                f.write_str("lowercase letters, digits, hyphens and wildcards")
            }
            Expected::Service(service) => write!(f, "{service:?}"),
            Expected::PartitionPatternChars => {
                f.write_str("lowercase letters, hyphens and wildcards")
            }
            Expected::RegionPatternChars => f.write_str("letters, digits, hyphens and wildcards"),
            Expected::AccountPatternChars => f.write_str("digits and wildcards"),
            Expected::AtMostTwelveDigits => f.write_str("at most 12 digits"),
            Expected::TwelveDigitsOrQuestion => f.write_str(r#"12 digits or "?""#),
            Expected::Root => f.write_str(r#""root""#),
            Expected::RoleResource => {
                f.write_str(r#""role/" followed by an optional path and a role name"#)
            }
            Expected::AssumedRoleResource => {
                f.write_str(r#""assumed-role/ROLE-NAME/SESSION-NAME""#)
            }
            Expected::ServicePrincipal => {
                f.write_str("a service principal such as ecs-tasks.amazonaws.com")
            }
            Expected::ServiceNameBefore(suffix) => write!(f, "a service name before {suffix:?}"),
            Expected::DnsSuffix => {
                f.write_str("a name ending in .amazonaws.com or another partition's DNS suffix")
            }
            Expected::Label => f.write_str("a label"),
            Expected::PrincipalChars => f.write_str("lowercase letters, digits, hyphens and dots"),
            Expected::NoLeadingHyphen => f.write_str("a label that does not start with a hyphen"),
            Expected::NoTrailingHyphen => f.write_str("a label that does not end with a hyphen"),
            Expected::ExternalIdChars => f.write_str("letters, digits and _+=,.@:/-"),
            Expected::Seconds => f.write_str("900 to 43200 seconds"),
            Expected::WholeSeconds => f.write_str("a whole number of seconds from 900 to 43200"),
            Expected::CredentialSource => {
                f.write_str("Environment, Ec2InstanceMetadata or EcsContainer (case-sensitive)")
            }
        }
    }
}

/// What a value was instead: rendered after the expectation, with its
/// leading `, found`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    /// Nothing said about what was found.
    Nothing,
    /// `, found an empty string`.
    Empty,
    /// `, found "c" at position N` (0-based, counted in characters).
    Char { pos: usize, c: char },
    /// `, found N` (a count of digits, characters, fields, ...).
    Count(usize),
    /// `, found "${" at position N`.
    Variable { pos: usize },
    /// `, found a global pseudo-region`.
    PseudoRegion,
    /// `, found an empty one at position N`.
    EmptyLabel { pos: usize },
}

impl Found {
    /// The character of `s` that starts at byte `byte`.
    pub(crate) fn at_byte(s: &str, byte: usize) -> Self {
        let pos = s.get(..byte).map_or(0, |head| head.chars().count());
        let c = s.get(byte..).and_then(|t| t.chars().next()).unwrap_or('\0');
        Found::Char { pos, c }
    }
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Found::Nothing => Ok(()),
            Found::Empty => f.write_str(", found an empty string"),
            Found::Char { pos, c } => {
                let mut buf = [0; 4];
                write!(
                    f,
                    ", found {:?} at position {pos}",
                    &*c.encode_utf8(&mut buf)
                )
            }
            Found::Count(n) => write!(f, ", found {n}"),
            Found::Variable { pos } => write!(f, r#", found "${{" at position {pos}"#),
            Found::PseudoRegion => f.write_str(", found a global pseudo-region"),
            Found::EmptyLabel { pos } => write!(f, ", found an empty one at position {pos}"),
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
