//! The AWS CLI config profile that assumes a role from inside a container.
//!
//! The guide's step 4 writes this to `~/.aws/config` in the container:
//!
//! ```text
//! [profile cross-account]
//! role_arn = arn:aws:iam::444455556666:role/destination-account-role
//! credential_source = EcsContainer
//! ```
//!
//! Rules: `../shared/RULES.md` section 6 (AWS CLI `config-vars.rst`,
//! botocore `credentials.py` and the STS model).

use crate::error::{Error, Expected, Found, Part, Problem, ValueKind};
use crate::RoleArn;
use std::fmt;
use std::str::FromStr;

/// Where the CLI gets the credentials it uses to call `sts:AssumeRole`
/// (`credential_source`). The spelling is case-sensitive: botocore looks
/// the value up as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CredentialSource {
    /// `Environment`: the `AWS_ACCESS_KEY_ID` family of variables.
    Environment,
    /// `Ec2InstanceMetadata`: the EC2 instance profile.
    Ec2InstanceMetadata,
    /// `EcsContainer`: the ECS task role, which is what the guide uses.
    EcsContainer,
}

impl CredentialSource {
    /// The value as the config file spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            CredentialSource::Environment => "Environment",
            CredentialSource::Ec2InstanceMetadata => "Ec2InstanceMetadata",
            CredentialSource::EcsContainer => "EcsContainer",
        }
    }
}

impl FromStr for CredentialSource {
    type Err = Error;
    /// # Errors
    /// Any spelling but the three botocore accepts, such as `ecscontainer`
    /// or `EcsTask`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s {
            "Environment" => Ok(CredentialSource::Environment),
            "Ec2InstanceMetadata" => Ok(CredentialSource::Ec2InstanceMetadata),
            "EcsContainer" => Ok(CredentialSource::EcsContainer),
            _ => Err(Error::invalid(
                ValueKind::Profile,
                s,
                Problem::part_alone(
                    Part::CredentialSource,
                    Problem::value(Expected::CredentialSource, Found::Nothing),
                ),
            )),
        }
    }
}

impl fmt::Display for CredentialSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The problem with an external ID, if any: 2 to 1,224 characters from
/// `[\w+=,.@:/-]` (STS `externalIdType`).
fn external_id_problem(s: &str) -> Option<Problem> {
    let len = s.chars().count();
    if !(2..=1224).contains(&len) {
        let expected = Expected::Length { min: 2, max: 1224 };
        return Some(Problem::value(expected, Found::Count(len)));
    }
    crate::id::first_bad(s, |c| c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(c))
        .map(|(pos, c)| Problem::value(Expected::ExternalIdChars, Found::Char { pos, c }))
}

macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident, $kind:expr, $problem:expr) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Parses and checks the value.
            ///
            /// # Errors
            /// [`Error::Invalid`] naming the length or the first character
            /// outside the rule.
            pub fn parse(s: &str) -> Result<Self, Error> {
                s.parse()
            }

            /// The value.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                let problem: fn(&str) -> Option<Problem> = $problem;
                match problem(s) {
                    Some(problem) => Err(Error::invalid($kind, s, problem)),
                    None => Ok($name(s.to_owned())),
                }
            }
        }

        crate::id::string_traits!($name);
    };
}

string_newtype!(
    /// An STS external ID (`sts:ExternalId`, `external_id`): 2 to 1,224
    /// characters from `[\w+=,.@:/-]` (STS `externalIdType`).
    ExternalId,
    ValueKind::ExternalId,
    external_id_problem
);

string_newtype!(
    /// An STS role session name (`role_session_name`): 2 to 64 characters
    /// from `[\w+=,.@-]` (STS `roleSessionNameType`).
    RoleSessionName,
    ValueKind::SessionName,
    |s| crate::id::name_problem(s, 2, 64)
);

