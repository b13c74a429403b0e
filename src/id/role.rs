//! IAM roles: [`RoleName`], [`RolePath`] and [`RoleArn`].

use std::borrow::Cow;
use std::str::FromStr;

use crate::error::{Error, Expected, Found, Part, Problem, Result, ValueKind};
use crate::id::arn::split_principal;
use crate::id::{AccountId, Partition};

/// Why a string is not a role name (or a role session name); computed in
/// a `const fn` so that `from_static` and the parser share one rule.
pub(crate) enum NameProblem {
    Empty,
    /// The byte index of the first character outside the allowed set.
    BadChar(usize),
    /// Too short (session names) or too long: the length found.
    Length(usize),
}

/// `[\w+=,.@-]`, `\w` read as ASCII: the IAM name character set.
pub(crate) const fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'=' | b',' | b'.' | b'@' | b'-')
}

/// Characters from [`is_name_byte`], `min..=max` of them.
pub(crate) const fn check_name(b: &[u8], min: usize, max: usize) -> Result<(), NameProblem> {
    if b.is_empty() {
        return Err(NameProblem::Empty);
    }
    let mut i = 0;
    while i < b.len() {
        if !is_name_byte(b[i]) {
            return Err(NameProblem::BadChar(i));
        }
        i += 1;
    }
    if b.len() < min || b.len() > max {
        return Err(NameProblem::Length(b.len()));
    }
    Ok(())
}

/// Why `s` is not a name of `min..=max` IAM name characters, if it is
/// not.
pub(crate) fn name_problem(s: &str, min: usize, max: usize) -> Option<Problem> {
    let (expected, found) = match check_name(s.as_bytes(), min, max) {
        Ok(()) => return None,
        Err(NameProblem::Empty) => (Expected::Length { min, max }, Found::Empty),
        Err(NameProblem::BadChar(i)) => (Expected::NameChars, Found::at_byte(s, i)),
        Err(NameProblem::Length(n)) if n > max => (Expected::AtMost(max), Found::Count(n)),
        Err(NameProblem::Length(n)) => (Expected::Length { min, max }, Found::Count(n)),
    };
    Some(Problem::value(expected, found))
}

/// An IAM role name: 1 to 64 characters from `A-Z a-z 0-9 _+=,.@-`
/// (botocore `roleNameType`).
///
/// IAM compares role names case-insensitively when it creates them
/// (`MyRole` and `myrole` cannot both exist); this type keeps the case as
/// written and compares exactly.
///
/// ```
/// use iam_ecs::RoleName;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let name = RoleName::parse("ecsTaskExecutionRole")?;
/// assert_eq!(name, "ecsTaskExecutionRole");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoleName(Cow<'static, str>);

impl RoleName {
    /// Parses a role name.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for `""`, `"my role"` (space), `"app/role"`
    /// (`/` belongs to the path), `"rôle"`, and names of 65 or more
    /// characters.
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let name = iam_ecs::RoleName::parse("S3Access")?;
    /// assert_eq!(name.as_str(), "S3Access");
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// A role name from a literal, checked at compile time in a `const`
    /// context.
    ///
    /// # Panics
    ///
    /// When `s` is not 1 to 64 characters from `A-Z a-z 0-9 _+=,.@-`.
    ///
    /// ```
    /// use iam_ecs::RoleName;
    ///
    /// const NAME: RoleName = RoleName::from_static("ecsTaskRole");
    /// assert_eq!(NAME.as_str(), "ecsTaskRole");
    /// ```
    ///
    /// ```should_panic
    /// let _ = iam_ecs::RoleName::from_static("my role");
    /// ```
    pub const fn from_static(s: &'static str) -> Self {
        if check_name(s.as_bytes(), 1, 64).is_err() {
            panic!("invalid role name: expected 1 to 64 characters from A-Z a-z 0-9 _+=,.@-");
        }
        RoleName(Cow::Borrowed(s))
    }

