//! `invalid-region`: an `aws:RequestedRegion` value that is no Region
//! (AA *Invalid Region*).
//!
//! A Region is what botocore's `partitions.json` (2026-08-07, RULES 1.2)
//! allows: a value matching one partition's `regionRegex` (which every
//! listed Region does, and which Regions added later match too), or one
//! of its pseudo-regions (`aws-global`, ...). A value with a wildcard
//! under `StringLike`/`StringNotLike` is reported only when it can match
//! none of them; under another operator a wildcard is a character, and
//! `wildcard-without-like-operator` says so. Values with a policy
//! variable are not checked. `...IgnoreCase` operators compare without
//! case. The global key table has no other key of Region type.

use super::condition::{Family, Operator};
use super::{statement::value_loc, Checker};
use crate::check::Loc;
use crate::code::Code;
use crate::id::{region_or_pseudo, PSEUDO_REGIONS};
use crate::policy::{ConditionValue, OneOrMany};

/// The date of the Region data (the botocore commit of `partitions.json`).
const REGIONS_DATE: &str = "2026-08-07";

/// The literal start of each partition's Region pattern (`aws` has
/// nine); each is followed by `-`, a word (`[A-Za-z0-9_]+`), `-` and
/// digits. Kept in step with `Partition::region_matches`.
const REGION_PREFIXES: [&[u8]; 16] = [
    b"us", b"eu", b"ap", b"sa", b"ca", b"me", b"af", b"il", b"mx", b"cn", b"us-gov", b"us-iso",
    b"us-isob", b"eu-isoe", b"us-isof", b"eusc-de",
];

impl Checker<'_> {
    /// The values of `aws:RequestedRegion` under a String operator.
    pub(super) fn region_values(
        &mut self,
        op: &str,
        o: &Operator,
        key: &str,
        values: &OneOrMany<ConditionValue>,
        at: &Loc,
    ) {
        if o.family != Family::String
            || key.len() != "aws:RequestedRegion".len()
            || !key.eq_ignore_ascii_case("aws:RequestedRegion")
        {
            return;
        }
        let ignore_case = op.contains("IgnoreCase");
        for (j, v) in values.iter().enumerate() {
            let ConditionValue::String(t) = v else {
                continue;
            };
            if super::text::has_variable(t) {
                continue;
            }
            let wild = crate::bytes::has_wildcard(t.as_bytes());
            let ok = match (wild, o.like) {
                (true, true) => pattern_can_match_region(t.as_bytes()),
                (true, false) => true,
                (false, _) if ignore_case && t.bytes().any(|b| b.is_ascii_uppercase()) => {
                    region_or_pseudo(&t.to_ascii_lowercase())
                }
                (false, _) => region_or_pseudo(t),
            };
            if ok {
                continue;
            }
            let what = if wild {
                "can match no Region"
            } else {
                "is not a Region"
            };
            self.sink.report(
                Code::InvalidRegion,
                &value_loc(at, values, j),
                format!(
                    "{op} value {t:?} for {key} {what}: no partition's Region pattern in botocore's \
                     partitions.json of {REGIONS_DATE} allows it (Regions look like \"us-east-1\", \
                     \"eu-west-3\", \"us-gov-west-1\"); IAM accepts any string, but no request is \
                     made in such a Region"
                ),
            );
        }
    }
}

/// Whether the `*`/`?` pattern `p` (case-sensitive, as `StringLike`) can
/// match a Region or a pseudo-region.
fn pattern_can_match_region(p: &[u8]) -> bool {
    REGION_PREFIXES
        .iter()
        .any(|prefix| pattern_meets(p, prefix))
        || PSEUDO_REGIONS
            .iter()
            .any(|r| super::action::bytes_cover(p, r.as_bytes(), false))
}

/// Whether `p` can match a string of the language `prefix` `-` `\w+` `-`
/// `\d+`: the pattern run over the language's automaton, its states a bit
/// set (state `i <= n` has read `i` bytes of the prefix; `n + 1` has read
/// the first `-`, `n + 2` a word, `n + 3` the second `-`, `n + 4` digits
/// and accepts).
fn pattern_meets(p: &[u8], prefix: &[u8]) -> bool {
    let n = prefix.len();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    // The states after reading `c` from `states`.
    let step = |states: u32, c: Option<u8>| -> u32 {
        let mut out = 0;
        for q in 0..=n + 4 {
            if states & (1 << q) == 0 {
                continue;
            }
            let next: &[usize] = match q {
                q if q < n => match c {
                    Some(c) if c != prefix[q] => &[],
                    _ => &[1],
                },
                q if q == n => match c {
                    Some(b'-') | None => &[1],
                    _ => &[],
                },
                q if q == n + 1 => match c {
                    Some(c) if !word(c) => &[],
                    _ => &[1],
                },
                q if q == n + 2 => match c {
                    None => &[0, 1],
                    Some(b'-') => &[1],
                    Some(c) if word(c) => &[0],
                    Some(_) => &[],
                },
                _ => match c {
                    Some(c) if !c.is_ascii_digit() => &[],
                    _ if q == n + 3 => &[1],
                    _ => &[0],
                },
            };
            for d in next {
                out |= 1 << (q + d);
            }
        }
        out
    };
    let mut states: u32 = 1;
    for &c in p {
        states = match c {
            b'?' => step(states, None),
            b'*' => {
                // Any number of bytes: the closure under any byte.
                let mut s = states;
                loop {
                    let more = s | step(s, None);
                    if more == s {
                        break s;
                    }
                    s = more;
                }
            }
            c => step(states, Some(c)),
        };
        if states == 0 {
            return false;
        }
    }
    states & (1 << (n + 4)) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_against_the_region_language() {
        for ok in [
            "*",
            "us-*",
            "us-east-?",
            "*-1",
            "eu-*-1",
            "us-gov-*",
            "eusc-de-*",
            "ap-southeast-9*",
            "aws-*",
            "*global",
            "?s-east-1",
            "us-east-1",
            "us-*-x*",
        ] {
            assert!(pattern_can_match_region(ok.as_bytes()), "{ok}");
        }
        for bad in [
            "xx-*",
            "us-*east",
            "US-*",
            "us-east-*a",
            "*-",
            "us",
            "?",
            "eu-isoe",
            "us-*-x",
            "*_global",
        ] {
            assert!(!pattern_can_match_region(bad.as_bytes()), "{bad}");
        }
        let glob = |p: &[u8], t: &[u8]| super::super::action::bytes_cover(p, t, false);
        assert!(glob(b"a*c", b"abbc") && !glob(b"a*c", b"abb") && glob(b"*", b""));
    }
}
