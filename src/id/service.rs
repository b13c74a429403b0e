//! [`ServicePrincipal`]: an AWS service as a policy principal.

use std::borrow::Cow;
use std::str::FromStr;

use crate::error::{Error, Expected, Found, Problem, Result, ValueKind};
use crate::id::Partition;

/// An AWS service principal, such as `ecs-tasks.amazonaws.com`: one or
/// more dot-separated labels of lowercase letters, digits and hyphens,
/// then `.` and a partition's DNS suffix ([`Partition::dns_suffix`]:
/// `amazonaws.com`, `amazonaws.com.cn`, `c2s.ic.gov`, ...).
///
/// Which services exist is not checked (AWS defines that, and adds
/// services); `logs.us-east-1.amazonaws.com` has the right shape and
/// parses, `amazonaws.com` alone does not.
///
/// ```
/// use iam_ecs::{Partition, ServicePrincipal};
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let p = ServicePrincipal::parse("ecs-tasks.amazonaws.com")?;
/// assert_eq!(p, ServicePrincipal::ECS_TASKS);
/// assert_eq!(p.service(), "ecs-tasks");
/// assert_eq!(ServicePrincipal::ecs_tasks(Partition::AwsCn), "ecs-tasks.amazonaws.com");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServicePrincipal(Cow<'static, str>);

/// The DNS suffixes a service principal may end with: every partition's
/// (no suffix is a dot-suffix of another).
fn suffixes() -> impl Iterator<Item = &'static str> {
    Partition::ALL.into_iter().map(Partition::dns_suffix)
}

impl ServicePrincipal {
    /// `ecs-tasks.amazonaws.com`, the principal that ECS tasks use to
    /// assume their task role and task execution role.
    pub const ECS_TASKS: ServicePrincipal =
        ServicePrincipal(Cow::Borrowed("ecs-tasks.amazonaws.com"));

    /// The ECS tasks principal for `partition`: `ecs-tasks.amazonaws.com`
    /// in every partition, as the ECS Developer Guide gives it.
    /// `ecs-tasks.amazonaws.com.cn` (reported for `aws-cn`) parses too, but
    /// is never produced here.
    pub fn ecs_tasks(partition: Partition) -> ServicePrincipal {
        let _ = partition;
        ServicePrincipal::ECS_TASKS
    }

    /// Parses a service principal.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for `""`, `"amazonaws.com"` (no service),
    /// `"ecs-tasks"` (no DNS suffix), `"ecs-tasks.amazon.com"`,
    /// `"ECS-tasks.amazonaws.com"` (uppercase), `"ecs..amazonaws.com"`
    /// (empty label), `"-ecs.amazonaws.com"` (label starting with `-`).
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let p = iam_ecs::ServicePrincipal::parse("ec2.amazonaws.com.cn")?;
    /// assert_eq!(p.dns_suffix(), "amazonaws.com.cn");
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// The whole principal.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first label: `ecs-tasks` in `ecs-tasks.amazonaws.com`.
    pub fn service(&self) -> &str {
        self.0.split('.').next().unwrap_or_default()
    }

    /// The DNS suffix: `amazonaws.com` in `ecs-tasks.amazonaws.com`.
    pub fn dns_suffix(&self) -> &str {
        suffixes()
            .find(|suffix| {
                self.0
                    .strip_suffix(suffix)
                    .is_some_and(|head| head.ends_with('.'))
            })
            .unwrap_or_default()
    }
}

fn problem(s: &str) -> Option<Problem> {
    let bad = |expected, found| Some(Problem::service_principal(expected, found));
    if s.is_empty() {
        return bad(Expected::ServicePrincipal, Found::Empty);
    }
    if let Some(suffix) = suffixes().find(|&suffix| s == suffix) {
        return bad(Expected::ServiceNameBefore(suffix), Found::Nothing);
    }
    let Some(head) = suffixes().find_map(|suffix| s.strip_suffix(suffix)?.strip_suffix('.')) else {
        return bad(Expected::DnsSuffix, Found::Nothing);
    };
    let mut pos = 0;
    for label in head.split('.') {
        if label.is_empty() {
            return bad(Expected::Label, Found::EmptyLabel { pos });
        }
        let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        if let Some((i, c)) = label.chars().enumerate().find(|&(_, c)| !ok(c)) {
            return bad(Expected::PrincipalChars, Found::Char { pos: pos + i, c });
        }
        if label.starts_with('-') {
            return bad(Expected::NoLeadingHyphen, Found::Char { pos, c: '-' });
        }
        if label.ends_with('-') {
            let pos = pos + label.len() - 1;
            return bad(Expected::NoTrailingHyphen, Found::Char { pos, c: '-' });
        }
        pos += label.len() + 1;
    }
    None
}

impl FromStr for ServicePrincipal {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match problem(s) {
            None => Ok(ServicePrincipal(Cow::Owned(s.to_owned()))),
            Some(problem) => Err(Error::invalid(ValueKind::ServicePrincipal, s, problem)),
        }
    }
}
