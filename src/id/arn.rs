//! [`Arn`] and [`ArnPattern`]: Amazon Resource Names, concrete and as
//! written in a policy's `Resource`.
//!
//! Both split with the `arn` crate's `NaiveArn` (not part of the public
//! API), then check each field.

use std::str::FromStr;

use arn::naive::{NaiveArn, ParseNaiveArnError};

use crate::error::{Error, Expected, Found, Part, Problem, Reason, Result, ValueKind};
use crate::id::account::account_problem;
use crate::id::partition::UNKNOWN_PARTITION;
use crate::id::{first_bad, AccountId, Partition};

/// The longest ARN the IAM and STS APIs accept (`arnType`, max 2048).
const MAX_LEN: usize = 2048;

/// An ARN split into its six fields, borrowed from the text.
pub(crate) struct Fields<'a> {
    pub(crate) partition: &'a str,
    pub(crate) service: &'a str,
    pub(crate) region: &'a str,
    pub(crate) account: &'a str,
    pub(crate) resource: &'a str,
    /// Byte offsets of the five `:` that end `arn` and the next four fields.
    pub(crate) colons: [usize; 5],
}

impl<'a> Fields<'a> {
    fn from_colons(s: &'a str, colons: [usize; 5]) -> Self {
        Fields {
            partition: &s[colons[0] + 1..colons[1]],
            service: &s[colons[1] + 1..colons[2]],
            region: &s[colons[2] + 1..colons[3]],
            account: &s[colons[3] + 1..colons[4]],
            resource: &s[colons[4] + 1..],
            colons,
        }
    }
}

/// The colon offsets of a split ARN.
fn colons_of(n: &NaiveArn<'_>) -> [usize; 5] {
    let c0 = "arn".len();
    let c1 = c0 + 1 + n.partition.len();
    let c2 = c1 + 1 + n.service.len();
    let c3 = c2 + 1 + n.region.map_or(0, str::len);
    let c4 = c3 + 1 + n.account_id.map_or(0, str::len);
    [c0, c1, c2, c3, c4]
}

/// Splits `s` into its six fields. An empty resource is accepted only when
/// `allow_empty_resource` (AWS accepts `arn:aws:organizations::*:` in a
/// policy).
pub(crate) fn split(s: &str, allow_empty_resource: bool) -> Result<Fields<'_>, Problem> {
    // Fast path, one pass over the bytes: "arn:", then four more ":"
    // around a partition, a service and a resource that are not empty.
    // NaiveArn::parse accepts exactly these with the same fields; anything
    // else goes to it for its verdict and reason.
    if let Some(rest) = s.strip_prefix("arn:") {
        let mut colons = [3, 0, 0, 0, 0];
        let mut n = 1;
        for (i, b) in rest.bytes().enumerate() {
            if b == b':' {
                colons[n] = 4 + i;
                n += 1;
                if n == 5 {
                    break;
                }
            }
        }
        if n == 5 && colons[1] > 4 && colons[2] > colons[1] + 1 && colons[4] + 1 < s.len() {
            return Ok(Fields::from_colons(s, colons));
        }
    }
    split_naive(s, allow_empty_resource)
}

/// [`split`] by `NaiveArn`, with its reasons.
fn split_naive(s: &str, allow_empty_resource: bool) -> Result<Fields<'_>, Problem> {
    match NaiveArn::parse(s) {
        Ok(n) => Ok(Fields::from_colons(s, colons_of(&n))),
        Err(ParseNaiveArnError::MissingResource) if allow_empty_resource => {
            // The splitter insists on a resource; give it one to learn
            // where the other fields are.
            let padded = format!("{s}*");
            match NaiveArn::parse(&padded) {
                Ok(n) => Ok(Fields::from_colons(s, colons_of(&n))),
                Err(e) => Err(split_reason(&e, s)),
            }
        }
        Err(e) => Err(split_reason(&e, s)),
    }
}

fn split_reason(e: &ParseNaiveArnError, s: &str) -> Problem {
    match e {
        ParseNaiveArnError::MissingPrefix => Problem::arn(Expected::ArnPrefix, Found::Nothing),
        ParseNaiveArnError::NotEnoughElements => {
            Problem::arn(Expected::ArnFields, Found::Count(s.split(':').count()))
        }
        ParseNaiveArnError::MissingPartition => {
            Problem::part(Part::Partition, "", UNKNOWN_PARTITION)
        }
        ParseNaiveArnError::MissingService => Problem::part(
            Part::Service,
            "",
            Problem::value(Expected::ServiceChars { wildcards: false }, Found::Empty),
        ),
        ParseNaiveArnError::MissingResource => Problem::arn(Expected::ArnResource, Found::Empty),
    }
}

