//! [`Partition`]: the AWS partitions and their region patterns.

use std::str::FromStr;

use crate::error::{Error, Expected, Found, Problem, Result, ValueKind};

/// An AWS partition: the first field of an ARN (`arn:aws:...`).
///
/// The eight partitions of botocore's `partitions.json` (2026). AWS adds
/// partitions from time to time, so the enum is `#[non_exhaustive]`.
///
/// ```
/// use iam_ecs::Partition;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let p = Partition::parse("aws-cn")?;
/// assert_eq!(p, Partition::AwsCn);
/// assert_eq!(p.dns_suffix(), "amazonaws.com.cn");
/// assert!(p.region_matches("cn-north-1"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Partition {
    /// `aws`: the standard (commercial) Regions.
    #[default]
    Aws,
    /// `aws-cn`: the China Regions.
    AwsCn,
    /// `aws-us-gov`: AWS GovCloud (US).
    AwsUsGov,
    /// `aws-iso`: AWS ISO (US).
    AwsIso,
    /// `aws-iso-b`: AWS ISOB (US).
    AwsIsoB,
    /// `aws-iso-e`: AWS ISOE (Europe).
    AwsIsoE,
    /// `aws-iso-f`: AWS ISOF.
    AwsIsoF,
    /// `aws-eusc`: the AWS European Sovereign Cloud.
    AwsEusc,
}

impl Partition {
    /// Every partition, in this order: `aws`, `aws-cn`, `aws-us-gov`,
    /// `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`, `aws-eusc`.
    pub const ALL: [Partition; 8] = [
        Partition::Aws,
        Partition::AwsCn,
        Partition::AwsUsGov,
        Partition::AwsIso,
        Partition::AwsIsoB,
        Partition::AwsIsoE,
        Partition::AwsIsoF,
        Partition::AwsEusc,
    ];

