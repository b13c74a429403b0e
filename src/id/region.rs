//! [`Region`]: an AWS Region code such as `us-east-1`.

use std::borrow::Cow;
use std::str::FromStr;

use crate::error::{Error, Expected, Found, Problem, Result, ValueKind};
use crate::id::Partition;

/// An AWS Region code such as `us-east-1` or `cn-north-1`, with the
/// partition it belongs to.
///
/// A region is valid when it matches one partition's region pattern
/// ([`Partition::region_matches`]), not only when it is in today's list,
/// so a region AWS adds next month parses. Pseudo-regions such as
/// `aws-global` are not regions and are rejected.
///
/// ```
/// use iam_ecs::{Partition, Region};
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let region = Region::parse("us-gov-west-1")?;
/// assert_eq!(region.partition(), Partition::AwsUsGov);
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Region {
    name: Cow<'static, str>,
    partition: Partition,
}

/// The pseudo-regions in `partitions.json`: endpoints, not regions.
pub(crate) const PSEUDO: &[&str] = &[
    "aws-global",
    "aws-cn-global",
    "aws-us-gov-global",
    "aws-iso-global",
    "aws-iso-b-global",
    "aws-iso-e-global",
    "aws-iso-f-global",
];

/// Whether `s` is a region of some partition or one of its
/// pseudo-regions (the values `aws:RequestedRegion` can take).
pub(crate) fn region_or_pseudo(s: &str) -> bool {
    Partition::of_region(s).is_some() || PSEUDO.contains(&s)
}

impl Region {
    /// Parses a region code.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] when no partition's pattern matches: `""`,
    /// `"us-east"`, `"useast1"`, `"us-east-1a"` (an availability zone),
    /// `"aws-global"` (a pseudo-region), `"xx-east-1"`.
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let region = iam_ecs::Region::parse("eusc-de-east-1")?;
    /// assert_eq!(region.partition(), iam_ecs::Partition::AwsEusc);
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// A region from a literal, checked at compile time in a `const`
    /// context.
    ///
    /// # Panics
    ///
    /// When `s` matches no partition's region pattern.
    ///
    /// ```
    /// use iam_ecs::Region;
    ///
    /// const REGION: Region = Region::from_static("eu-west-1");
    /// assert_eq!(REGION.as_str(), "eu-west-1");
    /// ```
    ///
    /// ```should_panic
    /// let _ = iam_ecs::Region::from_static("aws-global");
    /// ```
    pub const fn from_static(s: &'static str) -> Self {
        match Partition::of_region(s) {
            Some(partition) => Region {
                name: Cow::Borrowed(s),
                partition,
            },
            None => panic!("invalid region: matches no partition's region pattern"),
        }
    }

    /// The region code, such as `us-east-1`.
    pub fn as_str(&self) -> &str {
        &self.name
    }

    /// The partition the region belongs to.
    pub fn partition(&self) -> Partition {
        self.partition
    }
}

/// Why `s` is not a region of any partition.
fn region_problem(s: &str) -> Problem {
    if s.is_empty() {
        Problem::value(Expected::RegionExample, Found::Empty)
    } else if PSEUDO.contains(&s) {
        Problem::value(Expected::RegionExample, Found::PseudoRegion)
    } else {
        Problem::value(Expected::KnownRegion, Found::Nothing)
    }
}

impl FromStr for Region {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match Partition::of_region(s) {
            Some(partition) => Ok(Region {
                name: Cow::Owned(s.to_owned()),
                partition,
            }),
            None => Err(Error::invalid(ValueKind::Region, s, region_problem(s))),
        }
    }
}