/// Length and control characters, for the whole text.
fn check_text(s: &str) -> Result<(), Problem> {
    // Fast path: printable ASCII has no control character and one byte
    // per character.
    // A fold without early exit, which the compiler vectorizes.
    if s.len() <= MAX_LEN
        && s.bytes()
            .fold(true, |ok, b| ok & (b.wrapping_sub(0x20) < 0x5F))
    {
        return Ok(());
    }
    if let Some((pos, c)) = first_bad(s, |c| !c.is_control()) {
        return Err(Problem::arn(Expected::NoControl, Found::Char { pos, c }));
    }
    let n = s.chars().count();
    if n > MAX_LEN {
        return Err(Problem::arn(Expected::AtMost(MAX_LEN), Found::Count(n)));
    }
    Ok(())
}

/// A known partition.
pub(crate) fn known_partition(p: &str) -> Result<Partition, Problem> {
    p.parse::<Partition>()
        .map_err(|_| Problem::part(Part::Partition, p, UNKNOWN_PARTITION))
}

fn check_service(service: &str, wildcards: bool) -> Result<(), Problem> {
    // Fast path over the bytes; the characters only for the reason.
    if service.bytes().all(|b| {
        b.is_ascii_lowercase()
            || b.is_ascii_digit()
            || b == b'-'
            || (wildcards && (b == b'*' || b == b'?'))
    }) {
        return Ok(());
    }
    let ok = |c: char| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || (wildcards && is_wildcard(c))
    };
    match first_bad(service, ok) {
        None => Ok(()),
        Some((pos, c)) => Err(Problem::part(
            Part::Service,
            service,
            Problem::value(Expected::ServiceChars { wildcards }, Found::Char { pos, c }),
        )),
    }
}

/// A region without wildcards: empty, or one of `partition` (any
/// partition's when `None`), and empty for IAM and STS.
fn check_concrete_region(
    region: &str,
    partition: Option<Partition>,
    service: &str,
) -> Result<(), Problem> {
    if region.is_empty() {
        return Ok(());
    }
    let expected = match (service, partition) {
        ("iam", _) => Expected::EmptyRegionFor("iam"),
        ("sts", _) => Expected::EmptyRegionFor("sts"),
        (_, Some(p)) if !p.region_matches(region) => Expected::RegionOf(p),
        (_, None) if Partition::of_region(region).is_none() => Expected::KnownRegion,
        _ => return Ok(()),
    };
    Err(Problem::part(
        Part::Region,
        region,
        Problem::value(expected, Found::Nothing),
    ))
}

/// An account without wildcards: empty, `aws`, or 12 digits.
fn check_concrete_account(account: &str) -> Result<(), Problem> {
    if account.is_empty() || account == "aws" {
        return Ok(());
    }
    match account_problem(account) {
        None => Ok(()),
        Some(problem) => Err(Problem::part(Part::Account, account, problem)),
    }
}

/// The partition, account and resource of an IAM or STS principal ARN:
/// known partition, service `service`, empty region, 12-digit account.
pub(crate) fn split_principal<'a>(
    s: &'a str,
    service: &'static str,
) -> Result<(Partition, AccountId, &'a str), Problem> {
    let f = split(s, false)?;
    let partition = known_partition(f.partition)?;
    if f.service != service {
        return Err(Problem::part(
            Part::Service,
            f.service,
            Problem::value(Expected::Service(service), Found::Nothing),
        ));
    }
    if !f.region.is_empty() {
        return Err(Problem::part(
            Part::Region,
            f.region,
            Problem::value(Expected::EmptyRegion, Found::Nothing),
        ));
    }
    let account = AccountId::checked(f.account)
        .map_err(|problem| Problem::part(Part::Account, f.account, problem))?;
    Ok((partition, account, f.resource))
}

fn is_wildcard(c: char) -> bool {
    c == '*' || c == '?'
}

fn has_wildcard(s: &str) -> bool {
    crate::bytes::has_wildcard(s.as_bytes())
}