    /// Parses a partition ID such as `aws` or `aws-us-gov`.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for anything but the eight IDs, compared
    /// case-sensitively: `""`, `"AWS"`, `"aws-global"`, `"aws-xx"`.
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// assert_eq!(iam_ecs::Partition::parse("aws")?, iam_ecs::Partition::Aws);
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// The partition ID, as written in ARNs: `aws`, `aws-cn`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
            Partition::AwsUsGov => "aws-us-gov",
            Partition::AwsIso => "aws-iso",
            Partition::AwsIsoB => "aws-iso-b",
            Partition::AwsIsoE => "aws-iso-e",
            Partition::AwsIsoF => "aws-iso-f",
            Partition::AwsEusc => "aws-eusc",
        }
    }

    /// The partition's DNS suffix (botocore `outputs.dnsSuffix`):
    /// `amazonaws.com` for `aws` and `aws-us-gov`, `amazonaws.com.cn` for
    /// `aws-cn`, and so on.
    pub const fn dns_suffix(self) -> &'static str {
        match self {
            Partition::Aws | Partition::AwsUsGov => "amazonaws.com",
            Partition::AwsCn => "amazonaws.com.cn",
            Partition::AwsIso => "c2s.ic.gov",
            Partition::AwsIsoB => "sc2s.sgov.gov",
            Partition::AwsIsoE => "cloud.adc-e.uk",
            Partition::AwsIsoF => "csp.hci.ic.gov",
            Partition::AwsEusc => "amazonaws.eu",
        }
    }

    /// A region of this partition, used in messages: the partition's
    /// `implicitGlobalRegion` in botocore (`us-east-1` for `aws`).
    pub(crate) const fn example_region(self) -> &'static str {
        match self {
            Partition::Aws => "us-east-1",
            Partition::AwsCn => "cn-northwest-1",
            Partition::AwsUsGov => "us-gov-west-1",
            Partition::AwsIso => "us-iso-east-1",
            Partition::AwsIsoB => "us-isob-east-1",
            Partition::AwsIsoE => "eu-isoe-west-1",
            Partition::AwsIsoF => "us-isof-south-1",
            Partition::AwsEusc => "eusc-de-east-1",
        }
    }

    /// Whether `region` matches this partition's `regionRegex` from
    /// botocore's `partitions.json`, so that regions AWS adds later match
    /// too. For `aws` the pattern is
    /// `^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$`; `\w` and `\d` are read
    /// as ASCII (`[A-Za-z0-9_]`, `[0-9]`). Pseudo-regions such as
    /// `aws-global` match no partition.
    ///
    /// ```
    /// use iam_ecs::Partition;
    ///
    /// assert!(Partition::Aws.region_matches("eu-west-3"));
    /// assert!(Partition::Aws.region_matches("ap-southeast-9"));
    /// assert!(!Partition::Aws.region_matches("us-gov-west-1"));
    /// assert!(Partition::AwsUsGov.region_matches("us-gov-west-1"));
    /// assert!(!Partition::Aws.region_matches("aws-global"));
    /// ```
    pub const fn region_matches(self, region: &str) -> bool {
        let b = region.as_bytes();
        match self {
            // ^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$
            Partition::Aws => {
                b.len() >= 2
                    && matches!(
                        (b[0], b[1]),
                        (b'u', b's')
                            | (b'e', b'u')
                            | (b'a', b'p')
                            | (b's', b'a')
                            | (b'c', b'a')
                            | (b'm', b'e')
                            | (b'a', b'f')
                            | (b'i', b'l')
                            | (b'm', b'x')
                    )
                    && tail_matches(b, 2)
            }
            // ^cn\-\w+\-\d+$
            Partition::AwsCn => prefix_then_tail(b, b"cn"),
            // ^us\-gov\-\w+\-\d+$
            Partition::AwsUsGov => prefix_then_tail(b, b"us-gov"),
            // ^us\-iso\-\w+\-\d+$
            Partition::AwsIso => prefix_then_tail(b, b"us-iso"),
            // ^us\-isob\-\w+\-\d+$
            Partition::AwsIsoB => prefix_then_tail(b, b"us-isob"),
            // ^eu\-isoe\-\w+\-\d+$
            Partition::AwsIsoE => prefix_then_tail(b, b"eu-isoe"),
            // ^us\-isof\-\w+\-\d+$
            Partition::AwsIsoF => prefix_then_tail(b, b"us-isof"),
            // ^eusc\-(de)\-\w+\-\d+$
            Partition::AwsEusc => prefix_then_tail(b, b"eusc-de"),
        }
    }

    /// The partition whose region pattern `region` matches. The patterns
    /// do not overlap, so there is at most one.
    pub(crate) const fn of_region(region: &str) -> Option<Partition> {
        let mut i = 0;
        while i < Partition::ALL.len() {
            if Partition::ALL[i].region_matches(region) {
                return Some(Partition::ALL[i]);
            }
            i += 1;
        }
        None
    }
}

/// `prefix` then `\-\w+\-\d+$`.
const fn prefix_then_tail(b: &[u8], prefix: &[u8]) -> bool {
    if b.len() < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if b[i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    tail_matches(b, prefix.len())
}

/// Whether `b[i..]` matches `\-\w+\-\d+$`. `\w` does not match `-`, so the
/// word run ends at the next `-` and no backtracking is needed.
const fn tail_matches(b: &[u8], mut i: usize) -> bool {
    if i >= b.len() || b[i] != b'-' {
        return false;
    }
    i += 1;
    let word = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    if i == word || i >= b.len() || b[i] != b'-' {
        return false;
    }
    i += 1;
    let digits = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i > digits && i == b.len()
}

/// `expected one of aws, aws-cn, ...`
pub(crate) const UNKNOWN_PARTITION: Problem = Problem::value(Expected::Partition, Found::Nothing);

impl FromStr for Partition {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Partition::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| Error::invalid(ValueKind::Partition, s, UNKNOWN_PARTITION))
    }
}