string_newtype!(
    /// The name of an AWS CLI profile: 1 to 64 characters from
    /// `[\w+=,.@-]`. AWS documents no rule of its own; this one keeps names
    /// that the INI reader and `--profile` both take without quoting (no
    /// spaces, brackets, `#` or `;`).
    ProfileName,
    ValueKind::Profile,
    |s| crate::id::name_problem(s, 1, 64)
);

/// An STS session duration in seconds (`duration_seconds`): 900 to 43,200
/// (STS `roleDurationSecondsType`; the role's own maximum may be lower).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SessionDuration(u32);

impl SessionDuration {
    /// The shortest duration STS grants, 900 s.
    pub const MIN: u32 = 900;
    /// The longest duration STS grants, 43,200 s (12 hours).
    pub const MAX: u32 = 43_200;

    /// A duration in seconds.
    ///
    /// # Errors
    /// Fewer than 900 or more than 43,200 seconds.
    pub fn new(seconds: u32) -> Result<Self, Error> {
        if (Self::MIN..=Self::MAX).contains(&seconds) {
            Ok(SessionDuration(seconds))
        } else {
            Err(Error::invalid(
                ValueKind::Duration,
                seconds.to_string(),
                Problem::value(Expected::Seconds, Found::Nothing),
            ))
        }
    }

    /// The duration in seconds.
    pub const fn seconds(self) -> u32 {
        self.0
    }
}

impl FromStr for SessionDuration {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.parse::<u32>() {
            Ok(n) if s.bytes().all(|b| b.is_ascii_digit()) => SessionDuration::new(n),
            _ => Err(Error::invalid(
                ValueKind::Duration,
                s,
                Problem::value(Expected::WholeSeconds, Found::Nothing),
            )),
        }
    }
}

impl fmt::Display for SessionDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A profile in `~/.aws/config` that assumes a role (`role_arn`) with
/// credentials from `credential_source`.
///
/// ```
/// use iam_ecs::profile::CliProfile;
/// use iam_ecs::RoleArn;
///
/// let role: RoleArn = "arn:aws:iam::444455556666:role/destination-account-role".parse()?;
/// let profile = CliProfile::builder("cross-account", role).build()?;
/// assert_eq!(
///     profile.to_string(),
///     "[profile cross-account]\n\
///      role_arn = arn:aws:iam::444455556666:role/destination-account-role\n\
///      credential_source = EcsContainer\n"
/// );
/// # Ok::<(), iam_ecs::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CliProfile {
    name: ProfileName,
    role_arn: RoleArn,
    credential_source: CredentialSource,
    external_id: Option<ExternalId>,
    role_session_name: Option<RoleSessionName>,
    duration_seconds: Option<SessionDuration>,
}

impl CliProfile {
    /// A builder for the profile `name` that assumes `role_arn`, with
    /// `credential_source = EcsContainer` unless told otherwise.
    pub fn builder(name: impl Into<String>, role_arn: RoleArn) -> CliProfileBuilder {
        let name = name.into();
        CliProfileBuilder {
            error: ProfileName::parse(&name).err(),
            profile: CliProfile {
                name: ProfileName(name),
                role_arn,
                credential_source: CredentialSource::EcsContainer,
                external_id: None,
                role_session_name: None,
                duration_seconds: None,
            },
        }
    }

    /// The profile name.
    pub fn name(&self) -> &ProfileName {
        &self.name
    }
    /// The role the profile assumes.
    pub fn role_arn(&self) -> &RoleArn {
        &self.role_arn
    }
    /// Where the credentials that assume the role come from.
    pub fn credential_source(&self) -> CredentialSource {
        self.credential_source
    }
    /// The external ID passed to `sts:AssumeRole`, if any.
    pub fn external_id(&self) -> Option<&ExternalId> {
        self.external_id.as_ref()
    }
    /// The role session name, if set.
    pub fn role_session_name(&self) -> Option<&RoleSessionName> {
        self.role_session_name.as_ref()
    }
    /// The session duration, if set.
    pub fn duration_seconds(&self) -> Option<SessionDuration> {
        self.duration_seconds
    }