    /// The role name `s`, or why it is not one.
    pub(crate) fn checked(s: &str) -> Result<Self, Problem> {
        match name_problem(s, 1, 64) {
            None => Ok(RoleName(Cow::Owned(s.to_owned()))),
            Some(problem) => Err(problem),
        }
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for RoleName {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        RoleName::checked(s).map_err(|problem| Error::invalid(ValueKind::RoleName, s, problem))
    }
}

/// Why a string is not a role path.
enum PathProblem {
    Empty,
    NoLeadingSlash,
    /// The byte index of the first character outside `!`..=`~`.
    BadChar(usize),
    TooLong(usize),
    /// The byte index of the last character, which is not `/`.
    NoTrailingSlash(usize),
    /// `//`: nothing between the slashes.
    Nothing,
}

const fn check_path(b: &[u8]) -> Result<(), PathProblem> {
    if b.is_empty() {
        return Err(PathProblem::Empty);
    }
    if b[0] != b'/' {
        return Err(PathProblem::NoLeadingSlash);
    }
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x21 || b[i] > 0x7E {
            return Err(PathProblem::BadChar(i));
        }
        i += 1;
    }
    if b.len() > 512 {
        return Err(PathProblem::TooLong(b.len()));
    }
    if b[b.len() - 1] != b'/' {
        return Err(PathProblem::NoTrailingSlash(b.len() - 1));
    }
    if b.len() == 2 {
        return Err(PathProblem::Nothing);
    }
    Ok(())
}

fn path_problem(s: &str) -> Option<Problem> {
    let (expected, found) = match check_path(s.as_bytes()) {
        Ok(()) => return None,
        Err(PathProblem::Empty) => (Expected::Path, Found::Empty),
        Err(PathProblem::NoLeadingSlash) => (Expected::PathStart, Found::at_byte(s, 0)),
        Err(PathProblem::BadChar(i)) => (Expected::PathChars, Found::at_byte(s, i)),
        Err(PathProblem::TooLong(n)) => (Expected::AtMost(512), Found::Count(n)),
        Err(PathProblem::NoTrailingSlash(i)) => (Expected::PathEnd, Found::at_byte(s, i)),
        Err(PathProblem::Nothing) => (Expected::PathNotEmpty, Found::Nothing),
    };
    Some(Problem::value(expected, found))
}

/// An IAM role path: `/`, or `/` + printable ASCII (`!`..=`~`) + `/`, at
/// most 512 characters (botocore `pathType`). The default is `/`.
///
/// ```
/// use iam_ecs::RolePath;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let path = RolePath::parse("/service-role/")?;
/// assert_eq!(path, "/service-role/");
/// assert_eq!(RolePath::default(), "/");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RolePath(Cow<'static, str>);

impl RolePath {
    /// The root path `/`, the default.
    pub const ROOT: RolePath = RolePath(Cow::Borrowed("/"));

    /// Parses a role path.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for `""`, `"app/"` (no leading `/`), `"/app"`
    /// (no trailing `/`), `"/my app/"` (space), `"//"`, and paths longer
    /// than 512 characters.
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let path = iam_ecs::RolePath::parse("/application_abc/component_xyz/")?;
    /// assert_eq!(path.as_str(), "/application_abc/component_xyz/");
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// A role path from a literal, checked at compile time in a `const`
    /// context.
    ///
    /// # Panics
    ///
    /// When `s` is not `/` or `/` + printable ASCII + `/` (at most 512).
    ///
    /// ```
    /// use iam_ecs::RolePath;
    ///
    /// const PATH: RolePath = RolePath::from_static("/ecs/");
    /// assert_eq!(PATH.as_str(), "/ecs/");
    /// ```
    ///
    /// ```should_panic
    /// let _ = iam_ecs::RolePath::from_static("ecs");
    /// ```
    pub const fn from_static(s: &'static str) -> Self {
        if check_path(s.as_bytes()).is_err() {
            panic!("invalid role path: expected \"/\" or \"/\" + printable ASCII + \"/\"");
        }
        RolePath(Cow::Borrowed(s))
    }

    /// The path, starting and ending with `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for RolePath {
    fn default() -> Self {
        RolePath::ROOT
    }
}

