//! Principal ARNs other than roles: [`AccountRootArn`] and
//! [`AssumedRoleArn`].

use std::str::FromStr;

use crate::error::{Error, Expected, Found, Part, Problem, Result, ValueKind};
use crate::id::arn::split_principal;
use crate::id::role::name_problem;
use crate::id::{AccountId, Partition, RoleName};

/// The ARN of a whole AWS account as a principal:
/// `arn:PARTITION:iam::ACCOUNT:root`.
///
/// In a policy's `Principal` it means the account, not only its root user;
/// `"AWS": "111122223333"` is the short form of the same principal.
///
/// ```
/// use iam_ecs::{AccountId, AccountRootArn, Partition};
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let arn = AccountRootArn::new(Partition::Aws, AccountId::parse("111122223333")?);
/// assert_eq!(arn, "arn:aws:iam::111122223333:root");
/// assert_eq!(AccountRootArn::parse(arn.as_str())?, arn);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountRootArn {
    text: String,
    partition: Partition,
    account: AccountId,
}

impl AccountRootArn {
    /// The root ARN of `account`.
    pub fn new(partition: Partition, account: AccountId) -> Self {
        AccountRootArn {
            text: format!("arn:{partition}:iam::{account}:root"),
            partition,
            account,
        }
    }

    /// Parses an account root ARN.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for, among others:
    /// `"arn:aws:iam::1111222233334444:root"` (16-digit account),
    /// `"arn:aws:iam::111122223333:user/root"` (not `root`),
    /// `"arn:aws:sts::111122223333:root"` (service),
    /// `"111122223333"` (the short form is an [`AccountId`]).
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let arn = iam_ecs::AccountRootArn::parse("arn:aws-us-gov:iam::111122223333:root")?;
    /// assert_eq!(arn.account(), "111122223333");
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

    /// The account.
    pub fn account(&self) -> &AccountId {
        &self.account
    }
}

impl FromStr for AccountRootArn {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let parsed = split_principal(s, "iam").and_then(|(partition, account, resource)| {
            if resource == "root" {
                Ok((partition, account))
            } else {
                Err(Problem::part(
                    Part::Resource,
                    resource,
                    Problem::value(Expected::Root, Found::Nothing),
                ))
            }
        });
        match parsed {
            Ok((partition, account)) => Ok(AccountRootArn {
                text: s.to_owned(),
                partition,
                account,
            }),
            Err(problem) => Err(Error::invalid(ValueKind::AccountRootArn, s, problem)),
        }
    }
}

/// The ARN of an assumed-role session, the identity `sts:AssumeRole`
/// returns: `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION-NAME`.
///
/// The role part has no path. The session name is 2 to 64 characters from
/// `A-Z a-z 0-9 _+=,.@-` (botocore `roleSessionNameType`).
///
/// ```
/// use iam_ecs::AssumedRoleArn;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let arn = AssumedRoleArn::parse("arn:aws:sts::111122223333:assumed-role/Deploy/ci-run-42")?;
/// assert_eq!(arn.role_name(), "Deploy");
/// assert_eq!(arn.session_name(), "ci-run-42");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AssumedRoleArn {
    text: String,
    partition: Partition,
    account: AccountId,
    role_name: RoleName,
    /// Byte offset of the session name in `text`.
    session: usize,
}

fn session_problem(s: &str) -> Option<Problem> {
    name_problem(s, 2, 64)
}

impl AssumedRoleArn {
    /// The ARN of session `session_name` of role `role_name`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] (a role session name) when `session_name` is not
    /// 2 to 64 characters from `A-Z a-z 0-9 _+=,.@-`: `"x"`, `"my session"`,
    /// `"a/b"`.
    ///
    /// ```
    /// use iam_ecs::{AccountId, AssumedRoleArn, Partition, RoleName};
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let arn = AssumedRoleArn::new(
    ///     Partition::Aws,
    ///     AccountId::parse("111122223333")?,
    ///     RoleName::parse("Deploy")?,
    ///     "ci",
    /// )?;
    /// assert_eq!(arn, "arn:aws:sts::111122223333:assumed-role/Deploy/ci");
    /// # Ok(())
    /// # }
    /// ```
    pub fn new(
        partition: Partition,
        account: AccountId,
        role_name: RoleName,
        session_name: &str,
    ) -> Result<Self> {
        if let Some(problem) = session_problem(session_name) {
            return Err(Error::invalid(
                ValueKind::SessionName,
                session_name,
                problem,
            ));
        }
        let text =
            format!("arn:{partition}:sts::{account}:assumed-role/{role_name}/{session_name}");
        let session = text.len() - session_name.len();
        Ok(AssumedRoleArn {
            text,
            partition,
            account,
            role_name,
            session,
        })
    }

    /// Parses an assumed-role ARN.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for, among others:
    /// `"arn:aws:iam::111122223333:assumed-role/R/s1"` (service must be
    /// `sts`), `"arn:aws:sts::111122223333:assumed-role/R"` (no session),
    /// `"arn:aws:sts::111122223333:assumed-role/R/*"` (wildcard session),
    /// `"arn:aws:sts::111122223333:assumed-role/a/R/s1"` (a path),
    /// `"arn:aws:sts::111122223333444:assumed-role/R/s1"` (15-digit
    /// account).
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let arn = iam_ecs::AssumedRoleArn::parse(
    ///     "arn:aws:sts::111122223333:assumed-role/ecsTaskRole/8f2c1e0b",
    /// )?;
    /// assert_eq!(arn.account(), "111122223333");
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

    /// The assumed role's name (without its path).
    pub fn role_name(&self) -> &RoleName {
        &self.role_name
    }

    /// The role session name.
    pub fn session_name(&self) -> &str {
        &self.text[self.session..]
    }
}

fn parse_assumed(s: &str) -> Result<(Partition, AccountId, RoleName, usize), Problem> {
    let (partition, account, resource) = split_principal(s, "sts")?;
    let Some((role, session)) = resource
        .strip_prefix("assumed-role/")
        .and_then(|rest| rest.split_once('/'))
    else {
        return Err(Problem::part(
            Part::Resource,
            resource,
            Problem::value(Expected::AssumedRoleResource, Found::Nothing),
        ));
    };
    let role_name =
        RoleName::checked(role).map_err(|problem| Problem::part(Part::RoleName, role, problem))?;
    if let Some(problem) = session_problem(session) {
        return Err(Problem::part(Part::SessionName, session, problem));
    }
    Ok((partition, account, role_name, s.len() - session.len()))
}

impl FromStr for AssumedRoleArn {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match parse_assumed(s) {
            Ok((partition, account, role_name, session)) => Ok(AssumedRoleArn {
                text: s.to_owned(),
                partition,
                account,
                role_name,
                session,
            }),
            Err(problem) => Err(Error::invalid(ValueKind::AssumedRoleArn, s, problem)),
        }
    }
}