    /// Reads the profile called `name` from the text of an AWS CLI config
    /// file (or the only profile in it when `name` is `None`).
    ///
    /// # Errors
    /// - a line that is neither a section header, `key = value`, a comment
    ///   nor blank;
    /// - no such profile, or several when `name` is `None`;
    /// - a missing `role_arn`, or one that is not a role ARN with a 12-digit
    ///   account (the guide's `5555666677778888` is rejected here);
    /// - both `source_profile` and `credential_source` (botocore: `The
    ///   profile "NAME" contains both source_profile and
    ///   credential_source.`), or neither;
    /// - a `credential_source`, `external_id`, `role_session_name` or
    ///   `duration_seconds` outside the rules above;
    /// - a key this type does not model (`mfa_serial`, `region`, ...):
    ///   refused rather than dropped, so nothing is lost.
    pub fn from_config(text: &str, name: Option<&str>) -> Result<Self, Error> {
        let bad = |line: usize, reason: String| {
            Error::invalid(
                ValueKind::Profile,
                text.lines().nth(line - 1).unwrap_or(""),
                format!("line {line}: {reason}"),
            )
        };
        // (profile name, header line, [(line, key, value)])
        type Section = (String, usize, Vec<(usize, String, String)>);
        let mut sections: Vec<Section> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let n = i + 1;
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                let header = header.trim();
                let pname = if header == "default" {
                    "default".to_owned()
                } else if let Some(p) = header.strip_prefix("profile ") {
                    p.trim().to_owned()
                } else {
                    // sso-session and services sections are not profiles.
                    String::new()
                };
                sections.push((pname, n, Vec::new()));
                continue;
            }
            let Some((k, v)) = line.split_once('=') else {
                return Err(bad(n, "expected `[profile NAME]` or `key = value`".into()));
            };
            match sections.last_mut() {
                Some(section) => section
                    .2
                    .push((n, k.trim().to_owned(), v.trim().to_owned())),
                None => {
                    return Err(bad(
                        n,
                        "expected a `[profile NAME]` header before the first key".into(),
                    ))
                }
            }
        }
        sections.retain(|s| !s.0.is_empty());
        let section = match name {
            Some(want) => sections.iter().find(|s| s.0 == want).ok_or_else(|| {
                Error::invalid(
                    ValueKind::Profile,
                    want,
                    "expected a profile of this name in the config, found none",
                )
            })?,
            None => match sections.as_slice() {
                [one] => one,
                _ => {
                    return Err(Error::invalid(
                        ValueKind::Profile,
                        text,
                        format!("expected exactly one profile, found {}", sections.len()),
                    ))
                }
            },
        };
        let (pname, header_line, keys) = section;
        let get = |key: &str| keys.iter().find(|(_, k, _)| k == key);
        if let Some((n, k, _)) = keys.iter().find(|(_, k, _)| {
            !matches!(
                k.as_str(),
                "role_arn"
                    | "credential_source"
                    | "source_profile"
                    | "external_id"
                    | "role_session_name"
                    | "duration_seconds"
            )
        }) {
            return Err(bad(*n, format!("expected role_arn, credential_source, external_id, role_session_name or duration_seconds, found {k:?}")));
        }
        if let Some((n, k, _)) = keys
            .iter()
            .enumerate()
            .find(|(i, (_, k, _))| keys[..*i].iter().any(|(_, p, _)| p == k))
            .map(|(_, x)| x)
        {
            return Err(bad(
                *n,
                format!("expected each key once, found {k:?} again"),
            ));
        }
        if get("source_profile").is_some() && get("credential_source").is_some() {
            return Err(bad(
                *header_line,
                format!(
                    "the profile \"{pname}\" contains both source_profile and credential_source"
                ),
            ));
        }
        if let Some((n, _, _)) = get("source_profile") {
            return Err(bad(*n, "expected credential_source (a profile that assumes a role from inside a container), found source_profile".into()));
        }
        let Some((_, _, role)) = get("role_arn") else {
            return Err(bad(
                *header_line,
                format!("expected role_arn in profile \"{pname}\", found none"),
            ));
        };
        let Some((_, _, source)) = get("credential_source") else {
            return Err(bad(
                *header_line,
                format!("expected credential_source in profile \"{pname}\", found none"),
            ));
        };
        let role_arn: RoleArn = role.parse()?;
        let mut b = CliProfile::builder(pname.clone(), role_arn).credential_source(source.parse()?);
        if let Some((_, _, v)) = get("external_id") {
            b = b.external_id(v.as_str());
        }
        if let Some((_, _, v)) = get("role_session_name") {
            b = b.role_session_name(v.as_str());
        }
        if let Some((_, _, v)) = get("duration_seconds") {
            match v.parse::<SessionDuration>() {
                Ok(d) => b = b.duration_seconds(d),
                Err(e) => return Err(e),
            }
        }
        b.build()
    }
}