/// A concrete Amazon Resource Name:
/// `arn:partition:service:region:account:resource`, without wildcards or
/// policy variables.
///
/// - partition: one of [`Partition::ALL`];
/// - service: lowercase letters, digits and hyphens (`iam`, `s3`,
///   `execute-api`);
/// - region: empty, or a region of the partition
///   ([`Partition::region_matches`]); always empty for `iam` and `sts`;
/// - account: empty, 12 digits, or `aws` (as in
///   `arn:aws:iam::aws:policy/AdministratorAccess`);
/// - resource: not empty, no control characters; it may contain `/` and
///   `:`;
/// - at most 2048 characters in all.
///
/// For the `Resource` of a policy, which may use `*`, `?` and `${...}`,
/// see [`ArnPattern`].
///
/// ```
/// use iam_ecs::{Arn, Partition};
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let arn = Arn::parse("arn:aws:logs:us-east-1:111122223333:log-group:/ecs/web")?;
/// assert_eq!(arn.partition(), Partition::Aws);
/// assert_eq!(arn.service(), "logs");
/// assert_eq!(arn.region(), "us-east-1");
/// assert_eq!(arn.account(), "111122223333");
/// assert_eq!(arn.resource(), "log-group:/ecs/web");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Arn {
    text: String,
    colons: [usize; 5],
    partition: Partition,
}

impl Arn {
    /// Parses a concrete ARN.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for, among others: `"s3:::bucket"` (no `arn:`),
    /// `"arn:aws:s3:::"` (empty resource), `"arn:aws:s3"` (too few fields),
    /// `"arn:aws-xx:s3:::b"` (unknown partition), `"arn:aws:S3:::b"`
    /// (uppercase service), `"arn:aws:iam:us-east-1:111122223333:role/x"`
    /// (IAM has no region), `"arn:aws:sqs:cn-north-1:111122223333:q"`
    /// (region of another partition),
    /// `"arn:aws:iam::1111222233334444:role/x"` (16-digit account),
    /// `"arn:aws:s3:::bucket/*"` (wildcard),
    /// `"arn:aws:iam::111122223333:user/${aws:username}"` (policy
    /// variable).
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let arn = iam_ecs::Arn::parse("arn:aws:iam::aws:policy/AdministratorAccess")?;
    /// assert_eq!(arn.account(), "aws");
    ///
    /// let err = iam_ecs::Arn::parse("arn:aws:iam::1111222233334444:role/x").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"invalid ARN "arn:aws:iam::1111222233334444:role/x": account "1111222233334444": expected 12 digits, found 16"#,
    /// );
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

    /// The partition (`aws` in `arn:aws:...`).
    pub fn partition(&self) -> Partition {
        self.partition
    }

    /// The service namespace, such as `iam` or `s3`.
    pub fn service(&self) -> &str {
        self.fields().service
    }

    /// The region, such as `us-east-1`; empty for global resources.
    pub fn region(&self) -> &str {
        self.fields().region
    }

    /// The account: 12 digits, `aws`, or empty (S3 buckets, for example).
    pub fn account(&self) -> &str {
        self.fields().account
    }

    /// Everything after the fifth `:`, such as `role/app/Name` or
    /// `log-group:/ecs/web`.
    pub fn resource(&self) -> &str {
        self.fields().resource
    }

    fn fields(&self) -> Fields<'_> {
        Fields::from_colons(&self.text, self.colons)
    }
}

fn parse_concrete(s: &str) -> Result<([usize; 5], Partition), Problem> {
    check_text(s)?;
    if let Some(i) = s.find(is_wildcard) {
        return Err(Problem::arn(Expected::NoWildcards, Found::at_byte(s, i)));
    }
    if let Some(i) = find_variable(s) {
        let pos = s[..i].chars().count();
        return Err(Problem::arn(Expected::NoVariables, Found::Variable { pos }));
    }
    let f = split(s, false)?;
    let partition = known_partition(f.partition)?;
    check_service(f.service, false)?;
    check_concrete_region(f.region, Some(partition), f.service)?;
    check_concrete_account(f.account)?;
    Ok((f.colons, partition))
}

impl FromStr for Arn {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match parse_concrete(s) {
            Ok((colons, partition)) => Ok(Arn {
                text: s.to_owned(),
                colons,
                partition,
            }),
            Err(problem) => Err(Error::invalid(ValueKind::Arn, s, problem)),
        }
    }
}