impl FromStr for RolePath {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match path_problem(s) {
            None => Ok(RolePath(Cow::Owned(s.to_owned()))),
            Some(problem) => Err(Error::invalid(ValueKind::RolePath, s, problem)),
        }
    }
}

/// The ARN of an IAM role:
/// `arn:PARTITION:iam::ACCOUNT:role` + path + name, with an empty region.
///
/// ```
/// use iam_ecs::{AccountId, Partition, RoleArn, RoleName, RolePath};
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let arn = RoleArn::new(
///     Partition::Aws,
///     AccountId::parse("111122223333")?,
///     RolePath::parse("/a/b/")?,
///     RoleName::parse("name")?,
/// );
/// assert_eq!(arn, "arn:aws:iam::111122223333:role/a/b/name");
///
/// let back = RoleArn::parse(arn.as_str())?;
/// assert_eq!(back.path(), "/a/b/");
/// assert_eq!(back.name(), "name");
/// assert_eq!(back, arn);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoleArn {
    text: String,
    partition: Partition,
    account: AccountId,
    path: RolePath,
    name: RoleName,
}

impl RoleArn {
    /// The ARN of role `name` at `path` in `account`.
    pub fn new(partition: Partition, account: AccountId, path: RolePath, name: RoleName) -> Self {
        let text = format!("arn:{partition}:iam::{account}:role{path}{name}");
        RoleArn {
            text,
            partition,
            account,
            path,
            name,
        }
    }

    /// Parses a role ARN. The path is everything between `role` and the
    /// last `/`: `role/a/b/name` has path `/a/b/` and name `name`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for, among others:
    /// `"arn:aws:iam::1111222233334444:role/x"` (16-digit account),
    /// `"arn:aws:iam::111122223333:user/x"` (not a role),
    /// `"arn:aws:sts::111122223333:role/x"` (service),
    /// `"arn:aws:iam:us-east-1:111122223333:role/x"` (region),
    /// `"arn:aws:iam::111122223333:role/"` (no name),
    /// `"arn:aws:iam::111122223333:role//x"` (path `//`),
    /// `"arn:aws:iam::111122223333:role/*"` (wildcard name).
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let arn = iam_ecs::RoleArn::parse("arn:aws-cn:iam::111122223333:role/ecsTaskRole")?;
    /// assert_eq!(arn.partition(), iam_ecs::Partition::AwsCn);
    /// assert_eq!(arn.path(), "/");
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// The whole ARN.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The partition.
    pub fn partition(&self) -> Partition {
        self.partition
    }

    /// The account that owns the role.
    pub fn account(&self) -> &AccountId {
        &self.account
    }

    /// The role's path, `/` unless the role was created with another.
    pub fn path(&self) -> &RolePath {
        &self.path
    }

    /// The role's name.
    pub fn name(&self) -> &RoleName {
        &self.name
    }
}

fn parse_role_arn(s: &str) -> Result<(Partition, AccountId, RolePath, RoleName), Problem> {
    let (partition, account, resource) = split_principal(s, "iam")?;
    let Some(rest) = resource.strip_prefix("role").filter(|r| r.starts_with('/')) else {
        return Err(Problem::part(
            Part::Resource,
            resource,
            Problem::value(Expected::RoleResource, Found::Nothing),
        ));
    };
    // `rest` starts with `/`, so there is a last `/`.
    let slash = rest.rfind('/').unwrap_or(0);
    let (path, name) = rest.split_at(slash + 1);
    if let Some(problem) = path_problem(path) {
        return Err(Problem::part(Part::RolePath, path, problem));
    }
    let path = RolePath(Cow::Owned(path.to_owned()));
    let name =
        RoleName::checked(name).map_err(|problem| Problem::part(Part::RoleName, name, problem))?;
    Ok((partition, account, path, name))
}

impl FromStr for RoleArn {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match parse_role_arn(s) {
            Ok((partition, account, path, name)) => Ok(RoleArn {
                text: s.to_owned(),
                partition,
                account,
                path,
                name,
            }),
            Err(problem) => Err(Error::invalid(ValueKind::RoleArn, s, problem)),
        }
    }
}