impl fmt::Display for CliProfile {
    /// The config file section: header, then `role_arn`,
    /// `credential_source`, `external_id`, `role_session_name`,
    /// `duration_seconds`, one per line, each line ending in `\n`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.as_str() == "default" {
            writeln!(f, "[default]")?;
        } else {
            writeln!(f, "[profile {}]", self.name)?;
        }
        writeln!(f, "role_arn = {}", self.role_arn)?;
        writeln!(f, "credential_source = {}", self.credential_source)?;
        if let Some(x) = &self.external_id {
            writeln!(f, "external_id = {x}")?;
        }
        if let Some(x) = &self.role_session_name {
            writeln!(f, "role_session_name = {x}")?;
        }
        if let Some(x) = self.duration_seconds {
            writeln!(f, "duration_seconds = {x}")?;
        }
        Ok(())
    }
}

/// Builds a [`CliProfile`]; the first invalid value is kept and returned by
/// [`build`](CliProfileBuilder::build).
#[derive(Debug, Clone)]
#[must_use]
pub struct CliProfileBuilder {
    profile: CliProfile,
    error: Option<Error>,
}

impl CliProfileBuilder {
    fn latch<T>(mut self, r: Result<T, Error>, set: impl FnOnce(&mut CliProfile, T)) -> Self {
        match r {
            Ok(v) => set(&mut self.profile, v),
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// Sets `credential_source` (default `EcsContainer`).
    pub fn credential_source(mut self, source: CredentialSource) -> Self {
        self.profile.credential_source = source;
        self
    }

    /// Sets `external_id`.
    pub fn external_id<T>(self, id: T) -> Self
    where
        T: TryInto<ExternalId>,
        T::Error: Into<Error>,
    {
        self.latch(id.try_into().map_err(Into::into), |p, v| {
            p.external_id = Some(v)
        })
    }

    /// Sets `role_session_name`.
    pub fn role_session_name<T>(self, name: T) -> Self
    where
        T: TryInto<RoleSessionName>,
        T::Error: Into<Error>,
    {
        self.latch(name.try_into().map_err(Into::into), |p, v| {
            p.role_session_name = Some(v)
        })
    }

    /// Sets `duration_seconds`.
    pub fn duration_seconds(mut self, d: SessionDuration) -> Self {
        self.profile.duration_seconds = Some(d);
        self
    }

    /// The profile.
    ///
    /// # Errors
    /// The first invalid value given to the builder, such as a profile name
    /// with a space or an external ID of one character.
    pub fn build(self) -> Result<CliProfile, Error> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.profile),
        }
    }
}

impl TryFrom<&str> for SessionDuration {
    type Error = Error;
    fn try_from(s: &str) -> Result<Self, Error> {
        s.parse()
    }
}