/// An ARN as written in a policy's `Resource` or `NotResource`, or in an
/// ARN condition: `arn:partition:service:region:account:resource` where
/// fields may use the wildcards `*` and `?`, and the resource may use
/// policy variables such as `${aws:username}`.
///
/// The rules are those of [`Arn`], except that:
/// - any field after `arn:` may contain `*` (any run of characters) and
///   `?` (one character): `arn:*:s3:::b`, `arn:aws:ec2:*:*:instance/*`;
///   a field with a wildcard is checked only for its characters (a
///   partition without one must still be known);
/// - policy variables `${...}` are allowed only in the resource, after
///   the fifth `:` ("You can't use a variable to replace parts of the ARN
///   before the fifth colon", IAM User Guide);
/// - the resource may be empty (`arn:aws:organizations::*:` is in an AWS
///   managed policy).
///
/// The bare `*` that means "every resource" is not an ARN; the policy
/// model keeps it apart.
///
/// ```
/// use iam_ecs::ArnPattern;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let p = ArnPattern::parse("arn:aws:iam::*:user/${aws:username}")?;
/// assert_eq!(p.partition(), "aws");
/// assert_eq!(p.account(), "*");
/// assert_eq!(p.resource(), "user/${aws:username}");
/// # Ok(())
/// # }
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArnPattern {
    text: String,
    colons: [usize; 5],
}

impl ArnPattern {
    /// Parses an ARN pattern.
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] for, among others: `"*"` (not an ARN),
    /// `"arn:aws:s3"` (too few fields), `"arn:aws-xx:s3:::b"` (unknown
    /// partition), `"arn:aws:S3:::b"` (uppercase service),
    /// `"arn:aws:iam::${aws:PrincipalAccount}:role/x"` (variable before
    /// the fifth colon), `"arn:aws:s3:::b/${aws:username"` (unclosed
    /// variable), `"arn:aws:iam::1111222233334444:role/*"` (16-digit
    /// account), `"arn:aws:ec2:xx-east-1:*:instance/*"` (unknown region).
    ///
    /// ```
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let p = iam_ecs::ArnPattern::parse("arn:*:s3:::my-bucket/*")?;
    /// assert_eq!(p.partition(), "*");
    /// # Ok(())
    /// # }
    /// ```
    pub fn parse(s: &str) -> Result<Self> {
        s.parse()
    }

    /// The whole pattern.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The partition field as written: `aws`, or a wildcard such as `*`.
    pub fn partition(&self) -> &str {
        self.fields().partition
    }

    /// The partition, when the field names one without wildcards.
    pub fn known_partition(&self) -> Option<Partition> {
        self.partition().parse().ok()
    }

    /// The service field, such as `s3` or `*`.
    pub fn service(&self) -> &str {
        self.fields().service
    }

    /// The region field: empty, a region, or a wildcard pattern.
    pub fn region(&self) -> &str {
        self.fields().region
    }

    /// The account field: empty, 12 digits, `aws`, or a wildcard pattern.
    pub fn account(&self) -> &str {
        self.fields().account
    }

    /// Everything after the fifth `:`, wildcards and variables included.
    pub fn resource(&self) -> &str {
        self.fields().resource
    }

    /// Whether any field has a `*` or `?` wildcard.
    pub fn has_wildcards(&self) -> bool {
        has_wildcard(&self.text)
    }

    fn fields(&self) -> Fields<'_> {
        Fields::from_colons(&self.text, self.colons)
    }
}

impl ArnPattern {
    /// Checks `s` as a pattern without building one (nothing is allocated
    /// unless it is invalid): its fields, or the reason it is not a
    /// pattern, whose [`Reason::code`] is always `Some` (the ARN codes of
    /// [`Error::code`]). [`ArnPattern::parse`] is this plus a copy of the
    /// text; policy checks, which only need the account, call this per
    /// resource.
    pub(crate) fn validate(s: &str) -> Result<Fields<'_>, Reason> {
        parse_pattern(s).map_err(Reason::new)
    }
}

impl From<Arn> for ArnPattern {
    /// Every concrete ARN is a pattern that matches itself.
    fn from(arn: Arn) -> Self {
        ArnPattern {
            text: arn.text,
            colons: arn.colons,
        }
    }
}

/// The fields of an ARN pattern (as [`split`] found them), or why it is
/// not one.
fn parse_pattern(s: &str) -> Result<Fields<'_>, Problem> {
    check_text(s)?;
    let f = split(s, true)?;
    if let Some(i) = find_variable(&s[..f.colons[4]]) {
        let pos = s[..i].chars().count();
        return Err(Problem::arn(
            Expected::VariablesInResource,
            Found::Variable { pos },
        ));
    }
    check_variables(s, f.colons[4] + 1)?;

    let partition = if has_wildcard(f.partition) {
        let ok = |c: char| c.is_ascii_lowercase() || c == '-' || is_wildcard(c);
        if let Some((pos, c)) = first_bad(f.partition, ok) {
            return Err(Problem::part(
                Part::Partition,
                f.partition,
                Problem::value(Expected::PartitionPatternChars, Found::Char { pos, c }),
            ));
        }
        None
    } else {
        Some(known_partition(f.partition)?)
    };

    check_service(f.service, true)?;

    if has_wildcard(f.region) {
        let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_') || is_wildcard(c);
        if let Some((pos, c)) = first_bad(f.region, ok) {
            return Err(Problem::part(
                Part::Region,
                f.region,
                Problem::value(Expected::RegionPatternChars, Found::Char { pos, c }),
            ));
        }
    } else {
        let service = if has_wildcard(f.service) {
            ""
        } else {
            f.service
        };
        check_concrete_region(f.region, partition, service)?;
    }

    if has_wildcard(f.account) {
        check_account_pattern(f.account)?;
    } else {
        check_concrete_account(f.account)?;
    }
    Ok(f)
}

/// The byte offset of the first `${` in `s`. A byte scan: `str::find`
/// sets up a substring searcher per call, which costs more than the scan
/// on an ARN.
fn find_variable(s: &str) -> Option<usize> {
    // Most ARNs have no `$` at all: look for one with memchr first.
    let b = s.as_bytes();
    if !has_dollar(b) {
        return None;
    }
    b.windows(2).position(|w| w == b"${")
}

/// Whether `b` has a `$`, eight bytes at a time (memchr costs more on an
/// ARN's few dozen bytes).
fn has_dollar(b: &[u8]) -> bool {
    crate::bytes::any_word(b, 0, |w| crate::bytes::eq(w, b'$'))
}

/// Every `${` from byte `from` on is closed by a `}`.
fn check_variables(s: &str, from: usize) -> Result<(), Problem> {
    let mut i = from;
    while let Some(open) = find_variable(&s[i..]) {
        let open = i + open;
        match s[open..].find('}') {
            Some(close) => i = open + close + 1,
            None => {
                let pos = s[..open].chars().count();
                return Err(Problem::arn(Expected::ClosingBrace { pos }, Found::Nothing));
            }
        }
    }
    Ok(())
}

/// An account field with wildcards: digits, `*` and `?`, matching at most
/// 12 digits (exactly 12 characters when there is no `*`).
fn check_account_pattern(account: &str) -> Result<(), Problem> {
    let ok = |c: char| c.is_ascii_digit() || is_wildcard(c);
    let bad = |expected, found| {
        Err(Problem::part(
            Part::Account,
            account,
            Problem::value(expected, found),
        ))
    };
    if let Some((pos, c)) = first_bad(account, ok) {
        return bad(Expected::AccountPatternChars, Found::Char { pos, c });
    }
    let digits = account.bytes().filter(u8::is_ascii_digit).count();
    let fixed = account.bytes().filter(|&b| b != b'*').count();
    if account.contains('*') {
        if fixed > 12 {
            return bad(Expected::AtMostTwelveDigits, Found::Count(digits));
        }
    } else if fixed != 12 {
        return bad(Expected::TwelveDigitsOrQuestion, Found::Count(fixed));
    }
    Ok(())
}

impl FromStr for ArnPattern {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match ArnPattern::validate(s) {
            Ok(fields) => Ok(ArnPattern {
                text: s.to_owned(),
                colons: fields.colons,
            }),
            Err(reason) => Err(Error::invalid(ValueKind::ArnPattern, s, reason)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_fast_split_agrees_with_naive_arn(
            s in "(arn)?[:a]{0,3}(arn:)?[a:*${}]{0,10}",
            allow in proptest::bool::ANY,
        ) {
            let fast = split(&s, allow).map(|f| f.colons);
            let naive = split_naive(&s, allow).map(|f| f.colons);
            proptest::prop_assert_eq!(fast, naive);
        }
    }

    proptest::proptest! {
        #[test]
        fn dollar_scan_agrees_with_contains(s in "[a$:/*]{0,20}") {
            proptest::prop_assert_eq!(has_dollar(s.as_bytes()), s.contains('$'));
        }
    }

    #[test]
    fn variables_are_found_by_byte_offset() {
        assert_eq!(find_variable("a/${x}"), Some(2));
        assert_eq!(find_variable("é${"), Some(2));
        assert_eq!(find_variable("$ {"), None);
        assert_eq!(find_variable("$"), None);
    }
}
